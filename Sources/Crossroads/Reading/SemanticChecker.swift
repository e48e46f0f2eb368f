/// The checks a schema cannot make: references, order, ranges, reachability and the safety rules.
///
/// It reports every problem at once, each at the most precise place known, in an author's words.
struct SemanticChecker {
    /// The positions of the leaves of each item's condition (`item:ID`) and each outcome's rule
    /// (`outcome:ID`), in depth-first order, when the assessment was read from a file. A second element
    /// with the same id has its own entry, `item:ID#2`, and so on.
    var leafLocations: [String: [SourceLocation]] = [:]
    /// Where to point when a problem has no better place.
    var fallbackLocation: SourceLocation?

    private(set) var diagnostics: [Diagnostic] = []
    /// How many times each `item:ID` / `outcome:ID` key has been met, to find the right leaf entry.
    private var occurrences: [String: Int] = [:]

    /// The leaf positions for the next element with this key (`item:ID` or `outcome:ID`).
    private mutating func nextLeafLocations(_ key: String) -> [SourceLocation] {
        let count = (occurrences[key] ?? 0) + 1
        occurrences[key] = count
        return leafLocations[count == 1 ? key : "\(key)#\(count)"] ?? []
    }

    init(leafLocations: [String: [SourceLocation]] = [:], fallbackLocation: SourceLocation? = nil) {
        self.leafLocations = leafLocations
        self.fallbackLocation = fallbackLocation
    }

    private mutating func error(_ message: String, at location: SourceLocation?) {
        diagnostics.append(Diagnostic(.error, message, at: location ?? fallbackLocation))
    }

    private mutating func warning(_ message: String, at location: SourceLocation?) {
        diagnostics.append(Diagnostic(.warning, message, at: location ?? fallbackLocation))
    }

    private func line(_ location: SourceLocation?) -> String {
        location.map { "line \($0.line)" } ?? "elsewhere"
    }

    // MARK: - Entry points

    /// Checks a questionnaire on its own (as a file that an assessment will use).
    mutating func check(questionnaire: Questionnaire) {
        let context = Context(questionnaires: [questionnaire])
        checkQuestionnaires(context)
    }

    /// Checks a whole assessment: its questionnaires together, its outcomes and its resources.
    mutating func check(assessment: Assessment) {
        let context = Context(questionnaires: assessment.questionnaires)
        checkQuestionnaires(context)
        checkOutcomes(assessment, context)
        checkResources(assessment)
    }

    // MARK: - Shared lookups

    struct Context {
        let questionnaires: [Questionnaire]
        /// Item ids in the order a person meets them, with the first definition of each.
        var itemOrder: [String: Int] = [:]
        var items: [String: Item] = [:]
        var ranges: [String: CompiledItem] = [:]
        var scales: [String: Scale] = [:]
        var flags: [String: Flag] = [:]

        init(questionnaires: [Questionnaire]) {
            self.questionnaires = questionnaires
            var position = 0
            for questionnaire in questionnaires {
                for item in questionnaire.items where items[item.id] == nil {
                    items[item.id] = item
                    itemOrder[item.id] = position
                    ranges[item.id] = CompiledItem(item, questionnaireID: questionnaire.id)
                    position += 1
                }
                for scale in questionnaire.scales where scales[scale.id] == nil { scales[scale.id] = scale }
                for flag in questionnaire.flags where flags[flag.id] == nil { flags[flag.id] = flag }
            }
        }

        /// The lowest and highest score a scale can reach when every item is shown.
        func range(of scale: Scale) -> (low: Double, high: Double) {
            var low = 0.0
            var high = 0.0
            for member in scale.members {
                guard let range = ranges[member.item] else { continue }
                low += range.lowest
                high += range.highest
            }
            return (low, high)
        }

