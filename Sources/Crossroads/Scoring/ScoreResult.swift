/// Everything the engine concluded from one set of answers, with the explanation behind it.
public struct ScoreResult: Sendable, Hashable {
    /// The assessment that was scored.
    public var assessment: Assessment
    /// The answers that were scored.
    public var answers: Answers
    /// Each item, in order, with whether it was shown and what happened to it.
    public var items: [ItemResult]
    /// Each scale, in order.
    public var scales: [ScaleResult]
    /// The flags that were raised, in the order the assessment declares them.
    public var flags: [RaisedFlag]
    /// The outcome and why it was chosen.
    public var decision: OutcomeDecision
    /// The ids of the questions that can raise a safety flag that were shown but not answered (declined or
    /// not reached), in the order they are asked. While any is left, no report may say that no warning signs
    /// came up.
    public var unansweredSafetyQuestions: [String]
    /// The assessment's tensions that hold for these answers, in the order declared.
    public var tensions: [Tension] = []

    /// Creates a result (the engine does this; embedders read results).
    public init(
        assessment: Assessment, answers: Answers, items: [ItemResult], scales: [ScaleResult],
        flags: [RaisedFlag], decision: OutcomeDecision, unansweredSafetyQuestions: [String] = []
    ) {
        self.unansweredSafetyQuestions = unansweredSafetyQuestions
        self.assessment = assessment
        self.answers = answers
        self.items = items
        self.scales = scales
        self.flags = flags
        self.decision = decision
    }

    /// The outcome.
    public var outcome: Outcome { decision.outcome }
    /// The raised flags that are critical and about safety.
    public var safetyFlags: [RaisedFlag] { flags.filter(\.flag.isSafetyCritical) }
    /// Whether a safety concern was raised: any raised safety flag, whatever its severity.
    public var hasSafetyConcern: Bool { flags.contains { $0.flag.category == .safety } }
    /// Whether the outcome is the safety outcome.
    public var isSafetyFirst: Bool { decision.outcome.isSafety }
    /// Whether every question that can raise a safety flag that was shown was answered. When not, the
    /// safety questions were declined or not reached: a state of its own, never read as "all clear".
    public var safetyQuestionsAllAnswered: Bool { unansweredSafetyQuestions.isEmpty }
}

/// What happened to one item.
public struct ItemResult: Sendable, Hashable {
    /// An item's state in a result.
    public enum Status: String, Sendable, Hashable {
        /// Shown and answered.
        case answered
        /// Shown, and the person chose not to answer.
        case declined
        /// Its condition was false, so it was not shown; anything recorded for it is ignored.
        case notShown = "not-shown"
        /// Shown, but the session ended before it.
        case notReached = "not-reached"
    }

    /// The item.
    public var item: Item
    /// The id of the questionnaire it belongs to.
    public var questionnaireID: String
    /// Its state.
    public var status: Status
    /// The response that counts (only for answered items).
    public var response: Response?
    /// Whether a response was recorded for it although it was not shown (and so ignored).
    ///
    /// An answer or a decline counts as recorded; "not shown" and "not reached" do not.
    public var ignoredResponse: Bool
    /// Whether the recorded response is not a valid answer to the item (a value that is not one of its
    /// options, several values for a single-answer item, a repeated value, text for a choice item or a
    /// choice for a text item), and so did not count. A shown item with such a response is `notReached`.
    public var invalidResponse: Bool

    /// Creates an item result.
    public init(
        item: Item, questionnaireID: String, status: Status, response: Response?, ignoredResponse: Bool,
        invalidResponse: Bool = false
    ) {
        self.item = item
        self.questionnaireID = questionnaireID
        self.status = status
        self.response = response
        self.ignoredResponse = ignoredResponse
        self.invalidResponse = invalidResponse
    }
}

/// A scale's score, band and the contribution of each item.
public struct ScaleResult: Sendable, Hashable {
    /// Whether a scale could be scored.
    public enum Status: Sendable, Hashable {
        /// Every shown item was answered.
        case complete
        /// Enough shown items were answered; the score was prorated from them.
        case prorated
        /// Too few answers for a score; the reason says how many were needed.
        case insufficient(reason: String)
    }

    /// One item's part in a scale's score.
    public struct Contribution: Sendable, Hashable {
        /// The item's id.
        public var item: String
        /// The chosen option values.
        public var values: [String]
        /// The sum of the chosen options' weights.
        public var weight: Double
        /// Whether the item is reverse-scored in this scale.
        public var reversed: Bool
        /// What it added to the raw score (the weight, reversed when the item is).
        public var points: Double

        /// Creates a contribution.
        public init(item: String, values: [String], weight: Double, reversed: Bool, points: Double) {
            self.item = item
            self.values = values
            self.weight = weight
            self.reversed = reversed
            self.points = points
        }
    }

