import Testing

@testable import Crossroads

private typealias T = TestAssessments

/// Which items are shown, which responses count, and each item's status.
@Suite("Engine: visibility and item status")
struct EngineVisibilityTests {
    /// `gate` (yes/no) → `detail` shown only when gate is yes → `deeper` shown only when detail is yes.
    let chain = T.assessment(
        items: [
            T.yesNo("gate"),
            T.yesNo("detail", yes: 5, showIf: .equals(item: "gate", value: "yes")),
            T.yesNo("deeper", yes: 7, showIf: .equals(item: "detail", value: "yes")),
            T.yesNo("plain", yes: 2),
        ],
        scales: [T.scale("total", ["gate", "detail", "deeper", "plain"])],
        flags: [T.flag("f.detail", answers: [("detail", "yes")]), T.flag("f.deeper", answers: [("deeper", "yes")])]
    )

    @Test func hiddenItemsNeverCount() throws {
        // gate = no hides detail; the recorded yes to detail (and deeper) must not count anywhere.
        let answers = T.answers(["gate": .no, "detail": .yes, "deeper": .yes, "plain": .yes], for: chain)
        let result = chain.score(answers)

        #expect(result.items.map(\.status) == [.answered, .notShown, .notShown, .answered])
        #expect(result.items.map(\.ignoredResponse) == [false, true, true, false])
        #expect(result.items[1].response == nil)
        #expect(result.flags.isEmpty)

        let total = try #require(result.scales.first)
        #expect(total.status == .complete)
        #expect(total.shown == 2)
        #expect(total.answered == 2)
        #expect(total.raw == 2)
        #expect(total.score == 2)
        #expect(total.minimum == 0)
        #expect(total.maximum == 3)
        #expect(total.contributions.map(\.item) == ["gate", "plain"])

        #expect(Scorer(chain).shownItems(for: answers) == ["gate", "plain"])
    }

    @Test func shownItemsCountWhenTheirConditionHolds() throws {
        let answers = T.answers(["gate": .yes, "detail": .yes, "deeper": .no, "plain": .no], for: chain)
        let result = chain.score(answers)
        #expect(result.items.map(\.status) == [.answered, .answered, .answered, .answered])
        #expect(result.flags.map(\.flag.id) == ["f.detail"])
        let total = try #require(result.scales.first)
        #expect(total.raw == 6)
        #expect(total.maximum == 15)
    }

    @Test func aHiddenAnswerCannotShowALaterItem() {
        // detail is hidden, so its recorded yes cannot show deeper.
        let answers = T.answers(["gate": .no, "detail": .yes, "deeper": .yes], for: chain)
        let visibility = Scorer(chain).visibility(for: answers)
        #expect(!visibility.isShown("detail"))
        #expect(!visibility.isShown("deeper"))
        #expect(visibility.isShown("plain"))
        #expect(visibility.shownItemsInOrder == ["gate", "plain"])
        #expect(visibility.countedResponse(for: "detail") == nil)
        #expect(visibility.countedResponse(for: "gate") == .no)
        #expect(!visibility.isShown("no.such.item"))
        #expect(visibility.holds(.equals(item: "gate", value: "no")))
        #expect(!visibility.holds(.answered(item: "detail")))
    }

    @Test func isShownForAnswersSoFar() {
        let scorer = Scorer(chain)
        var answers = Answers(for: chain)
        #expect(!scorer.isShown("detail", for: answers))
        answers["gate"] = .yes
        #expect(scorer.isShown("detail", for: answers))
        #expect(!scorer.isShown("deeper", for: answers))
    }

    @Test func conditionsReachAcrossComposedQuestionnaires() throws {
        // Items are met in composition order; scales and flags may refer to items of another questionnaire.
        let first = Questionnaire(
            id: "first", version: "1", title: "First", description: "", reviewed: "2025-01-01",
            sections: [Section(id: "a", title: "A", items: [T.yesNo("together")])],
            scales: [T.scale("both", ["together", "later"])])
        let second = Questionnaire(
            id: "second", version: "1", title: "Second", description: "", reviewed: "2025-01-01",
            sections: [
                Section(
                    id: "b", title: "B",
                    items: [T.likert("later", 1...3, showIf: .equals(item: "together", value: "yes"))])
            ],
            flags: [T.flag("f.later", answers: [("later", "3")])])
        let assessment = T.assessment(questionnaires: [first, second], outcomes: [T.fallbackOutcome()])

        let shown = assessment.score(T.answers(["together": .yes, "later": .choice("3")], for: assessment))
        #expect(shown.items.map(\.questionnaireID) == ["first", "second"])
        #expect(shown.items.map(\.status) == [.answered, .answered])
        #expect(shown.flags.map(\.flag.id) == ["f.later"])
        #expect(try #require(shown.scales.first).raw == 4)

        let hidden = assessment.score(T.answers(["together": .no, "later": .choice("3")], for: assessment))
        #expect(hidden.items.map(\.status) == [.answered, .notShown])
        #expect(hidden.flags.isEmpty)
        #expect(try #require(hidden.scales.first).maximum == 1)
    }

