import Foundation
import Testing

@testable import Crossroads

/// `<use>` resolution, the content hash, SHA-256 itself, and schema errors.
@Suite("Reading: composition, content hash and schema errors")
struct ReadingCompositionTests {
    // MARK: - <use>

    /// A questionnaire `extra` 2.0 whose item `x.gate` is a yes-no and `x.more` is shown when it is yes.
    static let extra = Inline.questionnaire(
        id: "extra", version: "2.0",
        """
          <section id="x.s">
            <title>Extra</title>
            <item id="x.gate" kind="yes-no"><text>Gate?</text></item>
            <item id="x.more" kind="yes-no"><text>More?</text><show-if><equals item="x.gate" value="yes"/></show-if></item>
          </section>
        """)

    @Test func useResolvesABundledQuestionnaire() throws {
        let text = Inline.assessment(using: [("sureness", "1.0.0")])
        let assessment = try AssessmentLoader().load(text: text)
        #expect(assessment.questionnaires.map(\.id) == ["sureness"])
        #expect(assessment.items.map(\.id) == ["sure.settled", "sure.options", "sure.values", "sure.support"])
        #expect(assessment.scales.map(\.id) == ["sure.score"])
        #expect(assessment.flags.map(\.id) == ["sure.conflict"])
        #expect(assessment.questionnaires[0].location?.file == "Questionnaires/sureness.xml")
    }

    @Test func useResolvesAnAddedQuestionnaireFile() throws {
        let folder = ReadingTempFolder()
        let path = try folder.write("extra.xml", Self.extra)
        var loader = AssessmentLoader()
        try loader.addQuestionnaire(file: path)
        let assessment = try loader.load(text: Inline.assessment(using: [("extra", "2.0"), ("sureness", "1.0.0")]))
        #expect(assessment.questionnaires.map(\.id) == ["extra", "sureness"], "composition follows the <use> order")
        #expect(assessment.questionnaires.map(\.version) == ["2.0", "1.0.0"])
        #expect(assessment.items.prefix(2).map(\.id) == ["x.gate", "x.more"])
        #expect(assessment.items[1].showIf == .equals(item: "x.gate", value: "yes"))
        #expect(assessment.questionnaires[0].location?.file == path)
    }

    @Test func anAddedQuestionnaireTakesPrecedenceOverTheBundledOneWithTheSameIDAndVersion() throws {
        let impostor = Inline.questionnaire(
            id: "sureness", version: "1.0.0",
            """
              <section id="imp.s"><title>Mine</title><item id="imp.q" kind="yes-no"><text>Mine?</text></item></section>
            """)
        let folder = ReadingTempFolder()
        var loader = AssessmentLoader()
        try loader.addQuestionnaire(file: try folder.write("sureness.xml", impostor))
        let assessment = try loader.load(text: Inline.assessment(using: [("sureness", "1.0.0")]))
        #expect(assessment.items.map(\.id) == ["imp.q"])
    }

