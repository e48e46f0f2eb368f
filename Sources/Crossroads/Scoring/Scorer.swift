/// Scores answers to one assessment: which items were shown, each scale, the flags and the outcome, with why.
///
/// Create a scorer once per assessment; it works out everything that does not depend on the answers
/// (where each item is, each scale's members, which flags to test, the order outcome rules are tried in).
/// ``score(_:)`` is then a pure function: the same answers always give an equal result, and scoring many
/// answer sets one after another uses constant memory (nothing is cached between calls).
///
/// ```swift
/// let scorer = Scorer(assessment)
/// for answers in batch {
///     let result = scorer.score(answers)
///     print(result.outcome.title)
/// }
/// ```
///
/// Whatever the assessment's rules and priorities say, a raised flag that is critical and about safety
/// always selects the safety outcome.
public struct Scorer: Sendable {
    /// The version of the scoring engine, cited in reports.
    public static let engineVersion = "1.0.0"

    /// The assessment this scorer scores.
    public let assessment: Assessment

    let items: [CompiledItem]
    /// What checking and scoring read of each item, by position, as plain values (reading them from
    /// ``items`` would copy an ``Item``, with a reference count for each of its fields, every time).
    let facts: [ItemFacts]
    let itemIDs: [String]
    let itemIndex: [String: Int]
    let scales: [CompiledScale]
    let scaleIndex: [String: Int]
    let flags: [CompiledFlag]
    /// Indexes of outcomes that have a rule, in the order they are tried.
    let tryOrder: [Int]
    /// Indexes of outcomes without a rule, as written.
    let withoutRule: [Int]
    let safetyOutcome: Outcome
    let fallbackOutcome: Outcome
    /// Positions of the items that can raise a safety flag, directly or through a scale a safety flag watches.
    let safetyPositions: Set<Int>
    /// Positions of the items whose missing answer is never estimated: the safety items and those marked so.
    let neverImputePositions: Set<Int>

    /// Prepares to score answers to an assessment.
    ///
    /// An assessment built in code need not pass the validator: unknown references never match, and if it
    /// has no safety outcome or no fallback outcome, the engine uses ``Outcome/builtInSafety`` or
    /// ``Outcome/builtInUnclear`` instead.
    public init(_ assessment: Assessment) {
        self.assessment = assessment

        var items: [CompiledItem] = []
        var itemIndex: [String: Int] = [:]
        for questionnaire in assessment.questionnaires {
            for item in questionnaire.items {
                if itemIndex[item.id] == nil { itemIndex[item.id] = items.count }
                items.append(CompiledItem(item, questionnaireID: questionnaire.id))
            }
        }
        self.items = items
        facts = items.indices.map { position in
            let item = items[position].item
            return ItemFacts(
                kind: item.kind, skippable: item.skippable, takesNote: item.notePrompt != nil,
                first: itemIndex[item.id] ?? position)
        }
        itemIDs = items.map(\.item.id)
        self.itemIndex = itemIndex

        var scales: [CompiledScale] = []
        var scaleIndex: [String: Int] = [:]
        for scale in assessment.scales {
            if scaleIndex[scale.id] == nil { scaleIndex[scale.id] = scales.count }
            let members = scale.members.map { member in
                CompiledScale.Member(position: itemIndex[member.item], reverse: member.reverse)
            }
            scales.append(CompiledScale(scale: scale, members: members))
        }
        self.scales = scales
        self.scaleIndex = scaleIndex

        flags = assessment.flags.map { flag in
            switch flag.trigger {
            case .answers(let matches):
                return CompiledFlag(
                    flag: flag,
                    trigger: .answers(matches.map { (position: itemIndex[$0.item], value: $0.value) }))
            case .scale(let id, let atLeast, let atMost):
                return CompiledFlag(
                    flag: flag, trigger: .scale(position: scaleIndex[id], atLeast: atLeast, atMost: atMost))
            case .value(let item, let atLeast, let atMost):
                return CompiledFlag(
                    flag: flag, trigger: .value(position: itemIndex[item], atLeast: atLeast, atMost: atMost))
            case .band(let scale, let bands):
                return CompiledFlag(flag: flag, trigger: .band(position: scaleIndex[scale], bands: bands))
            }
        }

        var safety = Set<Int>()
        for flag in assessment.flags where flag.category == .safety {
            switch flag.trigger {
            case .answers(let matches):
                safety.formUnion(matches.compactMap { itemIndex[$0.item] })
            case .value(let item, _, _):
                safety.formUnion([itemIndex[item]].compactMap { $0 })
            case .scale(let id, _, _), .band(let id, _):
                for scale in assessment.scales where scale.id == id {
                    safety.formUnion(scale.members.compactMap { itemIndex[$0.item] })
                }
            }
        }
        safetyPositions = safety
        neverImputePositions = safety.union(items.indices.filter { items[$0].item.neverImpute })

        let ruled = assessment.outcomes.indices.filter { assessment.outcomes[$0].rule != nil }
        // Descending priority; ties keep the order written (the sort is made stable by the index).
        tryOrder = ruled.sorted { lhs, rhs in
            let left = assessment.outcomes[lhs].priority
            let right = assessment.outcomes[rhs].priority
            return left != right ? left > right : lhs < rhs
        }
        withoutRule = assessment.outcomes.indices.filter { assessment.outcomes[$0].rule == nil }
        safetyOutcome = assessment.safetyOutcome ?? .builtInSafety
        fallbackOutcome = assessment.fallbackOutcome ?? .builtInUnclear
    }

