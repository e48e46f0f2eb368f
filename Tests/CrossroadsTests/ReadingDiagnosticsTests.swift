import Foundation
import Testing

@testable import Crossroads

/// One kind of diagnostic: a fixture that has exactly that problem, where it must be reported and what the
/// message must say.
struct DiagnosticCase: Sendable, CustomTestStringConvertible {
    var name: String
    var fixture: Marked
    var severity: Diagnostic.Severity
    /// Text the message must contain.
    var says: String
    /// The mark where the diagnostic must point.
    var at: String
    /// How many diagnostics the fixture gives in all (usually just this one).
    var total: Int = 1
    /// Whether the fixture is a standalone questionnaire rather than an assessment.
    var standalone = false

    var testDescription: String { name }

    var diagnostics: [Diagnostic] {
        standalone ? Reading.questionnaireDiagnostics(fixture.text) : Reading.diagnostics(fixture.text)
    }
}

// MARK: - Fixture pieces

private enum Piece {
    static let items = Inline.items

    /// A section `s` with the standard items followed by `extra`.
    static func section(plus extra: String) -> String {
        Inline.section(Inline.items + "\n" + extra)
    }

    /// A scale over `members` with `bands`.
    static func scale(
        _ id: String = "sc", members: String = #"<item ref="b"/>"#, missing: String = "",
        bands: String = #"<band id="lo" from="1"><label>Lo</label></band>"#, mark: String = ""
    ) -> String {
        """
            \(mark)<scale id="\(id)">
              <title>Scale \(id)</title>
              \(members)\(missing)
              \(bands)
            </scale>
        """
    }

    static func band(_ id: String, from: String, mark: String = "") -> String {
        "\(mark)<band id=\"\(id)\" from=\"\(from)\"><label>\(id)</label></band>"
    }

    /// A flag with the given attributes and trigger elements.
    static func flag(
        _ id: String = "fl", severity: String = "warning", category: String = "relationship", trigger: String,
        mark: String = ""
    ) -> String {
        """
            \(mark)<flag id="\(id)" severity="\(severity)" category="\(category)">
              <title>Flag \(id)</title><message>Raised.</message>
              \(trigger)
            </flag>
        """
    }

    /// An assessment with the standard items, `extra` after the section, and `outcomes` before the fallback.
    static func assessment(
        extraItems: String = "", body extra: String = "", outcomes: String = "", fallback: Bool = true,
        resources: String = "", rootMark: String = ""
    ) -> Marked {
        let body = (extraItems.isEmpty ? Inline.section() : section(plus: extraItems)) + "\n" + extra
        let allOutcomes = [outcomes, fallback ? Inline.fallback : ""].filter { !$0.isEmpty }.joined(separator: "\n")
        return Marked(Inline.assessment(body, outcomes: allOutcomes, resources: resources, rootMark: rootMark))
    }

    /// An item `z` (yes-no) shown when `condition` holds.
    static func conditional(_ condition: String, id: String = "z") -> String {
        """
              <item id="\(id)" kind="yes-no"><text>Shown sometimes.</text>
                <show-if>\(condition)</show-if>
              </item>
        """
    }
}

// MARK: - Cases