    /// The scale.
    public var scale: Scale
    /// Complete, prorated or insufficient.
    public var status: Status
    /// The sum of the answered items' points.
    public var raw: Double
    /// The score: raw, or prorated; `nil` when insufficient.
    public var score: Double?
    /// The lowest score possible given which items were shown.
    public var minimum: Double
    /// The highest score possible given which items were shown.
    public var maximum: Double
    /// The score's position between minimum and maximum, from 0 to 1; `nil` when insufficient.
    public var normalised: Double?
    /// The band the score falls in; `nil` when insufficient.
    public var band: Band?
    /// How many of its items were shown.
    public var shown: Int
    /// How many of its shown items were answered.
    public var answered: Int
    /// How many answers it needed for a score.
    public var required: Int
    /// Each answered item's contribution, in the scale's order.
    public var contributions: [Contribution]
    /// The ids of its shown items left unanswered whose answer is never estimated from the others (every
    /// item that can raise a safety flag, and those marked `never-impute`). When any is listed, the scale is
    /// not scored, unless every shown item was needed anyway.
    public var withheld: [String] = []
    /// The lowest raw score possible from the answered items alone (used when prorating).
    public var answeredMinimum: Double
    /// The highest raw score possible from the answered items alone (used when prorating).
    public var answeredMaximum: Double

    /// Creates a scale result.
    public init(
        scale: Scale, status: Status, raw: Double, score: Double?, minimum: Double, maximum: Double,
        normalised: Double?, band: Band?, shown: Int, answered: Int, required: Int, contributions: [Contribution],
        answeredMinimum: Double = 0, answeredMaximum: Double = 0
    ) {
        self.answeredMinimum = answeredMinimum
        self.answeredMaximum = answeredMaximum
        self.scale = scale
        self.status = status
        self.raw = raw
        self.score = score
        self.minimum = minimum
        self.maximum = maximum
        self.normalised = normalised
        self.band = band
        self.shown = shown
        self.answered = answered
        self.required = required
        self.contributions = contributions
    }

    /// Whether the scale had too few answers for a score.
    public var isInsufficient: Bool {
        if case .insufficient = status { return true }
        return false
    }
}

/// A raised flag with the evidence that raised it.
public struct RaisedFlag: Sendable, Hashable {
    /// What raised a flag.
    public enum Evidence: Sendable, Hashable {
        /// This item was answered with this value.
        case answer(item: String, value: String)
        /// This scale's raw score reached the flag's threshold.
        case scale(id: String, raw: Double)
    }

    /// The flag.
    public var flag: Flag
    /// What raised it.
    public var evidence: [Evidence]

    /// Creates a raised flag.
    public init(flag: Flag, evidence: [Evidence]) {
        self.flag = flag
        self.evidence = evidence
    }
}

/// The chosen outcome, the reason, and how every rule fared.
public struct OutcomeDecision: Sendable, Hashable {
    /// Why an outcome was chosen.
    public enum Reason: Sendable, Hashable {
        /// A critical safety flag was raised; these flags forced the safety outcome, whatever else.
        case safetyOverride(flags: [String])
        /// This outcome's rule was the first, by priority, to match.
        case rule
        /// No rule matched.
        case fallback
    }

    /// The outcome.
    public var outcome: Outcome
    /// Why.
    public var reason: Reason
    /// Every outcome's rule, in the order tried (by priority, then as written), with its result.
    public var evaluations: [RuleEvaluation]

    /// Creates a decision.
    public init(outcome: Outcome, reason: Reason, evaluations: [RuleEvaluation]) {
        self.outcome = outcome
        self.reason = reason
        self.evaluations = evaluations
    }
}

/// How one outcome's rule fared.
public struct RuleEvaluation: Sendable, Hashable {
    /// The outcome's id.
    public var outcomeID: String
    /// The outcome's priority.
    public var priority: Int
    /// Whether its rule held; `nil` when it was not tried (the safety override applied, or a rule of higher
    /// priority had already matched) or it has no rule.
    public var matched: Bool?
    /// The rule's condition tree with each part's result, when it was tried.
    public var trace: RuleTrace?

    /// Creates an evaluation.
    public init(outcomeID: String, priority: Int, matched: Bool?, trace: RuleTrace?) {
        self.outcomeID = outcomeID
        self.priority = priority
        self.matched = matched
        self.trace = trace
    }
}

/// A rule condition and whether it held, with its parts.
public struct RuleTrace: Sendable, Hashable {
    /// The condition (for a combinator, the whole subtree).
    public var condition: RuleCondition
    /// Whether it held.
    public var holds: Bool
    /// The traces of its parts, for `all-of`, `any-of` and `none-of`.
    public var parts: [RuleTrace]

    /// Creates a trace.
    public init(condition: RuleCondition, holds: Bool, parts: [RuleTrace] = []) {
        self.condition = condition
        self.holds = holds
        self.parts = parts
    }
}
