/// A possible result of an assessment, with what it means and what to do next.
public struct Outcome: Sendable, Hashable, Identifiable {
    /// The outcome's id, unique within its assessment.
    public var id: String
    /// Its name.
    public var title: String
    /// One or two sentences that say it plainly.
    public var summary: String
    /// What it means for the person.
    public var meaning: String
    /// The good side of this path.
    public var upside: String?
    /// The hard side of this path.
    public var downside: String?
    /// What to do next, in order.
    public var nextSteps: [String]
    /// Questions to talk over with a friend or therapist.
    public var discuss: [String]
    /// The condition of each next step, by position (`nil` or missing: always shown).
    public var nextStepConditions: [StepCondition?] = []
    /// The condition of each question to talk over, by position (`nil` or missing: always shown).
    public var discussConditions: [StepCondition?] = []
    /// The rule that selects it; the fallback has none, the safety outcome may have one.
    public var rule: RuleCondition?
    /// Rules are tried from the highest priority down; ties go to the outcome written first.
    public var priority: Int
    /// Whether this is the safety outcome, which a critical safety flag always selects.
    public var isSafety: Bool
    /// Whether this is the outcome chosen when no rule matches.
    public var isFallback: Bool
    /// Where it is in its source file.
    public var location: SourceLocation?

    /// Creates an outcome.
    public init(
        id: String, title: String, summary: String, meaning: String, upside: String? = nil,
        downside: String? = nil, nextSteps: [String], discuss: [String] = [], rule: RuleCondition? = nil,
        priority: Int = 0, isSafety: Bool = false, isFallback: Bool = false, location: SourceLocation? = nil
    ) {
        self.id = id
        self.title = title
        self.summary = summary
        self.meaning = meaning
        self.upside = upside
        self.downside = downside
        self.nextSteps = nextSteps
        self.discuss = discuss
        self.rule = rule
        self.priority = priority
        self.isSafety = isSafety
        self.isFallback = isFallback
        self.location = location
    }

    /// The next steps shown when these flags were raised.
    public func nextSteps(raised: Set<String>) -> [String] {
        StepCondition.filter(nextSteps, nextStepConditions, raised: raised)
    }

    /// The questions to talk over shown when these flags were raised.
    public func discuss(raised: Set<String>) -> [String] {
        StepCondition.filter(discuss, discussConditions, raised: raised)
    }
}
