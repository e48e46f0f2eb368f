/// What a report says, worked out once from a result, so the text and XML reports never disagree.
///
/// Everything here is derived from the ``ScoreResult`` and the assessment's own words; the few sentences
/// the code itself contributes (the safety introduction, the closing note, "why") live in
/// ``ReportWording``.
struct ReportContent: Sendable {
    /// How the crisis resources were chosen for the person's locale.
    enum ResourceMatch: String, Sendable {
        /// Same language and region.
        case exact
        /// Same region.
        case region
        /// Those marked `*`.
        case fallback
        /// The assessment has none that apply.
        case none
    }

    /// One answer that raised a flag, in words.
    struct AnswerEvidence: Sendable, Hashable {
        var itemID: String
        var value: String
        /// The question as the person read it (the item id when the item is unknown).
        var question: String
        /// The option's label (the value when the option is unknown).
        var answer: String
    }

    /// A raised flag with its evidence in words.
    struct FlagDescription: Sendable {
        /// A scale total that raised a flag.
        struct ScaleTotal: Sendable {
            var title: String
            var raw: FixedDecimal
        }

        var raised: RaisedFlag
        /// The answers that raised it, directly or through the scale it watches. For a flag raised by a
        /// scale total being at most a bound, the answers that kept the total down.
        var answers: [AnswerEvidence]
        /// For a flag raised by a scale total being at most a bound: the questions of that scale that were
        /// shown but not answered (they kept the total down too).
        var unanswered: [String] = []
        /// For a flag raised by a scale total: the scale's title and the raw total.
        var scaleTotal: ScaleTotal?
    }

    /// One line of "strengths and things to look at".
    struct Highlight: Sendable, Hashable {
        var text: String
        var scaleID: String?
        var bandID: String?
        var flagID: String?
        /// For a flag raised by a scale total: the answers behind it (its message can't name them).
        var answers: [AnswerEvidence] = []
        /// For a flag raised by a scale total being at most a bound: the questions left unanswered.
        var unanswered: [String] = []
    }

    /// One thing the person wrote, with the question it answers.
    struct Reflection: Sendable, Hashable {
        var itemID: String
        /// The item's question.
        var question: String
        /// For a note on a choice item: the option(s) chosen, as labels.
        var chosen: String?
        /// For a note on a choice item: the note's prompt.
        var prompt: String?
        /// The person's words, exactly as given.
        var words: String
    }

    let result: ScoreResult
    let date: String
    let engineVersion: String

    /// Whether the report opens with a safety section.
    let hasSafetySection: Bool
    /// Whether the concern is serious: a critical flag was raised or the outcome is the safety outcome.
    let isSerious: Bool
    /// The flags the safety section describes: every safety flag, and any other critical flag,
    /// critical ones first.
    let safetyFlags: [FlagDescription]
    /// The safety section's opening paragraph (empty when there is no safety section).
    let safetyMessage: String
    /// The questions that can raise a safety flag that the person chose not to answer, in order.
    let declinedSafetyQuestions: [String]
    /// The questions that can raise a safety flag that were shown but never reached (the session ended
    /// before them), in order.
    let notReachedSafetyQuestions: [String]
    /// Whether any question that can raise a safety flag was left unanswered (declined or not reached).
    var safetyQuestionsUnanswered: Bool { !declinedSafetyQuestions.isEmpty || !notReachedSafetyQuestions.isEmpty }
    /// The safety flags with the answers the safety section quotes under each. Each answer is quoted once:
    /// a flag whose answers an earlier one already quoted gets only its title and message.
    var safetyFlagQuotes: [(description: FlagDescription, answers: [AnswerEvidence])] {
        var quoted = Set<String>()
        return safetyFlags.map { description in
            let fresh = description.answers.filter { !quoted.contains($0.itemID + "\u{0}" + $0.value) }
            quoted.formUnion(fresh.map { $0.itemID + "\u{0}" + $0.value })
            return (description, fresh)
        }
    }

