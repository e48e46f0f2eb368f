extension Scorer {
    // MARK: Flags

    /// The raised flags, in the order the assessment declares them, each with its evidence.
    func raisedFlags(_ visibility: Visibility, _ scaleResults: [ScaleResult]) -> [RaisedFlag] {
        var raised: [RaisedFlag] = []
        for compiled in flags {
            var evidence: [RaisedFlag.Evidence] = []
            switch compiled.trigger {
            case .answers(let matches):
                for match in matches {
                    guard let position = match.position, let response = visibility.counted[position] else {
                        continue
                    }
                    if response.values.contains(match.value) {
                        evidence.append(.answer(item: items[position].item.id, value: match.value))
                    }
                }
            case .scale(let position, let atLeast, let atMost):
                // The raw sum over answered shown items, never prorated, even when the scale is insufficient.
                guard let position, atLeast != nil || atMost != nil else { break }
                // Read in place: binding the scale's result would copy it, with all it holds.
                if compiled.flag.skipsUnscoredScale && scaleResults[position].isInsufficient { break }
                let raw = scaleResults[position].raw
                if let atLeast, !(raw >= atLeast) { break }
                if let atMost, !(raw <= atMost) { break }
                evidence.append(.scale(id: scales[position].scale.id, raw: raw))
            case .value(let position, let atLeast, let atMost):
                // A single whole-number answer within the bounds, as the at-least and at-most conditions read it.
                guard let position, atLeast != nil || atMost != nil, let response = visibility.counted[position],
                    response.values.count == 1, let number = Int(response.values[0])
                else { break }
                if let atLeast, number < atLeast { break }
                if let atMost, number > atMost { break }
                evidence.append(.answer(item: items[position].item.id, value: response.values[0]))
            case .band(let position, let bands):
                guard let position, !scaleResults[position].isInsufficient, let band = scaleResults[position].band,
                    bands.contains(band.id)
                else { break }
                evidence.append(.scale(id: scales[position].scale.id, raw: scaleResults[position].raw))
            }
            if !evidence.isEmpty {
                raised.append(RaisedFlag(flag: compiled.flag, evidence: evidence))
            }
        }
        return raised
    }

    // MARK: Outcome

    /// Chooses the outcome: the safety outcome whenever a critical safety flag was raised; otherwise the
    /// first rule to match in descending priority (ties as written); otherwise the fallback.
    func decide(_ raised: [RaisedFlag], _ scaleResults: [ScaleResult]) -> OutcomeDecision {
        let outcomes = assessment.outcomes
        let safetyFlags = raised.filter(\.flag.isSafetyCritical).map(\.flag.id)

        // The safety override. It is checked first and nothing in the assessment can switch it off.
        if !safetyFlags.isEmpty {
            let evaluations = (tryOrder + withoutRule).map { index in
                RuleEvaluation(
                    outcomeID: outcomes[index].id, priority: outcomes[index].priority, matched: nil, trace: nil)
            }
            return OutcomeDecision(
                outcome: safetyOutcome, reason: .safetyOverride(flags: safetyFlags), evaluations: evaluations)
        }

        let raisedIDs = Set(raised.map(\.flag.id))
        let raisedFlags = raised.map(\.flag)
        var evaluations: [RuleEvaluation] = []
        evaluations.reserveCapacity(outcomes.count)
        var chosen: Outcome?
        for index in tryOrder {
            let outcome = outcomes[index]
            guard chosen == nil, let rule = outcome.rule else {
                evaluations.append(
                    RuleEvaluation(outcomeID: outcome.id, priority: outcome.priority, matched: nil, trace: nil))
                continue
            }
            let trace = trace(rule, raisedIDs, scaleResults, raisedFlags)
            evaluations.append(
                RuleEvaluation(outcomeID: outcome.id, priority: outcome.priority, matched: trace.holds, trace: trace))
            if trace.holds { chosen = outcome }
        }
        for index in withoutRule {
            let outcome = outcomes[index]
            evaluations.append(
                RuleEvaluation(outcomeID: outcome.id, priority: outcome.priority, matched: nil, trace: nil))
        }
        if let chosen {
            return OutcomeDecision(outcome: chosen, reason: .rule, evaluations: evaluations)
        }
        return OutcomeDecision(outcome: fallbackOutcome, reason: .fallback, evaluations: evaluations)
    }

    /// Evaluates a rule condition, keeping every part's result (no short cut, so the trace is complete).
    func trace(
        _ condition: RuleCondition, _ raised: Set<String>, _ scaleResults: [ScaleResult], _ raisedFlags: [Flag] = []
    ) -> RuleTrace {
        switch condition {
        case .flagRaised(let id):
            return RuleTrace(condition: condition, holds: raised.contains(id))
        case .band(let scale, let bands):
            var holds = false
            if let position = scaleIndex[scale], let band = scaleResults[position].band,
                !scaleResults[position].isInsufficient
            {
                holds = bands.contains(band.id)
            }
            return RuleTrace(condition: condition, holds: holds)
        case .insufficient(let scale):
            let holds = scaleIndex[scale].map { scaleResults[$0].isInsufficient } ?? false
            return RuleTrace(condition: condition, holds: holds)
        case .anyFlag(let category, let severity):
            // Its parts are the raised flags that match, in the order the assessment declares them.
            let matching = raisedFlags.filter { flag in
                (category.map { flag.category == $0 } ?? true) && (severity.map { flag.severity == $0 } ?? true)
            }
            return RuleTrace(
                condition: condition, holds: !matching.isEmpty,
                parts: matching.map { RuleTrace(condition: .flagRaised($0.id), holds: true) })
        case .allOf(let conditions):
            let parts = conditions.map { trace($0, raised, scaleResults, raisedFlags) }
            return RuleTrace(condition: condition, holds: parts.allSatisfy(\.holds), parts: parts)
        case .anyOf(let conditions):
            let parts = conditions.map { trace($0, raised, scaleResults, raisedFlags) }
            return RuleTrace(condition: condition, holds: parts.contains(where: \.holds), parts: parts)
        case .noneOf(let conditions):
            let parts = conditions.map { trace($0, raised, scaleResults, raisedFlags) }
            return RuleTrace(condition: condition, holds: !parts.contains(where: \.holds), parts: parts)
        }
    }
}

