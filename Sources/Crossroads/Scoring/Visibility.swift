/// Which items of an assessment were shown for one set of answers, and which responses count.
///
/// Items are walked in the order a person meets them. An item is shown when it has no condition, or when
/// its condition holds over the answers that count for the items *before* it. The response to an item counts
/// when the item was shown and the response is a valid answer to it (see ``Item/accepts(_:)``); a response
/// recorded for a hidden item never counts, so it can neither show nor hide a later item.
///
/// Get one from ``Scorer/visibility(for:)``.
public struct Visibility: Sendable, Hashable {
    /// Item ids in order.
    let ids: [String]
    /// The position of each item id (its first occurrence).
    let index: [String: Int]
    /// Whether each item, by position, was shown.
    let shown: [Bool]
    /// The response that counts for each item, by position.
    let counted: [Response?]

    /// Whether the item was shown; `false` for an id the assessment does not have.
    public func isShown(_ item: String) -> Bool {
        guard let position = index[item] else { return false }
        return shown[position]
    }

    /// The ids of every item that was shown.
    public var shownItems: Set<String> {
        var result = Set<String>(minimumCapacity: ids.count)
        for (position, id) in ids.enumerated() where shown[position] {
            result.insert(id)
        }
        return result
    }

    /// The ids of every item that was shown, in the order a person meets them.
    public var shownItemsInOrder: [String] {
        ids.indices.filter { shown[$0] }.map { ids[$0] }
    }

    /// The response that counts for an item: a valid answer to a shown item; `nil` when the item was hidden,
    /// declined, not reached or answered with something that is not one of its options.
    public func countedResponse(for item: String) -> Response? {
        guard let position = index[item] else { return nil }
        return counted[position]
    }

    /// Whether a condition holds over the responses that count.
    public func holds(_ condition: Condition) -> Bool {
        condition.holds { countedResponse(for: $0) }
    }
}

extension Condition {
    /// Whether the condition holds, given the response that counts for each item it refers to.
    ///
    /// `countedResponse` returns the response that counts for an item id: `nil` when the item was hidden,
    /// declined or not reached. Only a ``Response/chosen(_:note:)`` or ``Response/text(_:)`` response is an
    /// answer; anything else is treated as no answer. Every leaf test is false for an item without an answer,
    /// `notEquals` included (it means "answered, with a different value"). For multiple choice, `equals` means
    /// the value was among those chosen and `oneOf` that any chosen value is in the list; `atLeast` and `atMost`
    /// hold only for a single integer value. An empty `allOf` holds; an empty `anyOf` does not.
    public func holds(given countedResponse: (String) -> Response?) -> Bool {
        switch self {
        case .equals(let item, let value):
            guard let values = Self.answeredValues(item, countedResponse) else { return false }
            return values.contains(value)
        case .notEquals(let item, let value):
            guard let values = Self.answeredValues(item, countedResponse) else { return false }
            return !values.contains(value)
        case .oneOf(let item, let list):
            guard let values = Self.answeredValues(item, countedResponse) else { return false }
            return values.contains { list.contains($0) }
        case .answered(let item):
            return countedResponse(item)?.isAnswer ?? false
        case .atLeast(let item, let bound):
            guard let number = Self.integerValue(item, countedResponse) else { return false }
            return number >= bound
        case .atMost(let item, let bound):
            guard let number = Self.integerValue(item, countedResponse) else { return false }
            return number <= bound
        case .allOf(let conditions):
            for condition in conditions where !condition.holds(given: countedResponse) { return false }
            return true
        case .anyOf(let conditions):
            for condition in conditions where condition.holds(given: countedResponse) { return true }
            return false
        }
    }

    /// The chosen values of an answered item (empty for free text); `nil` when it has no answer.
    private static func answeredValues(_ item: String, _ lookup: (String) -> Response?) -> [String]? {
        guard let response = lookup(item), response.isAnswer else { return nil }
        return response.values
    }

    /// The single integer value an item was answered with, if it was.
    private static func integerValue(_ item: String, _ lookup: (String) -> Response?) -> Int? {
        guard let values = answeredValues(item, lookup), values.count == 1 else { return nil }
        return Int(values[0])
    }
}

extension Item {
    /// Whether a response is a valid answer to this item.
    ///
    /// Free text answers a text item. A choice item is answered with option values it has: exactly one for
    /// yes/no, Likert and single choice; any number of distinct values (none included) for multiple choice.
    /// Declined, not shown and not reached are not answers.
    public func accepts(_ response: Response) -> Bool {
        switch response {
        case .text:
            return kind == .text
        case .chosen(let values, _):
            switch kind {
            case .text:
                return false
            case .multiple:
                guard values.allSatisfy({ option($0) != nil }) else { return false }
                return Set(values).count == values.count
            case .yesNo, .likert, .single:
                return values.count == 1 && option(values[0]) != nil
            }
        case .declined, .notShown, .notReached:
            return false
        }
    }
}