        /// Whether a flag can be raised by some answers (ignoring conditions between items).
        func canRaise(_ flag: Flag) -> Bool {
            switch flag.trigger {
            case .answers(let matches):
                return matches.contains { match in items[match.item]?.option(match.value) != nil }
            case .scale(let id, let atLeast, let atMost):
                guard let scale = scales[id] else { return false }
                let (low, high) = rawRange(of: scale)
                if let atLeast, atLeast > high { return false }
                if let atMost, atMost < low { return false }
                if let atLeast, let atMost, atLeast > atMost { return false }
                return true
            }
        }

        /// The range of a scale's raw score over answered items: declining items can bring it toward 0.
        func rawRange(of scale: Scale) -> (low: Double, high: Double) {
            var low = 0.0
            var high = 0.0
            for member in scale.members {
                guard let range = ranges[member.item] else { continue }
                low += min(range.lowest, 0)
                high += max(range.highest, 0)
            }
            return (low, high)
        }

        /// Whether some score of the scale falls in the band.
        func canReach(_ band: Band, of scale: Scale) -> Bool {
            band.from <= range(of: scale).high
        }
    }

    // MARK: - Questionnaires

    private mutating func checkQuestionnaires(_ context: Context) {
        var questionnaireIDs: [String: SourceLocation?] = [:]
        var sectionIDs: [String: SourceLocation?] = [:]
        var itemIDs: [String: SourceLocation?] = [:]
        var scaleIDs: [String: SourceLocation?] = [:]
        var flagIDs: [String: SourceLocation?] = [:]
        var itemCount = 0

        for questionnaire in context.questionnaires {
            if let first = questionnaireIDs[questionnaire.id] {
                error(
                    "the questionnaire id \"\(questionnaire.id)\" is used twice in this assessment (first at \(line(first)))",
                    at: questionnaire.location)
            } else {
                questionnaireIDs[questionnaire.id] = questionnaire.location
            }
            for section in questionnaire.sections {
                if let first = sectionIDs[section.id] {
                    error(
                        "the section id \"\(section.id)\" is already used (first at \(line(first))); section ids must be unique across the assessment",
                        at: section.location)
                } else {
                    sectionIDs[section.id] = section.location
                }
                for item in section.items {
                    itemCount += 1
                    if let first = itemIDs[item.id] {
                        error(
                            "the item id \"\(item.id)\" is already used (first at \(line(first))); item ids must be unique across the assessment",
                            at: item.location)
                    } else {
                        itemIDs[item.id] = item.location
                    }
                    checkOptions(of: item)
                    if let condition = item.showIf {
                        checkCondition(condition, of: item, context)
                    }
                }
            }
            for scale in questionnaire.scales {
                if let first = scaleIDs[scale.id] {
                    error("the scale id \"\(scale.id)\" is already used (first at \(line(first)))", at: scale.location)
                } else {
                    scaleIDs[scale.id] = scale.location
                }
                checkScale(scale, context)
            }
            for flag in questionnaire.flags {
                if let first = flagIDs[flag.id] {
                    error("the flag id \"\(flag.id)\" is already used (first at \(line(first)))", at: flag.location)
                } else {
                    flagIDs[flag.id] = flag.location
                }
                checkFlag(flag, context)
            }
        }
        if itemCount > Limits.maxItems {
            error(
                "this assessment has \(itemCount) questions; Crossroads accepts at most \(Limits.maxItems)",
                at: context.questionnaires.first?.location)
        }
    }

