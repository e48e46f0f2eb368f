import PropertyBased
import Testing

@testable import Crossroads

/// Small assessments built in code, for tests.
///
/// ```swift
/// let a = TestAssessments.assessment(
///     items: [TestAssessments.yesNo("q.hit"), TestAssessments.likert("q.close", 1...5)],
///     flags: [TestAssessments.safetyFlag("f.hit", item: "q.hit")])
/// let result = a.score(TestAssessments.answers(["q.hit": .yes], for: a))
/// ```
enum TestAssessments {
    // MARK: Items

    /// A yes/no item (yes and no weigh `yes` and `no`).
    static func yesNo(
        _ id: String, yes: FixedDecimal = 1, no: FixedDecimal = 0, showIf: Condition? = nil, skippable: Bool = true
    ) -> Item {
        Item(
            id: id, kind: .yesNo, text: "Question \(id)?", showIf: showIf,
            options: [Option(value: "yes", label: "Yes", weight: yes), Option(value: "no", label: "No", weight: no)],
            skippable: skippable)
    }

    /// A Likert item over integer points; each point weighs its own value unless `weights` are given.
    static func likert(
        _ id: String, _ points: ClosedRange<Int>, weights: [FixedDecimal]? = nil, showIf: Condition? = nil
    ) -> Item {
        let options = points.enumerated().map { offset, point in
            Option(value: String(point), label: "Point \(point)", weight: weights?[offset] ?? FixedDecimal(point))
        }
        return Item(id: id, kind: .likert, text: "Rate \(id)", showIf: showIf, options: options)
    }

    /// A single-choice item with these option values and weights.
    static func single(_ id: String, _ options: KeyValuePairs<String, FixedDecimal>, showIf: Condition? = nil) -> Item {
        Item(
            id: id, kind: .single, text: "Choose one for \(id)", showIf: showIf,
            options: options.map { Option(value: $0.key, label: $0.key.capitalized, weight: $0.value) })
    }

    /// A multiple-choice item with these option values and weights.
    static func multiple(_ id: String, _ options: KeyValuePairs<String, FixedDecimal>, showIf: Condition? = nil) -> Item {
        Item(
            id: id, kind: .multiple, text: "Choose any for \(id)", showIf: showIf,
            options: options.map { Option(value: $0.key, label: $0.key.capitalized, weight: $0.value) })
    }

    /// A free-text item.
    static func text(_ id: String, showIf: Condition? = nil) -> Item {
        Item(id: id, kind: .text, text: "In your own words: \(id)", showIf: showIf)
    }

    // MARK: Scales, flags, outcomes

    /// A band starting at `from`.
    static func band(_ id: String, from: FixedDecimal, _ kind: Band.Kind = .neutral) -> Band {
        Band(id: id, label: id.capitalized, from: from, kind: kind)
    }

    /// A scale over these items (`reversed` lists the ones scored in reverse).
    static func scale(
        _ id: String, _ items: [String], reversed: Set<String> = [], minimumAnswered: Int? = nil,
        bands: [Band] = [band("any", from: -1_000)]
    ) -> Scale {
        Scale(
            id: id, title: "Scale \(id)",
            members: items.map { Scale.Member(item: $0, reverse: reversed.contains($0)) },
            minimumAnswered: minimumAnswered, bands: bands)
    }

    /// A flag raised by any one of these (item, value) answers.
    static func flag(
        _ id: String, severity: Flag.Severity = .warning, category: Flag.Category = .relationship,
        answers: [(item: String, value: String)]
    ) -> Flag {
        Flag(
            id: id, title: "Flag \(id)", message: "Flag \(id) was raised.", severity: severity,
            category: category, trigger: .answers(answers.map { Flag.AnswerMatch(item: $0.item, value: $0.value) }))
    }

    /// A flag raised when a scale's raw score is within the bounds.
    static func flag(
        _ id: String, severity: Flag.Severity = .warning, category: Flag.Category = .relationship,
        scale: String, atLeast: FixedDecimal? = nil, atMost: FixedDecimal? = nil
    ) -> Flag {
        Flag(
            id: id, title: "Flag \(id)", message: "Flag \(id) was raised.", severity: severity,
            category: category, trigger: .scale(id: scale, atLeast: atLeast, atMost: atMost))
    }

