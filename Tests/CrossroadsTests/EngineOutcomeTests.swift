import Testing

@testable import Crossroads

private typealias T = TestAssessments

/// Choosing the outcome: the safety override, priorities, ties, the fallback, and the explanation.
@Suite("Engine: outcomes")
struct EngineOutcomeTests {
    /// Items `hit` (safety), `warm` and `cold`; flags for each; outcomes as given.
    static func assessment(outcomes: [Outcome]) -> Assessment {
        T.assessment(
            items: [T.yesNo("hit"), T.yesNo("warm"), T.yesNo("cold")],
            scales: [T.scale("s", ["warm", "cold"], bands: [T.band("low", from: 0), T.band("high", from: 2)])],
            flags: [
                T.safetyFlag("f.hit", item: "hit"),
                T.flag("f.warm", answers: [("warm", "yes")]),
                T.flag("f.cold", answers: [("cold", "yes")]),
            ],
            outcomes: outcomes)
    }

    static func score(_ assessment: Assessment, _ responses: [String: Response]) -> ScoreResult {
        assessment.score(T.answers(responses, for: assessment))
    }

    @Test func higherPriorityWins() {
        let assessment = Self.assessment(outcomes: [
            T.outcome("low", priority: 1, rule: .flagRaised("f.warm")),
            T.outcome("high", priority: 5, rule: .flagRaised("f.cold")),
            T.safetyOutcome(), T.fallbackOutcome(),
        ])
        let result = Self.score(assessment, ["warm": .yes, "cold": .yes])
        #expect(result.outcome.id == "high")
        #expect(result.decision.reason == .rule)
        #expect(result.decision.evaluations.map(\.outcomeID) == ["high", "low", "safety", "unsure"])
        #expect(result.decision.evaluations.map(\.matched) == [true, nil, nil, nil])
        #expect(result.decision.evaluations.map(\.priority) == [5, 1, 0, 0])

        let onlyWarm = Self.score(assessment, ["warm": .yes, "cold": .no])
        #expect(onlyWarm.outcome.id == "low")
        #expect(onlyWarm.decision.evaluations.map(\.matched) == [false, true, nil, nil])
    }

    @Test func tiesGoToTheOutcomeWrittenFirst() {
        let first = T.outcome("first", priority: 3, rule: .flagRaised("f.warm"))
        let second = T.outcome("second", priority: 3, rule: .flagRaised("f.warm"))
        let forward = Self.assessment(outcomes: [first, second, T.fallbackOutcome(), T.safetyOutcome()])
        #expect(Self.score(forward, ["warm": .yes]).outcome.id == "first")
        let backward = Self.assessment(outcomes: [second, first, T.fallbackOutcome(), T.safetyOutcome()])
        let result = Self.score(backward, ["warm": .yes])
        #expect(result.outcome.id == "second")
        #expect(result.decision.evaluations.map(\.outcomeID) == ["second", "first", "unsure", "safety"])
    }

    @Test func theFallbackWhenNoRuleMatches() {
        let assessment = Self.assessment(outcomes: [
            T.fallbackOutcome(),
            T.outcome("warm", priority: 2, rule: .flagRaised("f.warm")),
            T.outcome("cold", priority: 1, rule: .flagRaised("f.cold")),
            T.safetyOutcome(),
        ])
        let result = Self.score(assessment, ["warm": .no, "cold": .no])
        #expect(result.outcome.id == "unsure")
        #expect(result.decision.reason == .fallback)
        #expect(result.decision.evaluations.map(\.outcomeID) == ["warm", "cold", "unsure", "safety"])
        #expect(result.decision.evaluations.map(\.matched) == [false, false, nil, nil])
        #expect(result.decision.evaluations[0].trace == RuleTrace(condition: .flagRaised("f.warm"), holds: false))
        #expect(result.decision.evaluations[2].trace == nil)
    }