    /// How many questions that can raise a safety flag were shown.
    let shownSafetyQuestions: Int
    /// How many questions were shown (answered, declined or not reached).
    let shownQuestions: Int
    /// How many of them were answered.
    let answeredQuestions: Int
    /// How many of them were answered or declined (the others were never reached).
    let reachedQuestions: Int
    /// Whether most of the questions shown were left unanswered, so the report has too little to go on.
    let isSparse: Bool
    /// The scales a safety flag watches (their bands are about safety, not about the relationship).
    let safetyScaleIDs: Set<String>
    /// The crisis resources for the person's locale.
    let resources: [CrisisResource]
    /// How they were chosen.
    let resourceMatch: ResourceMatch
    /// The locale tag they were chosen for (`en-GB`), when the answers give one.
    let localeTag: String?
    /// One or two sentences: which rule chose the outcome, or that a safety answer did.
    let why: String
    /// Scales in a band of kind strength.
    let strengths: [Highlight]
    /// Scales in a band of kind concern, and warning flags not already in the safety section.
    let concerns: [Highlight]
    /// Note flags not already in the safety section.
    let noticed: [Highlight]
    /// Every note and free-text answer, in the order the items were asked.
    let reflections: [Reflection]
    /// The outcome's next steps whose conditions hold for the raised flags.
    let nextSteps: [String]
    /// The resources the raised flags ask for first (their `resource-topic`), e.g. a crisis line.
    let urgentResources: [CrisisResource]
    /// Questions to talk over with a friend or therapist.
    let discuss: [String]
    /// Whether ``discuss`` is the general list because the outcome has none.
    let discussIsDefault: Bool
    /// The sentences that depend on what the assessment is about: its own, else the engine's defaults.
    var wording: AssessmentWording { result.assessment.wording }
    /// Items, scales, flags and outcomes of ``result`` by id, made once for the whole report.
    let lookup: Lookup

