import Foundation
import Testing

// End-to-end tests of issue 11's safety findings, running the built binary: exact decimal sums, integers
// out of range, two definitions of one questionnaire, "not shown" for a shown item, and a critical safety
// flag that can never be raised. Each exits 65 with a located message, or scores as the numbers say.

/// Small files in the questionnaire and answers formats, for these tests.
enum IntegrityFiles {
    static let step = "<next-steps><step>Step.</step></next-steps>"

    /// An inline questionnaire `q` (version 1) with these items, scales and flags.
    static func questionnaire(_ body: String, id: String = "q", root: Bool = false) -> String {
        let namespace = root ? #" xmlns="urn:crossroads:questionnaire:1""# : ""
        return """
            <questionnaire\(namespace) id="\(id)" version="1" language="en" reviewed="2026-11-27">
              <title>Q</title><description>D.</description>
            \(body)
            </questionnaire>
            """
    }

    /// An assessment `t` 1 holding `parts` (inline questionnaires or `<use>`), a safety outcome, an outcome
    /// with `rule` and `priority` when given, and a fallback.
    static func assessment(_ parts: String, rule: String? = nil, priority: String = "1") -> String {
        let ruled =
            rule.map {
                """
                <outcome id="ruled" priority="\(priority)"><title>Ruled</title><summary>S.</summary><meaning>M.</meaning>\(step)<rule>\($0)</rule></outcome>
                """
            } ?? ""
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <assessment xmlns="urn:crossroads:questionnaire:1" id="t" version="1" language="en" reviewed="2026-11-27">
              <title>T</title><description>D.</description>
            \(parts)
              <outcome id="safe" safety="true"><title>Safety first</title><summary>S.</summary><meaning>M.</meaning>\(step)</outcome>
            \(ruled)
              <outcome id="other" fallback="true"><title>Other</title><summary>S.</summary><meaning>M.</meaning>\(step)</outcome>
              <resources><resource id="any" locale="*" checked="2026-11-20"><name>Help</name><about>A.</about></resource></resources>
            </assessment>
            """
    }

    /// Answers to assessment `t` 1: `(item, value)` pairs, a value starting with `state=` being a state.
    static func answers(_ pairs: [(String, String)]) -> String {
        let lines = pairs.map { item, value in
            value.hasPrefix("state=")
                ? "<answer item=\"\(item)\" \(value.replacingOccurrences(of: "state=", with: "state=\""))\"/>"
                : "<answer item=\"\(item)\"><value>\(value)</value></answer>"
        }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <answers xmlns="urn:crossroads:answers:1" assessment="t" version="1">
            \(lines.joined(separator: "\n"))
            </answers>
            """
    }

    /// Yes/no items with these yes-weights (`a0`, `a1`, …), in one section.
    static func yesNoItems(_ weights: [String]) -> String {
        let items = weights.enumerated().map { index, weight in
            """
            <item id="a\(index)" kind="yes-no"><text>Item \(index)?</text><option value="yes" weight="\(weight)"><label>Yes</label></option><option value="no"><label>No</label></option></item>
            """
        }
        return "<section id=\"s\"><title>S</title>\(items.joined(separator: "\n"))</section>"
    }

    /// A scale `total` over items `a0`… with one band from `from`.
    static func scale(count: Int, bands: String = #"<band id="all" from="0"><label>All</label></band>"#) -> String {
        let members = (0..<count).map { "<item ref=\"a\($0)\"/>" }.joined()
        return "<scale id=\"total\"><title>Total</title>\(members)\(bands)</scale>"
    }

    static func criticalScaleFlag(atLeast: String) -> String {
        """
        <flag id="danger" severity="critical" category="safety"><title>Danger</title><message>M.</message><when-scale scale="total" at-least="\(atLeast)"/></flag>
        """
    }
}

@Suite("Safety-relevant integrity, end to end", .serialized)
struct IntegrityTests {
    typealias F = IntegrityFiles

