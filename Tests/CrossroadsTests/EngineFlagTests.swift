import Testing

@testable import Crossroads

private typealias T = TestAssessments

/// Flags raised by answers and by scale thresholds.
@Suite("Engine: flags")
struct EngineFlagTests {
    @Test func aFlagFromASingleOption() {
        let assessment = T.assessment(
            items: [T.single("contact", ["none": 0, "some": 1, "daily": 2])],
            flags: [T.flag("f.daily", answers: [("contact", "daily")])])
        let raised = assessment.score(T.answers(["contact": .choice("daily")], for: assessment)).flags
        #expect(raised.map(\.flag.id) == ["f.daily"])
        #expect(raised.first?.evidence == [.answer(item: "contact", value: "daily")])

        let calm = assessment.score(T.answers(["contact": .choice("some")], for: assessment)).flags
        #expect(calm.isEmpty)
    }

    @Test func anyOneListedAnswerRaisesAndEveryMatchIsEvidence() {
        let assessment = T.assessment(
            items: [T.yesNo("a"), T.yesNo("b"), T.yesNo("c")],
            flags: [T.flag("f", answers: [("a", "yes"), ("b", "yes"), ("c", "yes")])])
        let one = assessment.score(T.answers(["a": .no, "b": .yes, "c": .no], for: assessment))
        #expect(one.flags.first?.evidence == [.answer(item: "b", value: "yes")])
        let two = assessment.score(T.answers(["a": .yes, "b": .declined, "c": .yes], for: assessment))
        #expect(two.flags.first?.evidence == [.answer(item: "a", value: "yes"), .answer(item: "c", value: "yes")])
        let none = assessment.score(T.answers(["a": .no, "b": .declined], for: assessment))
        #expect(none.flags.isEmpty)
    }

    @Test func aFlagFromAMultipleChoiceValue() {
        let assessment = T.assessment(
            items: [T.multiple("m", ["x": 0, "y": 0, "z": 0])],
            flags: [T.flag("f", answers: [("m", "y")])])
        #expect(assessment.score(T.answers(["m": .chosen(["x", "y"])], for: assessment)).flags.count == 1)
        #expect(assessment.score(T.answers(["m": .chosen(["x", "z"])], for: assessment)).flags.isEmpty)
    }

    @Test func anAnswerToAHiddenItemRaisesNothing() {
        let assessment = T.assessment(
            items: [T.yesNo("gate"), T.yesNo("a", showIf: .equals(item: "gate", value: "yes"))],
            flags: [T.flag("f", answers: [("a", "yes")])])
        #expect(assessment.score(T.answers(["gate": .no, "a": .yes], for: assessment)).flags.isEmpty)
        #expect(assessment.score(T.answers(["gate": .yes, "a": .yes], for: assessment)).flags.count == 1)
    }

    /// "Four or more of these eight": a scale over eight yes/no items and a flag at 4.
    static func fourOfEight(minimumAnswered: Int? = nil) -> Assessment {
        let ids = (1...8).map { "sign\($0)" }
        return T.assessment(
            items: ids.map { T.yesNo($0) },
            scales: [T.scale("signs", ids, minimumAnswered: minimumAnswered)],
            flags: [T.flag("f.signs", severity: .warning, category: .relationship, scale: "signs", atLeast: 4)])
    }

    @Test(arguments: 0...8)
    func aFlagFromAThreshold(yesCount: Int) {
        let assessment = Self.fourOfEight()
        var responses: [String: Response] = [:]
        for number in 1...8 { responses["sign\(number)"] = number <= yesCount ? .yes : .no }
        let result = assessment.score(T.answers(responses, for: assessment))
        if yesCount >= 4 {
            #expect(result.flags.map(\.flag.id) == ["f.signs"])
            #expect(result.flags.first?.evidence == [.scale(id: "signs", raw: FixedDecimal(yesCount))])
        } else {
            #expect(result.flags.isEmpty)
        }
    }