    private mutating func checkOptions(of item: Item) {
        var seen: Set<String> = []
        for option in item.options {
            if !seen.insert(option.value).inserted {
                error("item \"\(item.id)\" has two options with the value \"\(option.value)\"", at: item.location)
            }
            if !option.weight.isFinite {
                error(
                    "option \"\(option.value)\" of item \"\(item.id)\" has a weight that is not a finite number",
                    at: item.location)
            }
        }
        switch item.kind {
        case .yesNo:
            if seen != ["yes", "no"] || item.options.count != 2 {
                error(
                    "yes-no item \"\(item.id)\" must have exactly the options \"yes\" and \"no\" (or none, for the defaults)",
                    at: item.location)
            }
        case .likert:
            if item.options.count < 2 {
                error("likert item \"\(item.id)\" needs at least two points", at: item.location)
            }
            for option in item.options where option.integerValue == nil {
                error(
                    "likert item \"\(item.id)\": the value \"\(option.value)\" is not a whole number; likert points are numbered",
                    at: item.location)
            }
        case .single:
            if item.options.count < 2 {
                error("single-choice item \"\(item.id)\" needs at least two options", at: item.location)
            }
        case .multiple:
            if item.options.isEmpty {
                error("multiple-choice item \"\(item.id)\" needs at least one option", at: item.location)
            }
        case .text:
            if !item.options.isEmpty {
                error("free-text item \"\(item.id)\" cannot have options", at: item.location)
            }
            if item.notePrompt != nil {
                error(
                    "free-text item \"\(item.id)\" cannot have a <note>: its answer is already the person's own words",
                    at: item.location)
            }
        }
    }

    // MARK: - Conditions

    private mutating func checkCondition(_ condition: Condition, of item: Item, _ context: Context) {
        let locations = nextLeafLocations("item:\(item.id)")
        var leafIndex = 0
        checkLeaves(condition, of: item, context, locations: locations, index: &leafIndex)
    }

    private mutating func checkLeaves(
        _ condition: Condition, of item: Item, _ context: Context, locations: [SourceLocation], index: inout Int
    ) {
        switch condition {
        case .allOf(let parts), .anyOf(let parts):
            for part in parts { checkLeaves(part, of: item, context, locations: locations, index: &index) }
            return
        default:
            break
        }
        let location = index < locations.count ? locations[index] : item.location
        index += 1
        guard let target = condition.referencedItems.first else { return }
        guard let referenced = context.items[target] else {
            error(
                "the condition of item \"\(item.id)\" refers to \"\(target)\", which is not an item of this assessment",
                at: location)
            return
        }
        if target == item.id {
            error(
                "the condition of item \"\(item.id)\" refers to the item itself: an item cannot depend on its own answer (a cycle)",
                at: location)
            return
        }
        if let mine = context.itemOrder[item.id], let theirs = context.itemOrder[target], theirs > mine {
            error(
                "the condition of item \"\(item.id)\" refers to \"\(target)\", which comes later; a condition can only use answers given before it",
                at: location)
            return
        }
        switch condition {
        case .equals(_, let value), .notEquals(_, let value):
            checkValue(value, of: referenced, in: item, at: location)
        case .oneOf(_, let values):
            for value in values { checkValue(value, of: referenced, in: item, at: location) }
        case .atLeast, .atMost:
            if referenced.kind == .multiple || referenced.kind == .text
                || referenced.options.contains(where: { $0.integerValue == nil })
            {
                error(
                    "the condition of item \"\(item.id)\" compares \"\(target)\" with a number, but its answers are not numbered",
                    at: location)
            }
        default:
            break
        }
    }

    private mutating func checkValue(_ value: String, of referenced: Item, in item: Item, at location: SourceLocation?)
    {
        if referenced.kind == .text {
            error(
                "the condition of item \"\(item.id)\" compares free-text item \"\(referenced.id)\" with a value; only <answered> works with free text",
                at: location)
        } else if referenced.option(value) == nil {
            let known = referenced.options.map(\.value).joined(separator: ", ")
            error(
                "the condition of item \"\(item.id)\" uses \"\(value)\", which is not an option of \"\(referenced.id)\" (its options: \(known))",
                at: location)
        }
    }

    // MARK: - Scales

