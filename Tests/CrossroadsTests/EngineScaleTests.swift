import Testing

@testable import Crossroads

private typealias T = TestAssessments

/// Scale scores: contributions, reverse scoring, ranges, missing data, prorating, normalising and bands.
@Suite("Engine: scales")
struct EngineScaleTests {
    func scale(_ assessment: Assessment, _ responses: [String: Response], _ id: String) throws -> ScaleResult {
        let result = assessment.score(T.answers(responses, for: assessment))
        return try #require(result.scales.first { $0.scale.id == id })
    }

    @Test func reverseScoring() throws {
        let assessment = T.assessment(
            items: [T.likert("l1", 1...5), T.likert("l2", 1...5), T.likert("l3", 1...5)],
            scales: [
                T.scale("plain", ["l1", "l2", "l3"]),
                T.scale("mixed", ["l1", "l2", "l3"], reversed: ["l2"]),
            ])
        let responses: [String: Response] = ["l1": .choice("4"), "l2": .choice("2"), "l3": .choice("5")]

        let plain = try scale(assessment, responses, "plain")
        #expect(plain.raw == 11)

        // l2 answered 2 on 1…5 counts (1 + 5) − 2 = 4 in the scale that reverses it.
        let mixed = try scale(assessment, responses, "mixed")
        #expect(mixed.contributions.map(\.points) == [4, 4, 5])
        #expect(mixed.contributions.map(\.reversed) == [false, true, false])
        #expect(mixed.contributions[1].weight == 2)
        #expect(mixed.contributions[1].values == ["2"])
        #expect(mixed.raw == 13)
        #expect(mixed.score == 13)
        #expect(mixed.minimum == 3)
        #expect(mixed.maximum == 15)
        #expect(mixed.normalised == 10.0 / 12.0)
        #expect(mixed.status == .complete)
    }

    @Test(arguments: [("a", 3), ("b", 0), ("c", -2)] as [(String, FixedDecimal)])
    func reverseScoringWithNegativeWeights(value: String, points: FixedDecimal) throws {
        // Weights −2, 1, 3: reversed, each counts (−2 + 3) − weight.
        let assessment = T.assessment(
            items: [T.single("s", ["a": -2, "b": 1, "c": 3])], scales: [T.scale("r", ["s"], reversed: ["s"])])
        let result = try scale(assessment, ["s": .choice(value)], "r")
        #expect(result.raw == points)
        #expect(result.minimum == -2)
        #expect(result.maximum == 3)
    }

    @Test func proratingFromTheAnsweredRange() throws {
        // Four items 0…3, at least 2 answered; 3 answered (3, 2, 1): raw 6 over an answered range of 0…9,
        // prorated to 0 + 6 × 12 / 9 = 8 on the shown range 0…12.
        let assessment = T.assessment(
            items: (1...4).map { T.likert("i\($0)", 0...3) },
            scales: [
                T.scale(
                    "s", ["i1", "i2", "i3", "i4"], minimumAnswered: 2,
                    bands: [T.band("low", from: 0), T.band("mid", from: 4), T.band("high", from: 8)])
            ])
        let result = try scale(
            assessment, ["i1": .choice("3"), "i2": .choice("2"), "i3": .choice("1"), "i4": .declined], "s")
        #expect(result.status == .prorated)
        #expect(result.raw == 6)
        #expect(result.answeredMinimum == 0)
        #expect(result.answeredMaximum == 9)
        #expect(result.score == 8)
        #expect(result.minimum == 0)
        #expect(result.maximum == 12)
        #expect(result.normalised == 8.0 / 12.0)
        #expect(result.band?.id == "high")
        #expect(result.shown == 4)
        #expect(result.answered == 3)
        #expect(result.required == 2)
    }

