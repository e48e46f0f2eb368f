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
            var raw: Double
        }

        var raised: RaisedFlag
        /// The answers that raised it, directly or through the scale it watches.
        var answers: [AnswerEvidence]
        /// For a flag raised by a scale total: the scale's title and the raw total.
        var scaleTotal: ScaleTotal?
    }

    /// One line of "strengths and things to look at".
    struct Highlight: Sendable, Hashable {
        var text: String
        var scaleID: String?
        var bandID: String?
        var flagID: String?
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
    /// How many questions that can raise a safety flag the person chose not to answer.
    let declinedSafetyQuestions: Int
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
    /// Questions to talk over with a friend or therapist.
    let discuss: [String]
    /// Whether ``discuss`` is the general list because the outcome has none.
    let discussIsDefault: Bool

    init(_ result: ScoreResult, date: String, engineVersion: String) {
        self.result = result
        self.date = date
        self.engineVersion = engineVersion
        let lookup = Lookup(result)

        // Safety: any safety flag, any critical flag, or the safety outcome.
        let inSafety = result.flags.filter { $0.flag.category == .safety || $0.flag.severity == .critical }
        let ordered =
            inSafety.filter { $0.flag.severity == .critical } + inSafety.filter { $0.flag.severity != .critical }
        safetyFlags = ordered.map { lookup.describe($0) }
        hasSafetySection = !inSafety.isEmpty || result.isSafetyFirst || result.hasSafetyConcern
        isSerious = result.isSafetyFirst || inSafety.contains { $0.flag.severity == .critical }
        safetyMessage = hasSafetySection ? ReportWording.safetyIntroduction(serious: isSerious) : ""

        // Questions that can raise a safety flag, directly or through a scale, that were declined.
        var safetyItems = Set<String>()
        for flag in result.assessment.flags where flag.category == .safety {
            switch flag.trigger {
            case .answers(let matches):
                safetyItems.formUnion(matches.map(\.item))
            case .scale(let id, _, _):
                for scale in result.assessment.scales where scale.id == id {
                    safetyItems.formUnion(scale.members.map(\.item))
                }
            }
        }
        declinedSafetyQuestions =
            result.items.filter {
                $0.status == .declined && safetyItems.contains($0.item.id)
            }.count

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

        why = ReportWording.why(result.decision, lookup: lookup)

        // Strengths and things to look at.
        var strengths: [Highlight] = []
        var concerns: [Highlight] = []
        for scale in result.scales {
            guard let band = scale.band else { continue }
            let highlight = Highlight(
                text: "\(scale.scale.title): \(band.label)", scaleID: scale.scale.id, bandID: band.id)
            switch band.kind {
            case .strength: strengths.append(highlight)
            case .concern: concerns.append(highlight)
            case .neutral: break
            }
        }
        let shownInSafety = Set(inSafety.map(\.flag.id))
        var noticed: [Highlight] = []
        for raised in result.flags where !shownInSafety.contains(raised.flag.id) {
            let highlight = Highlight(
                text: "\(raised.flag.title): \(raised.flag.message)", flagID: raised.flag.id)
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

        let own = result.outcome.discuss.filter { !$0.allSatisfy(\.isWhitespace) }
        discussIsDefault = own.isEmpty
        discuss = own.isEmpty ? ReportWording.defaultDiscuss : own
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

    /// A raised flag's evidence in words; for a scale total, the answers that added to it.
    func describe(_ raised: RaisedFlag) -> ReportContent.FlagDescription {
        var answers: [ReportContent.AnswerEvidence] = []
        var total: ReportContent.FlagDescription.ScaleTotal?
        for evidence in raised.evidence {
            switch evidence {
            case .answer(let item, let value):
                answers.append(answer(item: item, value: value))
            case .scale(let id, let raw):
                total = .init(title: scaleTitle(id), raw: raw)
                for contribution in scales[id]?.contributions ?? [] where contribution.points > 0 {
                    for value in contribution.values {
                        answers.append(answer(item: contribution.item, value: value))
                    }
                }
            }
        }
        return ReportContent.FlagDescription(raised: raised, answers: answers, scaleTotal: total)
    }
}