    private mutating func checkScale(_ scale: Scale, _ context: Context) {
        var members: Set<String> = []
        for member in scale.members {
            guard let item = context.items[member.item] else {
                error(
                    "scale \"\(scale.id)\" counts \"\(member.item)\", which is not an item of this assessment",
                    at: member.location ?? scale.location)
                continue
            }
            if !members.insert(member.item).inserted {
                error(
                    "scale \"\(scale.id)\" counts item \"\(member.item)\" twice", at: member.location ?? scale.location)
            }
            if item.kind == .text {
                error(
                    "scale \"\(scale.id)\" counts free-text item \"\(member.item)\", which has no score",
                    at: member.location ?? scale.location)
            }
            if member.reverse && item.kind == .multiple {
                error(
                    "scale \"\(scale.id)\" reverse-scores multiple-choice item \"\(member.item)\"; reverse scoring needs a single answer",
                    at: member.location ?? scale.location)
            }
        }
        if let minimum = scale.minimumAnswered, minimum > scale.members.count {
            warning(
                "scale \"\(scale.id)\" asks for \(minimum) answers but counts only \(scale.members.count) items; every shown item will be needed",
                at: scale.location)
        }
        let range = context.range(of: scale)
        for (index, band) in scale.bands.enumerated() {
            if !band.from.isFinite {
                error(
                    "band \"\(band.id)\" of scale \"\(scale.id)\" starts at a number that is not finite",
                    at: band.location)
                continue
            }
            if index > 0 {
                let previous = scale.bands[index - 1]
                if band.id == previous.id || scale.bands[..<index].contains(where: { $0.id == band.id }) {
                    error("scale \"\(scale.id)\" has two bands with the id \"\(band.id)\"", at: band.location)
                }
                if band.from == previous.from {
                    error(
                        "bands \"\(previous.id)\" and \"\(band.id)\" of scale \"\(scale.id)\" both start at \(format(band.from)); they overlap completely",
                        at: band.location)
                } else if band.from < previous.from {
                    error(
                        "band \"\(band.id)\" of scale \"\(scale.id)\" starts at \(format(band.from)), below the band before it (\(format(previous.from))); list bands from lowest to highest",
                        at: band.location)
                }
            } else if band.from > range.low {
                error(
                    "scale \"\(scale.id)\" can score as low as \(format(range.low)), but its first band starts at \(format(band.from)); scores below that would fall in no band (a gap)",
                    at: band.location)
            }
            if band.from > range.high {
                warning(
                    "band \"\(band.id)\" of scale \"\(scale.id)\" starts at \(format(band.from)), above the highest possible score (\(format(range.high))); no answers can reach it",
                    at: band.location)
            }
        }
    }

    // MARK: - Flags

    private mutating func checkFlag(_ flag: Flag, _ context: Context) {
        switch flag.trigger {
        case .answers(let matches):
            for match in matches {
                guard let item = context.items[match.item] else {
                    error(
                        "flag \"\(flag.id)\" is raised by \"\(match.item)\", which is not an item of this assessment",
                        at: match.location ?? flag.location)
                    continue
                }
                if item.option(match.value) == nil {
                    let known = item.options.map(\.value).joined(separator: ", ")
                    error(
                        "flag \"\(flag.id)\" is raised by the answer \"\(match.value)\" to \"\(match.item)\", which is not one of its options (\(known.isEmpty ? "it has none" : known))",
                        at: match.location ?? flag.location)
                }
            }
        case .scale(let id, let atLeast, let atMost):
            guard context.scales[id] != nil else {
                error(
                    "flag \"\(flag.id)\" watches scale \"\(id)\", which is not a scale of this assessment",
                    at: flag.location)
                return
            }
            if atLeast == nil && atMost == nil {
                error(
                    "flag \"\(flag.id)\" watches scale \"\(id)\" but gives no threshold: add at-least, at-most or both",
                    at: flag.location)
                return
            }
            if !context.canRaise(flag) {
                warning(
                    "flag \"\(flag.id)\" can never be raised: scale \"\(id)\" cannot reach its threshold",
                    at: flag.location)
            }
        }
    }

