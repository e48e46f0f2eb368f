import Foundation
import Testing

@testable import Crossroads

/// A small assessment for answers: the standard items `a`–`e`, then `f` (shown when a = yes), `g` (likert
/// 0–1 with a note, not skippable) and `h` (yes-no).
private enum Small {
    static let items =
        Inline.items + """

                  <item id="f" kind="yes-no"><text>F?</text><show-if><equals item="a" value="yes"/></show-if></item>
                  <item id="g" kind="likert" skippable="false"><text>G?</text>
                    <option value="0"><label>No</label></option>
                    <option value="1" weight="1"><label>Yes</label></option>
                    <note>Why?</note>
                  </item>
                  <item id="h" kind="yes-no"><text>H?</text></item>
            """

    static let assessment: Assessment = {
        do {
            return try AssessmentLoader().load(text: Inline.assessment(Inline.section(items)), path: "mini.xml")
        } catch {
            fatalError("the small assessment does not load: \(error)")
        }
    }()

    /// An answers file for `mini` 1.0.0 (or the given id and version) with `body` inside.
    static func answers(_ body: String, assessment: String = "mini", version: String = "1.0.0", rootMark: String = "")
        -> Marked
    {
        Marked(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            \(rootMark)<answers xmlns="urn:crossroads:answers:1" assessment="\(assessment)" version="\(version)" locale="en_GB.UTF-8">
            \(body)
            </answers>
            """)
    }

    static func read(_ fixture: Marked, for assessment: Assessment? = Small.assessment)
        -> Result<(answers: Answers, assessment: Assessment), CrossroadsError>
    {
        do throws(CrossroadsError) {
            return .success(try AnswersReader.read(text: fixture.text, path: "answers.xml", for: assessment))
        } catch {
            return .failure(error)
        }
    }

    static func diagnostics(_ fixture: Marked, for assessment: Assessment? = Small.assessment) -> [Diagnostic] {
        switch read(fixture, for: assessment) {
        case .success: return []
        case .failure(let error): return error.reported
        }
    }
}

/// One kind of answers diagnostic.
struct AnswersCase: Sendable, CustomTestStringConvertible {
    var name: String
    var fixture: Marked
    var severity: Diagnostic.Severity = .error
    var says: String
    var at: String
    var total = 1
    var testDescription: String { name }
}

extension AnswersCase {
    static let all: [AnswersCase] = [
        AnswersCase(
            name: "unknown item",
            fixture: Small.answers(
                #"  <answer item="a"><value>no</value></answer>  ⟪x⟫<answer item="ghost"><value>yes</value></answer>"#),
            says: #""ghost" is not a question of "mini" 1.0.0"#, at: "x"),
        AnswersCase(
            name: "value not an option",
            fixture: Small.answers(#"  ⟪x⟫<answer item="c"><value>z</value></answer>"#),
            says: #""z" is not an answer to item "c" (its options: x, y)"#, at: "x"),
        AnswersCase(
            name: "likert value not a point",
            fixture: Small.answers(#"  ⟪x⟫<answer item="b"><value>4</value></answer>"#),
            says: #""4" is not an answer to item "b" (its options: 1, 2, 3)"#, at: "x"),
        AnswersCase(
            name: "several values for a single-choice item",
            fixture: Small.answers(#"  ⟪x⟫<answer item="c"><value>x</value><value>y</value></answer>"#),
            says: #"item "c" takes exactly one value; this answer has 2"#, at: "x"),
        AnswersCase(
            name: "no value for a yes-no item",
            fixture: Small.answers(#"  ⟪x⟫<answer item="a"/>"#),
            says: #"item "a" takes exactly one value; this answer has 0"#, at: "x"),
        AnswersCase(
            name: "the same value twice for a multiple-choice item",
            fixture: Small.answers(#"  ⟪x⟫<answer item="d"><value>m</value><value>m</value></answer>"#),
            says: #"item "d" lists the same value twice"#, at: "x"),
        AnswersCase(
            name: "duplicate answer",
            fixture: Small.answers(
                """
                  <answer item="b"><value>1</value></answer>
                  ⟪x⟫<answer item="b"><value>2</value></answer>
                """),
            says: #"item "b" is answered twice (first at line 3)"#, at: "x"),
        AnswersCase(
            name: "an answer to a hidden item",
            fixture: Small.answers(
                """
                  <answer item="a"><value>no</value></answer>
                  ⟪x⟫<answer item="f"><value>yes</value></answer>
                """),
            says: #"item "f" is answered, but its condition is false for these answers"#, at: "x"),
        AnswersCase(
            name: "a declined answer to a hidden item",
            fixture: Small.answers(
                """
                  ⟪x⟫<answer item="f" state="declined"/>
                """),
            says: #"item "f" is answered, but its condition is false"#, at: "x"),
        AnswersCase(
            name: "a note on an item without a note prompt",
            fixture: Small.answers(#"  ⟪x⟫<answer item="a"><value>yes</value><note>Hm.</note></answer>"#),
            says: #"item "a" does not take a note"#, at: "x"),
        AnswersCase(
            name: "a value for a free-text item",
            fixture: Small.answers(#"  ⟪x⟫<answer item="e"><value>words</value></answer>"#),
            says: #"item "e" is a free-text question: its answer goes in <text>, not <value> or <note>"#, at: "x"),
        AnswersCase(
            name: "a note for a free-text item",
            fixture: Small.answers(#"  ⟪x⟫<answer item="e"><note>Words.</note></answer>"#),
            says: #"item "e" is a free-text question"#, at: "x"),
        AnswersCase(
            name: "text for a choice item",
            fixture: Small.answers(#"  ⟪x⟫<answer item="c"><text>x</text></answer>"#),
            says: #"item "c" is not a free-text question: give its answer as <value>"#, at: "x"),
        AnswersCase(
            name: "marked declined but with a value",
            fixture: Small.answers(#"  ⟪x⟫<answer item="b" state="declined"><value>2</value></answer>"#),
            says: #"item "b" is marked declined but also has an answer; remove one or the other"#, at: "x"),
        AnswersCase(
            name: "marked not-shown but with text",
            fixture: Small.answers(#"  ⟪x⟫<answer item="e" state="not-shown"><text>Hi</text></answer>"#),
            says: #"item "e" is marked not-shown but also has an answer"#, at: "x"),
        AnswersCase(
            name: "marked not-reached but with a note",
            fixture: Small.answers(#"  ⟪x⟫<answer item="g" state="not-reached"><note>Later.</note></answer>"#),
            says: #"item "g" is marked not-reached but also has an answer"#, at: "x"),
        AnswersCase(
            name: "another assessment id",
            fixture: Small.answers(
                #"  <answer item="a"><value>no</value></answer>"#, assessment: "other", rootMark: "⟪root⟫"),
            says: #"these answers are for assessment "other", not "mini""#, at: "root"),
        AnswersCase(
            name: "another version",
            fixture: Small.answers(
                #"  <answer item="a"><value>no</value></answer>"#, version: "2.0", rootMark: "⟪root⟫"),
            says:
                #"these answers are for version 2.0 of "mini", but the assessment is version 1.0.0; questions may have changed"#,
            at: "root"),
        AnswersCase(
            name: "an unknown state (schema)",
            fixture: Small.answers(#"  ⟪x⟫<answer item="a" state="skipped"/>"#),
            says: "'skipped'", at: "x"),
        AnswersCase(
            name: "an unknown element (schema)",
            fixture: Small.answers(#"  <answer item="a"><value>no</value>⟪x⟫<comment>hi</comment></answer>"#),
            says: "<comment>: this element is not allowed here.", at: "x"),
        AnswersCase(
            name: "a missing item attribute (schema)",
            fixture: Small.answers(#"  ⟪x⟫<answer><value>no</value></answer>"#),
            says: "<answer>: The attribute 'item' is required but missing.", at: "x"),
        AnswersCase(
            name: "words longer than 10,000 characters",
            fixture: Small.answers(
                "  <answer item=\"g\"><value>1</value>⟪x⟫<note>" + String(repeating: "w", count: 10_001)
                    + "</note></answer>"),
            says: "10000", at: "x"),
    ]
}

@Suite("Answers: every state and every diagnostic")
struct AnswersReaderTests {
    @Test func everyState() throws {
        let fixture = Small.answers(
            """
              <answer item="a"><value>no</value></answer>
              <answer item=" b "><value>
                2 </value></answer>
              <answer item="c" state="declined"/>
              <answer item="d"><value>m</value><value>n</value></answer>
              <answer item="e"><text>  My own
              words &amp; more  </text></answer>
              <answer item="f" state="not-shown"/>
              <answer item="g" state="answered"><value>1</value><note>Because
              I said so.</note></answer>
              <answer item="h" state="not-reached"/>
            """)
        let (answers, assessment) = try Small.read(fixture).get()
        #expect(assessment == Small.assessment)
        #expect(answers.assessmentID == "mini")
        #expect(answers.assessmentVersion == "1.0.0")
        #expect(answers.locale == "en_GB.UTF-8")
        #expect(answers["a"] == .chosen(["no"], note: nil))
        #expect(answers["b"] == .chosen(["2"]), "item ids and values are tokens: surrounding white space is ignored")
        #expect(answers["c"] == .declined)
        #expect(answers["d"] == .chosen(["m", "n"]))
        #expect(answers["e"] == .text("  My own\n  words & more  "), "free text is kept verbatim")
        #expect(answers["f"] == .notShown)
        #expect(answers["g"] == .chosen(["1"], note: "Because\n  I said so."), "notes are kept verbatim")
        #expect(answers["h"] == .notReached)
        #expect(answers.responses.count == 8)
    }

    @Test func anAbsentItemHasNoResponse() throws {
        let (answers, _) = try Small.read(Small.answers(#"  <answer item="b"><value>3</value></answer>"#)).get()
        #expect(answers.responses.keys.sorted() == ["b"])
        #expect(answers["a"] == nil)
        #expect(answers.locale == "en_GB.UTF-8")
    }

    @Test func emptyAnswersAreValid() throws {
        let (answers, _) = try Small.read(Small.answers("")).get()
        #expect(answers.responses.isEmpty)
    }

    @Test func multipleChoiceMayBeAnsweredWithNoValue() throws {
        let (answers, _) = try Small.read(Small.answers(#"  <answer item="d"/>"#)).get()
        #expect(answers["d"] == .chosen([]))
    }

    @Test func anAnswerToAShownConditionalItemIsFine() throws {
        let (answers, _) = try Small.read(
            Small.answers(
                """
                  <answer item="a"><value>yes</value></answer>
                  <answer item="f"><value>no</value></answer>
                """)
        ).get()
        #expect(answers["f"] == .no)
    }

    @Test func wordsOfExactlyTenThousandCharactersAreAccepted() throws {
        let words = String(repeating: "é", count: 10_000)
        let (answers, _) = try Small.read(Small.answers(#"  <answer item="e"><text>\#(words)</text></answer>"#)).get()
        #expect(answers["e"] == .text(words))
    }

    @Test(arguments: AnswersCase.all)
    func diagnostic(_ example: AnswersCase) {
        let diagnostics = Small.diagnostics(example.fixture)
        let matching = diagnostics.saying(example.says)
        #expect(
            matching.count == 1, "expected one diagnostic saying “\(example.says)”; got:\n\(diagnostics.readingListing)"
        )
        #expect(diagnostics.count == example.total, "\(diagnostics.readingListing)")
        guard let found = matching.first else { return }
        #expect(found.severity == example.severity)
        #expect(found.position == example.fixture[example.at], "\(found)")
        #expect(found.location?.file == "answers.xml")
        #expect(!found.message.contains("\n"))
        #expect(!found.message.contains("{urn:"))
    }

    @Test func declinedButNotSkippableIsAWarningShownAlongsideErrors() {
        let fixture = Small.answers(
            """
              ⟪warn⟫<answer item="g" state="declined"/>
              ⟪err⟫<answer item="ghost"><value>yes</value></answer>
            """)
        let diagnostics = Small.diagnostics(fixture)
        #expect(diagnostics.count == 2, "\(diagnostics.readingListing)")
        let warning = diagnostics.warningsOnly.first
        #expect(warning?.message == #"item "g" cannot be skipped, but is recorded as declined"#)
        #expect(warning?.position == fixture["warn"])
        #expect(diagnostics.errorsOnly.first?.position == fixture["err"])
    }

    @Test func declinedButNotSkippableAloneStillReads() throws {
        // The warning has nowhere to go when there is no error: AnswersReader.read returns no warnings.
        // Warnings alone are not returned by AnswersReader.read: a file with no errors is simply read.
        let (answers, _) = try Small.read(Small.answers(#"  <answer item="g" state="declined"/>"#)).get()
        #expect(answers["g"] == .declined)
    }

    @Test func everyProblemIsReportedAtOnceInOrder() {
        let fixture = Small.answers(
            """
              ⟪ghost⟫<answer item="ghost"><value>yes</value></answer>
              <answer item="a"><value>no</value></answer>
              ⟪badValue⟫<answer item="c"><value>q</value></answer>
              ⟪twice⟫<answer item="a"><value>yes</value></answer>
              ⟪hidden⟫<answer item="f"><value>yes</value></answer>
              ⟪note⟫<answer item="h"><value>yes</value><note>Hm.</note></answer>
              ⟪declined⟫<answer item="b" state="declined"><value>1</value></answer>
              ⟪text⟫<answer item="e"><value>x</value></answer>
            """)
        let diagnostics = Small.diagnostics(fixture)
        let expected: [(String, String)] = [
            ("ghost", #""ghost" is not a question"#),
            ("badValue", #""q" is not an answer to item "c""#),
            ("twice", #"item "a" is answered twice (first at line 4)"#),
            ("note", #"item "h" does not take a note"#),
            ("declined", #"item "b" is marked declined but also has an answer"#),
            ("text", #"item "e" is a free-text question"#),
            ("hidden", #"item "f" is answered, but its condition is false"#),
        ]
        #expect(diagnostics.count == expected.count, "\(diagnostics.readingListing)")
        for (index, (mark, says)) in expected.enumerated() where index < diagnostics.count {
            #expect(diagnostics[index].message.contains(says), "#\(index): \(diagnostics[index])")
            #expect(diagnostics[index].position == fixture[mark], "#\(index): \(diagnostics[index])")
        }
    }

    // MARK: - The bundled assessment

    static let bundledOpen =
        #"<answers xmlns="urn:crossroads:answers:1" assessment="should-we-get-back-together" version="1.1.0">"#

    static func bundled(_ body: String, version: String = "1.1.0", rootMark: String = "") -> Marked {
        Marked(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            \(rootMark)\(bundledOpen.replacingFirst(#"version="1.1.0""#, with: "version=\"\(version)\""))
            \(body)
            </answers>
            """)
    }