    /// A critical safety flag raised by one answer (by default, yes).
    static func safetyFlag(_ id: String, item: String, value: String = "yes") -> Flag {
        flag(id, severity: .critical, category: .safety, answers: [(item, value)])
    }

    /// An outcome with a rule.
    static func outcome(_ id: String, priority: Int = 0, rule: RuleCondition?) -> Outcome {
        Outcome(
            id: id, title: "Outcome \(id)", summary: "Summary of \(id).", meaning: "Meaning of \(id).",
            nextSteps: ["A step for \(id)."], rule: rule, priority: priority)
    }

    /// The safety outcome, id `safety`.
    static func safetyOutcome(priority: Int = 0, rule: RuleCondition? = nil) -> Outcome {
        Outcome(
            id: "safety", title: "Safety first", summary: "Your safety comes first.", meaning: "Get support.",
            nextSteps: ["Talk to an advocate."], rule: rule, priority: priority, isSafety: true)
    }

    /// The fallback outcome, id `unsure`.
    static func fallbackOutcome() -> Outcome {
        Outcome(
            id: "unsure", title: "Not sure yet", summary: "No clear answer.", meaning: "Take your time.",
            nextSteps: ["Come back later."], isFallback: true)
    }

    // MARK: Assessments and answers

    /// An assessment of one questionnaire (`q`) with one section; outcomes default to safety and fallback.
    static func assessment(
        id: String = "test", items: [Item], scales: [Scale] = [], flags: [Flag] = [],
        outcomes: [Outcome] = [safetyOutcome(), fallbackOutcome()]
    ) -> Assessment {
        let section = Section(id: "s", title: "Section", items: items)
        let questionnaire = Questionnaire(
            id: "q", version: "1.0.0", title: "Questionnaire", description: "For tests.", reviewed: "2025-01-01",
            sections: [section], scales: scales, flags: flags)
        return assessment(id: id, questionnaires: [questionnaire], outcomes: outcomes)
    }

    /// An assessment of these questionnaires and outcomes.
    static func assessment(id: String = "test", questionnaires: [Questionnaire], outcomes: [Outcome]) -> Assessment {
        Assessment(
            id: id, version: "1.0.0", title: "Test assessment", description: "For tests.", reviewed: "2025-01-01",
            questionnaires: questionnaires, outcomes: outcomes)
    }

    /// Answers to an assessment.
    static func answers(_ responses: [String: Response], for assessment: Assessment) -> Answers {
        Answers(assessmentID: assessment.id, assessmentVersion: assessment.version, responses: responses)
    }
}

// MARK: - Random assessments

/// One random assessment with one random set of answers, for property tests.
struct ScoringCase: Sendable, CustomTestStringConvertible, CustomStringConvertible, CustomDebugStringConvertible {
    /// The assessment.
    var assessment: Assessment
    /// The answers.
    var answers: Answers
    /// Whether every non-safety outcome's rule always holds, with a huge priority.
    var adversarial: Bool

    var testDescription: String { RandomAssessments.summary(of: assessment, answers) }
    var description: String { testDescription }
    var debugDescription: String { testDescription }
}

/// Random assessments (every item kind, weights including negative, backward conditions, scales with bands
/// and missing-data rules, flags including critical safety ones, outcomes with random rules and priorities)
/// and random answers (choices, declines, missing, junk, responses to hidden items).
enum RandomAssessments {
    /// Random cases; `adversarial` makes every other outcome's rule always true with a huge priority.
    static func cases(adversarial: Bool = false) -> Generator<ScoringCase, Shrink.None<ScoringCase>> {
        Generator { rng in
            let assessment = RandomAssessments.assessment(adversarial: adversarial, using: &rng)
            let answers = RandomAssessments.answers(for: assessment, using: &rng)
            return ScoringCase(assessment: assessment, answers: answers, adversarial: adversarial)
        }
    }

