/// The limits that keep hostile input cheap. Each is checked with a clear error.
public enum Limits {
    /// The largest file Crossroads reads: 2 MiB.
    public static let maxFileBytes = 2 * 1024 * 1024
    /// The deepest element nesting libxml2 accepts without its "huge" option (which Crossroads never sets),
    /// counting the root element as level 1. libxml2's own figure, 256 (`xmlParserMaxDepth`), counts the
    /// elements open around a new one, so an element may have 256 ancestors: 257 levels are read, 258 refused.
    public static let maxDepth = 257
    /// The most items one assessment may hold across its questionnaires.
    public static let maxItems = 1000
    /// The longest free-text answer or note, in Unicode code points (as the answers schema counts them).
    public static let maxAnswerTextLength = 10_000
}