    @Test func realisticAnswersToTheBundledAssessment() throws {
        let fixture = Self.bundled(
            """
              <answer item="safety.safe-now"><value>yes</value></answer>
              <answer item="safety.hurt"><value>no</value></answer>
              <answer item="safety.afraid"><value>yes</value></answer>
              <answer item="safety.fear-for-life" state="declined"/>
              <answer item="honest.your-patterns"><value>distant</value><value>too-busy</value><note>I worked late.</note></answer>
              <answer item="honest.arguments"><value>2</value><note>Money, mostly.</note></answer>
              <answer item="sure.settled" state="not-reached"/>
            """)
        let bundled = try Assessment.bundled()
        let (answers, assessment) = try AnswersReader.read(text: fixture.text)
        #expect(assessment.id == Assessment.defaultBundledID)
        #expect(assessment.contentHash == bundled.contentHash)
        #expect(answers["safety.safe-now"] == .choice("yes"))
        #expect(answers["safety.fear-for-life"] == .declined)
        #expect(answers["honest.your-patterns"] == .chosen(["distant", "too-busy"], note: "I worked late."))
        #expect(answers["honest.arguments"] == .choice("2", note: "Money, mostly."))
        #expect(answers["sure.settled"] == .notReached)
        #expect(answers.locale == nil)
    }