    /// Random cases, a third of them adversarial.
    static var mixedCases: Generator<ScoringCase, Shrink.None<ScoringCase>> {
        Generator { rng in
            let adversarial = Int.random(in: 0..<3, using: &rng) == 0
            let assessment = RandomAssessments.assessment(adversarial: adversarial, using: &rng)
            let answers = RandomAssessments.answers(for: assessment, using: &rng)
            return ScoringCase(assessment: assessment, answers: answers, adversarial: adversarial)
        }
    }

    static let junkValue = "zz-not-an-option"

    // MARK: Assessment

    static func assessment<R: RandomNumberGenerator>(adversarial: Bool, using rng: inout R) -> Assessment {
        let itemCount = Int.random(in: 1...10, using: &rng)
        var items: [Item] = []
        for position in 0..<itemCount {
            items.append(item(id: "i\(position)", earlier: items, using: &rng))
        }

        let scales = (0..<Int.random(in: 0...3, using: &rng)).compactMap { number in
            scale(id: "s\(number)", items: items, using: &rng)
        }
        var flags = (0..<Int.random(in: 0...5, using: &rng)).compactMap { number in
            flag(id: "f\(number)", items: items, scales: scales, using: &rng)
        }
        if adversarial, let target = items.first(where: { $0.kind == .yesNo }) ?? items.first(where: \.kind.isChoice),
            let value = target.options.first?.value
        {
            flags.append(TestAssessments.safetyFlag("f.safety", item: target.id, value: value))
        }

        var outcomes: [Outcome] = []
        let others = Int.random(in: 0...4, using: &rng)
        for number in 0..<others {
            if adversarial {
                let rule: RuleCondition =
                    chance(0.5, &rng)
                    ? .allOf([])
                    : .anyOf([.noneOf([]), ruleCondition(flags: flags, scales: scales, depth: 1, using: &rng)])
                outcomes.append(TestAssessments.outcome("o\(number)", priority: Int.max - number, rule: rule))
            } else {
                let rule = ruleCondition(flags: flags, scales: scales, depth: 0, using: &rng)
                outcomes.append(
                    TestAssessments.outcome("o\(number)", priority: Int.random(in: -2...2, using: &rng), rule: rule))
            }
        }
        // Rarely leave out the safety or the fallback outcome, as only an assessment built in code can.
        if !chance(0.05, &rng) {
            let rule: RuleCondition? =
                !adversarial && chance(0.3, &rng)
                ? ruleCondition(flags: flags, scales: scales, depth: 0, using: &rng) : nil
            let priority = adversarial ? Int.min : Int.random(in: -2...2, using: &rng)
            outcomes.append(TestAssessments.safetyOutcome(priority: priority, rule: rule))
        }
        if !chance(0.05, &rng) {
            outcomes.append(TestAssessments.fallbackOutcome())
        }
        outcomes.shuffle(using: &rng)

        // Split the items over one to three questionnaires; scales and flags go to random ones.
        let questionnaireCount = min(Int.random(in: 1...3, using: &rng), items.count)
        var questionnaires: [Questionnaire] = []
        var remaining = items[...]
        for number in 0..<questionnaireCount {
            let take =
                number == questionnaireCount - 1
                ? remaining.count
                : Int.random(in: 1...(remaining.count - (questionnaireCount - number - 1)), using: &rng)
            let chunk = Array(remaining.prefix(take))
            remaining = remaining.dropFirst(take)
            let split = Int.random(in: 0...chunk.count, using: &rng)
            var sections = [Section(id: "q\(number).a", title: "A", items: Array(chunk[..<split]))]
            if split < chunk.count {
                sections.append(Section(id: "q\(number).b", title: "B", items: Array(chunk[split...])))
            }
            questionnaires.append(
                Questionnaire(
                    id: "q\(number)", version: "1.0.0", title: "Q\(number)", description: "Random.",
                    reviewed: "2025-01-01", sections: sections))
        }
        for scale in scales {
            questionnaires[Int.random(in: 0..<questionnaires.count, using: &rng)].scales.append(scale)
        }
        for flag in flags {
            questionnaires[Int.random(in: 0..<questionnaires.count, using: &rng)].flags.append(flag)
        }
        return TestAssessments.assessment(id: "random", questionnaires: questionnaires, outcomes: outcomes)
    }

