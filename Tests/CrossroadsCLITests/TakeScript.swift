import Crossroads
import Foundation

/// Plans the lines to type for a whole `take` session, so tests follow the questions an assessment really
/// asks (whatever its current content) and check the tool against the library.
struct TakeScript {
    /// One planned answer: the line typed, the note line (if the item takes a note), and the response meant.
    struct Answer {
        var line: String
        var response: Response
    }

    /// The lines typed, in order (without the Enter that begins the session).
    var lines: [String] = []
    /// The answers the lines give.
    var answers: Answers
    /// How many safety interruptions the lines go through.
    var interruptions = 0

    /// Plans a session answering each shown item with `choose`; after a safety interruption it types
    /// `afterSafety` ("1" continues). Stops after `limit` answers if given.
    init(
        _ assessment: Assessment, locale: String? = nil, limit: Int? = nil, afterSafety: String = "1",
        choose: (Item) -> Answer = TakeScript.calm
    ) {
        answers = Answers(for: assessment, locale: locale)
        let scorer = Scorer(assessment)
        var announced: Set<String> = []
        var count = 0
        while limit.map({ count < $0 }) ?? true {
            let visibility = scorer.visibility(for: answers)
            guard let item = assessment.items.first(where: { visibility.isShown($0.id) && answers[$0.id] == nil })
            else { break }
            let answer = choose(item)
            lines.append(answer.line)
            var response = answer.response
            let inviting = Set(item.options.filter(\.invitesNote).map(\.value))
            if item.notePrompt != nil, case .chosen(let values, let note) = response,
                inviting.isEmpty || values.contains(where: inviting.contains)
            {
                lines.append(note ?? "")
                response = .chosen(values, note: note)
            }
            answers[item.id] = response
            count += 1
            // Every critical safety flag, and any flag that interrupts (an ex threatening self-harm).
            let interrupting = scorer.score(answers).flags.filter { $0.flag.isSafetyCritical || $0.flag.interrupts }
            let raised = Set(interrupting.map(\.flag.id)).subtracting(announced)
            if !raised.isEmpty {
                announced.formUnion(raised)
                lines.append(afterSafety)
                interruptions += 1
            }
        }
    }

    /// The script as standard input: Enter to begin, then the lines.
    var input: String { "\n" + lines.map { $0 + "\n" }.joined() }

    /// Calm answers that raise no safety flag: yes to the first option of a single choice (the bundled safety
    /// screen's "I feel safe"), no to yes/no, the middle of a Likert scale, none for multiple choice, a few
    /// words for free text.
    static func calm(_ item: Item) -> Answer {
        switch item.kind {
        case .yesNo:
            return Answer(line: "n", response: .no)
        case .single:
            return Answer(line: "1", response: .choice(item.options[0].value))
        case .likert:
            let middle = item.options.count / 2
            return Answer(line: "\(middle + 1)", response: .choice(item.options[middle].value))
        case .multiple:
            return Answer(line: "0", response: .chosen([]))
        case .text:
            return Answer(line: "Some words of my own.", response: .text("Some words of my own."))
        }
    }
}

/// The small assessment the tests control precisely: a critical safety item first, then an item that shows
/// one conditional item or another, a Likert item with a note that can't be skipped, and multiple choice.
enum TinyAssessment {
    static let text = """
        <?xml version="1.0" encoding="UTF-8"?>
        <assessment xmlns="urn:crossroads:questionnaire:1" id="tiny" version="1.0.0" language="en" reviewed="2026-01-01">
          <title>Tiny test</title>
          <description>A tiny assessment for tests.</description>
          <questionnaire id="tiny.q" version="1.0.0" language="en" reviewed="2026-01-01">
            <title>Tiny</title>
            <description>Tiny.</description>
            <section id="tiny.safety">
              <title>Safety</title>
              <item id="danger" kind="yes-no">
                <text>Are you in danger?</text>
                <help>Danger help text.</help>
              </item>
            </section>
            <section id="tiny.main">
              <title>Main part</title>
              <intro>Main intro.</intro>
              <item id="pets" kind="yes-no">
                <text>Do you have pets?</text>
                <help>Any animal counts.</help>
              </item>
              <item id="pet-name" kind="text">
                <text>What is your pet called?</text>
                <show-if><equals item="pets" value="yes"/></show-if>
              </item>
              <item id="why-none" kind="single">
                <text>Why no pets?</text>
                <show-if><equals item="pets" value="no"/></show-if>
                <option value="time" weight="0"><label>No time</label></option>
                <option value="space" weight="1"><label>No space</label></option>
              </item>
              <item id="mood" kind="likert" skippable="false">
                <text>How is your mood?</text>
                <option value="0" weight="0"><label>Low</label></option>
                <option value="1" weight="1"><label>Middling</label></option>
                <option value="2" weight="2"><label>Good</label></option>
                <note>Why?</note>
              </item>
              <item id="colours" kind="multiple">
                <text>Which colours do you like?</text>
                <option value="red"><label>Red</label></option>
                <option value="green"><label>Green</label></option>
                <option value="blue"><label>Blue</label></option>
              </item>
            </section>
            <scale id="tiny.mood">
              <title>Mood</title>
              <item ref="mood"/>
              <band id="mood.low" from="0" kind="concern"><label>Low</label></band>
              <band id="mood.ok" from="1" kind="strength"><label>Fine</label></band>
            </scale>
            <flag id="tiny.danger" severity="critical" category="safety">
              <title>Danger</title>
              <message>You said you are in danger.</message>
              <when-answer item="danger" value="yes"/>
            </flag>
          </questionnaire>
          <outcome id="safe-first" priority="100" safety="true">
            <title>Safety first</title><summary>Safety.</summary><meaning>Safety meaning.</meaning>
            <next-steps><step>Get help.</step></next-steps>
          </outcome>
          <outcome id="fine" priority="10">
            <title>All fine</title><summary>Fine.</summary><meaning>Fine meaning.</meaning>
            <next-steps><step>Carry on.</step></next-steps>
            <rule><band scale="tiny.mood" bands="mood.ok"/></rule>
          </outcome>
          <outcome id="unsure" fallback="true">
            <title>Unclear</title><summary>Unclear.</summary><meaning>Unclear meaning.</meaning>
            <next-steps><step>Talk.</step></next-steps>
          </outcome>
          <resources>
            <resource id="gb.help" locale="GB" checked="2026-01-01">
              <name>Tiny Helpline</name><about>Help in GB.</about>
              <contact kind="phone" value="0800 000 000">Call</contact>
            </resource>
            <resource id="any.help" locale="*" checked="2026-01-01">
              <name>Help anywhere</name><about>Help everywhere.</about>
            </resource>
          </resources>
        </assessment>
        """
}
