/// A named range of a scale's score, written by its lower bound.
public struct Band: Sendable, Hashable, Identifiable {
    /// Whether a band reads as a strength, neither, or a concern.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Something going well.
        case strength
        /// Neither a strength nor a concern.
        case neutral
        /// Something to look at.
        case concern
    }

    /// The band's id, unique within its scale.
    public var id: String
    /// Its name in reports.
    public var label: String
    /// What a score in it means.
    public var meaning: String?
    /// Its lower bound (inclusive); it runs up to the next band's lower bound.
    public var from: FixedDecimal
    /// Whether it is a strength, neutral or a concern.
    public var kind: Kind
    /// Where it is in its source file.
    public var location: SourceLocation?

    /// Creates a band.
    public init(
        id: String, label: String, meaning: String? = nil, from: FixedDecimal, kind: Kind = .neutral,
        location: SourceLocation? = nil
    ) {
        self.id = id
        self.label = label
        self.meaning = meaning
        self.from = from
        self.kind = kind
        self.location = location
    }
}