extension Outcome {
    /// The safety outcome the engine uses when a critical safety flag is raised in an assessment that has
    /// no safety outcome of its own (possible only for an assessment built in code; files must have one).
    public static let builtInSafety = Outcome(
        id: "crossroads.builtin.safety",
        title: "Your safety comes first",
        summary: """
            Some of your answers describe things that can put your safety at risk. That matters more than \
            any other part of this assessment.
            """,
        meaning: """
            When something puts your safety at risk, the first step is to look after your safety, with \
            people who know how to help.
            """,
        nextSteps: [
            "If you are in danger right now, call your local emergency number.",
            """
            Talk to a crisis line, a doctor or a support service. They listen in confidence, without judging, \
            and can help you make a safety plan.
            """,
            "Tell someone you trust what has been happening.",
            "Take your time. You do not have to decide anything else today.",
        ],
        discuss: [
            "What would help me feel safe right now?",
            "Who could I call or stay with if I needed to, at any hour?",
        ],
        isSafety: true
    )

    /// The outcome the engine uses when no rule matches in an assessment that has no fallback outcome of its
    /// own (possible only for an assessment built in code; files must have one).
    public static let builtInUnclear = Outcome(
        id: "crossroads.builtin.unclear",
        title: "The picture is not clear yet",
        summary: "Your answers do not point clearly one way or the other.",
        meaning: """
            That is common, and it is not a failure. It may help to give the questions more time, or to talk \
            them over with someone you trust.
            """,
        nextSteps: [
            "Come back to the questions after a few days and see whether your answers change.",
            "Talk your answers over with a friend, counsellor or therapist.",
        ],
        discuss: [
            "What would I need to know to feel sure either way?"
        ],
        isFallback: true
    )
}