    /// Scores one set of answers.
    ///
    /// The answers' assessment id and version are not checked here (the answers reader does that).
    /// A response that is not a valid answer to its item never counts, and neither does any response to an
    /// item that was not shown.
    public func score(_ answers: Answers) -> ScoreResult {
        score(answers, visibility: visibility(for: answers))
    }

    /// Scores answers whose visibility (``visibility(for:)``) is already known.
    func score(_ answers: Answers, visibility: Visibility) -> ScoreResult {
        let itemResults = itemResults(answers, visibility)
        let core = core(visibility, contributions: true)
        let unansweredSafety = safetyPositions.sorted().filter {
            visibility.shown[$0] && visibility.counted[$0] == nil
        }.map { itemIDs[$0] }
        var result = ScoreResult(
            assessment: assessment, answers: answers, items: itemResults, scales: core.scales,
            flags: core.flags, decision: core.decision, unansweredSafetyQuestions: unansweredSafety)
        let raised = core.flags
        let raisedIDs = Set(raised.map(\.flag.id))
        result.tensions = assessment.tensions.filter { tension in
            guard !tension.flags.isEmpty || !tension.answers.isEmpty else { return false }
            return tension.flags.allSatisfy(raisedIDs.contains)
                && tension.answers.allSatisfy { test in
                    guard let position = itemIndex[test.item], let response = visibility.counted[position] else {
                        return false
                    }
                    return response.values.contains(where: test.values.contains)
                }
        }
        return result
    }

    /// The scales, the raised flags and the decision: the part of scoring that every result needs, shared
    /// by ``score(_:visibility:)`` and ``summary(visibility:)`` so that they cannot disagree. The scales'
    /// contributions are listed only when `contributions` is true.
    func core(_ visibility: Visibility, contributions: Bool) -> (
        scales: [ScaleResult], flags: [RaisedFlag], decision: OutcomeDecision
    ) {
        let scaleResults = scales.map { scaleResult($0, visibility, contributions: contributions) }
        let raised = raisedFlags(visibility, scaleResults)
        return (scaleResults, raised, decide(raised, scaleResults))
    }

    /// What a row of a table needs from scoring one set (``CSVReport``): the outcome, the scales (without
    /// their contributions) and the raised flags, without the per-item results and explanations a report
    /// needs. Equal, part for part, to what ``score(_:visibility:)`` gives.
    func summary(visibility: Visibility) -> ScoreSummary {
        let core = core(visibility, contributions: false)
        return ScoreSummary(
            assessment: assessment, scales: core.scales, flags: core.flags, outcome: core.decision.outcome,
            visibility: visibility)
    }

    /// Works out which items were shown for these answers and which responses count.
    public func visibility(for answers: Answers) -> Visibility {
        visibility { position in answers.responses[itemIDs[position]] }
    }

    /// Works out which items were shown and which responses count, given the response recorded for the
    /// item at each position (the same for every item with one id).
    func visibility(responses response: (Int) -> Response?) -> Visibility {
        var shown = [Bool](repeating: false, count: items.count)
        var counted = [Response?](repeating: nil, count: items.count)
        // The closure below captures this index alone, not a copy of the whole scorer.
        let itemIndex = itemIndex
        for position in items.indices {
            let isShown: Bool
            // Read through the array, field by field: binding the compiled item would copy it.
            if let condition = items[position].item.showIf {
                // Only earlier items' counted responses are visible to a condition.
                isShown = condition.holds { id in
                    guard let earlier = itemIndex[id], earlier < position else { return nil }
                    return counted[earlier]
                }
            } else {
                isShown = true
            }
            shown[position] = isShown
            if isShown, let response = response(position), accepts(response, at: position) {
                counted[position] = response
            }
        }
        return Visibility(ids: itemIDs, index: itemIndex, shown: shown, counted: counted)
    }