    @Test func theSafetyOverrideBeatsAHigherPriorityMatchingRule() {
        let assessment = Self.assessment(outcomes: [
            T.outcome("reunite", priority: Int.max, rule: .allOf([])),
            T.outcome("warm", priority: 100, rule: .flagRaised("f.warm")),
            T.safetyOutcome(priority: -100),
            T.fallbackOutcome(),
        ])
        let result = Self.score(assessment, ["hit": .yes, "warm": .yes])
        #expect(result.outcome.id == "safety")
        #expect(result.isSafetyFirst)
        #expect(result.decision.reason == .safetyOverride(flags: ["f.hit"]))
        #expect(result.safetyFlags.map(\.flag.id) == ["f.hit"])
        #expect(result.decision.evaluations.map(\.outcomeID) == ["reunite", "warm", "safety", "unsure"])
        #expect(result.decision.evaluations.allSatisfy { $0.matched == nil && $0.trace == nil })

        let without = Self.score(assessment, ["hit": .no, "warm": .yes])
        #expect(without.outcome.id == "reunite")
    }

    @Test func everyRaisedSafetyFlagIsNamed() {
        let assessment = T.assessment(
            items: [T.yesNo("a"), T.yesNo("b"), T.yesNo("c")],
            flags: [
                T.safetyFlag("f.a", item: "a"), T.flag("f.b", answers: [("b", "yes")]), T.safetyFlag("f.c", item: "c"),
            ])
        let result = assessment.score(T.answers(["a": .yes, "b": .yes, "c": .yes], for: assessment))
        #expect(result.decision.reason == .safetyOverride(flags: ["f.a", "f.c"]))
    }

    @Test(arguments: [
        (Flag.Severity.warning, Flag.Category.safety, false),
        (.note, .safety, false),
        (.critical, .wellbeing, false),
        (.critical, .relationship, false),
        (.critical, .safety, true),
    ])
    func onlyACriticalSafetyFlagOverrides(severity: Flag.Severity, category: Flag.Category, overrides: Bool) {
        let assessment = T.assessment(
            items: [T.yesNo("a")],
            flags: [T.flag("f", severity: severity, category: category, answers: [("a", "yes")])],
            outcomes: [T.outcome("rule", priority: 1, rule: .flagRaised("f")), T.safetyOutcome(), T.fallbackOutcome()])
        let result = assessment.score(T.answers(["a": .yes], for: assessment))
        #expect(result.outcome.id == (overrides ? "safety" : "rule"))
        #expect(result.hasSafetyConcern == (category == .safety))
    }

    @Test func aSafetyFlagFromAThresholdOverrides() {
        let ids = (1...8).map { "sign\($0)" }
        let assessment = T.assessment(
            items: ids.map { T.yesNo($0) }, scales: [T.scale("signs", ids, minimumAnswered: 0)],
            flags: [T.flag("f.signs", severity: .critical, category: .safety, scale: "signs", atLeast: 4)],
            outcomes: [T.outcome("stay", priority: 9, rule: .allOf([])), T.safetyOutcome(), T.fallbackOutcome()])
        let three = assessment.score(T.answers(["sign1": .yes, "sign2": .yes, "sign3": .yes], for: assessment))
        #expect(three.outcome.id == "stay")
        let four = assessment.score(
            T.answers(["sign1": .yes, "sign2": .yes, "sign3": .yes, "sign8": .yes], for: assessment))
        #expect(four.outcome.id == "safety")
        #expect(four.decision.reason == .safetyOverride(flags: ["f.signs"]))
    }

    @Test func theSafetyOutcomeCanAlsoBeReachedByItsRule() {
        let assessment = Self.assessment(outcomes: [
            T.safetyOutcome(priority: 10, rule: .allOf([.flagRaised("f.warm"), .flagRaised("f.cold")])),
            T.outcome("other", priority: 1, rule: .flagRaised("f.warm")),
            T.fallbackOutcome(),
        ])
        let result = Self.score(assessment, ["warm": .yes, "cold": .yes])
        #expect(result.outcome.id == "safety")
        #expect(result.decision.reason == .rule)
        #expect(result.safetyFlags.isEmpty)
    }

