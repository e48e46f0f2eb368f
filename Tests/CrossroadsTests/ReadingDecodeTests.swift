import Foundation
import Testing

@testable import Crossroads

/// Every construct of the questionnaire format decodes into the right model values.
@Suite("Reading: decoding every construct")
struct ReadingDecodeTests {
    /// One assessment that uses every construct of the format, with its positions marked.
    static let full = Marked(
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- Every construct of the format, once. -->
        ⟪assessment⟫<assessment xmlns="urn:crossroads:questionnaire:1"
                    id="full" version="2.3" language="en-GB" reviewed="2025-06-30">
          <title>
            Everything,   once
          </title>
          <description>A line
            and	another,  with &amp; and &lt;tags&gt; and caf&#233; and <![CDATA[<raw> & ]]>text.</description>
          ⟪questionnaire⟫<questionnaire id="full.q" version="1.2.3" language="fr" reviewed="2024-12-31">
            <title>The questionnaire</title>
            <description>Asks everything.</description>
            ⟪s1⟫<section id="s1">
              <title>First part</title>
              <intro>
                Before we start:
                take your time.
              </intro>
              ⟪yn.default⟫<item id="yn.default" kind="yes-no" skippable="false">
                <text>  Do you
                  feel safe?  </text>
                <help>Help   for yes/no.</help>
              </item>
              <item id="yn.explicit" kind="yes-no" skippable="true">
                <text>Explicit yes/no?</text>
                <option value="yes" weight="2.5"><label>Oui</label></option>
                <option value="no" weight="-1.25"><label>Non</label></option>
              </item>
              <item id="lik" kind="likert" skippable="1">
                <text>How close?</text>
                <option value="0"><label>Not at all</label></option>
                <option value="1" weight="1"><label>A bit</label></option>
                <option value="2" weight="2"><label>Quite</label></option>
                <option value="3" weight="3.0"><label>Very</label></option>
                <note>What makes you   say that?</note>
              </item>
              <item id="one" kind="single" skippable="0">
                <text>Pick one.</text>
                <option value="a" weight="-0.5"><label>A</label></option>
                <option value="b" weight="0.0001"><label>B</label></option>
                <option value="c" weight="4"><label>C</label></option>
              </item>
              <item id="many" kind="multiple">
                <text>Pick any.</text>
                <option value="m1" weight="1"><label>M1</label></option>
                <option value="m2" weight="-2"><label>M2</label></option>
                <option value="m3" weight=".75"><label>M3</label></option>
                <note>Anything else?</note>
              </item>
              <item id="words" kind="text">
                <text>In your own words.</text>
                <help>Write freely.</help>
              </item>
            </section>
            <section id="s2">
              <title>Second part</title>
              <item id="c.eq" kind="yes-no"><text>Equals.</text>
                <show-if><equals item=" yn.default" value="yes
                  "/></show-if></item>
              <item id="c.ne" kind="yes-no"><text>Not equals.</text>
                <show-if><not-equals item="one" value="a"/></show-if></item>
              <item id="c.oneof" kind="yes-no"><text>One of.</text>
                <show-if><one-of item="one" values="  a
                  c "/></show-if></item>
              <item id="c.ans" kind="yes-no"><text>Answered.</text>
                <show-if><answered item="words"/></show-if></item>
              <item id="c.least" kind="yes-no"><text>At least.</text>
                <show-if><at-least item="lik" value="2"/></show-if></item>
              <item id="c.most" kind="yes-no"><text>At most.</text>
                <show-if><at-most item="lik" value="-1"/></show-if></item>
              <item id="c.nested" kind="text"><text>Nested.</text>
                <show-if>
                  <all-of>
                    <any-of>
                      <equals item="many" value="m2"/>
                      <at-least item="lik" value="+1"/>
                    </any-of>
                    <not-equals item="yn.explicit" value="no"/>
                    <all-of><answered item="c.eq"/></all-of>
                  </all-of>
                </show-if>
              </item>
            </section>
            ⟪sc1⟫<scale id="sc1">
              <title>Scale one</title>
              <description>What   it measures.</description>
              ⟪sc1.m1⟫<item ref="yn.explicit"/>
              <item ref="lik" reverse="true"/>
              <item ref="  one " reverse="false"/>
              <missing-data min-answered="2"/>
              ⟪sc1.low⟫<band id="low" from="-10" kind="concern"><label>Low</label><meaning>Worrying.</meaning></band>
              <band id="mid" from="0"><label>Middle</label></band>
              <band id="high" from="5.5" kind="strength"><label>High</label><meaning>Good
                news.</meaning></band>
            </scale>
            <scale id="sc2">
              <title>Scale two</title>
              <item ref="many"/>
              <band id="any" from="-2" kind="neutral"><label>Any</label></band>
            </scale>
            ⟪f.answers⟫<flag id="f.answers" severity="warning" category="relationship">
              <title>Answers flag</title>
              <message>Raised by   any of three.</message>
              ⟪f.answers.1⟫<when-answer item="yn.default" value="no"/>
              <when-answer item="one" value="c"/>
              <when-answer item="many" value="m2"/>
            </flag>
            <flag id="f.least" severity="critical" category="safety">
              <title>At least</title><message>Scale high.</message>
              <when-scale scale="sc1" at-least="3"/>
            </flag>
            <flag id="f.most" severity="note" category="wellbeing">
              <title>At most</title><message>Scale low.</message>
              <when-scale scale="sc1" at-most="-1.5"/>
            </flag>
            <flag id="f.both" severity="warning" category="readiness">
              <title>Between</title><message>In between.</message>
              <when-scale scale="sc2" at-least="1" at-most="4"/>
            </flag>
            <flag id="f.decision" severity="note" category="decision">
              <title>Decision</title><message>Decision.</message>
              <when-answer item="c.eq" value="yes"/>
            </flag>
            <flag id="f.other" severity="note" category="other">
              <title>Other</title><message>Other.</message>
              <when-answer item="c.ne" value="yes"/>
            </flag>
          </questionnaire>
          ⟪safety⟫<outcome id="safety" priority="100" safety="true">
            <title>Safety</title>
            <summary>Safety first.</summary>
            <meaning>Get support.</meaning>
            <next-steps><step>Call.</step></next-steps>
          </outcome>
          <outcome id="go" priority="50">
            <title>Go</title>
            <summary>Try again.</summary>
            <meaning>It may work.</meaning>
            <upside>The   good side.</upside>
            <downside>The hard
              side.</downside>
            <next-steps>
              <step>First   step.</step>
              <step>Second step.</step>
            </next-steps>
            <discuss>
              <step>What matters?</step>
              <step>What changed?</step>
            </discuss>
            <rule>
              <all-of>
                <flag-raised flag="f.answers"/>
                <band scale="sc1" bands="mid  high"/>
                <none-of>
                  <insufficient scale="sc2"/>
                  <any-of>
                    <flag-raised flag="f.most"/>
                    <band scale="sc2" bands="any"/>
                  </any-of>
                </none-of>
              </all-of>
            </rule>
          </outcome>
          <outcome id="wait" priority="10">
            <title>Wait</title><summary>Wait.</summary><meaning>Not yet.</meaning>
            <next-steps><step>Wait.</step></next-steps>
            <rule><insufficient scale="sc1"/></rule>
          </outcome>
          <outcome id="flagged">
            <title>Flagged</title><summary>Flagged.</summary><meaning>Flagged.</meaning>
            <next-steps><step>Look.</step></next-steps>
            <rule><flag-raised flag="f.both"/></rule>
          </outcome>
          ⟪unsure⟫<outcome id="unsure" fallback="true" priority="0">
            <title>Unsure</title><summary>Unsure.</summary><meaning>Unsure.</meaning>
            <next-steps><step>Wait.</step></next-steps>
          </outcome>
          <resources>
            <resource id="gb" locale="en-GB" checked="2025-05-01">
              <name>GB help</name>
              <about>Help   in Britain.</about>
              <contact kind="phone" value="0808 2000 247">Call   any time</contact>
              <contact kind="text" value="88788">Text START</contact>
              <contact kind="web" value="https://example.org/help">Chat online</contact>
            </resource>
            <resource id="us" locale="US" checked="2025-05-02">
              <name>US help</name><about>Help in the US.</about>
            </resource>
            <resource id="any" locale="*" checked="2025-05-03">
              <name>Anywhere</name><about>Emergency services.</about>
              <contact kind="phone" value="112">Emergency</contact>
            </resource>
          </resources>
        </assessment>
        """)

    static func loaded() throws -> Assessment {
        try #require(Reading.assessment(full.text))
    }

    @Test func theFullFixtureLoadsWithoutDiagnostics() {
        let diagnostics = Reading.diagnostics(Self.full.text)
        #expect(diagnostics.isEmpty, "\(diagnostics.readingListing)")
    }

    @Test func assessmentMetadata() throws {
        let assessment = try Self.loaded()
        #expect(assessment.id == "full")
        #expect(assessment.version == "2.3")
        #expect(assessment.language == "en-GB")
        #expect(assessment.reviewed == "2025-06-30")
        #expect(assessment.title == "Everything, once")
        #expect(assessment.description == "A line and another, with & and <tags> and café and <raw> & text.")
        #expect(assessment.location == Crossroads.SourceLocation(file: "fixture.xml", line: 3, column: 1))
        #expect(assessment.location.map { LineColumn($0.line, $0.column) } == Self.full["assessment"])
        #expect(assessment.questionnaires.map(\.id) == ["full.q"])
    }

    @Test func questionnaireMetadata() throws {
        let questionnaire = try #require(try Self.loaded().questionnaires.first)
        #expect(questionnaire.id == "full.q")
        #expect(questionnaire.version == "1.2.3")
        #expect(questionnaire.language == "fr")
        #expect(questionnaire.reviewed == "2024-12-31")
        #expect(questionnaire.title == "The questionnaire")
        #expect(questionnaire.description == "Asks everything.")
        #expect(questionnaire.location.map { LineColumn($0.line, $0.column) } == Self.full["questionnaire"])
    }

    @Test func sectionsAndIntro() throws {
        let questionnaire = try #require(try Self.loaded().questionnaires.first)
        #expect(questionnaire.sections.map(\.id) == ["s1", "s2"])
        #expect(questionnaire.sections.map(\.title) == ["First part", "Second part"])
        #expect(questionnaire.sections[0].intro == "Before we start: take your time.")
        #expect(questionnaire.sections[1].intro == nil)
        #expect(
            questionnaire.sections[0].items.map(\.id) == ["yn.default", "yn.explicit", "lik", "one", "many", "words"])
        #expect(questionnaire.sections[0].location.map { LineColumn($0.line, $0.column) } == Self.full["s1"])
        #expect(questionnaire.items.count == 13)
    }

    @Test func yesNoWithDefaultOptions() throws {
        let item = try #require(try Self.loaded().items.first { $0.id == "yn.default" })
        #expect(item.kind == .yesNo)
        #expect(item.text == "Do you feel safe?")
        #expect(item.help == "Help for yes/no.")
        #expect(
            item.options == [
                Option(value: "yes", label: "Yes", weight: 1), Option(value: "no", label: "No", weight: 0),
            ])
        #expect(item.notePrompt == nil)
        #expect(item.showIf == nil)
        #expect(item.skippable == false)
        #expect(item.location.map { LineColumn($0.line, $0.column) } == Self.full["yn.default"])
    }

    @Test func yesNoWithExplicitOptions() throws {
        let item = try #require(try Self.loaded().items.first { $0.id == "yn.explicit" })
        #expect(item.kind == .yesNo)
        #expect(
            item.options == [
                Option(value: "yes", label: "Oui", weight: 2.5), Option(value: "no", label: "Non", weight: -1.25),
            ])
        #expect(item.help == nil)
        #expect(item.skippable)
    }

    @Test func likertWithNotePrompt() throws {
        let item = try #require(try Self.loaded().items.first { $0.id == "lik" })
        #expect(item.kind == .likert)
        #expect(item.options.map(\.value) == ["0", "1", "2", "3"])
        #expect(item.options.map(\.label) == ["Not at all", "A bit", "Quite", "Very"])
        // A missing weight is 0.
        #expect(item.options.map(\.weight) == [0, 1, 2, 3])
        #expect(item.options.map(\.integerValue) == [0, 1, 2, 3])
        #expect(item.notePrompt == "What makes you say that?")
        #expect(item.skippable, "skippable=\"1\" is xs:boolean true")
    }

    @Test func singleChoiceWithNegativeAndDecimalWeights() throws {
        let item = try #require(try Self.loaded().items.first { $0.id == "one" })
        #expect(item.kind == .single)
        #expect(item.options.map(\.value) == ["a", "b", "c"])
        #expect(item.options.map(\.weight) == [-0.5, 0.0001, 4])
        #expect(item.skippable == false, "skippable=\"0\" is xs:boolean false")
    }

    @Test func multipleChoice() throws {
        let item = try #require(try Self.loaded().items.first { $0.id == "many" })
        #expect(item.kind == .multiple)
        #expect(item.options.map(\.value) == ["m1", "m2", "m3"])
        #expect(item.options.map(\.weight) == [1, -2, 0.75])
        #expect(item.notePrompt == "Anything else?")
    }

    @Test func freeText() throws {
        let item = try #require(try Self.loaded().items.first { $0.id == "words" })
        #expect(item.kind == .text)
        #expect(item.options.isEmpty)
        #expect(item.help == "Write freely.")
        #expect(item.notePrompt == nil)
    }

    @Test(arguments: [
        ("c.eq", Condition.equals(item: "yn.default", value: "yes")),
        ("c.ne", .notEquals(item: "one", value: "a")),
        ("c.oneof", .oneOf(item: "one", values: ["a", "c"])),
        ("c.ans", .answered(item: "words")),
        ("c.least", .atLeast(item: "lik", value: 2)),
        ("c.most", .atMost(item: "lik", value: -1)),
        (
            "c.nested",
            .allOf([
                .anyOf([.equals(item: "many", value: "m2"), .atLeast(item: "lik", value: 1)]),
                .notEquals(item: "yn.explicit", value: "no"),
                .allOf([.answered(item: "c.eq")]),
            ])
        ),
    ])
    func everyConditionKind(item id: String, condition: Condition) throws {
        let item = try #require(try Self.loaded().items.first { $0.id == id })
        #expect(item.showIf == condition)
    }

    @Test func scalesWithReverseMembersMissingDataAndBands() throws {
        let assessment = try Self.loaded()
        #expect(assessment.scales.map(\.id) == ["sc1", "sc2"])
        let scale = assessment.scales[0]
        #expect(scale.title == "Scale one")
        #expect(scale.description == "What it measures.")
        #expect(scale.members.map(\.item) == ["yn.explicit", "lik", "one"])
        #expect(scale.members.map(\.reverse) == [false, true, false])
        #expect(scale.members[0].location.map { LineColumn($0.line, $0.column) } == Self.full["sc1.m1"])
        #expect(scale.minimumAnswered == 2)
        #expect(scale.bands.map(\.id) == ["low", "mid", "high"])
        #expect(scale.bands.map(\.label) == ["Low", "Middle", "High"])
        #expect(scale.bands.map(\.from) == [-10, 0, 5.5])
        #expect(scale.bands.map(\.kind) == [.concern, .neutral, .strength])
        #expect(scale.bands.map(\.meaning) == ["Worrying.", nil, "Good news."])
        #expect(scale.bands[0].location.map { LineColumn($0.line, $0.column) } == Self.full["sc1.low"])
        #expect(scale.location.map { LineColumn($0.line, $0.column) } == Self.full["sc1"])

        let second = assessment.scales[1]
        #expect(second.description == nil)
        #expect(second.minimumAnswered == nil, "no <missing-data> means every item is needed")
        #expect(second.bands.map(\.kind) == [.neutral])
    }

    @Test func flagsWithEveryTriggerSeverityAndCategory() throws {
        let flags = try Self.loaded().flags
        #expect(flags.map(\.id) == ["f.answers", "f.least", "f.most", "f.both", "f.decision", "f.other"])
        #expect(flags.map(\.severity) == [.warning, .critical, .note, .warning, .note, .note])
        #expect(flags.map(\.category) == [.relationship, .safety, .wellbeing, .readiness, .decision, .other])
        #expect(flags.map(\.isSafetyCritical) == [false, true, false, false, false, false])

        let answers = flags[0]
        #expect(answers.title == "Answers flag")
        #expect(answers.message == "Raised by any of three.")
        #expect(answers.location.map { LineColumn($0.line, $0.column) } == Self.full["f.answers"])
        guard case .answers(let matches) = answers.trigger else {
            Issue.record("f.answers should be raised by answers: \(answers.trigger)")
            return
        }
        #expect(matches.map(\.item) == ["yn.default", "one", "many"])
        #expect(matches.map(\.value) == ["no", "c", "m2"])
        #expect(matches[0].location.map { LineColumn($0.line, $0.column) } == Self.full["f.answers.1"])

        #expect(flags[1].trigger == .scale(id: "sc1", atLeast: 3, atMost: nil))
        #expect(flags[2].trigger == .scale(id: "sc1", atLeast: nil, atMost: -1.5))
        #expect(flags[3].trigger == .scale(id: "sc2", atLeast: 1, atMost: 4))
    }

    @Test func outcomesWithEveryPartAndRuleKind() throws {
        let outcomes = try Self.loaded().outcomes
        #expect(outcomes.map(\.id) == ["safety", "go", "wait", "flagged", "unsure"])
        #expect(outcomes.map(\.priority) == [100, 50, 10, 0, 0])
        #expect(outcomes.map(\.isSafety) == [true, false, false, false, false])
        #expect(outcomes.map(\.isFallback) == [false, false, false, false, true])

        let safety = outcomes[0]
        #expect(safety.rule == nil)
        #expect(safety.upside == nil && safety.downside == nil && safety.discuss.isEmpty)
        #expect(safety.location.map { LineColumn($0.line, $0.column) } == Self.full["safety"])

        let go = outcomes[1]
        #expect(go.title == "Go")
        #expect(go.summary == "Try again.")
        #expect(go.meaning == "It may work.")
        #expect(go.upside == "The good side.")
        #expect(go.downside == "The hard side.")
        #expect(go.nextSteps == ["First step.", "Second step."])
        #expect(go.discuss == ["What matters?", "What changed?"])
        #expect(
            go.rule
                == .allOf([
                    .flagRaised("f.answers"),
                    .band(scale: "sc1", bands: ["mid", "high"]),
                    .noneOf([
                        .insufficient(scale: "sc2"),
                        .anyOf([.flagRaised("f.most"), .band(scale: "sc2", bands: ["any"])]),
                    ]),
                ]))
        #expect(outcomes[2].rule == .insufficient(scale: "sc1"))
        #expect(outcomes[3].rule == .flagRaised("f.both"))
        #expect(outcomes[4].rule == nil)
        #expect(outcomes[4].location.map { LineColumn($0.line, $0.column) } == Self.full["unsure"])
    }

    @Test func resourcesWithContacts() throws {
        let resources = try Self.loaded().resources
        #expect(resources.map(\.id) == ["gb", "us", "any"])
        #expect(resources.map(\.locale) == ["en-GB", "US", "*"])
        #expect(resources.map(\.checked) == ["2025-05-01", "2025-05-02", "2025-05-03"])
        #expect(resources[0].name == "GB help")
        #expect(resources[0].about == "Help in Britain.")
        #expect(
            resources[0].contacts == [
                CrisisResource.Contact(kind: .phone, value: "0808 2000 247", label: "Call any time"),
                CrisisResource.Contact(kind: .text, value: "88788", label: "Text START"),
                CrisisResource.Contact(kind: .web, value: "https://example.org/help", label: "Chat online"),
            ])
        #expect(resources[1].contacts.isEmpty)
        #expect(resources[2].contacts.map(\.kind) == [.phone])
    }

    @Test func aQuestionnaireFileDecodesToAQuestionnaire() throws {
        let text = Inline.questionnaire(id: "solo", version: "3")
        let document = try LoadedDocument.parse(Array(text.utf8), path: "solo.xml")
        guard case .questionnaire(let questionnaire) = document.document else {
            Issue.record("expected a questionnaire")
            return
        }
        #expect(questionnaire.id == "solo")
        #expect(questionnaire.version == "3")
        #expect(questionnaire.items.map(\.id) == ["a", "b", "c", "d", "e"])
        #expect(questionnaire.items.map(\.kind) == [.yesNo, .likert, .single, .multiple, .text])
        #expect(document.path == "solo.xml")
        #expect(document.bytes == Array(text.utf8))
        #expect(document.location == Crossroads.SourceLocation(file: "solo.xml", line: 2, column: 1))
    }

    @Test func loadingAQuestionnaireAsAnAssessmentSaysSo() {
        let text = Marked(Inline.questionnaire(rootMark: "⟪root⟫"))
        let diagnostics = Reading.diagnostics(text.text)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.message.contains("this file is a questionnaire") == true)
        #expect(diagnostics.first?.position == text["root"])
    }

    @Test func whitespaceInsideTextsCollapsesButOptionValuesAndIdsAreExact() throws {
        let item = try #require(try Self.loaded().items.first { $0.id == "yn.default" })
        #expect(!item.text.contains("\n") && !item.text.hasPrefix(" ") && !item.text.hasSuffix(" "))
        let assessment = try Self.loaded()
        for text in [assessment.title, assessment.description] + assessment.items.map(\.text)
            + assessment.outcomes.flatMap(\.nextSteps)
        {
            #expect(!text.contains("  ") && !text.contains("\n") && !text.contains("\t"), "\(text)")
        }
    }
}