    init(_ result: ScoreResult, date: String, engineVersion: String) {
        self.result = result
        self.date = date
        self.engineVersion = engineVersion
        let lookup = Lookup(result)
        self.lookup = lookup

        // Safety: any safety flag, any critical flag, or the safety outcome.
        let inSafety = result.flags.filter {
            $0.flag.category == .safety || $0.flag.severity == .critical || $0.flag.interrupts
        }
        // A flag that interrupts a session (an ex threatening to harm themselves) stays first in the report too.
        let ordered =
            inSafety.filter(\.flag.interrupts)
            + inSafety.filter { !$0.flag.interrupts && $0.flag.severity == .critical }
            + inSafety.filter { !$0.flag.interrupts && $0.flag.severity != .critical }
        safetyFlags = ordered.map { lookup.describe($0) }
        hasSafetySection = !inSafety.isEmpty || result.isSafetyFirst || result.hasSafetyConcern
        isSerious = result.isSafetyFirst || inSafety.contains { $0.flag.severity == .critical }
        safetyMessage =
            hasSafetySection
            ? ReportWording.safetyIntroduction(serious: isSerious, wording: result.assessment.wording) : ""

        // Questions that can raise a safety flag, directly or through a scale, left unanswered.
        var safetyScales = Set<String>()
        for flag in result.assessment.flags where flag.category == .safety {
            switch flag.trigger {
            case .scale(let id, _, _), .band(let id, _): safetyScales.insert(id)
            case .answers, .value: break
            }
        }
        safetyScaleIDs = safetyScales
        let unanswered = Set(result.unansweredSafetyQuestions)
        let safetyItems = Lookup.itemsThatCanRaiseASafetyFlag(result.assessment)
        let shownSafetyItems = Set(
            result.items.filter { $0.status != .notShown && safetyItems.contains($0.item.id) }.map(\.item.id))
        shownSafetyQuestions = shownSafetyItems.count
        let unansweredItems = result.items.filter { unanswered.contains($0.item.id) }
        declinedSafetyQuestions = unansweredItems.filter { $0.status == .declined }.map(\.item.text)
        notReachedSafetyQuestions = unansweredItems.filter { $0.status != .declined }.map(\.item.text)

        // Too little to go on: most of the questions shown were left unanswered.
        let shown = result.items.filter { $0.status != .notShown }
        shownQuestions = shown.count
        answeredQuestions = shown.filter { $0.status == .answered }.count
        reachedQuestions = shown.filter { $0.status == .answered || $0.status == .declined }.count
        isSparse = shownQuestions > 0 && answeredQuestions * 2 < shownQuestions

        // Resources, as Assessment.resources(forLocale:) chooses them, with how they matched.
        let locale = result.answers.locale
        resources = result.assessment.resources(forLocale: locale)
        let tag = LocaleTag(locale)
        localeTag = tag?.tag
        if resources.isEmpty {
            resourceMatch = .none
        } else if let tag, resources.allSatisfy({ LocaleTag($0.locale) == tag }) {
            resourceMatch = .exact
        } else if resources.allSatisfy({ $0.locale == "*" }) {
            resourceMatch = .fallback
        } else {
            resourceMatch = .region
        }

        // The resources the raised flags ask for first (a crisis line, say), in the order listed.
        let topics = Set(result.flags.compactMap(\.flag.resourceTopic))
        urgentResources = resources.filter { $0.topic.map(topics.contains) ?? false }

        why = ReportWording.why(
            result.decision, lookup: lookup, sparse: isSparse, helpAtStart: hasSafetySection && !resources.isEmpty)

        // Strengths and things to look at. When safety comes first, the scales about the relationship
        // are not called strengths or concerns: a "strength" there would read as a reason to go back, and a
        // "concern" about seeing your own part as blame. Scales a safety flag watches are left out whenever
        // the safety section already describes them.
        var strengths: [Highlight] = []
        var concerns: [Highlight] = []
        for scale in result.scales where !result.isSafetyFirst {
            guard let band = scale.band, !scale.isInsufficient else { continue }
            if hasSafetySection && safetyScales.contains(scale.scale.id) { continue }
            let highlight = Highlight(
                text: Self.titled(scale.scale.title, band.label), scaleID: scale.scale.id, bandID: band.id)
            switch band.kind {
            case .strength: strengths.append(highlight)
            case .concern: concerns.append(highlight)
            case .neutral: break
            }
        }
        let shownInSafety = Set(inSafety.map(\.flag.id))
        var noticed: [Highlight] = []
        for raised in result.flags where !shownInSafety.contains(raised.flag.id) {
            // A flag raised only because a scale it watches had no answers at all says nothing about the
            // person ("still unsure" when the sureness questions were all skipped): leave it out.
            let onlyUnansweredScales = raised.evidence.allSatisfy {
                if case .scale(let id, _) = $0 { return (lookup.scale(id)?.answered ?? 0) == 0 }
                return false
            }
            if !raised.evidence.isEmpty && onlyUnansweredScales { continue }
            var highlight = Highlight(
                text: Self.titled(raised.flag.title, raised.flag.message), flagID: raised.flag.id)
            if raised.evidence.contains(where: { if case .scale = $0 { return true } else { return false } }) {
                let description = lookup.describe(raised)
                highlight.answers = description.answers
                highlight.unanswered = description.unanswered
            }
            switch raised.flag.severity {
            case .critical, .warning: concerns.append(highlight)
            case .note: noticed.append(highlight)
            }
        }
        self.strengths = strengths
        self.concerns = concerns
        self.noticed = noticed

        // The person's own words.
        reflections = result.items.compactMap { itemResult -> Reflection? in
            guard itemResult.status == .answered, let response = itemResult.response,
                let words = response.words, !words.allSatisfy(\.isWhitespace)
            else { return nil }
            let item = itemResult.item
            if case .text = response {
                return Reflection(itemID: item.id, question: item.text, chosen: nil, prompt: nil, words: words)
            }
            let labels = response.values.map { item.option($0)?.label ?? $0 }
            return Reflection(
                itemID: item.id, question: item.text,
                chosen: labels.isEmpty ? nil : labels.joined(separator: "; "),
                prompt: item.notePrompt, words: words)
        }

        let raisedIDs = Set(result.flags.map(\.flag.id))
        nextSteps = result.outcome.nextSteps(raised: raisedIDs)
        let own = result.outcome.discuss(raised: raisedIDs).filter { !$0.allSatisfy(\.isWhitespace) }
        discussIsDefault = own.isEmpty
        discuss = own.isEmpty ? ReportWording.defaultDiscuss : own
    }