    @Test func statusesOfShownItems() {
        let assessment = T.assessment(items: [
            T.yesNo("a"), T.yesNo("b"), T.yesNo("c"), T.yesNo("d"), T.yesNo("e"), T.text("t"),
        ])
        let answers = T.answers(
            ["a": .yes, "b": .declined, "c": .notReached, "e": .notShown, "t": .text("My own words.")],
            for: assessment)
        let result = assessment.score(answers)
        #expect(result.items.map(\.status) == [.answered, .declined, .notReached, .notReached, .notReached, .answered])
        #expect(result.items.map(\.response) == [.yes, nil, nil, nil, nil, .text("My own words.")])
        #expect(result.items.allSatisfy { !$0.ignoredResponse && !$0.invalidResponse })
        #expect(result.items.allSatisfy { $0.questionnaireID == "q" })
    }

    @Test func whatCountsAsAnIgnoredResponseToAHiddenItem() {
        let hidden: Condition = .equals(item: "gate", value: "yes")
        let assessment = T.assessment(items: [
            T.yesNo("gate"),
            T.yesNo("chosen", showIf: hidden), T.yesNo("declined", showIf: hidden),
            T.yesNo("recordedNotShown", showIf: hidden), T.yesNo("notReached", showIf: hidden),
            T.yesNo("missing", showIf: hidden),
        ])
        let answers = T.answers(
            [
                "gate": .no, "chosen": .yes, "declined": .declined, "recordedNotShown": .notShown,
                "notReached": .notReached,
            ],
            for: assessment)
        let result = assessment.score(answers)
        #expect(result.items.dropFirst().allSatisfy { $0.status == .notShown && $0.response == nil })
        #expect(result.items.map(\.ignoredResponse) == [false, true, true, false, false, false])
    }

    static let invalidResponses: [(item: String, response: Response)] = [
        ("yn", .chosen(["maybe"])),
        ("yn", .chosen(["yes", "no"])),
        ("yn", .chosen([])),
        ("yn", .text("yes")),
        ("lk", .chosen(["9"])),
        ("sg", .chosen(["a", "b"])),
        ("mu", .chosen(["a", "a"])),
        ("mu", .chosen(["a", "zzz"])),
        ("tx", .chosen(["yes"])),
    ]

    @Test(arguments: invalidResponses)
    func anInvalidResponseDoesNotCount(item: String, response: Response) throws {
        let assessment = T.assessment(
            items: [
                T.yesNo("yn", yes: 4), T.likert("lk", 1...5), T.single("sg", ["a": 1, "b": 2]),
                T.multiple("mu", ["a": 1, "b": 2]), T.text("tx"),
            ],
            scales: [T.scale("all", ["yn", "lk", "sg", "mu"], minimumAnswered: 0)],
            flags: [
                T.flag("f", answers: [("yn", "yes"), ("yn", "no"), ("lk", "9"), ("sg", "a"), ("mu", "a")])
            ])
        let result = assessment.score(T.answers([item: response], for: assessment))
        let itemResult = try #require(result.items.first { $0.item.id == item })
        #expect(itemResult.status == .notReached)
        #expect(itemResult.invalidResponse)
        #expect(itemResult.response == nil)
        #expect(result.scales[0].answered == 0)
        #expect(result.scales[0].raw == 0)
        #expect(result.flags.isEmpty)
        let model = try #require(assessment.items.first { $0.id == item })
        #expect(!model.accepts(response))
    }