extension DiagnosticCase {
    static let conditions: [DiagnosticCase] = [
        DiagnosticCase(
            name: "condition refers to an unknown item",
            fixture: Piece.assessment(
                extraItems: Piece.conditional(
                    #"<any-of><answered item="a"/><!-- café → ü --> ⟪leaf⟫<equals item="nowhere" value="yes"/></any-of>"#
                )),
            severity: .error, says: #"refers to "nowhere", which is not an item of this assessment"#, at: "leaf"),
        DiagnosticCase(
            name: "condition refers forward",
            fixture: Piece.assessment(
                extraItems: Piece.conditional(#"⟪leaf⟫<equals item="later" value="yes"/>"#)
                    + "\n      <item id=\"later\" kind=\"yes-no\"><text>Later.</text></item>"),
            severity: .error, says: #"refers to "later", which comes later"#, at: "leaf"),
        DiagnosticCase(
            name: "condition refers to its own item (a cycle)",
            fixture: Piece.assessment(
                extraItems: Piece.conditional(
                    #"<all-of><answered item="a"/><any-of><answered item="b"/>⟪leaf⟫<equals item="z" value="yes"/></any-of></all-of>"#
                )),
            severity: .error, says: "refers to the item itself", at: "leaf"),
        DiagnosticCase(
            name: "equals with a value that is not an option",
            fixture: Piece.assessment(extraItems: Piece.conditional(#"⟪leaf⟫<equals item="c" value="q"/>"#)),
            severity: .error, says: #"uses "q", which is not an option of "c" (its options: x, y)"#, at: "leaf"),
        DiagnosticCase(
            name: "not-equals with a value that is not an option",
            fixture: Piece.assessment(
                extraItems: Piece.conditional(
                    #"<all-of><answered item="c"/>⟪leaf⟫<not-equals item="b" value="9"/></all-of>"#)),
            severity: .error, says: #"uses "9", which is not an option of "b""#, at: "leaf"),
        DiagnosticCase(
            name: "one-of with one value that is not an option",
            fixture: Piece.assessment(extraItems: Piece.conditional(#"⟪leaf⟫<one-of item="d" values="m nope"/>"#)),
            severity: .error, says: #"uses "nope", which is not an option of "d""#, at: "leaf"),
        DiagnosticCase(
            name: "a free-text item compared with a value",
            fixture: Piece.assessment(extraItems: Piece.conditional(#"⟪leaf⟫<equals item="e" value="hello"/>"#)),
            severity: .error, says: #"compares free-text item "e" with a value"#, at: "leaf"),
        DiagnosticCase(
            name: "at-least on a single-choice item with unnumbered options",
            fixture: Piece.assessment(extraItems: Piece.conditional(#"⟪leaf⟫<at-least item="c" value="1"/>"#)),
            severity: .error, says: #"compares "c" with a number, but its answers are not numbered"#, at: "leaf"),
        DiagnosticCase(
            name: "at-most on a multiple-choice item",
            fixture: Piece.assessment(
                extraItems: Piece.conditional(
                    #"<any-of><at-most item="b" value="2"/>⟪leaf⟫<at-most item="d" value="1"/></any-of>"#)),
            severity: .error, says: #"compares "d" with a number"#, at: "leaf"),
        DiagnosticCase(
            name: "at-least on a free-text item",
            fixture: Piece.assessment(extraItems: Piece.conditional(#"⟪leaf⟫<at-least item="e" value="1"/>"#)),
            severity: .error, says: #"compares "e" with a number"#, at: "leaf"),
    ]

    static let options: [DiagnosticCase] = [
        DiagnosticCase(
            name: "yes-no item with other options",
            fixture: Piece.assessment(
                extraItems: """
                          ⟪item⟫<item id="z" kind="yes-no"><text>Z?</text>
                            <option value="yes"><label>Yes</label></option>
                            <option value="maybe"><label>Maybe</label></option>
                          </item>
                    """),
            severity: .error, says: #"yes-no item "z" must have exactly the options "yes" and "no""#, at: "item"),
        DiagnosticCase(
            name: "yes-no item with only one option",
            fixture: Piece.assessment(
                extraItems: """
                          ⟪item⟫<item id="z" kind="yes-no"><text>Z?</text>
                            <option value="yes"><label>Yes</label></option>
                          </item>
                    """),
            severity: .error, says: #"yes-no item "z" must have exactly the options"#, at: "item"),
        DiagnosticCase(
            name: "likert item with one point",
            fixture: Piece.assessment(
                extraItems: """
                          ⟪item⟫<item id="z" kind="likert"><text>Z?</text>
                            <option value="1"><label>One</label></option>
                          </item>
                    """),
            severity: .error, says: #"likert item "z" needs at least two points"#, at: "item"),
        DiagnosticCase(
            name: "likert item with an unnumbered point",
            fixture: Piece.assessment(
                extraItems: """
                          ⟪item⟫<item id="z" kind="likert"><text>Z?</text>
                            <option value="1"><label>One</label></option>
                            <option value="lots"><label>Lots</label></option>
                          </item>
                    """),
            severity: .error, says: #"the value "lots" is not a whole number"#, at: "item"),
        DiagnosticCase(
            name: "single-choice item with one option",
            fixture: Piece.assessment(
                extraItems: """
                          ⟪item⟫<item id="z" kind="single"><text>Z?</text>
                            <option value="only"><label>Only</label></option>
                          </item>
                    """),
            severity: .error, says: #"single-choice item "z" needs at least two options"#, at: "item"),
        DiagnosticCase(
            name: "multiple-choice item with no options",
            fixture: Piece.assessment(extraItems: #"      ⟪item⟫<item id="z" kind="multiple"><text>Z?</text></item>"#),
            severity: .error, says: #"multiple-choice item "z" needs at least one option"#, at: "item"),
        DiagnosticCase(
            name: "free-text item with options",
            fixture: Piece.assessment(
                extraItems: """
                          ⟪item⟫<item id="z" kind="text"><text>Z?</text>
                            <option value="a"><label>A</label></option>
                          </item>
                    """),
            severity: .error, says: #"free-text item "z" cannot have options"#, at: "item"),
        DiagnosticCase(
            name: "free-text item with a note",
            fixture: Piece.assessment(
                extraItems: """
                          ⟪item⟫<item id="z" kind="text"><text>Z?</text><note>Say more?</note></item>
                    """),
            severity: .error, says: #"free-text item "z" cannot have a <note>"#, at: "item"),
        DiagnosticCase(
            name: "two options with the same value",
            fixture: Piece.assessment(
                extraItems: """
                          ⟪item⟫<item id="z" kind="single"><text>Z?</text>
                            <option value="a"><label>A</label></option>
                            <option value="a"><label>A again</label></option>
                          </item>
                    """),
            severity: .error, says: #"item "z" has two options with the value "a""#, at: "item"),
    ]

    static let duplicates: [DiagnosticCase] = [
        DiagnosticCase(
            name: "duplicate item id",
            fixture: Marked(
                Inline.assessment(
                    Inline.section(
                        Inline.items.replacingAll(#"<item id="c""#, with: #"⟪first⟫<item id="c""#)
                            + "\n" + #"      ⟪dup⟫<item id="c" kind="yes-no"><text>Again.</text></item>"#))),
            severity: .error, says: #"the item id "c" is already used (first at line ⟦first⟧)"#, at: "dup"),
        DiagnosticCase(
            name: "duplicate section id",
            fixture: Marked(
                Inline.assessment(
                    Inline.section().replacingAll("<section", with: "⟪first⟫<section") + """

                            ⟪dup⟫<section id="s">
                              <title>Again</title>
                              <item id="z" kind="yes-no"><text>Z?</text></item>
                            </section>
                        """)),
            severity: .error, says: #"the section id "s" is already used (first at line ⟦first⟧)"#, at: "dup"),
        DiagnosticCase(
            name: "duplicate scale id",
            fixture: Piece.assessment(body: Piece.scale(mark: "⟪first⟫") + "\n" + Piece.scale(mark: "⟪dup⟫")),
            severity: .error, says: #"the scale id "sc" is already used (first at line ⟦first⟧)"#, at: "dup"),
        DiagnosticCase(
            name: "duplicate flag id",
            fixture: Piece.assessment(
                body: Piece.flag(trigger: #"<when-answer item="a" value="yes"/>"#, mark: "⟪first⟫") + "\n"
                    + Piece.flag(trigger: #"<when-answer item="a" value="no"/>"#, mark: "⟪dup⟫")),
            severity: .error, says: #"the flag id "fl" is already used (first at line ⟦first⟧)"#, at: "dup"),
        DiagnosticCase(
            name: "duplicate outcome id",
            fixture: Piece.assessment(
                body: Piece.flag(trigger: #"<when-answer item="a" value="yes"/>"#),
                outcomes: Inline.outcome("go", #"priority="2""#, rule: #"<flag-raised flag="fl"/>"#, mark: "⟪first⟫")
                    + "\n"
                    + Inline.outcome("go", #"priority="1""#, rule: #"<flag-raised flag="fl"/>"#, mark: "⟪dup⟫")),
            severity: .error, says: #"the outcome id "go" is used twice (first at line ⟦first⟧)"#, at: "dup"),
        DiagnosticCase(
            name: "duplicate questionnaire id (two inline questionnaires)",
            fixture: Marked(
                Inline.assessment(
                    Inline.section() + """

                          </questionnaire>
                          ⟪dup⟫<questionnaire id="mini.q" version="2" language="en" reviewed="2025-01-01">
                            <title>Again</title><description>Same id.</description>
                            <section id="s2"><title>Two</title><item id="z" kind="yes-no"><text>Z?</text></item></section>
                        """)),
            severity: .error,
            says: #"the questionnaire id "mini.q" is used twice in this assessment (first at line 5)"#,
            at: "dup"),
    ]

    static let scales: [DiagnosticCase] = [
        DiagnosticCase(
            name: "scale counts an unknown item",
            fixture: Piece.assessment(body: Piece.scale(members: #"<item ref="b"/>⟪m⟫<item ref="ghost"/>"#)),
            severity: .error, says: #"scale "sc" counts "ghost", which is not an item of this assessment"#, at: "m"),
        DiagnosticCase(
            name: "scale counts an item twice",
            fixture: Piece.assessment(body: Piece.scale(members: #"<item ref="b"/>⟪m⟫<item ref="b" reverse="true"/>"#)),
            severity: .error, says: #"scale "sc" counts item "b" twice"#, at: "m"),
        DiagnosticCase(
            name: "scale counts a free-text item",
            fixture: Piece.assessment(body: Piece.scale(members: #"<item ref="b"/>⟪m⟫<item ref="e"/>"#)),
            severity: .error, says: #"counts free-text item "e", which has no score"#, at: "m"),
        DiagnosticCase(
            name: "scale reverse-scores a multiple-choice item",
            fixture: Piece.assessment(
                body: Piece.scale(
                    members: #"<item ref="b"/>⟪m⟫<item ref="d" reverse="true"/>"#,
                    bands: Piece.band("lo", from: "0"))),
            severity: .error, says: #"reverse-scores multiple-choice item "d""#, at: "m"),
        DiagnosticCase(
            name: "missing-data asks for more answers than the scale has items (warning)",
            fixture: Piece.assessment(
                body: Piece.scale(missing: #"<missing-data min-answered="2"/>"#, mark: "⟪scale⟫")),
            severity: .warning, says: #"scale "sc" asks for 2 answers but counts only 1 items"#, at: "scale"),
        DiagnosticCase(
            name: "bands out of order",
            fixture: Piece.assessment(
                body: Piece.scale(
                    bands: Piece.band("lo", from: "1") + Piece.band("hi", from: "3")
                        + Piece.band("mid", from: "2", mark: "⟪band⟫"))),
            severity: .error, says: #"band "mid" of scale "sc" starts at 2, below the band before it (3)"#, at: "band"),
        DiagnosticCase(
            name: "two bands starting at the same score",
            fixture: Piece.assessment(
                body: Piece.scale(
                    bands: Piece.band("lo", from: "1")
                        + Piece.band("also", from: "1.0", mark: "⟪band⟫"))),
            severity: .error, says: #"bands "lo" and "also" of scale "sc" both start at 1; they overlap completely"#,
            at: "band"),
        DiagnosticCase(
            name: "a gap at the bottom",
            fixture: Piece.assessment(
                body: Piece.scale(
                    bands: Piece.band("lo", from: "1.5", mark: "⟪band⟫")
                        + Piece.band("hi", from: "2"))),
            severity: .error, says: "can score as low as 1, but its first band starts at 1.5", at: "band"),
        DiagnosticCase(
            name: "a band nothing can reach (warning)",
            fixture: Piece.assessment(
                body: Piece.scale(
                    bands: Piece.band("lo", from: "1")
                        + Piece.band("top", from: "3.5", mark: "⟪band⟫"))),
            severity: .warning, says: #"band "top" of scale "sc" starts at 3.5, above the highest possible score (3)"#,
            at: "band"),
        DiagnosticCase(
            name: "two bands with the same id",
            fixture: Piece.assessment(
                body: Piece.scale(
                    bands: Piece.band("lo", from: "1")
                        + Piece.band("lo", from: "2", mark: "⟪band⟫"))),
            severity: .error, says: #"scale "sc" has two bands with the id "lo""#, at: "band"),
    ]

    static let flags: [DiagnosticCase] = [
        DiagnosticCase(
            name: "flag raised by an unknown item",
            fixture: Piece.assessment(
                body: Piece.flag(
                    trigger: #"<when-answer item="a" value="yes"/>⟪m⟫<when-answer item="ghost" value="yes"/>"#)),
            severity: .error, says: #"flag "fl" is raised by "ghost", which is not an item of this assessment"#, at: "m"
        ),
        DiagnosticCase(
            name: "flag raised by a value that is not an option",
            fixture: Piece.assessment(
                body: Piece.flag(
                    trigger: #"<when-answer item="a" value="yes"/>⟪m⟫<when-answer item="c" value="z"/>"#)),
            severity: .error, says: #"raised by the answer "z" to "c", which is not one of its options (x, y)"#, at: "m"
        ),
        DiagnosticCase(
            name: "flag raised by an answer to a free-text item",
            fixture: Piece.assessment(body: Piece.flag(trigger: #"⟪m⟫<when-answer item="e" value="yes"/>"#)),
            severity: .error,
            says: #"raised by the answer "yes" to "e", which is not one of its options (it has none)"#,
            at: "m"),
        DiagnosticCase(
            name: "flag watches an unknown scale",
            fixture: Piece.assessment(
                body: Piece.flag(trigger: #"<when-scale scale="ghost" at-least="1"/>"#, mark: "⟪flag⟫")),
            severity: .error, says: #"flag "fl" watches scale "ghost", which is not a scale of this assessment"#,
            at: "flag"),
        DiagnosticCase(
            name: "flag with no threshold",
            fixture: Piece.assessment(
                body: Piece.scale() + "\n"
                    + Piece.flag(trigger: #"<when-scale scale="sc"/>"#, mark: "⟪flag⟫")),
            severity: .error, says: #"flag "fl" watches scale "sc" but gives no threshold"#, at: "flag"),
        DiagnosticCase(
            name: "flag that can never be raised: at-least above the highest score (warning)",
            fixture: Piece.assessment(
                body: Piece.scale() + "\n"
                    + Piece.flag(trigger: #"<when-scale scale="sc" at-least="3.5"/>"#, mark: "⟪flag⟫")),
            severity: .warning, says: #"flag "fl" can never be raised: scale "sc" cannot reach its threshold"#,
            at: "flag"),
        DiagnosticCase(
            name: "flag that can never be raised: at-most below the lowest score (warning)",
            fixture: Piece.assessment(
                body: Piece.scale(bands: Piece.band("lo", from: "0")) + "\n"
                    + Piece.flag(trigger: #"<when-scale scale="sc" at-most="-0.5"/>"#, mark: "⟪flag⟫")),
            severity: .warning, says: #"flag "fl" can never be raised"#, at: "flag"),
        DiagnosticCase(
            name: "flag that can never be raised: at-least above at-most (warning)",
            fixture: Piece.assessment(
                body: Piece.scale() + "\n"
                    + Piece.flag(trigger: #"<when-scale scale="sc" at-least="2" at-most="1"/>"#, mark: "⟪flag⟫")),
            severity: .warning, says: #"flag "fl" can never be raised"#, at: "flag"),
    ]

    static let outcomes: [DiagnosticCase] = [
        DiagnosticCase(
            name: "no fallback outcome",
            fixture: Piece.assessment(
                body: Piece.flag(trigger: #"<when-answer item="a" value="yes"/>"#),
                outcomes: Inline.outcome("go", rule: #"<flag-raised flag="fl"/>"#), fallback: false, rootMark: "⟪root⟫"),
            severity: .error, says: "the assessment has no fallback outcome", at: "root"),
        DiagnosticCase(
            name: "two fallback outcomes",
            fixture: Piece.assessment(
                outcomes: Inline.fallback + "\n" + Inline.outcome("other", #"fallback="true""#, mark: "⟪second⟫"),
                fallback: false),
            severity: .error, says: #"outcome "other" is a second fallback"#, at: "second"),
        DiagnosticCase(
            name: "two safety outcomes",
            fixture: Piece.assessment(
                outcomes: Inline.outcome("safe1", #"priority="9" safety="true""#) + "\n"
                    + Inline.outcome("safe2", #"priority="8" safety="true""#, mark: "⟪second⟫")),
            severity: .error, says: #"outcome "safe2" is a second safety outcome"#, at: "second"),
        DiagnosticCase(
            name: "a critical safety flag but no safety outcome",
            fixture: Piece.assessment(
                body: Piece.flag(
                    severity: "critical", category: "safety", trigger: #"<when-answer item="a" value="yes"/>"#),
                resources: Inline.anywhereResource, rootMark: "⟪root⟫"),
            severity: .error, says: #"flag "fl" is a critical safety flag, but the assessment has no safety outcome"#,
            at: "root"),
        DiagnosticCase(
            name: "an outcome without a rule",
            fixture: Piece.assessment(outcomes: Inline.outcome("lost", #"priority="3""#, mark: "⟪outcome⟫")),
            severity: .error, says: #"outcome "lost" has no rule, so it can never be chosen"#, at: "outcome"),
        DiagnosticCase(
            name: "a fallback with a rule",
            fixture: Piece.assessment(
                body: Piece.flag(trigger: #"<when-answer item="a" value="yes"/>"#),
                outcomes: Inline.outcome(
                    "fb", #"fallback="true""#, rule: #"<flag-raised flag="fl"/>"#, mark: "⟪outcome⟫"),
                fallback: false),
            severity: .error, says: #"the fallback outcome "fb" has a rule"#, at: "outcome"),
        DiagnosticCase(
            name: "an outcome that is both safety and fallback",
            fixture: Piece.assessment(
                outcomes: Inline.outcome("both", #"safety="true" fallback="true""#, mark: "⟪outcome⟫"),
                fallback: false),
            severity: .error, says: #"outcome "both" cannot be both the safety outcome and the fallback"#, at: "outcome"
        ),
        DiagnosticCase(
            name: "a rule needs an unknown flag",
            fixture: Piece.assessment(
                body: Piece.scale(),
                outcomes: Inline.outcome(
                    "go",
                    rule:
                        #"<any-of><insufficient scale="sc"/><none-of>⟪leaf⟫<flag-raised flag="ghost"/></none-of></any-of>"#
                )),
            severity: .error, says: #"the rule of outcome "go" needs flag "ghost", which no questionnaire defines"#,
            at: "leaf"),
        DiagnosticCase(
            name: "a rule needs a flag nothing can raise",
            fixture: Piece.assessment(
                body: Piece.scale() + "\n" + Piece.flag(trigger: #"<when-scale scale="sc" at-least="10"/>"#),
                outcomes: Inline.outcome("go", rule: #"⟪leaf⟫<flag-raised flag="fl"/>"#)),
            severity: .error, says: #"needs flag "fl", which no answers can raise"#, at: "leaf",
            total: 2),  // with the flag's own warning
        DiagnosticCase(
            name: "a rule needs an unknown scale",
            fixture: Piece.assessment(outcomes: Inline.outcome("go", rule: #"⟪leaf⟫<band scale="ghost" bands="lo"/>"#)),
            severity: .error, says: #"the rule of outcome "go" needs scale "ghost", which no questionnaire defines"#,
            at: "leaf"),
        DiagnosticCase(
            name: "a rule needs insufficient of an unknown scale",
            fixture: Piece.assessment(
                outcomes: Inline.outcome("go", rule: #"<all-of>⟪leaf⟫<insufficient scale="ghost"/></all-of>"#)),
            severity: .error, says: #"needs scale "ghost", which no questionnaire defines"#, at: "leaf"),
        DiagnosticCase(
            name: "a rule needs an unknown band",
            fixture: Piece.assessment(
                body: Piece.scale(),
                outcomes: Inline.outcome(
                    "go", rule: #"<all-of><band scale="sc" bands="lo"/>⟪leaf⟫<band scale="sc" bands="lo hi"/></all-of>"#
                )),
            severity: .error, says: #"needs band "hi" of scale "sc", which has no such band (its bands: lo)"#,
            at: "leaf"),
        DiagnosticCase(
            name: "a rule needs a band no score can reach",
            fixture: Piece.assessment(
                body: Piece.scale(bands: Piece.band("lo", from: "1") + Piece.band("top", from: "4")),
                outcomes: Inline.outcome("go", rule: #"⟪leaf⟫<band scale="sc" bands="top"/>"#)),
            severity: .error, says: #"needs band "top" of scale "sc", which no score can reach"#, at: "leaf",
            total: 2),  // with the band's own warning
        DiagnosticCase(
            name: "two ruled outcomes share a priority (warning)",
            fixture: Piece.assessment(
                body: Piece.flag(trigger: #"<when-answer item="a" value="yes"/>"#),
                outcomes: Inline.outcome("first", #"priority="5""#, rule: #"<flag-raised flag="fl"/>"#) + "\n"
                    + Inline.outcome("second", #"priority="5""#, rule: #"<flag-raised flag="fl"/>"#, mark: "⟪tie⟫")),
            severity: .warning,
            says: #"outcomes "first" and "second" share priority 5; when both rules match, "first" wins"#,
            at: "tie"),
    ]

    static let resources: [DiagnosticCase] = [
        DiagnosticCase(
            name: "safety questions but no resource for everywhere else (warning)",
            fixture: Piece.assessment(
                body: Piece.flag(
                    severity: "warning", category: "safety", trigger: #"<when-answer item="a" value="yes"/>"#),
                resources: """
                      <resources>
                        <resource id="gb" locale="GB" checked="2025-01-01"><name>GB</name><about>GB only.</about></resource>
                      </resources>
                    """, rootMark: "⟪root⟫"),
            severity: .warning, says: #"has no crisis resource for other places (locale="*")"#, at: "root")
    ]

    /// Format 1.1 (issue 10): step conditions, tensions and resource topics.
    static let safetyEdges: [DiagnosticCase] = [
        DiagnosticCase(
            name: "a step that depends on a flag nothing declares",
            fixture: Piece.assessment(
                body: Piece.flag(trigger: #"<when-answer item="a" value="yes"/>"#),
                outcomes: """
                      <outcome id="go">
                        <title>Go</title><summary>Summary.</summary><meaning>Meaning.</meaning>
                        <next-steps><step if-flags="fl">Fine.</step>⟪step⟫<step unless-flags="nowhere">Not fine.</step></next-steps>
                        <rule><flag-raised flag="fl"/></rule>
                      </outcome>
                    """),
            severity: .error, says: #"a step of outcome "go" depends on the flag "nowhere""#, at: "step"),
        DiagnosticCase(
            name: "a tension that needs a flag nothing declares",
            fixture: Piece.assessment(
                resources: """
                      ⟪tension⟫<tension id="t1"><title>T</title><message>M.</message><when-flag flag="nowhere"/></tension>
                    """),
            severity: .error, says: #"tension "t1" needs the flag "nowhere""#, at: "tension"),
        DiagnosticCase(
            name: "a tension that needs a value its item does not offer",
            fixture: Piece.assessment(
                resources: """
                      <tension id="t1"><title>T</title><message>M.</message>⟪leaf⟫<when-answers item="c" values="x q"/></tension>
                    """),
            severity: .error, says: #"tension "t1" needs "c" answered "q", which is not one of its options"#,
            at: "leaf"),
        DiagnosticCase(
            name: "a tension that needs an answer to an unknown item",
            fixture: Piece.assessment(
                resources: """
                      <tension id="t1"><title>T</title><message>M.</message>⟪leaf⟫<when-answers item="zz" values="x"/></tension>
                    """),
            severity: .error, says: #"tension "t1" needs an answer to "zz", which is not a question"#, at: "leaf"),
        DiagnosticCase(
            name: "a tension with no condition",
            fixture: Piece.assessment(
                resources: """
                      ⟪tension⟫<tension id="t1"><title>T</title><message>M.</message></tension>
                    """),
            severity: .error, says: #"tension "t1" has no when-flag and no when-answers"#, at: "tension"),
        DiagnosticCase(
            name: "a flag asking for a resource topic no resource has",
            fixture: Piece.assessment(
                body: """
                        ⟪flag⟫<flag id="fl" severity="warning" category="safety" interrupt="true" resource-topic="crisis">
                          <title>Flag</title><message>Raised.</message>
                          <when-answer item="a" value="yes"/>
                        </flag>
                    """,
                resources: Inline.anywhereResource),
            severity: .error, says: #"flag "fl" asks for resources on the topic "crisis""#, at: "flag"),
    ]

    static let standalone: [DiagnosticCase] = [
        DiagnosticCase(
            name: "a questionnaire on its own: forward reference",
            fixture: Marked(
                Inline.questionnaire(
                    Inline.section(
                        Piece.conditional(#"⟪leaf⟫<answered item="b"/>"#, id: "z0")
                            + "\n" + Inline.items))),
            severity: .error, says: #"the condition of item "z0" refers to "b", which comes later"#, at: "leaf",
            standalone: true),
        DiagnosticCase(
            name: "a questionnaire on its own: band gap",
            fixture: Marked(
                Inline.questionnaire(
                    Inline.section() + "\n"
                        + Piece.scale(bands: Piece.band("lo", from: "2", mark: "⟪band⟫")))),
            severity: .error, says: "but its first band starts at 2", at: "band", standalone: true),
    ]

    static let all =
        conditions + options + duplicates + scales + flags + outcomes + resources + safetyEdges + standalone
}

// MARK: - Tests

@Suite("Reading: every kind of semantic diagnostic, with its line and column")
struct ReadingDiagnosticsTests {
    @Test func theBaseFixtureIsClean() {
        let diagnostics = Reading.diagnostics(Piece.assessment().text)
        #expect(diagnostics.isEmpty, "\(diagnostics.readingListing)")
    }

    @Test(arguments: DiagnosticCase.all)
    func diagnostic(_ example: DiagnosticCase) {
        let diagnostics = example.diagnostics
        let expected = example.fixture[example.at]
        var says = example.says
        if says.contains("⟦first⟧") { says = says.replacingAll("⟦first⟧", with: String(example.fixture["first"].line)) }
        let matching = diagnostics.saying(says)
        #expect(matching.count == 1, "expected one diagnostic saying “\(says)”; got:\n\(diagnostics.readingListing)")
        guard let found = matching.first else { return }
        #expect(found.severity == example.severity)
        #expect(found.position == expected, "\(found)")
        #expect(found.location?.file == "fixture.xml")
        #expect(!found.message.contains("\n"))
        #expect(
            found.description
                == "fixture.xml:\(expected.line):\(expected.column): \(example.severity.rawValue): \(found.message)")
        #expect(diagnostics.count == example.total, "\(diagnostics.readingListing)")
    }

    @Test func columnsCountCharactersNotBytes() {
        // The leaf sits after “café → ü” on the same line: 3 multi-byte characters before it.
        let example = DiagnosticCase.conditions[0]
        let line = example.fixture.text.split(separator: "\n", omittingEmptySubsequences: false)[
            example.fixture["leaf"].line - 1]
        let prefix = line.unicodeScalars.prefix(example.fixture["leaf"].column - 1)
        #expect(
            String(String.UnicodeScalarView(prefix)).utf8.count > prefix.count,
            "the fixture must have multi-byte characters before the leaf")
        #expect(example.diagnostics.first?.position == example.fixture["leaf"])
    }

    @Test func literalPositionsOfAFewDiagnostics() {
        // The same checks with the numbers written out, counted by hand from the text below.
        let text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <assessment xmlns="urn:crossroads:questionnaire:1" id="lit" version="1" language="en" reviewed="2025-01-01">
              <title>Literal</title>
              <description>Positions written out.</description>
              <questionnaire id="lit.q" version="1" language="en" reviewed="2025-01-01">
                <title>Q</title>
                <description>Q.</description>
                <section id="s">
                  <title>S</title>
                  <item id="a" kind="yes-no"><text>A?</text></item>
                  <item id="b" kind="yes-no"><text>B?</text><show-if><equals item="a" value="perhaps"/></show-if></item>
                </section>
              </questionnaire>
              <outcome id="go"><title>T</title><summary>S.</summary><meaning>M.</meaning>
                <next-steps><step>S.</step></next-steps></outcome>
            </assessment>
            """
        let diagnostics = Reading.diagnostics(text)
        #expect(
            diagnostics.map(\.description) == [
                #"fixture.xml:11:58: error: the condition of item "b" uses "perhaps", which is not an option of "a" (its options: yes, no)"#,
                #"fixture.xml:2:1: error: the assessment has no fallback outcome (fallback="true"); one is needed for answers that match no rule"#,
                #"fixture.xml:14:3: error: outcome "go" has no rule, so it can never be chosen"#,
            ])
    }

    @Test func allProblemsAreReportedAtOnceInDocumentOrder() {
        let fixture = Marked(
            Inline.assessment(
                Inline.section(
                    Inline.items + """

                              ⟪dupItem⟫<item id="a" kind="yes-no"><text>Again.</text></item>
                              <item id="z" kind="yes-no"><text>Z?</text><show-if>⟪forward⟫<answered item="later"/></show-if></item>
                              <item id="later" kind="yes-no"><text>Later.</text><show-if>⟪unknown⟫<answered item="ghost"/></show-if></item>
                        """) + "\n"
                    + Piece.scale(
                        members: #"<item ref="b"/>"#,
                        bands: Piece.band("lo", from: "1") + Piece.band("same", from: "1", mark: "⟪overlap⟫"))
                    + "\n" + Piece.flag(trigger: #"⟪badValue⟫<when-answer item="c" value="nope"/>"#),
                outcomes: Inline.outcome("go", rule: #"⟪unknownFlag⟫<flag-raised flag="ghost"/>"#)
                    + "\n" + Inline.outcome("norule", #"priority="1""#, mark: "⟪norule⟫"),
                rootMark: "⟪root⟫"))
        let diagnostics = Reading.diagnostics(fixture.text)
        let expected: [(String, String)] = [
            ("dupItem", #"the item id "a" is already used"#),
            ("forward", #"refers to "later", which comes later"#),
            ("unknown", #"refers to "ghost""#),
            ("overlap", "overlap completely"),
            ("badValue", #"raised by the answer "nope""#),
            ("root", "no fallback outcome"),
            ("unknownFlag", #"needs flag "ghost""#),
            ("norule", #"outcome "norule" has no rule"#),
        ]
        #expect(diagnostics.count == expected.count, "\(diagnostics.readingListing)")
        #expect(diagnostics.allSatisfy { $0.severity == .error })
        for (index, (mark, says)) in expected.enumerated() where index < diagnostics.count {
            #expect(diagnostics[index].message.contains(says), "#\(index): \(diagnostics[index])")
            #expect(diagnostics[index].position == fixture[mark], "#\(index): \(diagnostics[index])")
        }
        // Questionnaire problems come in document order.
        let questionnairePart = diagnostics.prefix(5).compactMap(\.position)
        #expect(questionnairePart == questionnairePart.sorted { ($0.line, $0.column) < ($1.line, $1.column) })
    }

    @Test func tooManyQuestions() {
        // Three sections of 334 items: 1002 questions, each section within the schema's 500.
        var sections = ""
        for section in 0..<3 {
            sections += "    <section id=\"s\(section)\"><title>S</title>\n"
            for item in 0..<334 {
                sections += "      <item id=\"i\(section).\(item)\" kind=\"yes-no\"><text>Q</text></item>\n"
            }
            sections += "    </section>\n"
        }
        let fixture = Marked(Inline.assessment(sections, questionnaireMark: "⟪q⟫"))
        let diagnostics = Reading.diagnostics(fixture.text)
        #expect(diagnostics.count == 1, "\(diagnostics.readingListing)")
        #expect(diagnostics.first?.message == "this assessment has 1002 questions; Crossroads accepts at most 1000")
        #expect(diagnostics.first?.position == fixture["q"])
    }

    @Test func aWeightThatIsNotFiniteIsAnErrorForQuestionnairesBuiltInCode() {
        // The schema's decimal type keeps INF and NaN out of files; a questionnaire built in code can still
        // carry one.
        let item = Item(
            id: "w", kind: .single, text: "W?",
            options: [
                Option(value: "a", label: "A", weight: .infinity), Option(value: "b", label: "B", weight: .nan),
            ])
        let questionnaire = Questionnaire(
            id: "q", version: "1", title: "Q", description: "Q.", reviewed: "2025-01-01",
            sections: [Section(id: "s", title: "S", items: [item])])
        var checker = SemanticChecker()
        checker.check(questionnaire: questionnaire)
        #expect(
            checker.diagnostics.map(\.message) == [
                #"option "a" of item "w" has a weight that is not a finite number"#,
                #"option "b" of item "w" has a weight that is not a finite number"#,
            ])
        #expect(checker.diagnostics.allSatisfy { $0.location == nil })
    }

    @Test func aBandThatIsNotFiniteIsAnErrorForScalesBuiltInCode() {
        let item = Item(id: "y", kind: .yesNo, text: "Y?")
        let scale = Scale(
            id: "sc", title: "Sc", members: [.init(item: "y")],
            bands: [Band(id: "lo", label: "Lo", from: 0), Band(id: "nan", label: "NaN", from: .nan)])
        let questionnaire = Questionnaire(
            id: "q", version: "1", title: "Q", description: "Q.", reviewed: "2025-01-01",
            sections: [Section(id: "s", title: "S", items: [item])], scales: [scale])
        var checker = SemanticChecker(fallbackLocation: Crossroads.SourceLocation(file: "code", line: 1, column: 1))
        checker.check(questionnaire: questionnaire)
        #expect(
            checker.diagnostics.map(\.message) == [#"band "nan" of scale "sc" starts at a number that is not finite"#])
        #expect(
            checker.diagnostics.first?.location == Crossroads.SourceLocation(file: "code", line: 1, column: 1),
            "without a position of its own, a problem is reported at the fallback location")
    }

    @Test func aQuestionnaireUsedTwiceIsReportedAtTheSecondUse() {
        let fixture = Marked(
            Inline.assessment(using: [("sureness", "1.0.0"), ("sureness", "1.0.0")], marks: ["", "⟪second⟫"]))
        let diagnostics = Reading.diagnostics(fixture.text)
        #expect(!diagnostics.errorsOnly.isEmpty)
        #expect(
            diagnostics.contains {
                $0.message.contains(#"questionnaire "sureness" is already part of this assessment"#)
            })
        // Regression: each duplicate id inside the used file was once reported there (8 errors), and none at
        // the <use> the author wrote.
        #expect(
            diagnostics.contains { $0.location?.file == "fixture.xml" && $0.position == fixture["second"] },
            "\(diagnostics.readingListing)")
        #expect(diagnostics.count == 1, "\(diagnostics.readingListing)")
    }

    @Test func conditionLeavesOfASecondItemWithTheSameIDAreReportedAtItsOwnLeaves() {
        let fixture = Marked(
            Inline.assessment(
                Inline.section(
                    Inline.items + """

                              <item id="z" kind="yes-no"><text>Z</text><show-if><answered item="a"/></show-if></item>
                              ⟪dup⟫<item id="z" kind="yes-no"><text>Z</text><show-if>⟪leaf⟫<answered item="ghost"/></show-if></item>
                        """)))
        let diagnostics = Reading.diagnostics(fixture.text)
        #expect(diagnostics.count == 2, "\(diagnostics.readingListing)")
        #expect(diagnostics.saying(#"the item id "z" is already used"#).first?.position == fixture["dup"])
        let leaf = diagnostics.saying(#"refers to "ghost""#).first
        #expect(leaf != nil)
        // Regression: LoadedDocument once kept the leaf positions of the first element with an id only, so the
        // second item's problem pointed at the first item's condition.
        #expect(leaf?.position == fixture["leaf"], "\(diagnostics.readingListing)")
    }

    @Test func ruleLeavesOfASecondOutcomeWithTheSameIDAreReportedAtItsOwnLeaves() {
        let fixture = Marked(
            Inline.assessment(
                outcomes: Inline.fallback + "\n"
                    + Inline.outcome("o", #"priority="1""#, rule: #"<insufficient scale="sx"/>"#) + "\n"
                    + Inline.outcome("o", #"priority="2""#, rule: #"⟪leaf⟫<band scale="sy" bands="a"/>"#)))
        let diagnostics = Reading.diagnostics(fixture.text)
        #expect(diagnostics.count == 3, "\(diagnostics.readingListing)")
        let leaf = diagnostics.saying(#"needs scale "sy""#).first
        #expect(leaf != nil)
        // Regression: as for items, the second outcome's rule was once reported at the first outcome's rule.
        #expect(leaf?.position == fixture["leaf"], "\(diagnostics.readingListing)")
    }

    @Test func duplicateResourceIDIsReportedAtTheSecondResource() {
        let fixture = Marked(
            Inline.assessment(
                resources: """
                      <resources>
                        <resource id="r" locale="*" checked="2025-01-01"><name>One</name><about>One.</about></resource>
                        ⟪dup⟫<resource id="r" locale="GB" checked="2025-01-01"><name>Two</name><about>Two.</about></resource>
                      </resources>
                    """, rootMark: "⟪root⟫"))
        let diagnostics = Reading.diagnostics(fixture.text)
        #expect(diagnostics.count == 1, "\(diagnostics.readingListing)")
        let found = diagnostics.first
        #expect(found?.message == #"the resource id "r" is used twice"#)
        // Regression: CrisisResource once kept no location, so this was reported at <assessment>.
        #expect(found?.position == fixture["dup"])
        #expect(found?.position == fixture["dup"])
    }
}