    /// Whether a scale's band (its label, kind and meaning) is shown: always, except when safety comes first,
    /// where only the scales a safety flag watches keep theirs and the others show numbers alone.
    func showsVerdict(_ scale: ScaleResult) -> Bool {
        !result.isSafetyFirst || safetyScaleIDs.contains(scale.scale.id)
    }

    /// "Title: text", or "Title? text" when the title ends in its own punctuation.
    static func titled(_ title: String, _ text: String) -> String {
        let separator = title.last.map { "?!.:".contains($0) } == true ? " " : ": "
        return title + separator + text
    }

    /// The whole-percent position of a normalised score (half away from zero), clamped to 0…100.
    static func percent(_ normalised: Double) -> Int {
        guard normalised.isFinite else { return 0 }
        return Int(max(0, min(100, (normalised * 100).rounded(.toNearestOrAwayFromZero))))
    }
}

/// Finds items, options, flags, scales and bands by id within one result.
struct Lookup {
    let result: ScoreResult
    private let items: [String: ItemResult]
    private let scales: [String: ScaleResult]
    private let flags: [String: Flag]
    let outcomes: [String: Outcome]

    init(_ result: ScoreResult) {
        self.result = result
        var items: [String: ItemResult] = [:]
        for item in result.items where items[item.item.id] == nil { items[item.item.id] = item }
        var scales: [String: ScaleResult] = [:]
        for scale in result.scales where scales[scale.scale.id] == nil { scales[scale.scale.id] = scale }
        var flags: [String: Flag] = [:]
        for flag in result.assessment.flags where flags[flag.id] == nil { flags[flag.id] = flag }
        for raised in result.flags where flags[raised.flag.id] == nil { flags[raised.flag.id] = raised.flag }
        var outcomes: [String: Outcome] = [:]
        for outcome in result.assessment.outcomes where outcomes[outcome.id] == nil { outcomes[outcome.id] = outcome }
        if outcomes[result.outcome.id] == nil { outcomes[result.outcome.id] = result.outcome }
        self.items = items
        self.scales = scales
        self.flags = flags
        self.outcomes = outcomes
    }

    func item(_ id: String) -> ItemResult? { items[id] }

    /// Whether an item can raise a safety flag, directly or through a scale a safety flag watches.
    static func canRaiseSafetyFlag(_ itemID: String, _ result: ScoreResult) -> Bool {
        result.assessment.flags.contains { flag in
            guard flag.category == .safety else { return false }
            switch flag.trigger {
            case .answers(let matches):
                return matches.contains { $0.item == itemID }
            case .value(let item, _, _):
                return item == itemID
            case .scale(let id, _, _), .band(let id, _):
                return result.assessment.scales.contains { $0.id == id && $0.members.contains { $0.item == itemID } }
            }
        }
    }

    /// The ids of the items that can raise a safety flag, directly or through a scale a safety flag
    /// watches: exactly the items for which ``canRaiseSafetyFlag(_:_:)`` holds, found in one pass.
    static func itemsThatCanRaiseASafetyFlag(_ assessment: Assessment) -> Set<String> {
        var items = Set<String>()
        let scales = assessment.scales
        for flag in assessment.flags where flag.category == .safety {
            switch flag.trigger {
            case .answers(let matches):
                for match in matches { items.insert(match.item) }
            case .value(let item, _, _):
                items.insert(item)
            case .scale(let id, _, _), .band(let id, _):
                for scale in scales where scale.id == id {
                    for member in scale.members { items.insert(member.item) }
                }
            }
        }
        return items
    }

    /// Whether a flag that was not raised could still have been: a question that can raise it was shown but
    /// not answered. Such a flag can't be said not to have come up.
    func isUndetermined(flag id: String) -> Bool {
        guard let flag = flags[id], !result.flags.contains(where: { $0.flag.id == id }) else { return false }
        let unanswered: (String) -> Bool = { item in
            guard let status = self.items[item]?.status else { return false }
            return status == .declined || status == .notReached
        }
        switch flag.trigger {
        case .answers(let matches):
            return matches.contains { unanswered($0.item) }
        case .value(let item, _, _):
            return unanswered(item)
        case .scale(let scaleID, _, _), .band(let scaleID, _):
            return scales[scaleID]?.scale.members.contains { unanswered($0.item) } ?? false
        }
    }
    func scale(_ id: String) -> ScaleResult? { scales[id] }
    func flag(_ id: String) -> Flag? { flags[id] }