    @Test func acceptsValidAnswers() {
        #expect(T.yesNo("a").accepts(.yes))
        #expect(T.likert("l", 1...5).accepts(.choice("3", note: "a note")))
        #expect(T.multiple("m", ["a": 1, "b": 2]).accepts(.chosen([])))
        #expect(T.multiple("m", ["a": 1, "b": 2]).accepts(.chosen(["b", "a"])))
        #expect(T.text("t").accepts(.text("")))
        #expect(!T.yesNo("a").accepts(.declined))
        #expect(!T.yesNo("a").accepts(.notShown))
        #expect(!T.yesNo("a").accepts(.notReached))
    }
}

/// Each kind of show-if condition, over answered, declined, missing and hidden items.
@Suite("Engine: conditions")
struct EngineConditionTests {
    /// Items before the probe: yes/no `a`, Likert `l` (1…5), multiple `m` (x, y, z), text `t`, yes/no `gate`,
    /// and Likert `hid` shown only when gate is yes (gate is always answered no, so `hid` is hidden).
    static func assessment(probe condition: Condition) -> Assessment {
        T.assessment(items: [
            T.yesNo("a"), T.likert("l", 1...5), T.multiple("m", ["x": 1, "y": 2, "z": 3]), T.text("t"),
            T.yesNo("gate"), T.likert("hid", 1...5, showIf: .equals(item: "gate", value: "yes")),
            T.yesNo("probe", showIf: condition),
        ])
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var condition: Condition
        var responses: [String: Response]
        var shown: Bool
        var testDescription: String { "\(condition) with \(responses) → \(shown ? "shown" : "hidden")" }
    }

    static let hiddenFive: [String: Response] = ["gate": .no, "hid": .choice("5")]

    static let cases: [Case] = [
        // equals
        Case(condition: .equals(item: "a", value: "yes"), responses: ["a": .yes], shown: true),
        Case(condition: .equals(item: "a", value: "yes"), responses: ["a": .no], shown: false),
        Case(condition: .equals(item: "a", value: "yes"), responses: ["a": .declined], shown: false),
        Case(condition: .equals(item: "a", value: "yes"), responses: [:], shown: false),
        Case(condition: .equals(item: "m", value: "y"), responses: ["m": .chosen(["x", "y"])], shown: true),
        Case(condition: .equals(item: "m", value: "z"), responses: ["m": .chosen(["x", "y"])], shown: false),
        Case(condition: .equals(item: "hid", value: "5"), responses: hiddenFive, shown: false),
        // not-equals: answered, with a different value
        Case(condition: .notEquals(item: "a", value: "yes"), responses: ["a": .no], shown: true),
        Case(condition: .notEquals(item: "a", value: "yes"), responses: ["a": .yes], shown: false),
        Case(condition: .notEquals(item: "a", value: "yes"), responses: ["a": .declined], shown: false),
        Case(condition: .notEquals(item: "a", value: "yes"), responses: [:], shown: false),
        Case(condition: .notEquals(item: "m", value: "y"), responses: ["m": .chosen(["x"])], shown: true),
        Case(condition: .notEquals(item: "m", value: "y"), responses: ["m": .chosen(["x", "y"])], shown: false),
        Case(condition: .notEquals(item: "hid", value: "1"), responses: hiddenFive, shown: false),
        // one-of
        Case(condition: .oneOf(item: "l", values: ["4", "5"]), responses: ["l": .choice("4")], shown: true),
        Case(condition: .oneOf(item: "l", values: ["4", "5"]), responses: ["l": .choice("2")], shown: false),
        Case(condition: .oneOf(item: "l", values: ["4", "5"]), responses: ["l": .declined], shown: false),
        Case(condition: .oneOf(item: "m", values: ["z"]), responses: ["m": .chosen(["x", "z"])], shown: true),
        Case(condition: .oneOf(item: "m", values: ["z"]), responses: ["m": .chosen([])], shown: false),
        Case(condition: .oneOf(item: "hid", values: ["5"]), responses: hiddenFive, shown: false),
        // answered
        Case(condition: .answered(item: "t"), responses: ["t": .text("Because.")], shown: true),
        Case(condition: .answered(item: "t"), responses: ["t": .declined], shown: false),
        Case(condition: .answered(item: "t"), responses: [:], shown: false),
        Case(condition: .answered(item: "m"), responses: ["m": .chosen([])], shown: true),
        Case(condition: .answered(item: "hid"), responses: hiddenFive, shown: false),
        // at-least
        Case(condition: .atLeast(item: "l", value: 3), responses: ["l": .choice("3")], shown: true),
        Case(condition: .atLeast(item: "l", value: 3), responses: ["l": .choice("5")], shown: true),
        Case(condition: .atLeast(item: "l", value: 3), responses: ["l": .choice("2")], shown: false),
        Case(condition: .atLeast(item: "l", value: 3), responses: ["l": .declined], shown: false),
        Case(condition: .atLeast(item: "hid", value: 1), responses: hiddenFive, shown: false),
        // at-most
        Case(condition: .atMost(item: "l", value: 3), responses: ["l": .choice("3")], shown: true),
        Case(condition: .atMost(item: "l", value: 3), responses: ["l": .choice("1")], shown: true),
        Case(condition: .atMost(item: "l", value: 3), responses: ["l": .choice("4")], shown: false),
        Case(condition: .atMost(item: "l", value: 3), responses: [:], shown: false),
        Case(condition: .atMost(item: "hid", value: 5), responses: hiddenFive, shown: false),
        // all-of
        Case(condition: .allOf([]), responses: [:], shown: true),
        Case(
            condition: .allOf([.equals(item: "a", value: "yes"), .atLeast(item: "l", value: 4)]),
            responses: ["a": .yes, "l": .choice("4")], shown: true),
        Case(
            condition: .allOf([.equals(item: "a", value: "yes"), .atLeast(item: "l", value: 4)]),
            responses: ["a": .yes, "l": .choice("3")], shown: false),
        Case(
            condition: .allOf([.equals(item: "a", value: "yes"), .answered(item: "hid")]),
            responses: ["a": .yes, "gate": .no, "hid": .choice("5")], shown: false),
        // any-of
        Case(condition: .anyOf([]), responses: [:], shown: false),
        Case(
            condition: .anyOf([.equals(item: "a", value: "yes"), .atLeast(item: "l", value: 4)]),
            responses: ["a": .no, "l": .choice("5")], shown: true),
        Case(
            condition: .anyOf([.equals(item: "a", value: "yes"), .atLeast(item: "l", value: 4)]),
            responses: ["a": .declined, "l": .choice("1")], shown: false),
        Case(
            condition: .anyOf([.answered(item: "hid"), .notEquals(item: "hid", value: "1")]),
            responses: hiddenFive, shown: false),
        // nesting
        Case(
            condition: .anyOf([.allOf([.answered(item: "t"), .equals(item: "a", value: "no")]), .anyOf([])]),
            responses: ["t": .text("x"), "a": .no], shown: true),
    ]