    @Test func aThresholdUsesTheRawScoreEvenWhenTheScaleIsInsufficient() throws {
        // Four yes and four not answered: the scale (all eight needed) has no score, but raw 4 raises the flag.
        let assessment = Self.fourOfEight()
        let responses: [String: Response] = ["sign1": .yes, "sign3": .yes, "sign5": .yes, "sign7": .yes]
        let result = assessment.score(T.answers(responses, for: assessment))
        let scale = try #require(result.scales.first)
        #expect(scale.isInsufficient)
        #expect(scale.raw == 4)
        #expect(result.flags.first?.evidence == [.scale(id: "signs", raw: 4)])
    }

    @Test func aThresholdIsNeverProrated() throws {
        // Three yes of the six answered: prorated the score is 4 of 8, but raw 3 does not reach 4.
        let assessment = Self.fourOfEight(minimumAnswered: 4)
        var responses: [String: Response] = [:]
        for number in 1...6 { responses["sign\(number)"] = number <= 3 ? .yes : .no }
        let result = assessment.score(T.answers(responses, for: assessment))
        let scale = try #require(result.scales.first)
        #expect(scale.status == .prorated)
        #expect(scale.score == 4)
        #expect(scale.raw == 3)
        #expect(result.flags.isEmpty)
    }

    @Test(arguments: [(0, true), (1, true), (2, true), (3, false), (5, false)])
    func anAtMostThreshold(yesCount: Int, raised: Bool) {
        let ids = (1...5).map { "good\($0)" }
        let assessment = T.assessment(
            items: ids.map { T.yesNo($0) }, scales: [T.scale("good", ids)],
            flags: [T.flag("f.few", severity: .note, category: .decision, scale: "good", atMost: 2)])
        var responses: [String: Response] = [:]
        for (offset, id) in ids.enumerated() { responses[id] = offset < yesCount ? .yes : .no }
        let result = assessment.score(T.answers(responses, for: assessment))
        #expect(result.flags.map(\.flag.id) == (raised ? ["f.few"] : []))
    }

    @Test(arguments: [(1, false), (2, true), (3, true), (4, false)])
    func bothBounds(yesCount: Int, raised: Bool) {
        let ids = (1...4).map { "y\($0)" }
        let assessment = T.assessment(
            items: ids.map { T.yesNo($0) }, scales: [T.scale("s", ids)],
            flags: [T.flag("f", scale: "s", atLeast: 2, atMost: 3)])
        var responses: [String: Response] = [:]
        for (offset, id) in ids.enumerated() { responses[id] = offset < yesCount ? .yes : .no }
        #expect(assessment.score(T.answers(responses, for: assessment)).flags.isEmpty == !raised)
    }

    @Test func flagsComeInDeclarationOrder() {
        let assessment = T.assessment(
            items: [T.yesNo("a"), T.yesNo("b")],
            scales: [T.scale("s", ["a", "b"])],
            flags: [
                T.flag("z.last.alphabetically", answers: [("b", "yes")]),
                T.flag("a.scale", scale: "s", atLeast: 1),
                T.flag("m.middle", answers: [("a", "yes")]),
                T.flag("not.raised", answers: [("a", "no")]),
            ])
        let result = assessment.score(T.answers(["a": .yes, "b": .yes], for: assessment))
        #expect(result.flags.map(\.flag.id) == ["z.last.alphabetically", "a.scale", "m.middle"])
    }

    @Test func flagsWithUnknownReferencesAreNotRaised() {
        // Only an assessment built in code can have these; they must not crash or fire.
        let assessment = T.assessment(
            items: [T.yesNo("a")],
            flags: [
                T.flag("f.item", answers: [("nowhere", "yes")]),
                T.flag("f.scale", scale: "nowhere", atMost: 100),
                T.flag("f.bounds", scale: "nowhere"),
            ])
        #expect(assessment.score(T.answers(["a": .yes], for: assessment)).flags.isEmpty)
    }
}
