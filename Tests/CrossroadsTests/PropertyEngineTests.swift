import PropertyBased
import Testing

@testable import Crossroads

/// Properties of the engine over random assessments and random answers (see ``RandomAssessments``).
@Suite("Property: engine")
struct PropertyEngineTests {
    /// Checks that hold for every result; returns nothing, records issues.
    static func checkInvariants(_ result: ScoreResult, _ testCase: ScoringCase) {
        let assessment = testCase.assessment

        // (a) A raised critical safety flag always selects the safety outcome, and only it forces it.
        let safetyFlags = result.flags.filter(\.flag.isSafetyCritical).map(\.flag.id)
        if safetyFlags.isEmpty {
            if case .safetyOverride = result.decision.reason { Issue.record("safety override without a safety flag") }
        } else {
            #expect(result.outcome.isSafety)
            #expect(result.isSafetyFirst)
            #expect(result.decision.reason == .safetyOverride(flags: safetyFlags))
            #expect(result.outcome == (assessment.safetyOutcome ?? .builtInSafety))
            #expect(result.decision.evaluations.allSatisfy { $0.matched == nil && $0.trace == nil })
        }

        // (b) Scores stay within their range; normalised scores within 0…1.
        for scale in result.scales {
            #expect(scale.minimum <= scale.maximum)
            #expect(scale.minimum.isFinite && scale.maximum.isFinite && scale.raw.isFinite)
            #expect(scale.answered <= scale.shown)
            #expect(scale.required <= scale.shown)
            #expect(scale.contributions.count == scale.answered)
            if scale.isInsufficient {
                #expect(scale.score == nil && scale.normalised == nil && scale.band == nil)
                #expect(scale.shown == 0 || scale.answered < scale.required || !scale.withheld.isEmpty)
            } else {
                let score = scale.score ?? .nan
                let normalised = scale.normalised ?? .nan
                #expect(score.isFinite && normalised.isFinite)
                #expect(score >= scale.minimum && score <= scale.maximum)
                #expect(normalised >= 0 && normalised <= 1)
                #expect(scale.band == scale.scale.band(for: score))
                #expect((scale.status == .complete) == (scale.answered == scale.shown))
                if scale.status == .complete { #expect(score == scale.raw) }
            }
        }

        // Items: answered exactly when shown with a valid answer; only hidden items ignore responses.
        #expect(result.items.count == assessment.items.count)
        for item in result.items {
            let recorded = testCase.answers[item.item.id]
            if item.status == .answered {
                #expect(recorded.map { item.item.accepts($0) } == true)
                #expect(item.response == recorded)
            } else {
                #expect(item.response == nil)
            }
            if item.status != .notShown, let recorded, item.item.accepts(recorded) {
                #expect(item.status == .answered)
            }
            if item.ignoredResponse { #expect(item.status == .notShown) }
        }

        // The explanation: one evaluation per outcome; rules in priority order; the chosen one first to match.
        let evaluations = result.decision.evaluations
        #expect(evaluations.map(\.outcomeID).sorted() == assessment.outcomes.map(\.id).sorted())
        let tried = evaluations.filter { $0.matched != nil }
        switch result.decision.reason {
        case .safetyOverride:
            #expect(tried.isEmpty)
        case .rule:
            #expect(tried.last?.matched == true)
            #expect(tried.dropLast().allSatisfy { $0.matched == false })
            #expect(tried.last?.outcomeID == result.outcome.id)
        case .fallback:
            #expect(tried.allSatisfy { $0.matched == false })
            #expect(tried.count == assessment.outcomes.filter { $0.rule != nil }.count)
            #expect(result.outcome == (assessment.fallbackOutcome ?? .builtInUnclear))
        }
        // Outcomes with rules come first, by descending priority, ties as written; then those without.
        let ruled = assessment.outcomes.enumerated().filter { $0.element.rule != nil }
            .sorted { lhs, rhs in
                lhs.element.priority != rhs.element.priority
                    ? lhs.element.priority > rhs.element.priority : lhs.offset < rhs.offset
            }
            .map(\.element.id)
        #expect(Array(evaluations.prefix(ruled.count).map(\.outcomeID)) == ruled)
    }

    @Test func theSafetyOverrideAlwaysWins() async {
        var overridden = 0
        var cases = 0
        await propertyCheck(count: 2000, input: RandomAssessments.cases(adversarial: true)) { testCase in
            cases += 1
            let result = Scorer(testCase.assessment).score(testCase.answers)
            Self.checkInvariants(result, testCase)
            if result.flags.contains(where: \.flag.isSafetyCritical) {
                overridden += 1
            } else {
                // Adversarial: without a safety flag, one of the always-true rules wins (if there is one).
                let alwaysTrue = testCase.assessment.outcomes.contains { !$0.isSafety && $0.rule != nil }
                #expect(result.decision.reason == (alwaysTrue ? .rule : .fallback))
            }
        }
        // The generator must actually exercise the override (checked when every case ran).
        guard cases == 2000 else { return }
        #expect(overridden >= 400)
    }

    @Test func scoresStayInRangeAndResultsExplainThemselves() async {
        var seen = Coverage()
        await propertyCheck(count: 3000, input: RandomAssessments.mixedCases) { testCase in
            let result = Scorer(testCase.assessment).score(testCase.answers)
            Self.checkInvariants(result, testCase)
            seen.record(result)
        }
        // The generator must reach every interesting state (checked when every case ran).
        guard seen.cases == 3000 else { return }
        #expect(seen.prorated >= 100)
        #expect(seen.insufficient >= 100)
        #expect(seen.complete >= 100)
        #expect(seen.safetyOverride >= 200)
        #expect(seen.rule >= 200)
        #expect(seen.fallback >= 200)
        #expect(seen.ignoredResponses >= 200)
        #expect(seen.invalidResponses >= 200)
    }

    @Test func anItemThatWasNotShownChangesNothing() async {
        var mutated = 0
        var cases = 0
        await propertyCheck(count: 3000, input: RandomAssessments.mixedCases, Gen<UInt64>.value()) { testCase, seed in
            cases += 1
            let scorer = Scorer(testCase.assessment)
            let result = scorer.score(testCase.answers)
            let hidden = result.items.filter { $0.status == .notShown }.map(\.item)
            guard !hidden.isEmpty else { return }
            mutated += 1

            // Change, add or remove the response to every hidden item at once.
            var rng = SplitMix(seed: seed)
            var changed = testCase.answers
            for item in hidden {
                changed[item.id] =
                    RandomAssessments.chance(0.3, &rng)
                    ? RandomAssessments.validAnswer(for: item, using: &rng)
                    : RandomAssessments.response(for: item, using: &rng)
            }
            let after = scorer.score(changed)
            #expect(after.scales == result.scales)
            #expect(after.flags == result.flags)
            #expect(after.decision == result.decision)
            #expect(after.items.map(\.status) == result.items.map(\.status))
            #expect(after.items.map(\.response) == result.items.map(\.response))
            #expect(scorer.shownItems(for: changed) == scorer.shownItems(for: testCase.answers))

            // And one hidden item alone.
            if let item = hidden.first {
                var single = testCase.answers
                single[item.id] = RandomAssessments.validAnswer(for: item, using: &rng)
                let alone = scorer.score(single)
                #expect(alone.scales == result.scales)
                #expect(alone.flags == result.flags)
                #expect(alone.decision == result.decision)
            }
        }
        guard cases == 3000 else { return }
        #expect(mutated >= 1000)
    }

    /// A declined item that can raise a safety flag never raises or lowers a score as if it had been
    /// answered: no scale that shows it gets a score (none is estimated without it), it adds no points and
    /// raises no flag, and the result says the safety questions were not all answered.
    @Test func aDeclinedSafetyItemNeverCountsAsIfAnswered() async {
        var declinedCases = 0
        var cases = 0
        await propertyCheck(count: 2000, input: RandomAssessments.mixedCases, Gen<UInt64>.value()) { testCase, seed in
            cases += 1
            let scorer = Scorer(testCase.assessment)
            let before = scorer.score(testCase.answers)
            let candidates = before.items.filter {
                $0.status != .notShown && Lookup.canRaiseSafetyFlag($0.item.id, before)
            }
            guard !candidates.isEmpty else { return }
            var rng = SplitMix(seed: seed)
            let item = candidates[Int(rng.next() % UInt64(candidates.count))].item
            var answers = testCase.answers
            answers[item.id] = .declined
            let result = scorer.score(answers)
            // Declining an item can hide later items, but never the item itself.
            guard result.items.first(where: { $0.item.id == item.id })?.status == .declined else { return }
            declinedCases += 1
            #expect(!result.safetyQuestionsAllAnswered)
            #expect(result.unansweredSafetyQuestions.contains(item.id))
            for scale in result.scales where scale.scale.members.contains(where: { $0.item == item.id }) {
                #expect(!scale.contributions.contains { $0.item == item.id })
                #expect(scale.score == nil, "\(scale.scale.id) was scored without \(item.id)")
                #expect(scale.band == nil)
                #expect(scale.isInsufficient)
            }
            for raised in result.flags {
                for case .answer(let id, _) in raised.evidence { #expect(id != item.id) }
            }
            // Declined and never reached are the same to the engine: neither is an answer.
            var unreached = testCase.answers
            unreached[item.id] = .notReached
            let other = scorer.score(unreached)
            #expect(other.scales.map(\.score) == result.scales.map(\.score))
            #expect(other.flags == result.flags)
        }
        guard cases == 2000 else { return }
        #expect(declinedCases >= 200)
    }

    @Test func scoringTwiceGivesEqualResults() async {
        await propertyCheck(count: 1000, input: RandomAssessments.mixedCases) { testCase in
            let scorer = Scorer(testCase.assessment)
            let first = scorer.score(testCase.answers)
            let second = scorer.score(testCase.answers)
            #expect(first == second)
            #expect(Scorer(testCase.assessment).score(testCase.answers) == first)
            #expect(testCase.assessment.score(testCase.answers) == first)
        }
    }
}

/// How often the random cases reach each state.
struct Coverage {
    var cases = 0
    var complete = 0
    var prorated = 0
    var insufficient = 0
    var safetyOverride = 0
    var rule = 0
    var fallback = 0
    var ignoredResponses = 0
    var invalidResponses = 0

    mutating func record(_ result: ScoreResult) {
        cases += 1
        for scale in result.scales {
            switch scale.status {
            case .complete: complete += 1
            case .prorated: prorated += 1
            case .insufficient: insufficient += 1
            }
        }
        switch result.decision.reason {
        case .safetyOverride: safetyOverride += 1
        case .rule: rule += 1
        case .fallback: fallback += 1
        }
        ignoredResponses += result.items.filter(\.ignoredResponse).count
        invalidResponses += result.items.filter(\.invalidResponse).count
    }
}

/// A small seeded random number generator (SplitMix64), for mutations derived from a generated seed.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