    // MARK: - Outcomes

    private mutating func checkOutcomes(_ assessment: Assessment, _ context: Context) {
        var ids: [String: SourceLocation?] = [:]
        for outcome in assessment.outcomes {
            if let first = ids[outcome.id] {
                error("the outcome id \"\(outcome.id)\" is used twice (first at \(line(first)))", at: outcome.location)
            } else {
                ids[outcome.id] = outcome.location
            }
        }
        let fallbacks = assessment.outcomes.filter(\.isFallback)
        if fallbacks.isEmpty {
            error(
                "the assessment has no fallback outcome (fallback=\"true\"); one is needed for answers that match no rule",
                at: assessment.location)
        }
        for extra in fallbacks.dropFirst() {
            error("outcome \"\(extra.id)\" is a second fallback; an assessment has exactly one", at: extra.location)
        }
        let safety = assessment.outcomes.filter(\.isSafety)
        for extra in safety.dropFirst() {
            error(
                "outcome \"\(extra.id)\" is a second safety outcome; an assessment has at most one", at: extra.location)
        }
        let critical = assessment.flags.filter(\.isSafetyCritical)
        if safety.isEmpty, let first = critical.first {
            error(
                "flag \"\(first.id)\" is a critical safety flag, but the assessment has no safety outcome (safety=\"true\") for the engine to choose when it is raised",
                at: assessment.location)
        }
        for outcome in assessment.outcomes {
            if outcome.isSafety && outcome.isFallback {
                error(
                    "outcome \"\(outcome.id)\" cannot be both the safety outcome and the fallback", at: outcome.location
                )
            }
            if outcome.isFallback && outcome.rule != nil {
                error(
                    "the fallback outcome \"\(outcome.id)\" has a rule; the fallback is chosen when no rule matches, so remove its rule",
                    at: outcome.location)
            }
            if !outcome.isFallback && !outcome.isSafety && outcome.rule == nil {
                error("outcome \"\(outcome.id)\" has no rule, so it can never be chosen", at: outcome.location)
            }
            let flagIDs = Set(assessment.flags.map(\.id))
            for condition in (outcome.nextStepConditions + outcome.discussConditions).compactMap({ $0 }) {
                for id in condition.ifFlags + condition.unlessFlags where !flagIDs.contains(id) {
                    error(
                        "a step of outcome \"\(outcome.id)\" depends on the flag \"\(id)\", which no questionnaire of the assessment declares",
                        at: condition.location ?? outcome.location)
                }
            }
            if let rule = outcome.rule {
                let locations = nextLeafLocations("outcome:\(outcome.id)")
                var index = 0
                checkRule(rule, of: outcome, context, locations: locations, index: &index)
            }
        }
        let ruled = assessment.outcomes.filter { $0.rule != nil && !$0.isFallback }
        var byPriority: [Int: Outcome] = [:]
        for outcome in ruled {
            if let first = byPriority[outcome.priority] {
                warning(
                    "outcomes \"\(first.id)\" and \"\(outcome.id)\" share priority \(outcome.priority); when both rules match, \"\(first.id)\" wins because it is written first",
                    at: outcome.location)
            } else {
                byPriority[outcome.priority] = outcome
            }
        }
    }