    @Test func withoutASafetyOutcomeTheBuiltInOneIsUsed() {
        let assessment = Self.assessment(outcomes: [
            T.outcome("reunite", priority: 10, rule: .allOf([])), T.fallbackOutcome(),
        ])
        let result = Self.score(assessment, ["hit": .yes])
        #expect(result.outcome == .builtInSafety)
        #expect(result.outcome.isSafety)
        #expect(result.decision.reason == .safetyOverride(flags: ["f.hit"]))
        #expect(result.decision.evaluations.map(\.outcomeID) == ["reunite", "unsure"])
        #expect(Outcome.builtInSafety.nextSteps.contains { $0.contains("call your local emergency number") })
    }

    @Test func withoutAFallbackTheBuiltInUnclearOutcomeIsUsed() {
        let assessment = Self.assessment(outcomes: [T.outcome("warm", rule: .flagRaised("f.warm"))])
        let result = Self.score(assessment, ["warm": .no])
        #expect(result.outcome == .builtInUnclear)
        #expect(result.decision.reason == .fallback)
        #expect(Self.score(assessment, ["warm": .yes]).outcome.id == "warm")
        #expect(Self.score(T.assessment(items: [], outcomes: []), [:]).outcome == .builtInUnclear)
    }

    @Test func ruleTracesShowEveryPart() throws {
        let rule: RuleCondition = .allOf([
            .band(scale: "s", bands: ["high"]),
            .noneOf([.flagRaised("f.cold"), .insufficient(scale: "s")]),
            .anyOf([.flagRaised("f.warm"), .flagRaised("nowhere")]),
        ])
        let assessment = Self.assessment(outcomes: [T.outcome("good", priority: 1, rule: rule), T.fallbackOutcome()])

        let result = Self.score(assessment, ["warm": .yes, "cold": .yes])
        let trace = try #require(result.decision.evaluations.first?.trace)
        #expect(!trace.holds)
        #expect(trace.condition == rule)
        #expect(trace.parts.map(\.holds) == [true, false, true])
        #expect(trace.parts[1].parts.map(\.holds) == [true, false])
        #expect(trace.parts[2].parts.map(\.holds) == [true, false])
        #expect(result.outcome.id == "unsure")

        // The band is "high" only with both yes (2 ≥ 2); without cold, the band is low.
        let low = Self.score(assessment, ["warm": .yes, "cold": .no])
        #expect(low.decision.evaluations.first?.trace?.parts.map(\.holds) == [false, true, true])
    }

    @Test(arguments: [
        (["warm": Response.yes, "cold": .yes], "high-band"),
        (["warm": .yes], "insufficient"),
        (["warm": .no, "cold": .no], "unsure"),
    ])
    func bandAndInsufficientRules(responses: [String: Response], outcome: String) {
        let assessment = Self.assessment(outcomes: [
            T.outcome("high-band", priority: 2, rule: .band(scale: "s", bands: ["high"])),
            T.outcome("insufficient", priority: 1, rule: .insufficient(scale: "s")),
            T.outcome("impossible", priority: 0, rule: .band(scale: "nowhere", bands: ["low"])),
            T.fallbackOutcome(),
        ])
        #expect(Self.score(assessment, responses).outcome.id == outcome)
    }

    @Test func scoringIsPureAndRepeatable() {
        let assessment = Self.assessment(outcomes: [
            T.outcome("warm", priority: 1, rule: .flagRaised("f.warm")), T.safetyOutcome(), T.fallbackOutcome(),
        ])
        let scorer = Scorer(assessment)
        let answers = T.answers(["warm": .yes, "cold": .declined], for: assessment)
        let first = scorer.score(answers)
        let other = scorer.score(T.answers(["hit": .yes], for: assessment))
        #expect(scorer.score(answers) == first)
        #expect(assessment.score(answers) == first)
        #expect(other.outcome.id == "safety")
        #expect(first.answers == answers)
        #expect(first.assessment == assessment)
    }
}
