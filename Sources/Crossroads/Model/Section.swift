/// A titled group of items within a questionnaire.
public struct Section: Sendable, Hashable, Identifiable {
    /// The section's id.
    public var id: String
    /// Its heading.
    public var title: String
    /// An optional introduction shown before its first item.
    public var intro: String?
    /// Its items, in order.
    public var items: [Item]
    /// Where it is in its source file.
    public var location: SourceLocation?

    /// Creates a section.
    public init(id: String, title: String, intro: String? = nil, items: [Item], location: SourceLocation? = nil) {
        self.id = id
        self.title = title
        self.intro = intro
        self.items = items
        self.location = location
    }
}