    private mutating func checkRule(
        _ rule: RuleCondition, of outcome: Outcome, _ context: Context, locations: [SourceLocation], index: inout Int
    ) {
        switch rule {
        case .allOf(let parts), .anyOf(let parts), .noneOf(let parts):
            for part in parts { checkRule(part, of: outcome, context, locations: locations, index: &index) }
            return
        default:
            break
        }
        let location = index < locations.count ? locations[index] : outcome.location
        index += 1
        switch rule {
        case .flagRaised(let id):
            guard let flag = context.flags[id] else {
                error(
                    "the rule of outcome \"\(outcome.id)\" needs flag \"\(id)\", which no questionnaire defines",
                    at: location)
                return
            }
            if !context.canRaise(flag) {
                error(
                    "the rule of outcome \"\(outcome.id)\" needs flag \"\(id)\", which no answers can raise",
                    at: location)
            }
        case .band(let scaleID, let bands):
            guard let scale = context.scales[scaleID] else {
                error(
                    "the rule of outcome \"\(outcome.id)\" needs scale \"\(scaleID)\", which no questionnaire defines",
                    at: location)
                return
            }
            for bandID in bands {
                guard let band = scale.bands.first(where: { $0.id == bandID }) else {
                    let known = scale.bands.map(\.id).joined(separator: ", ")
                    error(
                        "the rule of outcome \"\(outcome.id)\" needs band \"\(bandID)\" of scale \"\(scaleID)\", which has no such band (its bands: \(known))",
                        at: location)
                    continue
                }
                if !context.canReach(band, of: scale) {
                    error(
                        "the rule of outcome \"\(outcome.id)\" needs band \"\(bandID)\" of scale \"\(scaleID)\", which no score can reach",
                        at: location)
                }
            }
        case .insufficient(let scaleID):
            if context.scales[scaleID] == nil {
                error(
                    "the rule of outcome \"\(outcome.id)\" needs scale \"\(scaleID)\", which no questionnaire defines",
                    at: location)
            }
        case .allOf, .anyOf, .noneOf:
            break
        }
    }

    // MARK: - Resources

    private mutating func checkResources(_ assessment: Assessment) {
        var ids: Set<String> = []
        for resource in assessment.resources where !ids.insert(resource.id).inserted {
            error("the resource id \"\(resource.id)\" is used twice", at: resource.location ?? assessment.location)
        }
        let allFlags = Set(assessment.flags.map(\.id))
        var itemsByID: [String: Item] = [:]
        for item in assessment.items where itemsByID[item.id] == nil { itemsByID[item.id] = item }
        var tensionIDs = Set<String>()
        for tension in assessment.tensions {
            if !tensionIDs.insert(tension.id).inserted {
                error("the tension id \"\(tension.id)\" is used twice", at: tension.location)
            }
            if tension.flags.isEmpty && tension.answers.isEmpty {
                error(
                    "tension \"\(tension.id)\" has no when-flag and no when-answers, so it could never hold",
                    at: tension.location)
            }
            for id in tension.flags where !allFlags.contains(id) {
                error(
                    "tension \"\(tension.id)\" needs the flag \"\(id)\", which no questionnaire of the assessment declares",
                    at: tension.location)
            }
            for test in tension.answers {
                guard let item = itemsByID[test.item] else {
                    error(
                        "tension \"\(tension.id)\" needs an answer to \"\(test.item)\", which is not a question of the assessment",
                        at: test.location ?? tension.location)
                    continue
                }
                for value in test.values where item.option(value) == nil {
                    error(
                        "tension \"\(tension.id)\" needs \"\(test.item)\" answered \"\(value)\", which is not one of its options",
                        at: test.location ?? tension.location)
                }
            }
        }
        let topics = Set(assessment.resources.compactMap(\.topic))
        for flag in assessment.flags {
            if let topic = flag.resourceTopic, !topics.contains(topic) {
                error(
                    "flag \"\(flag.id)\" asks for resources on the topic \"\(topic)\", but no resource of the assessment has topic=\"\(topic)\"",
                    at: flag.location)
            }
        }
        let hasSafetyFlags = assessment.flags.contains { $0.category == .safety }
        if hasSafetyFlags && !assessment.resources.contains(where: { $0.locale == "*" }) {
            warning(
                "the assessment asks about safety but has no crisis resource for other places (locale=\"*\"); people outside the listed locales would see none",
                at: assessment.location)
        }
    }

    private func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
