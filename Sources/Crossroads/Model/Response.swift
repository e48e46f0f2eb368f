/// What a person did with one item.
///
/// An item absent from ``Answers`` was not reached. The engine decides for itself which items were
/// shown: a response to an item whose condition is false never counts.
public enum Response: Sendable, Hashable {
    /// Answered with these option values (exactly one, except for multiple choice), and an optional note.
    case chosen([String], note: String? = nil)
    /// Answered a free-text item with these words.
    case text(String)
    /// Chose not to answer.
    case declined
    /// Recorded as not shown, because its condition was false when the answers were taken.
    case notShown
    /// Not reached: the session ended before this item.
    case notReached

    /// A yes answer.
    public static let yes = Response.chosen(["yes"])
    /// A no answer.
    public static let no = Response.chosen(["no"])

    /// One chosen option value with an optional note.
    public static func choice(_ value: String, note: String? = nil) -> Response {
        .chosen([value], note: note)
    }

    /// The chosen option values, empty unless the response is ``chosen(_:note:)``.
    public var values: [String] {
        if case .chosen(let values, _) = self { return values }
        return []
    }

    /// The note or free text in the person's own words, if any.
    public var words: String? {
        switch self {
        case .chosen(_, let note): note
        case .text(let text): text
        default: nil
        }
    }

    /// Whether this is an answer (chosen values or free text) rather than a declined, hidden or missing one.
    public var isAnswer: Bool {
        switch self {
        case .chosen, .text: true
        default: false
        }
    }
}
