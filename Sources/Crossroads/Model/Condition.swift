/// A test over earlier answers that decides whether an item is shown.
///
/// An item that was hidden, declined or not reached satisfies none of the
/// leaf tests; `notEquals` means "answered, with a different value".
public indirect enum Condition: Sendable, Hashable {
    /// The item was answered with this value (for multiple choice: the value was among those chosen).
    case equals(item: String, value: String)
    /// The item was answered, and not with this value.
    case notEquals(item: String, value: String)
    /// The item was answered with one of these values.
    case oneOf(item: String, values: [String])
    /// The item was shown and answered (not declined).
    case answered(item: String)
    /// The item was answered with an integer value of at least this.
    case atLeast(item: String, value: Int)
    /// The item was answered with an integer value of at most this.
    case atMost(item: String, value: Int)
    /// Every condition holds.
    case allOf([Condition])
    /// At least one condition holds.
    case anyOf([Condition])

    /// Every item id the condition refers to, in order of appearance.
    public var referencedItems: [String] {
        switch self {
        case .equals(let item, _), .notEquals(let item, _), .oneOf(let item, _), .answered(let item),
            .atLeast(let item, _), .atMost(let item, _):
            return [item]
        case .allOf(let conditions), .anyOf(let conditions):
            return conditions.flatMap(\.referencedItems)
        }
    }
}