    @Test func inlineAndUsedQuestionnairesComposeInDocumentOrder() throws {
        let text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <assessment xmlns="urn:crossroads:questionnaire:1" id="mixed" version="1" language="en" reviewed="2025-01-01">
              <title>Mixed</title><description>Mixed.</description>
              <use id="sureness" version="1.0.0"/>
              <questionnaire id="mid" version="1" language="en" reviewed="2025-01-01">
                <title>Mid</title><description>Between.</description>
                <section id="mid.s"><title>Mid</title>
                  <item id="mid.q" kind="yes-no"><text>Q?</text><show-if><equals item="sure.settled" value="yes"/></show-if></item>
                </section>
              </questionnaire>
              <use id="extra" version="2.0"/>
            \(Inline.fallback)
            </assessment>
            """
        let assessment = try #require(Reading.assessment(text, questionnaires: [Self.extra]))
        #expect(assessment.questionnaires.map(\.id) == ["sureness", "mid", "extra"])
        #expect(assessment.items.map(\.id).suffix(3) == ["mid.q", "x.gate", "x.more"])
    }

    @Test func aDiagnosticInsideAUsedQuestionnaireNamesThatFile() {
        // `bad` refers forward to an item of the questionnaire used after it: reported in bad's own file.
        let bad = Marked(
            Inline.questionnaire(
                id: "bad", version: "1",
                """
                  <section id="bad.s"><title>Bad</title>
                    <item id="bad.q" kind="yes-no"><text>Q?</text><show-if>⟪leaf⟫<answered item="x.gate"/></show-if></item>
                  </section>
                """))
        let diagnostics = Reading.diagnostics(
            Inline.assessment(using: [("bad", "1"), ("extra", "2.0")]),
            questionnaires: [bad.text, Self.extra])
        #expect(diagnostics.count == 1, "\(diagnostics.readingListing)")
        #expect(diagnostics.first?.message.contains(#"refers to "x.gate", which comes later"#) == true)
        #expect(diagnostics.first?.location?.file == "added-0.xml")
        #expect(diagnostics.first?.position == bad["leaf"])
    }

    @Test func useOfAnUnknownQuestionnaire() {
        let fixture = Marked(
            Inline.assessment(using: [("sureness", "1.0.0"), ("nowhere", "1")], marks: ["", "⟪use⟫"]))
        let diagnostics = Reading.diagnostics(fixture.text)
        #expect(diagnostics.count == 1, "\(diagnostics.readingListing)")
        #expect(diagnostics.first?.severity == .error)
        #expect(
            diagnostics.first?.message
                == #"questionnaire "nowhere" is not available: it is neither bundled nor among the files given"#)
        #expect(diagnostics.first?.position == fixture["use"])
    }

    @Test func useOfAnUnknownVersion() {
        let fixture = Marked(Inline.assessment(using: [("sureness", "9.9")], marks: ["⟪use⟫"]))
        let diagnostics = Reading.diagnostics(fixture.text)
        #expect(diagnostics.count == 1, "\(diagnostics.readingListing)")
        #expect(
            diagnostics.first?.message
                == #"questionnaire "sureness" version 9.9 is not available (found version 1.0.0)"#)
        #expect(diagnostics.first?.position == fixture["use"])
    }

    @Test func aLoaderWithoutBundledQuestionnairesDoesNotSeeThem() {
        let fixture = Marked(Inline.assessment(using: [("sureness", "1.0.0")], marks: ["⟪use⟫"]))
        guard case .failure(let error) = Reading.load(fixture.text, includeBundled: false) else {
            Issue.record("should not load")
            return
        }
        #expect(
            error.reported.map(\.message) == [
                #"questionnaire "sureness" is not available: it is neither bundled nor among the files given"#
            ])
        #expect(error.reported.first?.position == fixture["use"])
    }

    @Test func validatorChecksSeveralFilesTogetherWhateverTheirOrder() throws {
        let folder = ReadingTempFolder()
        let assessment = try folder.write("assessment.xml", Inline.assessment(using: [("extra", "2.0")]))
        let questionnaire = try folder.write("extra.xml", Self.extra)
        let checks = Validator.check(files: [assessment, questionnaire])
        #expect(checks.map(\.path) == [assessment, questionnaire])
        #expect(checks.map(\.status) == [.valid, .valid], "\(checks.flatMap(\.diagnostics).readingListing)")
        #expect(checks.allSatisfy { $0.diagnostics.isEmpty })
        #expect(checks[0].summary == "assessment composed 1.0.0, 1 questionnaire, 2 questions")
        #expect(checks[1].summary == "questionnaire extra 2.0, 2 questions")

        // Alone, the assessment can't find `extra`.
        let alone = Validator.check(files: [assessment])
        #expect(alone.map(\.status) == [.invalid])
        #expect(alone.first?.diagnostics.first?.message.contains(#"questionnaire "extra" is not available"#) == true)
        #expect(alone.first?.diagnostics.first?.position == LineColumn(5, 3))
    }

    @Test func validatorReportsEachFileOnItsOwn() throws {
        let folder = ReadingTempFolder()
        let good = try folder.write("good.xml", Inline.questionnaire())
        let badText = Marked(
            Inline.questionnaire(
                id: "bad",
                Inline.section(
                    Inline.items + "\n"
                        + #"      ⟪dup⟫<item id="a" kind="yes-no"><text>Again</text></item>"#)))
        let bad = try folder.write("bad.xml", badText.text)
        let missing = folder.path("missing.xml")
        let checks = Validator.check(files: [good, bad, missing, good])
        #expect(checks.map(\.status) == [.valid, .invalid, .unreadable, .valid])
        #expect(checks[1].diagnostics.map(\.location?.file) == [bad])
        #expect(checks[1].diagnostics.first?.position == badText["dup"])
        #expect(
            checks[2].diagnostics.map(\.description) == [
                "\(missing): error: cannot read this file: there is no such file"
            ])
    }

    @Test func twoFilesDefiningOneQuestionnaireDifferentlyIsAnErrorNamingBoth() throws {
        let folder = ReadingTempFolder()
        let first = try folder.write("first.xml", Inline.questionnaire())
        let second = try folder.write(
            "second.xml", Inline.questionnaire(Inline.section(Inline.items.replacingOccurrences(of: "kind=", with: " kind="))))
        let checks = Validator.check(files: [first, second])
        #expect(checks.map(\.status) == [.valid, .invalid])
        let message = try #require(checks[1].diagnostics.first)
        #expect(message.location?.file == second)
        #expect(message.message.contains("is defined twice, differently"))
        #expect(message.message.contains(first))
        // The same content under two names is one definition.
        let copy = try folder.write("copy.xml", Inline.questionnaire())
        #expect(Validator.check(files: [first, copy]).map(\.status) == [.valid, .valid])
        // Through the loader, the second definition is refused.
        var loader = AssessmentLoader(includeBundled: false)
        try loader.addQuestionnaire(file: first)
        #expect(throws: CrossroadsError.self) { try loader.addQuestionnaire(file: second) }
    }

    // MARK: - Content hash

    static func hash(_ assessment: String, questionnaires: [String] = []) -> String {
        Reading.assessment(assessment, questionnaires: questionnaires)?.contentHash ?? ""
    }

    @Test func contentHashIsA64DigitHexSHA256() throws {
        for hash in [Self.hash(Inline.assessment()), try Assessment.bundled().contentHash] {
            #expect(hash.count == 64)
            #expect(hash.allSatisfy { "0123456789abcdef".contains($0) }, "\(hash)")
        }
    }

    @Test func contentHashIsStable() throws {
        let text = Inline.assessment(using: [("extra", "2.0"), ("sureness", "1.0.0")])
        #expect(Self.hash(text, questionnaires: [Self.extra]) == Self.hash(text, questionnaires: [Self.extra]))
        #expect(try Assessment.bundled().contentHash == (try Assessment.bundled().contentHash))
        #expect(Self.hash(Inline.assessment()) == Self.hash(Inline.assessment()))
    }

    @Test(arguments: ["<title>Mini</title>", "For tests.", "<?xml", "</assessment>"])
    func contentHashChangesWithAnyByteOfTheAssessment(near anchor: String) throws {
        let text = Inline.assessment()
        let range = try #require(text.range(of: anchor))
        var changed = text
        changed.insert(" ", at: range.upperBound)
        // A change that does not alter the meaning (one more space) still changes the hash.
        #expect(Reading.diagnostics(changed).isEmpty)
        #expect(Self.hash(changed) != Self.hash(text))
        // So does changing one letter of a text.
        let oneLetter = text.replacingFirst("For tests.", with: "For tests!")
        #expect(Self.hash(oneLetter) != Self.hash(text))
    }

    @Test func contentHashChangesWithAnyByteOfAUsedQuestionnaire() {
        let text = Inline.assessment(using: [("extra", "2.0")])
        let original = Self.hash(text, questionnaires: [Self.extra])
        let spaced = Self.extra.replacingFirst("<title>Extra</title>", with: "<title>Extra </title>")
        let comment = Self.extra.replacingFirst("<section", with: "<!-- x --><section")
        let reworded = Self.extra.replacingFirst("Gate?", with: "Gate!")
        for changed in [spaced, comment, reworded] {
            #expect(changed != Self.extra)
            #expect(Self.hash(text, questionnaires: [changed]) != original)
        }
        // An added questionnaire that is not used does not change it.
        let unused = Inline.questionnaire(id: "unused", version: "1")
        #expect(Self.hash(text, questionnaires: [Self.extra, unused]) == original)
    }

    @Test func contentHashDependsOnTheOrderOfComposition() {
        let one = Self.hash(
            Inline.assessment(using: [("extra", "2.0"), ("sureness", "1.0.0")]), questionnaires: [Self.extra])
        let two = Self.hash(
            Inline.assessment(using: [("sureness", "1.0.0"), ("extra", "2.0")]), questionnaires: [Self.extra])
        #expect(one != two)
    }

    // MARK: - SHA-256

    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        (
            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
        ),
    ])
    func sha256StandardVectors(message: String, digest: String) {
        #expect(SHA256.hex(message) == digest)
    }

    @Test(arguments: [
        (55, "463eb28e72f82e0a96c0a4cc53690c571281131f672aa229e0d45ae59b598b59"),
        (56, "da2ae4d6b36748f2a318f23e7ab1dfdf45acdc9d049bd80e59de82a60895f562"),
        (63, "29af2686fd53374a36b0846694cc342177e428d1647515f078784d69cdb9e488"),
        (64, "fdeab9acf3710362bd2658cdc9a29e8f9c757fcf9811603a8c447cd1d9151108"),
        (65, "4bfd2c8b6f1eec7a2afeb48b934ee4b2694182027e6d0fc075074f2fabb31781"),
        (119, "da18797ed7c3a777f0847f429724a2d8cd5138e6ed2895c3fa1a6d39d18f7ec6"),
        (120, "f52b23db1fbb6ded89ef42a23ce0c8922c45f25c50b568a93bf1c075420bbb7c"),
        (128, "471fb943aa23c511f6f72f8d1652d9c880cfa392ad80503120547703e56a2be5"),
    ])
    func sha256AtBlockBoundariesInOneOrManyUpdates(length: Int, digest: String) {
        let bytes = (0..<length).map { UInt8($0 % 251) }
        var whole = SHA256()
        whole.update(bytes)
        #expect(whole.hexDigest() == digest)
        // Pieces of every size, alternately as arrays and as slices (two update paths).
        var pieces = SHA256()
        var start = 0
        for (index, size) in [1, 7, 13, 64, 3, 70].enumerated() where start < length {
            let end = min(start + size, length)
            if index.isMultiple(of: 2) {
                pieces.update(Array(bytes[start..<end]))
            } else {
                pieces.update(bytes[start..<end])
            }
            start = end
        }
        pieces.update(bytes[start...])
        #expect(pieces.hexDigest() == digest)
    }

    // MARK: - Schema errors

    @Test func unknownElement() {
        let fixture = Marked(
            Inline.assessment(
                Inline.section(
                    """
                          <item id="a" kind="yes-no"><text>A?</text>
                            ⟪x⟫<colour>red</colour>
                          </item>
                    """)))
        let diagnostics = Reading.diagnostics(fixture.text)
        #expect(diagnostics.count == 1, "\(diagnostics.readingListing)")
        let found = diagnostics.first
        #expect(found?.severity == .error)
        #expect(found?.position == fixture["x"])
        #expect(
            found?.message.hasPrefix("<colour>: this element is not allowed here.") == true, "\(found?.message ?? "")")
        #expect(found?.message.contains("help") == true, "it lists what may come there: \(found?.message ?? "")")
        Self.expectReadable(found)
    }

    @Test func missingAttribute() {
        let fixture = Marked(
            Inline.assessment(
                Inline.section(
                    """
                          ⟪x⟫<item kind="yes-no"><text>A?</text></item>
                    """)))
        let diagnostics = Reading.diagnostics(fixture.text)
        #expect(diagnostics.count == 1, "\(diagnostics.readingListing)")
        #expect(diagnostics.first?.message == "<item>: The attribute 'id' is required but missing.")
        #expect(diagnostics.first?.position == fixture["x"])
        Self.expectReadable(diagnostics.first)
    }

    @Test func missingElement() {
        let fixture = Marked(
            Inline.assessment(
                Inline.section(
                    """
                          ⟪x⟫<item id="a" kind="yes-no"><help>Help first?</help></item>
                    """)))
        let diagnostics = Reading.diagnostics(fixture.text)
        #expect(diagnostics.count == 1, "\(diagnostics.readingListing)")
        #expect(
            diagnostics.first?.message.hasPrefix("<help>: this element is not allowed here. expected ( text )") == true,
            "\(diagnostics.readingListing)")
        Self.expectReadable(diagnostics.first)
    }

    @Test(arguments: [
        (
            #"<item id="a" kind="maybe"><text>A?</text></item>"#, "kind", "maybe",
            ["yes-no", "likert", "single", "multiple", "text"]
        ),
        (#"<item id="a" kind="yes-no" skippable="sometimes"><text>A?</text></item>"#, "skippable", "sometimes", []),
    ])
    func badAttributeValue(item: String, attribute: String, value: String, allowed: [String]) {
        let fixture = Marked(Inline.assessment(Inline.section("      ⟪x⟫" + item)))
        let diagnostics = Reading.diagnostics(fixture.text)
        #expect(!diagnostics.isEmpty)
        #expect(diagnostics.allSatisfy { $0.position == fixture["x"] }, "\(diagnostics.readingListing)")
        let found = diagnostics.first
        #expect(found?.message.hasPrefix("<item>, attribute '\(attribute)':") == true, "\(found?.message ?? "")")
        #expect(found?.message.contains("'\(value)'") == true)
        Self.expectReadable(found)
        // The allowed values should be named, so the author can pick one.
        if !allowed.isEmpty {
            // Regression: LibXMLMessages.tidy once removed every {…} run, including libxml2's
            // "{'yes-no', 'likert', …}" set, leaving "not an element of the set .".
            #expect(allowed.allSatisfy { found?.message.contains($0) == true }, "\(found?.message ?? "")")
        }
    }

    @Test func misspeltSafetyCategoryIsASchemaError() {
        let fixture = Marked(
            Inline.assessment(
                Inline.section() + """

                        ⟪x⟫<flag id="f" severity="critical" category="saftey">
                          <title>F</title><message>M.</message><when-answer item="a" value="yes"/>
                        </flag>
                    """))
        let diagnostics = Reading.diagnostics(fixture.text)
        #expect(diagnostics.first?.position == fixture["x"], "\(diagnostics.readingListing)")
        #expect(diagnostics.first?.message.contains("'saftey'") == true)
    }

    @Test func severalSchemaErrorsAreReportedTogether() {
        let fixture = Marked(
            Inline.assessment(
                Inline.section(
                    """
                          ⟪one⟫<item id="a" kind="maybe"><text>A?</text></item>
                          <item id="b" kind="yes-no"><text>B?</text></item>
                          ⟪two⟫<item id="9c" kind="yes-no"><text>C?</text></item>
                    """)))
        let diagnostics = Reading.diagnostics(fixture.text)
        let positions = Set(diagnostics.compactMap(\.position))
        #expect(
            positions.contains(fixture["one"]) && positions.contains(fixture["two"]), "\(diagnostics.readingListing)")
        #expect(diagnostics.allSatisfy { $0.severity == .error })
        for diagnostic in diagnostics { Self.expectReadable(diagnostic) }
    }

    /// A message an author can read: one line, no `{urn:…}` qualifiers, no namespace URIs.
    static func expectReadable(_ diagnostic: Diagnostic?, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        guard let diagnostic else {
            Issue.record("no diagnostic", sourceLocation: sourceLocation)
            return
        }
        let message = diagnostic.message
        #expect(!message.contains("{urn:"), "\(message)", sourceLocation: sourceLocation)
        #expect(!message.contains("urn:crossroads"), "\(message)", sourceLocation: sourceLocation)
        #expect(!message.contains("\n"), "\(message)", sourceLocation: sourceLocation)
        #expect(!message.hasPrefix("Element '"), "\(message)", sourceLocation: sourceLocation)
        #expect(message == message.trimmingCharacters(in: .whitespacesAndNewlines), sourceLocation: sourceLocation)
    }
}