    func flagTitle(_ id: String) -> String { flags[id]?.title ?? id }
    func scaleTitle(_ id: String) -> String { scales[id]?.scale.title ?? id }

    func bandLabel(scale: String, band: String) -> String {
        scales[scale]?.scale.bands.first { $0.id == band }?.label ?? band
    }

    /// The answer to an item with a value, in words.
    func answer(item id: String, value: String) -> ReportContent.AnswerEvidence {
        let item = items[id]?.item
        return ReportContent.AnswerEvidence(
            itemID: id, value: value, question: item?.text ?? id, answer: item?.option(value)?.label ?? value)
    }

    /// A raised flag's evidence in words. For a scale total reaching at least a bound, the answers that
    /// added to it; for one at most a bound, the answers that kept it down and the questions left
    /// unanswered.
    func describe(_ raised: RaisedFlag) -> ReportContent.FlagDescription {
        var answers: [ReportContent.AnswerEvidence] = []
        var unanswered: [String] = []
        var total: ReportContent.FlagDescription.ScaleTotal?
        var atMostOnly = false
        if case .scale(_, let atLeast, let atMost) = raised.flag.trigger {
            atMostOnly = atLeast == nil && atMost != nil
        }
        for evidence in raised.evidence {
            switch evidence {
            case .answer(let item, let value):
                answers.append(answer(item: item, value: value))
                answers += followUps(of: item)
            case .scale(let id, let raw):
                total = .init(title: scaleTitle(id), raw: raw)
                guard let scale = scales[id] else { continue }
                if atMostOnly {
                    let counted = Dictionary(
                        scale.contributions.map { ($0.item, $0) }, uniquingKeysWith: { first, _ in first })
                    for member in scale.scale.members {
                        guard let itemResult = items[member.item], itemResult.status != .notShown else { continue }
                        if let contribution = counted[member.item] {
                            guard contribution.points < Self.highestPoints(itemResult.item) else { continue }
                            let values = contribution.values.isEmpty ? [""] : contribution.values
                            for value in values {
                                var evidence = answer(item: contribution.item, value: value)
                                if value.isEmpty { evidence.answer = "none of these" }
                                answers.append(evidence)
                            }
                        } else {
                            unanswered.append(itemResult.item.text)
                        }
                    }
                } else {
                    for contribution in scale.contributions where contribution.points > 0 {
                        for value in contribution.values {
                            answers.append(answer(item: contribution.item, value: value))
                        }
                    }
                }
            }
        }
        return ReportContent.FlagDescription(
            raised: raised, answers: answers, unanswered: unanswered, scaleTotal: total)
    }

    /// The answered follow-up questions of an item (how long ago, how many times): the items shown only on
    /// an answer to it alone, that can raise no safety flag themselves, in order. They are quoted with the
    /// answer they follow and never change what it raised.
    func followUps(of id: String) -> [ReportContent.AnswerEvidence] {
        result.items.compactMap { itemResult in
            guard itemResult.status == .answered, let condition = itemResult.item.showIf,
                condition.referencedItems == [id], itemResult.item.kind.isChoice,
                !Lookup.canRaiseSafetyFlag(itemResult.item.id, result), let response = itemResult.response
            else { return nil }
            let labels = response.values.map { itemResult.item.option($0)?.label ?? $0 }
            return ReportContent.AnswerEvidence(
                itemID: itemResult.item.id, value: response.values.joined(separator: " "),
                question: itemResult.item.text, answer: labels.joined(separator: "; "))
        }
    }

    /// The most an item can add to a scale, as the engine counts it (reversed or not).
    static func highestPoints(_ item: Item) -> FixedDecimal {
        let weights = item.options.map(\.weight)
        if item.kind == .multiple { return FixedDecimal.sum(weights.filter { $0 > 0 }) }
        return weights.max() ?? 0
    }
}