    static func chance<R: RandomNumberGenerator>(_ probability: Double, _ rng: inout R) -> Bool {
        Double.random(in: 0..<1, using: &rng) < probability
    }

    /// A weight in halves from −3 to 5.
    static func weight<R: RandomNumberGenerator>(_ rng: inout R) -> FixedDecimal {
        halves(Int.random(in: -6...10, using: &rng))
    }

    /// A number of halves (`halves(3)` is 1.5).
    static func halves(_ count: Int) -> FixedDecimal {
        FixedDecimal(units: Int64(count) * FixedDecimal.unitsPerOne / 2)
    }

    static func item<R: RandomNumberGenerator>(id: String, earlier: [Item], using rng: inout R) -> Item {
        let showIf: Condition? =
            !earlier.isEmpty && chance(0.45, &rng) ? condition(earlier: earlier, depth: 0, using: &rng) : nil
        // Rarely a forward, self or unknown reference, as only an assessment built in code can have.
        let oddShowIf: Condition? =
            chance(0.03, &rng) ? .answered(item: [id, "nowhere"].randomElement(using: &rng) ?? id) : nil
        let letters = ["a", "b", "c", "d"]
        switch Int.random(in: 0..<5, using: &rng) {
        case 0:
            if chance(0.5, &rng) {
                return Item(id: id, kind: .yesNo, text: id, showIf: oddShowIf ?? showIf)
            }
            return TestAssessments.yesNo(id, yes: weight(&rng), no: weight(&rng), showIf: oddShowIf ?? showIf)
        case 1:
            let start = Int.random(in: 0...1, using: &rng)
            let points = start...(start + Int.random(in: 1...4, using: &rng))
            let weights: [FixedDecimal]? = chance(0.5, &rng) ? nil : points.map { _ in weight(&rng) }
            return TestAssessments.likert(id, points, weights: weights, showIf: oddShowIf ?? showIf)
        case 2:
            let options = letters.prefix(Int.random(in: 2...4, using: &rng)).map {
                Option(value: $0, label: $0, weight: weight(&rng))
            }
            return Item(id: id, kind: .single, text: id, showIf: oddShowIf ?? showIf, options: options)
        case 3:
            let options = letters.prefix(Int.random(in: 1...4, using: &rng)).map {
                Option(value: $0, label: $0, weight: weight(&rng))
            }
            return Item(id: id, kind: .multiple, text: id, showIf: oddShowIf ?? showIf, options: options)
        default:
            return TestAssessments.text(id, showIf: oddShowIf ?? showIf)
        }
    }

    static func condition<R: RandomNumberGenerator>(earlier: [Item], depth: Int, using rng: inout R) -> Condition {
        if depth < 2, chance(0.25, &rng) {
            let parts = (0..<Int.random(in: 0...3, using: &rng)).map { _ in
                condition(earlier: earlier, depth: depth + 1, using: &rng)
            }
            return chance(0.5, &rng) ? .allOf(parts) : .anyOf(parts)
        }
        guard let target = earlier.randomElement(using: &rng) else { return .allOf([]) }
        var values = target.options.map(\.value)
        if values.isEmpty || chance(0.1, &rng) { values.append(junkValue) }
        let value = values.randomElement(using: &rng) ?? junkValue
        let integers = target.options.compactMap(\.integerValue)
        let bound = Int.random(in: ((integers.min() ?? 0) - 1)...((integers.max() ?? 3) + 1), using: &rng)
        switch Int.random(in: 0..<6, using: &rng) {
        case 0: return .equals(item: target.id, value: value)
        case 1: return .notEquals(item: target.id, value: value)
        case 2:
            let list = (0..<Int.random(in: 1...3, using: &rng)).compactMap { _ in values.randomElement(using: &rng) }
            return .oneOf(item: target.id, values: list)
        case 3: return .answered(item: target.id)
        case 4: return .atLeast(item: target.id, value: bound)
        default: return .atMost(item: target.id, value: bound)
        }
    }

