/// A questionnaire: metadata, sections of items, scales and flags.
public struct Questionnaire: Sendable, Hashable, Identifiable {
    /// The questionnaire's id, unique among the questionnaires an assessment composes.
    public var id: String
    /// Its version, cited in reports (for example `1.0.0`).
    public var version: String
    /// Its title.
    public var title: String
    /// Its language, as a BCP 47 tag such as `en`.
    public var language: String
    /// What it asks about and why.
    public var description: String
    /// When its content was last reviewed (`YYYY-MM-DD`).
    public var reviewed: String
    /// Its sections, in order.
    public var sections: [Section]
    /// Its scales (subscales).
    public var scales: [Scale]
    /// Its flags.
    public var flags: [Flag]
    /// Where it starts in its source file, when it was read from one.
    public var location: SourceLocation?

    /// Creates a questionnaire.
    public init(
        id: String, version: String, title: String, language: String = "en", description: String,
        reviewed: String, sections: [Section], scales: [Scale] = [], flags: [Flag] = [],
        location: SourceLocation? = nil
    ) {
        self.id = id
        self.version = version
        self.title = title
        self.language = language
        self.description = description
        self.reviewed = reviewed
        self.sections = sections
        self.scales = scales
        self.flags = flags
        self.location = location
    }

    /// Every item, in the order a person meets them.
    public var items: [Item] { sections.flatMap(\.items) }
}
