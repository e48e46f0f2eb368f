/// Something a report must point out, raised by particular answers or by a scale reaching a threshold.
public struct Flag: Sendable, Hashable, Identifiable {
    /// How serious a flag is.
    public enum Severity: String, Sendable, Hashable, CaseIterable, Comparable {
        /// Must be acted on; a critical safety flag always selects the safety outcome.
        case critical
        /// Worth attention.
        case warning
        /// For information.
        case note

        var rank: Int {
            switch self {
            case .critical: 2
            case .warning: 1
            case .note: 0
            }
        }

        /// Orders by seriousness: `note < warning < critical`.
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// What area a flag concerns. The list is closed, so a misspelt `safety` cannot escape the override.
    public enum Category: String, Sendable, Hashable, CaseIterable {
        /// Abuse, violence, fear, control: the person's safety.
        case safety
        /// The person's own wellbeing.
        case wellbeing
        /// The relationship itself.
        case relationship
        /// Whether the person is ready to decide.
        case readiness
        /// How sure the person is about the decision.
        case decision
        /// Anything else.
        case other
    }

    /// What raises a flag.
    public enum Trigger: Sendable, Hashable {
        /// Any one of these answers (item id and option value) raises it.
        case answers([AnswerMatch])
        /// The scale's raw score over answered items reaching the bounds raises it.
        case scale(id: String, atLeast: Double?, atMost: Double?)
    }

    /// One (item, value) pair that raises a flag.
    public struct AnswerMatch: Sendable, Hashable {
        /// The item's id.
        public var item: String
        /// The option value.
        public var value: String
        /// Where it is in its source file.
        public var location: SourceLocation?

        /// Creates a match.
        public init(item: String, value: String, location: SourceLocation? = nil) {
            self.item = item
            self.value = value
            self.location = location
        }
    }

    /// The flag's id, unique across an assessment.
    public var id: String
    /// A short name.
    public var title: String
    /// What the report says when it is raised.
    public var message: String
    /// How serious it is.
    public var severity: Severity
    /// What it concerns.
    public var category: Category
    /// What raises it.
    public var trigger: Trigger
    /// Where it is in its source file.
    public var location: SourceLocation?
    /// Whether a session stops at once to show it, with the crisis resources for its topic, as it does for
    /// a critical safety flag. For concerns that can't wait, such as an ex threatening to harm themselves.
    public var interrupts: Bool = false
    /// The topic of the crisis resources to show with it first (a resource's `topic`), if any.
    public var resourceTopic: String?

    /// Creates a flag.
    public init(
        id: String, title: String, message: String, severity: Severity, category: Category,
        trigger: Trigger, location: SourceLocation? = nil
    ) {
        self.id = id
        self.title = title
        self.message = message
        self.severity = severity
        self.category = category
        self.trigger = trigger
        self.location = location
    }

    /// Whether this flag, when raised, forces the safety outcome: severity critical and category safety.
    public var isSafetyCritical: Bool { severity == .critical && category == .safety }
}