    @Test(arguments: cases)
    func conditionDecidesVisibility(_ testCase: Case) {
        let assessment = Self.assessment(probe: testCase.condition)
        let answers = T.answers(testCase.responses.merging(["probe": .yes]) { old, _ in old }, for: assessment)
        let result = assessment.score(answers)
        let probe = result.items.last
        #expect(probe?.status == (testCase.shown ? .answered : .notShown))
        #expect(Scorer(assessment).shownItems(for: answers).contains("probe") == testCase.shown)
    }

    @Test func conditionsSeeOnlyEarlierItems() {
        // A forward or self reference (possible only in code) never holds.
        let assessment = T.assessment(items: [
            T.yesNo("first", showIf: .answered(item: "second")),
            T.yesNo("second"),
            T.yesNo("self", showIf: .answered(item: "self")),
            T.yesNo("unknown", showIf: .notEquals(item: "nowhere", value: "x")),
        ])
        let answers = T.answers(["first": .yes, "second": .yes, "self": .yes, "unknown": .yes], for: assessment)
        #expect(Scorer(assessment).shownItems(for: answers) == ["second"])
    }

    @Test func conditionHoldsOverALookup() {
        let responses: [String: Response] = ["a": .yes, "l": .choice("4"), "d": .declined]
        let lookup: (String) -> Response? = { responses[$0] }
        #expect(Condition.equals(item: "a", value: "yes").holds(given: lookup))
        #expect(Condition.atLeast(item: "l", value: 4).holds(given: lookup))
        #expect(!Condition.atLeast(item: "a", value: 0).holds(given: lookup))
        #expect(!Condition.answered(item: "d").holds(given: lookup))
        #expect(!Condition.notEquals(item: "d", value: "yes").holds(given: lookup))
    }
}
