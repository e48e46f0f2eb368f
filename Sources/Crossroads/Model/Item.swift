/// One question.
public struct Item: Sendable, Hashable, Identifiable {
    /// The kinds of question the format knows.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Yes or no; options `yes` and `no`.
        case yesNo = "yes-no"
        /// A rating on labelled points whose values are integers.
        case likert
        /// One choice among several.
        case single
        /// Any number of choices among several.
        case multiple
        /// Free text in the person's own words.
        case text

        /// Whether the answer is one or more of the item's options.
        public var isChoice: Bool { self != .text }
    }

    /// The item's id, unique across an assessment.
    public var id: String
    /// What kind of question it is.
    public var kind: Kind
    /// The question as the person reads it.
    public var text: String
    /// Optional help shown on request.
    public var help: String?
    /// When present, the item is shown only when this condition holds for earlier answers.
    public var showIf: Condition?
    /// The answer choices (empty for free text).
    public var options: [Option]
    /// When present, the person may add a free-text note in their own words; this is its prompt.
    public var notePrompt: String?
    /// Whether the person may decline to answer.
    public var skippable: Bool
    /// Whether a missing answer must never be estimated from the other answers of a scale (prorated as if
    /// it matched them). The engine treats every item that can raise a safety flag this way, whatever this
    /// says; a scale that loses such an answer is not scored.
    public var neverImpute: Bool
    /// Where it is in its source file.
    public var location: SourceLocation?

    /// Creates an item. A yes/no item given no options gets `yes` (weight 1) and `no` (weight 0).
    public init(
        id: String, kind: Kind, text: String, help: String? = nil, showIf: Condition? = nil,
        options: [Option] = [], notePrompt: String? = nil, skippable: Bool = true,
        neverImpute: Bool = false, location: SourceLocation? = nil
    ) {
        self.id = id
        self.kind = kind
        self.text = text
        self.help = help
        self.showIf = showIf
        self.options = (kind == .yesNo && options.isEmpty) ? Option.defaultYesNo : options
        self.notePrompt = notePrompt
        self.skippable = skippable
        self.neverImpute = neverImpute
        self.location = location
    }

    /// The option with this value, if the item has one.
    public func option(_ value: String) -> Option? {
        options.first { $0.value == value }
    }

    /// The smallest option weight (0 for an item without options).
    var minimumWeight: Double { options.map(\.weight).min() ?? 0 }
    /// The largest option weight (0 for an item without options).
    var maximumWeight: Double { options.map(\.weight).max() ?? 0 }
}
