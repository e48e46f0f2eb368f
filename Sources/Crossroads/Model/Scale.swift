/// A scale (subscale): items that count toward one score, its bands and its missing-data rule.
public struct Scale: Sendable, Hashable, Identifiable {
    /// One item's membership in a scale.
    public struct Member: Sendable, Hashable {
        /// The item's id.
        public var item: String
        /// Whether the item is reverse-scored in this scale.
        public var reverse: Bool
        /// Where the reference is in its source file.
        public var location: SourceLocation?

        /// Creates a membership.
        public init(item: String, reverse: Bool = false, location: SourceLocation? = nil) {
            self.item = item
            self.reverse = reverse
            self.location = location
        }
    }

    /// The scale's id, unique across an assessment.
    public var id: String
    /// Its name in reports.
    public var title: String
    /// What it measures.
    public var description: String?
    /// The items that count toward it.
    public var members: [Member]
    /// How many of its shown items must be answered for a score; `nil` means all of them.
    /// With fewer shown than this, all shown items are needed. Between this and all, the score is prorated.
    public var minimumAnswered: Int?
    /// How a prorated score is rounded; ``FixedDecimal/Rounding/none`` keeps four decimal places.
    public var rounding: FixedDecimal.Rounding
    /// Its bands, by ascending lower bound.
    public var bands: [Band]
    /// Where it is in its source file.
    public var location: SourceLocation?

    /// Creates a scale.
    public init(
        id: String, title: String, description: String? = nil, members: [Member],
        minimumAnswered: Int? = nil, rounding: FixedDecimal.Rounding = .none, bands: [Band],
        location: SourceLocation? = nil
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.members = members
        self.minimumAnswered = minimumAnswered
        self.rounding = rounding
        self.bands = bands
        self.location = location
    }

    /// The band a score falls in: the last band whose lower bound is at most the score.
    public func band(for score: FixedDecimal) -> Band? {
        bands.last { $0.from <= score }
    }
}
