/// An assessment: questionnaires in the order they are asked, the outcomes across them, and crisis resources.
///
/// Build one in code, load one from a file with ``AssessmentLoader``, or take the bundled one with
/// ``Assessment/bundled(_:)``. Score answers with ``Assessment/score(_:)``.
public struct Assessment: Sendable, Hashable, Identifiable {
    /// The assessment's id.
    public var id: String
    /// Its version, cited in reports and answers files.
    public var version: String
    /// Its title.
    public var title: String
    /// Its language, as a BCP 47 tag such as `en`.
    public var language: String
    /// What it is for.
    public var description: String
    /// When its content was last reviewed (`YYYY-MM-DD`).
    public var reviewed: String
    /// Its questionnaires, in the order they are asked.
    public var questionnaires: [Questionnaire]
    /// Its possible outcomes.
    public var outcomes: [Outcome]
    /// Crisis resources, by locale.
    public var resources: [CrisisResource]
    /// Answers that pull against each other, with what a report says about them.
    public var tensions: [Tension] = []
    /// The sentences reports and `take` say that depend on what the assessment is about (its `<wording>`);
    /// messages it does not give use the engine's neutral defaults.
    public var wording = AssessmentWording()
    /// A SHA-256 hash (hex) of the source content, cited in reports; empty for an assessment built in code
    /// unless given.
    public var contentHash: String {
        get { contentHashStorage.value }
        set { contentHashStorage = ContentHash(newValue) }
    }
    /// The hash, or the bytes it is computed from when first asked for (``ContentHash``).
    var contentHashStorage: ContentHash
    /// Where it starts in its source file.
    public var location: SourceLocation?

    /// Creates an assessment.
    public init(
        id: String, version: String, title: String, language: String = "en", description: String,
        reviewed: String, questionnaires: [Questionnaire], outcomes: [Outcome],
        resources: [CrisisResource] = [], contentHash: String = "", location: SourceLocation? = nil
    ) {
        self.id = id
        self.version = version
        self.title = title
        self.language = language
        self.description = description
        self.reviewed = reviewed
        self.questionnaires = questionnaires
        self.outcomes = outcomes
        self.resources = resources
        self.contentHashStorage = ContentHash(contentHash)
        self.location = location
    }

    /// Every item, in the order a person meets them.
    public var items: [Item] { questionnaires.flatMap(\.items) }
    /// Every scale.
    public var scales: [Scale] { questionnaires.flatMap(\.scales) }
    /// Every flag.
    public var flags: [Flag] { questionnaires.flatMap(\.flags) }
    /// The safety outcome, if the assessment has one.
    public var safetyOutcome: Outcome? { outcomes.first(where: \.isSafety) }
    /// The fallback outcome, if the assessment has one.
    public var fallbackOutcome: Outcome? { outcomes.first(where: \.isFallback) }

    /// The crisis resources for a locale such as `en_GB.UTF-8` or `en-GB`: those whose locale matches the
    /// whole tag, else those for its region, else those marked `*`.
    public func resources(forLocale locale: String?) -> [CrisisResource] {
        let tag = LocaleTag(locale)
        if let tag {
            let exact = resources.filter { LocaleTag($0.locale) == tag }
            if !exact.isEmpty { return exact }
            if let region = tag.region {
                let regional = resources.filter { LocaleTag($0.locale)?.region == region }
                if !regional.isEmpty { return regional }
            }
        }
        return resources.filter { $0.locale == "*" }
    }
}

/// A locale read from `LANG`-style (`en_GB.UTF-8`) or BCP 47 (`en-GB`, `GB`) text.
struct LocaleTag: Hashable {
    var language: String?
    var region: String?

    init?(_ text: String?) {
        guard var text, !text.isEmpty, text != "*", text != "C", text != "POSIX" else { return nil }
        if let dot = text.firstIndex(where: { $0 == "." || $0 == "@" }) { text = String(text[..<dot]) }
        let parts = text.split(whereSeparator: { $0 == "_" || $0 == "-" }).map(String.init)
        switch parts.count {
        case 1 where parts[0].count == 2 && parts[0].uppercased() == parts[0]:
            region = parts[0]
        case 1:
            language = parts[0].lowercased()
        case 2...:
            language = parts[0].lowercased()
            region = parts[1].uppercased()
        default:
            return nil
        }
    }

    var tag: String {
        [language, region].compactMap { $0 }.joined(separator: "-")
    }
}
