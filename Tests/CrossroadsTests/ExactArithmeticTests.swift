import PropertyBased
import Testing

@testable import Crossroads

/// Weights, scores, bounds and thresholds are exact decimals with at most four places (issue 11, finding 1).
@Suite("Exact decimal arithmetic")
struct ExactArithmeticTests {
    typealias T = TestAssessments

    @Test(
        "decimal text is read exactly and printed as written",
        arguments: [
            ("0.8", 8000, "0.8"), ("-0.25", -2500, "-0.25"), ("+3.", 30000, "3"), (".5", 5000, "0.5"),
            ("0.70", 7000, "0.7"), ("007", 70000, "7"), ("1.23450", 12345, "1.2345"), ("-0", 0, "0"),
            ("99999999.9999", 999_999_999_999, "99999999.9999"),
        ] as [(String, Int64, String)])
    func readsAndPrints(text: String, units: Int64, printed: String) throws {
        let value = try #require(FixedDecimal(text))
        #expect(value.units == units)
        #expect(value.description == printed)
    }

    @Test(
        "text that is not a decimal of at most four places is refused",
        arguments: [
            "", "-", ".", "0.00001", "1e3", "NaN", "INF", "1,5", " 1", "99999999999999999999", "1.2.3",
        ])
    func refuses(text: String) {
        #expect(FixedDecimal(text) == nil)
    }

    @Test func sumsAreExact() {
        #expect(FixedDecimal(0.7) + FixedDecimal(0.1) == FixedDecimal(0.8))
        #expect(FixedDecimal.sum(Array(repeating: FixedDecimal(0.1), count: 10)) == 1)
        #expect(FixedDecimal.sum(Array(repeating: FixedDecimal(0.1), count: 10)).description == "1")
        #expect(FixedDecimal.max + 1 == .max, "saturates rather than wrapping")
        #expect(FixedDecimal.min - 1 == .min)
    }

    @Test(
        "each rounding rule, at and around halves, for positive and negative values",
        arguments: [
            // (numerator units, divisor units, rule, expected units); the value is numerator ÷ divisor.
            (45000, 10000, FixedDecimal.Rounding.halfUp, 50000), (45000, 10000, .halfEven, 40000),
            (55000, 10000, .halfEven, 60000), (49000, 10000, .down, 40000), (45000, 10000, .none, 45000),
            (-45000, 10000, .halfUp, -40000), (-45000, 10000, .halfEven, -40000), (-41000, 10000, .down, -50000),
            (10000, 30000, .none, 3333), (20000, 30000, .none, 6667), (1, 20000, .none, 0), (3, 20000, .none, 2),
            (44999, 10000, .halfUp, 40000),
        ] as [(Int64, Int64, FixedDecimal.Rounding, Int64)])
    func rounding(numerator: Int64, divisor: Int64, rule: FixedDecimal.Rounding, expected: Int64) {
        let value = FixedDecimal.affine(
            base: 0, numerator: FixedDecimal(units: numerator), factor: 1, divisor: FixedDecimal(units: divisor),
            rule: rule)
        #expect(value.units == expected)
    }

    /// One yes/no item per weight and a scale over them, with a critical safety flag at `atLeast`.
    static func assessment(weights: [FixedDecimal], atLeast: FixedDecimal) -> Assessment {
        let items = weights.enumerated().map { T.yesNo("w\($0.offset)", yes: $0.element) }
        return T.assessment(
            items: items, scales: [T.scale("sum", items.map(\.id))],
            flags: [T.flag("at.sum", severity: .critical, category: .safety, scale: "sum", atLeast: atLeast)])
    }

    @Test func theReportedCase() {
        let assessment = Self.assessment(weights: [0.7, 0.1], atLeast: 0.8)
        let result = assessment.score(T.answers(["w0": .yes, "w1": .yes], for: assessment))
        #expect(result.scales.first?.score == 0.8)
        #expect(result.flags.map(\.flag.id) == ["at.sum"])
        #expect(result.isSafetyFirst)
    }

    @Test func aPropertyAFlagAtTheExactSumOfRandomDecimalWeightsIsRaised() async {
        // Weights with up to four decimal places, written as text the way a file holds them.
        let weight = Gen<Int>.int(in: -99_999...999_999).map { units -> FixedDecimal in
            FixedDecimal(units: Int64(units))
        }
        await propertyCheck(count: 500, input: weight.array(of: 1...12)) { weights in
            let total = FixedDecimal.sum(weights)
            // Read back from the printed text: printing is exact too.
            let printed = FixedDecimal(total.description)
            #expect(printed == total)
            let assessment = Self.assessment(weights: weights, atLeast: total)
            var responses: [String: Response] = [:]
            for index in weights.indices { responses["w\(index)"] = .yes }
            let result = assessment.score(T.answers(responses, for: assessment))
            #expect(result.scales.first?.raw == total)
            #expect(result.flags.map(\.flag.id) == ["at.sum"], "weights \(weights) sum to \(total)")
            #expect(result.isSafetyFirst)
            // One ten-thousandth above the sum is not reached.
            let above = Self.assessment(weights: weights, atLeast: total + FixedDecimal(units: 1))
            #expect(above.score(T.answers(responses, for: above)).flags.isEmpty)
        }
    }

    @Test(
        "a prorated score is rounded by the scale's declared rule, and the band follows the rounded score",
        arguments: [
            (FixedDecimal.Rounding.none, "4.5", "low"), (.halfUp, "5", "high"), (.halfEven, "4", "low"),
            (.down, "4", "low"),
        ] as [(FixedDecimal.Rounding, String, String)])
    func proratedRounding(rule: FixedDecimal.Rounding, score: String, band: String) throws {
        // Three items scored 0…3 (total 0…9, minimum 2 answers); answers 1 and 2 prorate to 3 × 9 / 6 = 4.5.
        let items = (1...3).map { T.likert("i\($0)", 0...3) }
        var scale = T.scale(
            "s", items.map(\.id), minimumAnswered: 2, bands: [T.band("low", from: 0), T.band("high", from: 5)])
        scale.rounding = rule
        let assessment = T.assessment(items: items, scales: [scale])
        let result = assessment.score(T.answers(["i1": .choice("1"), "i2": .choice("2")], for: assessment))
        let scored = try #require(result.scales.first)
        #expect(scored.status == .prorated)
        #expect(scored.score?.description == score)
        #expect(scored.band?.id == band)
    }

    @Test("the round attribute is read from <missing-data>; without it nothing is rounded")
    func roundAttributeIsRead() throws {
        for (attribute, expected) in [("", FixedDecimal.Rounding.none), (#" round="half-up""#, .halfUp)] {
            let text = """
                <?xml version="1.0" encoding="UTF-8"?>
                <questionnaire xmlns="urn:crossroads:questionnaire:1" id="q" version="1" language="en" reviewed="2026-11-27">
                  <title>Q</title><description>D.</description>
                  <section id="s"><title>S</title><item id="a" kind="yes-no"><text>A?</text></item>
                  <item id="b" kind="yes-no"><text>B?</text></item></section>
                  <scale id="sc"><title>Sc</title><item ref="a"/><item ref="b"/><missing-data min-answered="1"\(attribute)/>
                  <band id="x" from="0"><label>X</label></band></scale>
                </questionnaire>
                """
            let document = try LoadedDocument.parse(Array(text.utf8), path: "q.xml")
            guard case .questionnaire(let questionnaire) = document.document else {
                Issue.record("not a questionnaire")
                return
            }
            #expect(questionnaire.scales.first?.rounding == expected)
            #expect(document.warnings.isEmpty)
        }
    }
}