    @Test func aHiddenBundledItemIsAnErrorAtItsAnswer() {
        let fixture = Self.bundled(
            """
              <answer item="safety.afraid"><value>no</value></answer>
              ⟪x⟫<answer item="safety.fear-for-life"><value>yes</value></answer>
            """)
        let diagnostics = Self.diagnostics(fixture.text)
        #expect(diagnostics.count == 1, "\(diagnostics.readingListing)")
        #expect(
            diagnostics.first?.message.contains(#"item "safety.fear-for-life" is answered, but its condition is false"#)
                == true)
        #expect(diagnostics.first?.message.contains(#"state="not-shown""#) == true)
        #expect(diagnostics.first?.position == fixture["x"])
    }

    @Test func anItemHiddenBecauseNothingEarlierWasAnsweredIsAnErrorToo() {
        // safety.worse is shown only when some harm question was answered yes.
        let fixture = Self.bundled(#"  ⟪x⟫<answer item="safety.worse"><value>no</value></answer>"#)
        let diagnostics = Self.diagnostics(fixture.text)
        #expect(diagnostics.map(\.position) == [fixture["x"]], "\(diagnostics.readingListing)")
    }

    @Test func answersForAnotherVersionOfTheBundledAssessment() {
        let fixture = Self.bundled(
            #"  <answer item="safety.hurt"><value>no</value></answer>"#, version: "0.9", rootMark: "⟪root⟫")
        let diagnostics = Self.diagnostics(fixture.text)
        #expect(diagnostics.count == 1)
        #expect(
            diagnostics.first?.message.hasPrefix(
                #"these answers are for version 0.9 of "should-we-get-back-together", but the assessment is version 1.1.0"#
            ) == true)
        #expect(diagnostics.first?.position == fixture["root"])
    }

    @Test func answersForAnAssessmentThatIsNotBundled() {
        let fixture = Small.answers(
            #"  <answer item="a"><value>no</value></answer>"#, assessment: "mystery", rootMark: "⟪root⟫")
        let diagnostics = Small.diagnostics(fixture, for: nil)
        #expect(
            diagnostics.map(\.message) == [
                #"these answers are for assessment "mystery", which is not bundled; give its file with --assessment"#
            ])
        #expect(diagnostics.first?.position == fixture["root"])
    }

    @Test func readingAnswersFromAFile() throws {
        let folder = ReadingTempFolder()
        let path = try folder.write(
            "answers.xml", Self.bundled(#"  <answer item="safety.hurt"><value>no</value></answer>"#).text)
        let (answers, assessment) = try AnswersReader.read(file: path)
        #expect(answers["safety.hurt"] == .no)
        #expect(assessment.id == Assessment.defaultBundledID)

        let bad = try folder.write("bad.xml", Self.bundled(#"  <answer item="nope"><value>no</value></answer>"#).text)
        do {
            _ = try AnswersReader.read(file: bad)
            Issue.record("should not read")
        } catch {
            #expect(error.isReadingInvalid)
            #expect(error.reported.first?.location?.file == bad)
            #expect(error.description.hasPrefix("\(bad):3:3: error: \"nope\" is not a question"), "\(error)")
        }
    }

    static func diagnostics(_ text: String) -> [Diagnostic] {
        do {
            _ = try AnswersReader.read(text: text, path: "answers.xml")
            return []
        } catch {
            return error.reported
        }
    }
}
