extension Scorer {
    /// Scores one scale: contributions, the range over shown items, the missing-data rule, prorating,
    /// the normalised score and the band.
    func scaleResult(_ compiled: CompiledScale, _ visibility: Visibility, contributions collect: Bool = true)
        -> ScaleResult
    {
        var shown = 0
        var answered = 0
        var raw = FixedDecimal.zero
        var minimum = FixedDecimal.zero
        var maximum = FixedDecimal.zero
        var answeredMinimum = FixedDecimal.zero
        var answeredMaximum = FixedDecimal.zero
        var contributions: [ScaleResult.Contribution] = []
        var withheld: [String] = []

        for member in compiled.members {
            // An item the assessment does not have, or that was not shown, is left out entirely.
            guard let position = member.position, visibility.shown[position] else { continue }
            // Read through the array, field by field: binding the compiled item would copy it.
            let lowest = items[position].lowest
            let highest = items[position].highest
            shown += 1
            minimum += lowest
            maximum += highest
            guard let response = visibility.counted[position] else {
                if neverImputePositions.contains(position) { withheld.append(itemIDs[position]) }
                continue
            }
            answered += 1
            answeredMinimum += lowest
            answeredMaximum += highest
            // The sum of the chosen options' weights, read in place (binding the compiled item would copy it).
            var weight = FixedDecimal.zero
            for value in response.values { weight += items[position].weights[value] ?? 0 }
            let points = member.reverse ? lowest + highest - weight : weight
            raw += points
            guard collect else { continue }
            contributions.append(
                ScaleResult.Contribution(
                    item: itemIDs[position], values: response.values, weight: weight, reversed: member.reverse,
                    points: points))
        }

        let required = min(max(compiled.scale.minimumAnswered ?? compiled.members.count, 0), shown)

        func result(_ status: ScaleResult.Status, score: FixedDecimal?, normalised: Double?, band: Band?) -> ScaleResult {
            var scaleResult = ScaleResult(
                scale: compiled.scale, status: status, raw: raw, score: score, minimum: minimum,
                maximum: maximum, normalised: normalised, band: band, shown: shown, answered: answered,
                required: required, contributions: contributions, answeredMinimum: answeredMinimum,
                answeredMaximum: answeredMaximum)
            scaleResult.withheld = withheld
            return scaleResult
        }

        if shown == 0 || answered < required {
            let reason = Self.insufficientReason(shown: shown, answered: answered, required: required)
            return result(.insufficient(reason: reason), score: nil, normalised: nil, band: nil)
        }

        // A missing answer that must never be estimated: no score rather than one that treats it as if it
        // had gone the way of the others.
        if !withheld.isEmpty {
            let reason = Self.withheldReason(withheld.map { items[itemIndex[$0] ?? 0].item.text })
            return result(.insufficient(reason: reason), score: nil, normalised: nil, band: nil)
        }

        let status: ScaleResult.Status
        var score: FixedDecimal
        if answered < shown {
            status = .prorated
            let answeredRange = answeredMaximum - answeredMinimum
            // minShown + (raw − minAnswered) × (maxShown − minShown) / (maxAnswered − minAnswered), computed
            // exactly and rounded once by the scale's rule; the fraction is 0 when the range is 0.
            score =
                answeredRange > 0
                ? FixedDecimal.affine(
                    base: minimum, numerator: raw - answeredMinimum, factor: maximum - minimum,
                    divisor: answeredRange, rule: compiled.scale.rounding)
                : minimum
        } else {
            status = .complete
            score = raw
        }
        // Rounding to a whole number may step just outside the range; keep the score within it.
        score = Swift.min(Swift.max(score, minimum), maximum)

        let range = maximum - minimum
        var normalised = range > 0 ? (score - minimum).doubleValue / range.doubleValue : 0
        if !normalised.isFinite { normalised = 0 }
        normalised = Swift.min(Swift.max(normalised, 0), 1)

        return result(status, score: score, normalised: normalised, band: compiled.scale.band(for: score))
    }

    /// Why a scale with a missing answer that is never estimated has no score, in plain words.
    static func withheldReason(_ questions: [String]) -> String {
        let which = questions.count == 1 ? "a question" : "\(questions.count) questions"
        return "\(which) whose answer is never estimated from the others went unanswered: "
            + questions.map { "“\($0)”" }.joined(separator: ", ")
    }

    /// Why a scale has no score, in plain words.
    static func insufficientReason(shown: Int, answered: Int, required: Int) -> String {
        if shown == 0 {
            return "none of its questions were shown"
        }
        let questions = shown == 1 ? "question" : "questions"
        let were = answered == 1 ? "was" : "were"
        let are = required == 1 ? "is" : "are"
        return "\(answered) of the \(shown) \(questions) shown \(were) answered; at least \(required) \(are) needed"
    }
}