    /// The ids of the items shown for these answers.
    public func shownItems(for answers: Answers) -> Set<String> {
        visibility(for: answers).shownItems
    }

    /// Whether an item is shown for these answers (for instance the answers given so far in a session).
    public func isShown(_ item: String, for answers: Answers) -> Bool {
        visibility(for: answers).isShown(item)
    }

    // MARK: Items

    func itemResults(_ answers: Answers, _ visibility: Visibility) -> [ItemResult] {
        items.enumerated().map { position, compiled in
            let recorded = answers.responses[compiled.item.id]
            let invalid = recorded.map { $0.isAnswer && !accepts($0, at: position) } ?? false
            guard visibility.shown[position] else {
                let ignored: Bool
                switch recorded {
                case .chosen?, .text?, .declined?: ignored = true
                case .notShown?, .notReached?, nil: ignored = false
                }
                return ItemResult(
                    item: compiled.item, questionnaireID: compiled.questionnaireID, status: .notShown,
                    response: nil, ignoredResponse: ignored, invalidResponse: invalid)
            }
            let status: ItemResult.Status
            if visibility.counted[position] != nil {
                status = .answered
            } else if case .declined? = recorded {
                status = .declined
            } else {
                status = .notReached
            }
            return ItemResult(
                item: compiled.item, questionnaireID: compiled.questionnaireID, status: status,
                response: visibility.counted[position], ignoredResponse: false, invalidResponse: invalid)
        }
    }

    /// Whether a response is a valid answer to the item at `position` (``Item/accepts(_:)``).
    func accepts(_ response: Response, at position: Int) -> Bool {
        switch response {
        case .text:
            return facts[position].kind == .text
        case .chosen(let values, _):
            switch facts[position].kind {
            case .text:
                return false
            case .multiple:
                guard values.allSatisfy({ items[position].weights[$0] != nil }) else { return false }
                return Set(values).count == values.count
            case .yesNo, .likert, .single:
                return values.count == 1 && items[position].weights[values[0]] != nil
            }
        case .declined, .notShown, .notReached:
            return false
        }
    }
}

/// What checking and scoring read of an item, as plain values.
struct ItemFacts: Sendable {
    let kind: Item.Kind
    let skippable: Bool
    /// Whether it asks for a note.
    let takesNote: Bool
    /// The position of the first item with its id (the one answers and conditions refer to).
    let first: Int
}

extension Assessment {
    /// Scores one set of answers to this assessment.
    ///
    /// To score many answer sets, make one ``Scorer`` and reuse it.
    public func score(_ answers: Answers) -> ScoreResult {
        Scorer(self).score(answers)
    }
}

/// An item with what scoring needs precomputed.
struct CompiledItem: Sendable {
    let item: Item
    let questionnaireID: String
    /// Each option value's weight (the first option with that value).
    let weights: [String: FixedDecimal]
    /// The smallest contribution the item can make to a scale.
    let lowest: FixedDecimal
    /// The largest contribution the item can make to a scale.
    let highest: FixedDecimal

    init(_ item: Item, questionnaireID: String) {
        self.item = item
        self.questionnaireID = questionnaireID
        var weights: [String: FixedDecimal] = [:]
        for option in item.options where weights[option.value] == nil {
            weights[option.value] = option.weight
        }
        self.weights = weights
        let distinct = Array(weights.values)
        switch item.kind {
        case .multiple:
            lowest = FixedDecimal.sum(distinct.filter { $0 < 0 })
            highest = FixedDecimal.sum(distinct.filter { $0 > 0 })
        case .text:
            lowest = 0
            highest = 0
        case .yesNo, .likert, .single:
            lowest = distinct.min() ?? 0
            highest = distinct.max() ?? 0
        }
    }
}

/// A scale with its members' positions resolved.
struct CompiledScale: Sendable {
    struct Member: Sendable {
        /// The item's position; `nil` for an item the assessment does not have.
        let position: Int?
        let reverse: Bool
    }

    let scale: Scale
    let members: [Member]
}

/// A flag with its references resolved.
struct CompiledFlag: Sendable {
    enum Trigger: Sendable {
        case answers([(position: Int?, value: String)])
        case scale(position: Int?, atLeast: FixedDecimal?, atMost: FixedDecimal?)
        case value(position: Int?, atLeast: Int?, atMost: Int?)
        case band(position: Int?, bands: [String])
    }

    let flag: Flag
    let trigger: Trigger
}