    @Test func proratingWithAHiddenItemAndNonZeroMinimum() throws {
        // Three shown items 1…5 and one hidden; answered 5 and 4 (raw 9, answered range 2…10), one declined.
        // Score = 3 + (9 − 2) × (15 − 3) / (10 − 2) = 13.5. The hidden item is not missing: it is left out.
        let assessment = T.assessment(
            items: [
                T.yesNo("gate"),
                T.likert("a", 1...5), T.likert("b", 1...5), T.likert("c", 1...5),
                T.likert("hidden", 1...5, showIf: .equals(item: "gate", value: "yes")),
            ],
            scales: [T.scale("s", ["a", "b", "c", "hidden"], minimumAnswered: 2)])
        let result = try scale(
            assessment,
            ["gate": .no, "a": .choice("5"), "b": .choice("4"), "c": .declined, "hidden": .choice("5")], "s")
        #expect(result.status == .prorated)
        #expect(result.shown == 3)
        #expect(result.answered == 2)
        #expect(result.raw == 9)
        #expect(result.minimum == 3)
        #expect(result.maximum == 15)
        #expect(result.score == 13.5)
        #expect(result.normalised == 0.875)
    }

    @Test func proratingWhenTheAnsweredRangeIsZero() throws {
        // The only answered item cannot vary (its weights are equal): the fraction is 0, so the score is the minimum.
        let assessment = T.assessment(
            items: [T.single("flat", ["a": 2, "b": 2]), T.likert("l", 0...4)],
            scales: [T.scale("s", ["flat", "l"], minimumAnswered: 1)])
        let result = try scale(assessment, ["flat": .choice("b")], "s")
        #expect(result.status == .prorated)
        #expect(result.raw == 2)
        #expect(result.score == 2)
        #expect(result.minimum == 2)
        #expect(result.maximum == 6)
        #expect(result.normalised == 0)
    }