    static func scale<R: RandomNumberGenerator>(id: String, items: [Item], using rng: inout R) -> Scale? {
        let candidates = items.filter(\.kind.isChoice)
        guard !candidates.isEmpty else { return nil }
        let chosen = candidates.shuffled(using: &rng).prefix(Int.random(in: 1...min(6, candidates.count), using: &rng))
        var members = chosen.map { item in
            Scale.Member(item: item.id, reverse: item.kind != .multiple && chance(0.3, &rng))
        }
        if chance(0.03, &rng) { members.append(Scale.Member(item: "nowhere")) }
        let minimumAnswered: Int? = chance(0.4, &rng) ? nil : Int.random(in: 0...members.count, using: &rng)

        let (lowest, highest) = possibleRange(chosen.map { $0 })
        var bands: [Band] = []
        var from = chance(0.9, &rng) ? lowest - FixedDecimal(Int.random(in: 0...1, using: &rng)) : lowest + 0.5
        let kinds = Band.Kind.allCases
        for number in 0..<Int.random(in: 1...4, using: &rng) {
            bands.append(
                Band(
                    id: "\(id).b\(number)", label: "B\(number)", from: from,
                    kind: kinds.randomElement(using: &rng) ?? .neutral))
            from += halves(Int.random(in: 1...6, using: &rng))
            if from > highest + 1 { break }
        }
        return Scale(id: id, title: id, members: members, minimumAnswered: minimumAnswered, bands: bands)
    }

    /// The lowest and highest raw scores items can give together.
    static func possibleRange(_ items: [Item]) -> (FixedDecimal, FixedDecimal) {
        var lowest = FixedDecimal.zero
        var highest = FixedDecimal.zero
        for item in items {
            let weights = item.options.map(\.weight)
            if item.kind == .multiple {
                lowest += weights.filter { $0 < 0 }.reduce(FixedDecimal.zero, +)
                highest += weights.filter { $0 > 0 }.reduce(FixedDecimal.zero, +)
            } else {
                lowest += weights.min() ?? 0
                highest += weights.max() ?? 0
            }
        }
        return (lowest, highest)
    }

    static func flag<R: RandomNumberGenerator>(
        id: String, items: [Item], scales: [Scale], using rng: inout R
    ) -> Flag? {
        let severity: Flag.Severity
        let category: Flag.Category
        if chance(0.35, &rng) {
            (severity, category) = (.critical, .safety)
        } else {
            severity = Flag.Severity.allCases.randomElement(using: &rng) ?? .note
            category = Flag.Category.allCases.randomElement(using: &rng) ?? .other
        }
        if let scale = scales.randomElement(using: &rng), chance(0.4, &rng) {
            let candidates = scale.members.compactMap { member in items.first { $0.id == member.item } }
            let (lowest, highest) = possibleRange(candidates)
            func bound(_ rng: inout R) -> FixedDecimal {
                let half = FixedDecimal.unitsPerOne / 2
                return halves(
                    Int.random(in: Int(lowest.units / half) - 2...Int(highest.units / half) + 2, using: &rng))
            }
            var atLeast: FixedDecimal? = chance(0.6, &rng) ? bound(&rng) : nil
            let atMost: FixedDecimal? = atLeast == nil || chance(0.3, &rng) ? bound(&rng) : nil
            if atLeast == nil, atMost == nil { atLeast = lowest }
            return TestAssessments.flag(
                id, severity: severity, category: category, scale: scale.id, atLeast: atLeast, atMost: atMost)
        }
        let choices = items.filter(\.kind.isChoice)
        guard !choices.isEmpty else { return nil }
        let matches = (0..<Int.random(in: 1...3, using: &rng)).compactMap { _ -> (item: String, value: String)? in
            guard let item = choices.randomElement(using: &rng) else { return nil }
            let value = chance(0.05, &rng) ? junkValue : (item.options.randomElement(using: &rng)?.value ?? junkValue)
            return (item.id, value)
        }
        return TestAssessments.flag(id, severity: severity, category: category, answers: matches)
    }

