/// One answer choice of an item, with its weight.
public struct Option: Sendable, Hashable {
    /// The value recorded in answers files (`yes`, `3`, `often`).
    public var value: String
    /// What the person reads.
    public var label: String
    /// What choosing it adds to each scale the item counts toward (negative allowed).
    public var weight: Double
    /// Whether choosing it invites the item's optional note. When none of an item's options says so, every
    /// option does (as before); when some do, the note is offered only after those.
    public var invitesNote: Bool = false

    /// Creates an option.
    public init(value: String, label: String, weight: Double = 0) {
        self.value = value
        self.label = label
        self.weight = weight
    }

    /// The options a yes/no item gets when its file lists none.
    public static let defaultYesNo = [
        Option(value: "yes", label: "Yes", weight: 1),
        Option(value: "no", label: "No", weight: 0),
    ]

    /// The value as an integer, when it is one (Likert points are).
    public var integerValue: Int? { Int(value) }
}