    @Test func insufficientScaleSaysWhy() throws {
        let assessment = T.assessment(
            items: (1...5).map { T.yesNo("y\($0)") },
            scales: [T.scale("s", ["y1", "y2", "y3", "y4", "y5"], minimumAnswered: 3)])
        let result = try scale(assessment, ["y1": .yes, "y2": .no, "y3": .declined, "y4": .notReached], "s")
        #expect(
            result.status == .insufficient(reason: "2 of the 5 questions shown were answered; at least 3 are needed"))
        #expect(result.isInsufficient)
        #expect(result.raw == 1)
        #expect(result.score == nil)
        #expect(result.normalised == nil)
        #expect(result.band == nil)
        #expect(result.required == 3)
        #expect(result.minimum == 0)
        #expect(result.maximum == 5)
    }

    @Test func withoutAMissingDataRuleEveryShownItemIsNeeded() throws {
        let assessment = T.assessment(
            items: (1...3).map { T.yesNo("y\($0)") }, scales: [T.scale("s", ["y1", "y2", "y3"])])
        let incomplete = try scale(assessment, ["y1": .yes, "y2": .yes], "s")
        #expect(
            incomplete.status
                == .insufficient(reason: "2 of the 3 questions shown were answered; at least 3 are needed"))
        let complete = try scale(assessment, ["y1": .yes, "y2": .yes, "y3": .no], "s")
        #expect(complete.status == .complete)
        #expect(complete.score == 2)
    }

    @Test func requiredIsAtMostTheNumberShown() throws {
        // Four members, at least 3 needed, but two are hidden: the two shown are all that can be needed.
        let hidden: Condition = .equals(item: "gate", value: "yes")
        let assessment = T.assessment(
            items: [
                T.yesNo("gate"), T.yesNo("a"), T.yesNo("b"), T.yesNo("c", showIf: hidden),
                T.yesNo("d", showIf: hidden),
            ],
            scales: [T.scale("s", ["a", "b", "c", "d"], minimumAnswered: 3)])
        let complete = try scale(assessment, ["gate": .no, "a": .yes, "b": .no, "c": .yes], "s")
        #expect(complete.status == .complete)
        #expect(complete.required == 2)
        #expect(complete.shown == 2)
        #expect(complete.score == 1)
        #expect(complete.maximum == 2)

        let short = try scale(assessment, ["gate": .no, "a": .yes], "s")
        #expect(short.status == .insufficient(reason: "1 of the 2 questions shown was answered; at least 2 are needed"))
    }

    @Test func aScaleWithNothingShownIsInsufficient() throws {
        let assessment = T.assessment(
            items: [T.yesNo("gate"), T.yesNo("a", showIf: .equals(item: "gate", value: "yes"))],
            scales: [T.scale("s", ["a"], minimumAnswered: 0)])
        let result = try scale(assessment, ["gate": .no, "a": .yes], "s")
        #expect(result.status == .insufficient(reason: "none of its questions were shown"))
        #expect(result.shown == 0)
        #expect(result.required == 0)
        #expect(result.raw == 0)
        #expect(result.minimum == 0)
        #expect(result.maximum == 0)
    }

    @Test(arguments: [
        ([String](), 0.0, 0.375),
        (["a"], 2.0, 0.625),
        (["a", "b", "d"], -1.0, 0.25),
        (["b", "d"], -3.0, 0.0),
        (["a", "c"], 5.0, 1.0),
        (["a", "b", "c", "d"], 2.0, 0.625),
    ])
    func multipleChoiceSumsChosenWeights(chosen: [String], raw: FixedDecimal, normalised: Double) throws {
        // Weights 2, −1, 3, −2: the range is (−1 − 2) … (2 + 3) = −3 … 5.
        let assessment = T.assessment(
            items: [T.multiple("m", ["a": 2, "b": -1, "c": 3, "d": -2])], scales: [T.scale("s", ["m"])])
        let result = try scale(assessment, ["m": .chosen(chosen)], "s")
        #expect(result.minimum == -3)
        #expect(result.maximum == 5)
        #expect(result.raw == raw)
        #expect(result.score == raw)
        #expect(result.normalised == normalised)
        #expect(result.contributions.first?.values == chosen)
        #expect(result.contributions.first?.weight == raw)
    }

    @Test(arguments: [
        ("v0", "low"), ("v3", "low"), ("v4", "mid"), ("v7.5", "mid"), ("v8", "high"), ("v10", "high"),
    ])
    func bandsByLowerBound(value: String, band: String) throws {
        let assessment = T.assessment(
            items: [T.single("s", ["v0": 0, "v3": 3, "v4": 4, "v7.5": 7.5, "v8": 8, "v10": 10])],
            scales: [
                T.scale(
                    "scale", ["s"],
                    bands: [
                        T.band("low", from: 0, .concern), T.band("mid", from: 4), T.band("high", from: 8, .strength),
                    ])
            ])
        let result = try scale(assessment, ["s": .choice(value)], "scale")
        #expect(result.band?.id == band)
    }

    @Test func aScoreBelowEveryBandHasNoBand() throws {
        let assessment = T.assessment(
            items: [T.single("s", ["a": 0, "b": 1])],
            scales: [T.scale("scale", ["s"], bands: [T.band("one", from: 1)])])
        let below = try scale(assessment, ["s": .choice("a")], "scale")
        #expect(below.status == .complete)
        #expect(below.score == 0)
        #expect(below.band == nil)
        let at = try scale(assessment, ["s": .choice("b")], "scale")
        #expect(at.band?.id == "one")
    }

    @Test(arguments: [
        T.single("i", ["a": 2, "b": 2]),
        T.multiple("i", ["a": 0, "b": 0]),
        T.yesNo("i", yes: 0, no: 0),
    ])
    func normalisedIsZeroWhenTheRangeIsZero(item: Item) throws {
        let assessment = T.assessment(items: [item], scales: [T.scale("s", ["i"])])
        let value = item.options[0].value
        let result = try scale(assessment, ["i": .chosen([value])], "s")
        #expect(result.minimum == result.maximum)
        #expect(result.score == result.minimum)
        #expect(result.normalised == 0)
        #expect(result.status == .complete)
    }

    @Test func normalisedPosition() throws {
        let assessment = T.assessment(items: [T.likert("l", 0...4)], scales: [T.scale("s", ["l"])])
        #expect(try scale(assessment, ["l": .choice("3")], "s").normalised == 0.75)
        #expect(try scale(assessment, ["l": .choice("0")], "s").normalised == 0)
        #expect(try scale(assessment, ["l": .choice("4")], "s").normalised == 1)
    }

    @Test func customYesNoAndLikertWeights() throws {
        let assessment = T.assessment(
            items: [T.yesNo("y", yes: -2, no: 1), T.likert("l", 1...3, weights: [0, 0.5, 4])],
            scales: [T.scale("s", ["y", "l"])])
        let result = try scale(assessment, ["y": .yes, "l": .choice("2")], "s")
        #expect(result.raw == -1.5)
        #expect(result.minimum == -2)
        #expect(result.maximum == 5)
    }
}