    static func ruleCondition<R: RandomNumberGenerator>(
        flags: [Flag], scales: [Scale], depth: Int, using rng: inout R
    ) -> RuleCondition {
        if depth < 2, chance(0.3, &rng) {
            let parts = (0..<Int.random(in: 0...3, using: &rng)).map { _ in
                ruleCondition(flags: flags, scales: scales, depth: depth + 1, using: &rng)
            }
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: return .allOf(parts)
            case 1: return .anyOf(parts)
            default: return .noneOf(parts)
            }
        }
        switch Int.random(in: 0..<3, using: &rng) {
        case 0 where !scales.isEmpty:
            let scale = scales.randomElement(using: &rng) ?? scales[0]
            let bands = scale.bands.filter { _ in chance(0.5, &rng) }.map(\.id)
            return .band(scale: scale.id, bands: bands.isEmpty ? [scale.bands[0].id] : bands)
        case 1 where !scales.isEmpty:
            return .insufficient(scale: scales.randomElement(using: &rng)?.id ?? "nowhere")
        default:
            return .flagRaised(flags.randomElement(using: &rng)?.id ?? "nowhere")
        }
    }

    // MARK: Answers

    static func answers<R: RandomNumberGenerator>(for assessment: Assessment, using rng: inout R) -> Answers {
        var answers = Answers(for: assessment)
        for item in assessment.items {
            answers[item.id] = response(for: item, using: &rng)
        }
        return answers
    }

    /// A random response to an item: valid, declined, missing, not reached, not shown or junk.
    static func response<R: RandomNumberGenerator>(for item: Item, using rng: inout R) -> Response? {
        let roll = Int.random(in: 0..<100, using: &rng)
        switch roll {
        case 0..<50: return validAnswer(for: item, using: &rng)
        case 50..<62: return .declined
        case 62..<74: return nil
        case 74..<80: return .notReached
        case 80..<86: return .notShown
        default: return junk(for: item, using: &rng)
        }
    }

    static func validAnswer<R: RandomNumberGenerator>(for item: Item, using rng: inout R) -> Response {
        let values = item.options.map(\.value)
        let note: String? = chance(0.2, &rng) ? "my own words" : nil
        switch item.kind {
        case .text:
            return .text(chance(0.5, &rng) ? "Some words." : "")
        case .multiple:
            return .chosen(values.filter { _ in chance(0.5, &rng) }, note: note)
        case .yesNo, .likert, .single:
            return .chosen([values.randomElement(using: &rng) ?? junkValue], note: note)
        }
    }

    static func junk<R: RandomNumberGenerator>(for item: Item, using rng: inout R) -> Response {
        let values = item.options.map(\.value)
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: return .chosen([junkValue])
        case 1: return item.kind == .text ? .chosen(["yes"]) : .text("junk")
        case 2: return .chosen(values + values)  // several values, or a repeated one
        default: return .chosen([])
        }
    }

    // MARK: Description

    /// A compact description of a case, for failure messages.
    static func summary(of assessment: Assessment, _ answers: Answers) -> String {
        var lines: [String] = []
        for item in assessment.items {
            let options = item.options.map { "\($0.value)=\($0.weight)" }.joined(separator: ",")
            let condition = item.showIf.map { " if \($0)" } ?? ""
            let response = answers[item.id].map { "\($0)" } ?? "nil"
            lines.append("item \(item.id) \(item.kind.rawValue) [\(options)]\(condition) -> \(response)")
        }
        for scale in assessment.scales {
            let members = scale.members.map { $0.reverse ? "\($0.item)(r)" : $0.item }.joined(separator: ",")
            let bands = scale.bands.map { "\($0.id)@\($0.from)" }.joined(separator: ",")
            lines.append(
                "scale \(scale.id) [\(members)] min=\(scale.minimumAnswered.map(String.init) ?? "all") bands \(bands)")
        }
        for flag in assessment.flags {
            lines.append("flag \(flag.id) \(flag.severity.rawValue)/\(flag.category.rawValue) \(flag.trigger)")
        }
        for outcome in assessment.outcomes {
            let kind = outcome.isSafety ? " safety" : outcome.isFallback ? " fallback" : ""
            lines.append("outcome \(outcome.id)\(kind) p=\(outcome.priority) \(outcome.rule.map { "\($0)" } ?? "-")")
        }
        return "\n" + lines.joined(separator: "\n")
    }
}