    @Test("0.7 + 0.1 reaches a critical flag at 0.8: the flag is raised and the outcome is safety-first")
    func decimalSumRaisesTheCriticalFlag() throws {
        let folder = try TemporaryFolder("crossroads-integrity")
        let questionnaire = F.questionnaire(
            F.yesNoItems(["0.7", "0.1"]) + F.scale(count: 2) + F.criticalScaleFlag(atLeast: "0.8"))
        let assessment = try folder.write("t.xml", F.assessment(questionnaire))
        let answers = try folder.write("a.xml", F.answers([("a0", "yes"), ("a1", "yes")]))
        let run = try Tool.run(["score", answers, "--assessment", assessment, "--date", "2026-11-27"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("Safety first"), "\(run.stdout)")
        #expect(run.stdout.contains("Score: 0.8 out of 0.8."), "\(run.stdout)")
        let xml = try Tool.run([
            "score", answers, "--assessment", assessment, "--date", "2026-11-27", "--format", "xml",
        ])
        #expect(xml.stdout.contains(#"raw="0.8""#), "\(xml.stdout)")
        #expect(xml.stdout.contains(#"<flag id="danger""#), "\(xml.stdout)")
        #expect(xml.stdout.contains(#"safety="true""#) || xml.stdout.contains(#"id="safe""#), "\(xml.stdout)")
    }

    @Test("a band from 1 over ten weights of 0.1 is reachable: valid without warnings, and ten yeses reach it")
    func tenTenthsReachOne() throws {
        let folder = try TemporaryFolder("crossroads-integrity")
        let bands =
            #"<band id="low" from="0"><label>Low</label></band><band id="one" from="1"><label>One</label></band>"#
        let questionnaire = F.questionnaire(
            F.yesNoItems(Array(repeating: "0.1", count: 10)) + F.scale(count: 10, bands: bands))
        let assessment = try folder.write(
            "t.xml", F.assessment(questionnaire, rule: #"<band scale="total" bands="one"/>"#))
        let check = try Tool.run(["validate", assessment])
        #expect(check.status == 0, "\(check)")
        #expect(check.stderr.isEmpty, "no warning that the band is out of reach: \(check.stderr)")
        #expect(check.stdout.contains("1 questionnaire, 10 questions"), "\(check.stdout)")
        let answers = try folder.write("a.xml", F.answers((0..<10).map { ("a\($0)", "yes") }))
        let run = try Tool.run(["score", answers, "--assessment", assessment, "--date", "2026-11-27"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("Ruled"), "the band from 1 was reached: \(run.stdout)")
        #expect(!run.stdout.contains("0.9999"), "\(run.stdout)")
    }

    @Test(
        "a whole number beyond what the engine holds is a located error, exit 65, never 0",
        arguments: [
            ("priority", #"<flag-raised flag="f"/>"#, "priority=\"99999999999999999999\""),
            ("condition", "", "value=\"99999999999999999999\""),
            ("min-answered", "", "min-answered=\"99999999999999999999\""),
        ])
    func integersOutOfRange(place: String, rule: String, expected: String) throws {
        let folder = try TemporaryFolder("crossroads-integrity")
        var body = F.yesNoItems(["1"])
        switch place {
        case "condition":
            body = body.replacingOccurrences(
                of: "</section>",
                with:
                    #"<item id="later" kind="yes-no"><text>Later?</text><show-if><at-least item="a0" value="99999999999999999999"/></show-if></item></section>"#
            )
        case "min-answered":
            body += F.scale(count: 1).replacingOccurrences(
                of: "<band", with: #"<missing-data min-answered="99999999999999999999"/><band"#)
        default:
            body +=
                #"<flag id="f" severity="warning" category="other"><title>F</title><message>M.</message><when-answer item="a0" value="yes"/></flag>"#
        }
        var text = F.assessment(F.questionnaire(body), rule: rule.isEmpty ? nil : rule)
        if place == "priority" {
            text = text.replacingOccurrences(of: #"priority="1""#, with: #"priority="99999999999999999999""#)
        }
        let path = try folder.write("t.xml", text)
        let run = try Tool.run(["validate", path])
        #expect(run.status == 65, "\(run)")
        #expect(run.stderr.contains(expected), "\(run.stderr)")
        #expect(run.stderr.contains("out of range"), "\(run.stderr)")
        let located = try #require(run.stderr.split(separator: "\n").first { $0.contains("out of range") })
        #expect(located.hasPrefix("\(path):"), "the message is located: \(located)")
        #expect(located.split(separator: ":").count >= 4, "file:line:column: \(located)")
    }

    @Test("two files defining questionnaire id and version differently: an error naming both, exit 65")
    func duplicateQuestionnaireDefinitions() throws {
        let folder = try TemporaryFolder("crossroads-integrity")
        let body = F.yesNoItems(["1"])
        let critical =
            #"<flag id="f" severity="critical" category="safety"><title>F</title><message>M.</message><when-answer item="a0" value="yes"/></flag>"#
        let note = critical.replacingOccurrences(of: "critical", with: "note")
        let first = try folder.write("first.xml", F.questionnaire(body + critical, id: "screen", root: true))
        let second = try folder.write("second.xml", F.questionnaire(body + note, id: "screen", root: true))
        let assessment = try folder.write("t.xml", F.assessment(#"<use id="screen" version="1"/>"#))
        let answers = try folder.write("a.xml", F.answers([("a0", "yes")]))

        let check = try Tool.run(["validate", first, second, assessment])
        #expect(check.status == 65, "\(check)")
        #expect(check.stderr.contains("\(second):"), "located in the second file: \(check.stderr)")
        #expect(check.stderr.contains("defined twice"), "\(check.stderr)")
        #expect(check.stderr.contains(first), "names the first file: \(check.stderr)")

        for order in [[first, second], [second, first]] {
            let run = try Tool.run(
                ["score", answers, "--assessment", assessment, "--include", order[0], "--include", order[1]])
            #expect(run.status == 65, "the outcome never flips with the order of the files: \(run)")
            #expect(run.stderr.contains(order[0]) && run.stderr.contains(order[1]), "\(run.stderr)")
        }
        // The same file given twice is one definition.
        let same = try Tool.run(["score", answers, "--assessment", assessment, "--include", first, "--include", first])
        #expect(same.status == 0, "\(same)")
    }

    @Test("state=\"not-shown\" for an item that was shown is an error, exit 65")
    func notShownForAShownItem() throws {
        let folder = try TemporaryFolder("crossroads-integrity")
        let critical =
            #"<flag id="f" severity="critical" category="safety"><title>F</title><message>M.</message><when-answer item="a0" value="yes"/></flag>"#
        let assessment = try folder.write(
            "t.xml", F.assessment(F.questionnaire(F.yesNoItems(["1"]) + critical)))
        let answers = try folder.write("a.xml", F.answers([("a0", "state=not-shown")]))
        let run = try Tool.run(["score", answers, "--assessment", assessment])
        #expect(run.status == 65, "\(run)")
        #expect(
            run.stderr.contains("\(answers):3:1: error: item \"a0\" is recorded as state=\"not-shown\""),
            "\(run.stderr)")
        #expect(run.stderr.contains("always shown"), "\(run.stderr)")
        // Declined is accepted, and keeps its notice.
        let declined = try folder.write("d.xml", F.answers([("a0", "state=declined")]))
        #expect(try Tool.run(["score", declined, "--assessment", assessment]).status == 0)
    }

    @Test("a critical safety flag that can never be raised is an error, not a warning: exit 65")
    func unreachableCriticalFlag() throws {
        let folder = try TemporaryFolder("crossroads-integrity")
        let questionnaire = F.questionnaire(
            F.yesNoItems(["1", "1"]) + F.scale(count: 2) + F.criticalScaleFlag(atLeast: "3"))
        let path = try folder.write("t.xml", F.assessment(questionnaire))
        let run = try Tool.run(["validate", path])
        #expect(run.status == 65, "\(run)")
        #expect(run.stderr.contains("error: critical safety flag \"danger\" can never be raised"), "\(run.stderr)")
        // The same threshold on a warning flag stays a warning.
        let warning = try folder.write(
            "w.xml",
            F.assessment(
                F.questionnaire(
                    F.yesNoItems(["1", "1"]) + F.scale(count: 2)
                        + F.criticalScaleFlag(atLeast: "3").replacingOccurrences(of: "critical", with: "warning"))))
        let relaxed = try Tool.run(["validate", warning])
        #expect(relaxed.status == 0, "\(relaxed)")
        #expect(relaxed.stderr.contains("warning: flag \"danger\" can never be raised"), "\(relaxed.stderr)")
    }

    @Test("validator messages: a scale with no band says so; a missing questionnaire hides its follow-on errors")
    func authorWords() throws {
        let folder = try TemporaryFolder("crossroads-integrity")
        let noBand = try folder.write(
            "q.xml", F.questionnaire(F.yesNoItems(["1"]) + F.scale(count: 1, bands: ""), root: true))
        let run = try Tool.run(["validate", noBand])
        #expect(run.status == 65, "\(run)")
        #expect(run.stderr.contains("<scale> is incomplete"), "\(run.stderr)")
        #expect(run.stderr.contains("at least one <band>"), "\(run.stderr)")

        let rule =
            #"<any-of><flag-raised flag="gone.f"/><band scale="gone.s" bands="high"/><insufficient scale="gone.s"/></any-of>"#
        let missing = try folder.write(
            "t.xml", F.assessment(#"<use id="gone" version="1"/>"#, rule: rule))
        let check = try Tool.run(["validate", missing])
        #expect(check.status == 65, "\(check)")
        let errors = check.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(errors.count == 1, "one error, not one per follow-on: \(check.stderr)")
        #expect(
            check.stderr.contains("(3 later errors about ids it may define are not shown; fix this first)"),
            "\(check.stderr)")
    }

    @Test("the format's new elements work through the binary: validate, then score to text and XML")
    func newElementsEndToEnd() throws {
        let seed = ScoreExamples.packageRoot.appendingPathComponent(
            ".ci/fuzz-corpus/questionnaire/format-revision-2.xml"
        ).path
        let check = try Tool.run(["validate", seed])
        #expect(check.status == 0, "\(check)")
        #expect(check.stderr.isEmpty, "\(check.stderr)")
        let folder = try TemporaryFolder("crossroads-integrity")
        // Items 1 and 2 answered 1 and 2, item 3 declined: 3 of 6 prorated onto 0…9 is 4.5, rounded half up
        // to 5 (the high band, which raises the band flag and selects the any-flag outcome).
        let answers = try folder.write(
            "a.xml",
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <answers xmlns="urn:crossroads:answers:1" assessment="revision-two" version="1.0.0">
            <answer item="r2.1"><value>1</value></answer>
            <answer item="r2.2"><value>2</value></answer>
            <answer item="r2.3" state="declined"/>
            <answer item="r2.d1"><value>no</value></answer>
            <answer item="r2.d2"><value>no</value></answer>
            </answers>
            """)
        let text = try Tool.run(["score", answers, "--assessment", seed, "--date", "2026-11-27"])
        #expect(text.status == 0, "\(text)")
        #expect(text.stdout.contains("Result: A wellbeing warning"), "\(text.stdout)")
        #expect(text.stdout.contains("Score: 5 out of 9."), "\(text.stdout)")
        #expect(text.stdout.contains("“Total in the high band”"), "\(text.stdout)")
        let xml = try Tool.run(["score", answers, "--assessment", seed, "--date", "2026-11-27", "--format", "xml"])
        #expect(xml.status == 0, "\(xml)")
        #expect(xml.stdout.contains(#"status="prorated""#), "\(xml.stdout)")
        #expect(xml.stdout.contains(#"score="5""#), "\(xml.stdout)")
        #expect(xml.stdout.contains(#"<any-flag category="wellbeing" severity="warning" holds="true">"#))
    }
}
