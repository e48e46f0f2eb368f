import Testing

@testable import Crossroads

@Suite("Text report")
struct ReportTextTests {
    typealias Kind = TextReport.Section.Kind

    static let safetyNames = ["safety", "warning"]
    static let calmNames = ["hopeful", "let-go", "sparse"]
    static let widths = [40, 60, 80, 100]

    // MARK: Safety first

    @Test("The safety section comes first when a safety flag is raised", arguments: safetyNames)
    func safetySectionFirst(name: String) {
        let result = ReportSamples.result(name)
        #expect(result.hasSafetyConcern)
        let report = TextReport(result, date: ReportSamples.date)
        let sections = report.sections()
        #expect(sections.first?.kind == .safety)
        #expect(sections.filter { $0.kind == .safety }.count == 1)
        let text = report.render(width: 60)
        #expect(text.hasPrefix("Before anything else: your safety\n"))
        // The crisis resources for the person's locale (en_US) are in that first section.
        let firstSection = text.components(separatedBy: "\n\nShould we get back together?\n").first ?? ""
        #expect(firstSection.contains("National Domestic Violence Hotline"))
        #expect(firstSection.contains("Call: 1-800-799-7233"))
        #expect(firstSection.contains("Details last checked: 2026-11-20."))
    }

    @Test("No safety section when nothing about safety was raised", arguments: calmNames)
    func noSafetySection(name: String) {
        let result = ReportSamples.result(name)
        #expect(!result.hasSafetyConcern && !result.isSafetyFirst)
        let report = TextReport(result, date: ReportSamples.date)
        #expect(!report.sections().contains { $0.kind == .safety })
        #expect(report.sections().first?.kind == .heading)
        #expect(!report.render().contains("Before anything else: your safety"))
    }

    @Test func safetySectionNamesWhatWasNoticedAndTheAnswersBehindIt() {
        let text = ReportSamples.flat(TextReport(ReportSamples.result("safety"), date: ReportSamples.date).render())
        #expect(text.contains("Your ex has hurt you physically"))
        #expect(text.contains("You said your ex has hurt you physically. Even once is taken seriously."))
        #expect(text.contains("You answered “Yes” to: Has your ex ever hurt you physically?"))
        // The warning-level safety flag is there too, after the critical one.
        let critical = text.range(of: "Your ex has hurt you physically")
        let warning = text.range(of: "Control over your phone or contacts")
        #expect(critical != nil && warning != nil)
        if let critical, let warning { #expect(critical.lowerBound < warning.lowerBound) }
        #expect(text.contains("If you are in danger right now, call your local emergency number."))
    }

    /// The report decides from the flags themselves, not only from the outcome the engine chose.
    @Test func aCriticalFlagPutsSafetyFirstEvenInAHandBuiltResult() {
        let engine = ReportSamples.result("hopeful")
        let flag = Flag(
            id: "wellbeing.crisis", title: "Thoughts of harming yourself", message: "Please talk to someone today.",
            severity: .critical, category: .wellbeing, trigger: .answers([]))
        var result = engine
        result.flags = [RaisedFlag(flag: flag, evidence: [])]
        let report = TextReport(result, date: ReportSamples.date)
        #expect(report.sections().first?.kind == .safety)
        #expect(report.render().contains("Thoughts of harming yourself"))
    }

    @Test func theSafetyOutcomeAloneStillPutsSafetyFirst() {
        var result = ReportSamples.result("hopeful")
        result.flags = []
        result.decision = OutcomeDecision(
            outcome: ReportSamples.assessment.safetyOutcome ?? result.outcome, reason: .rule, evaluations: [])
        let sections = TextReport(result, date: ReportSamples.date).sections()
        #expect(sections.first?.kind == .safety)
    }

    @Test func whenSafetyWinsTheScoresAreSaidNotToChangeIt() {
        let text = ReportSamples.flat(TextReport(ReportSamples.result("safety"), date: ReportSamples.date).render())
        #expect(text.contains(ReportSamples.flat(ReportSamples.wording(.safetyOutranksScores))))
        let calm = ReportSamples.flat(TextReport(ReportSamples.result("hopeful"), date: ReportSamples.date).render())
        #expect(!calm.contains(ReportSamples.flat(ReportSamples.wording(.safetyOutranksScores))))
    }

    /// When safety comes first, nothing about the relationship reads as a reason to go back, and nothing
    /// about the person's own part reads as blame.
    @Test func whenSafetyWinsNoStrengthsAreListedAndRelationshipScalesCarryNoVerdict() {
        let report = TextReport(ReportSamples.result("safety"), date: ReportSamples.date)
        let text = ReportSamples.flat(report.render())
        #expect(!text.contains("Going well:"))
        #expect(!text.contains("(a strength)"))
        // No band label at all for the scales about the relationship: every label judges.
        #expect(!text.contains("Band: Clear."))
        #expect(!text.contains("Band:"))
        #expect(!text.contains("You can see your part clearly."))
        #expect(text.contains(ReportSamples.flat(ReportSamples.wording(.noStrengthsUnderSafety))))
        #expect(text.contains(ReportSamples.flat(ReportSamples.wording(.notYourFault))))
        #expect(report.sections().first { $0.kind == .highlights }?.title == ReportWording.safetyHighlightsTitle)
        #expect(
            ReportContent(ReportSamples.result("safety"), date: ReportSamples.date, engineVersion: "1").strengths
                .isEmpty)
        // Without a safety concern, the same scales keep their kind and meaning.
        let calm = ReportSamples.flat(TextReport(ReportSamples.result("hopeful"), date: ReportSamples.date).render())
        #expect(calm.contains("Band: Clear (a strength). You can see your part clearly."))
        #expect(!calm.contains(ReportSamples.flat(ReportSamples.wording(.notYourFault))))
        // A warning-level safety concern keeps the strengths, said not to outweigh it.
        let warning = ReportSamples.flat(TextReport(ReportSamples.result("warning"), date: ReportSamples.date).render())
        #expect(warning.contains(ReportSamples.flat(ReportSamples.wording(.notYourFault))))
    }

    // MARK: Always there

    @Test(
        "The disclaimer and 'no flag does not mean safe' are always there",
        arguments: ReportSamples.names, widths)
    func closingNote(name: String, width: Int) {
        let report = TextReport(ReportSamples.result(name), date: ReportSamples.date)
        let text = ReportSamples.flat(report.render(width: width))
        #expect(text.contains("It is not a diagnosis and not a prediction"))
        #expect(text.contains("A report with no safety flag does not mean you are safe."))
        #expect(text.contains(ReportSamples.flat(ReportSamples.wording(.notADiagnosis))))
        #expect(text.contains(ReportSamples.flat(ReportWording.noFlagIsNotSafe)))
        let kinds = report.sections().map(\.kind)
        #expect(kinds.contains(.closing))
        #expect(kinds.last == .provenance)
    }

    @Test("Provenance closes every report", arguments: ReportSamples.names)
    func provenance(name: String) {
        let text = TextReport(ReportSamples.result(name), date: "2027-02-03", engineVersion: "9.8.7").render(width: 100)
        let last = text.components(separatedBy: "About this report\n-----------------\n").last ?? ""
        #expect(last.contains("(sample, version 1.2.0)"))
        #expect(last.contains("Content hash (SHA-256): " + String(repeating: "ab", count: 32)))
        #expect(last.contains("Engine version: 9.8.7"))
        #expect(last.contains("Report date: 2027-02-03"))
        #expect(last.contains("Questionnaires: safety 1.0.0, honest 1.0.0, signs 1.0.0"))
        #expect(text.hasSuffix("Report date: 2027-02-03\n"))
    }

    @Test func theDefaultEngineVersionIsTheScorers() {
        let text = TextReport(ReportSamples.result("hopeful"), date: ReportSamples.date).render()
        #expect(text.contains("Engine version: \(Scorer.engineVersion)"))
    }

    @Test func sectionsComeInTheDocumentedOrder() {
        let kinds = TextReport(ReportSamples.result("safety"), date: ReportSamples.date).sections().map(\.kind)
        #expect(
            kinds == [.safety, .heading, .outcome, .scales, .highlights, .reflections, .discuss, .closing, .provenance])
    }

    // MARK: Outcome and why

    @Test func theOutcomeWithItsSidesAndNextSteps() {
        let text = ReportSamples.flat(TextReport(ReportSamples.result("hopeful"), date: ReportSamples.date).render())
        #expect(text.contains("Result: Trying again, slowly, could make sense"))
        #expect(text.contains("What could be good about this path: A chance to build something healthier."))
        #expect(text.contains("What could be hard about it: It may still not work out."))
        #expect(text.contains("1. Reach out calmly, with a short, light message. 2. Rebuild connection slowly."))
        #expect(text.contains("- What would have to be different this time?"))
    }

    @Test func whySaysWhichRuleChose() {
        let text = ReportSamples.flat(TextReport(ReportSamples.result("hopeful"), date: ReportSamples.date).render())
        #expect(
            text.contains(
                "Why this result: Your answers showed “Strong good signs” in “Good signs”, "
                    + "and “More anxious than happy” didn't come up."))
    }

    @Test func whySaysASafetyAnswerChoseWhateverElse() {
        let text = ReportSamples.flat(TextReport(ReportSamples.result("safety"), date: ReportSamples.date).render())
        #expect(
            text.contains(
                "Why this result: Your answers showed a safety concern (“Your ex has hurt you physically”). "
                    + "Whenever that happens, safety comes first, whatever else you answered."))
    }

    @Test func whySaysWhenNothingMatched() {
        let text = ReportSamples.flat(TextReport(ReportSamples.result("sparse"), date: ReportSamples.date).render())
        #expect(text.contains("Why this result: With so few answers, none of the more specific results could fit."))
        // Nothing specific to discuss: the general questions.
        #expect(text.contains(ReportWording.defaultDiscuss[0]))
        let mixed = ReportSamples.flat(TextReport(ReportSamples.result("warning"), date: ReportSamples.date).render())
        #expect(
            mixed.contains(
                "Why this result: No single path fits your answers clearly enough for this report to suggest it."))
    }

    /// When the only thing that kept a result from matching was a warning sign it rules out, the report says so.
    @Test func whyNamesTheWarningThatRuledOutANearMatch() {
        var answers = ReportSamples.hopefulAnswers
        answers["letgo.anxious"] = .choice("2")
        let result = ReportSamples.assessment.score(answers)
        #expect(result.decision.reason == .fallback)
        let text = ReportSamples.flat(TextReport(result, date: ReportSamples.date).render())
        #expect(
            text.contains(
                "Why this result: Many of your answers point towards “Trying again, slowly, could make sense”. "
                    + "But your answers also showed “More anxious than happy”, and that needs talking through first, "
                    + "so this report doesn't suggest it."))
    }

    // MARK: Too little to go on

    @Test func aReportOnFewAnswersSaysSoBeforeTheResult() {
        let text = ReportSamples.flat(TextReport(ReportSamples.result("sparse"), date: ReportSamples.date).render())
        let note = text.range(of: "so this report can say very little about your situation.")
        let result = text.range(of: "Result: ")
        #expect(note != nil && result != nil)
        if let note, let result { #expect(note.lowerBound < result.lowerBound) }
        // No scale could be scored: one line, not one per scale.
        #expect(text.contains(ReportWording.noScaleScored))
        #expect(!text.contains("Not scored:"))
        #expect(text.contains(ReportWording.nothingHighlightedSparse))
        let hopeful = ReportSamples.flat(TextReport(ReportSamples.result("hopeful"), date: ReportSamples.date).render())
        #expect(!hopeful.contains("can say very little"))
    }

    // MARK: Scales

    @Test func scalesAreBarsWithBandsAndKindsInWords() {
        let text = TextReport(ReportSamples.result("let-go"), date: ReportSamples.date).render(width: 80)
        #expect(
            text.contains(
                "Signs to let go\n  [####################] 100%\n  Score: 5 out of 5.\n"
                    + "  Band: Strong let-go signs (a concern).\n"))
        #expect(text.contains("Good signs\n  [#####...............] 25%\n"))
        #expect(text.contains("Band: Few good signs (a concern)."))
        // Prorated: said to be an estimate.
        #expect(
            ReportSamples.flat(text).contains(
                "This is an estimate: you answered 1 of the 2 questions shown, and it assumes the others would have "
                    + "gone the same way."))
        let hopeful = TextReport(ReportSamples.result("hopeful"), date: ReportSamples.date).render(width: 80)
        #expect(hopeful.contains("Band: Clear (a strength)."))
    }

    @Test func insufficientScalesSaySoAndWhy() {
        var answers = ReportSamples.sparseAnswers
        answers["honest.pushed-away"] = .choice("2")
        let result = ReportSamples.assessment.score(answers)
        #expect(result.scales.contains { !$0.isInsufficient })
        let text = ReportSamples.flat(TextReport(result, date: ReportSamples.date).render())
        #expect(
            text.contains(
                "Good signs Not scored: you answered 1 of the 2 questions shown, and at least 2 are needed for a fair score."
            ))
        #expect(!text.contains("Good signs ["))
    }

    @Test func barsAreNarrowerOnNarrowWidths() {
        let text = TextReport(ReportSamples.result("let-go"), date: ReportSamples.date).render(width: 20)
        #expect(text.contains("  [########] 100%\n"))
    }

    @Test func strengthsAndConcerns() {
        let text = ReportSamples.flat(TextReport(ReportSamples.result("let-go"), date: ReportSamples.date).render())
        #expect(
            text.contains(
                "Worth looking at: - Seeing your own part: Not yet clear - Good signs: Few good signs "
                    + "- Signs to let go: Strong let-go signs - More anxious than happy: The thought of them coming back "
                    + "often makes you anxious."))
        let hopeful = ReportSamples.flat(TextReport(ReportSamples.result("hopeful"), date: ReportSamples.date).render())
        #expect(hopeful.contains("Going well: - Seeing your own part: Clear - Good signs: Strong good signs"))
        #expect(hopeful.contains("Also noticed: - You see a healthier version"))
    }

    @Test func declinedSafetyQuestionsAreMentionedGently() {
        let text = ReportSamples.flat(TextReport(ReportSamples.result("sparse"), date: ReportSamples.date).render())
        #expect(
            text.contains(
                "You chose not to answer one of the questions about safety: “Has your ex ever hurt you physically?”, "
                    + "and you stopped before one of the questions about safety: “Has your ex gone through your phone or "
                    + "decided who you could talk to?” That is always your choice. So this report can't tell whether the "
                    + "warning signs those questions look for apply to you"))
        let hopeful = TextReport(ReportSamples.result("hopeful"), date: ReportSamples.date).render()
        #expect(!hopeful.contains("You chose not to answer"))
    }

    // MARK: Reflections

    @Test func reflectionsAreQuotedVerbatimWithTheirQuestions() {
        let text = TextReport(ReportSamples.result("hopeful"), date: ReportSamples.date).render(width: 100)
        #expect(
            text.contains(
                """
                You can name things you did, even small ones, that pushed them away.
                  Your answer: Mostly true
                  What were they?
                    “I went quiet instead of saying what I needed.
                    And I was jealous.”
                """))
        #expect(
            text.contains(
                """
                What was their side of it, as fairly as you can put it?
                    “He felt I never trusted him. That's fair, partly.”
                """))
    }

    @Test(
        "Odd characters in a person's words survive, and nothing can drive the terminal",
        arguments: [
            ("<b>Tom & Jerry</b> \"quoted\" 'single' — 🙂 café", "“<b>Tom & Jerry</b> \"quoted\" 'single' — 🙂 café”"),
            ("spaces   kept  inside", "“spaces   kept  inside”"),
            ("tab\there", "“tab here”"),
            ("escape\u{1B}[2Jhere", "“escape\\u{1B}[2Jhere”"),
            ("nul\u{0}bell\u{7}c1\u{9B}", "“nul\\u{0}bell\\u{7}c1\\u{9B}”"),
            ("bidi\u{202E}x\u{2066}y\u{200F}", "“bidi\\u{202E}x\\u{2066}y\\u{200F}”"),
            ("windows\r\nline", "“windows\n    line”"),
        ])
    func oddCharacters(words: String, expected: String) {
        var answers = ReportSamples.hopefulAnswers
        answers["honest.their-side"] = .text(words)
        let result = ReportSamples.assessment.score(answers)
        let text = TextReport(result, date: ReportSamples.date).render(width: 100)
        #expect(text.contains("    " + expected + "\n"))
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(!text.unicodeScalars.contains { (0x7F...0x9F).contains($0.value) })
    }

    @Test func noReflectionsIsSaidPlainly() {
        let text = TextReport(ReportSamples.result("sparse"), date: ReportSamples.date).render()
        #expect(text.contains(ReportWording.noReflections))
    }

    // MARK: Layout

    @Test("Lines never exceed the width, except a word longer than a line", arguments: ReportSamples.names, widths)
    func wrapping(name: String, width: Int) {
        var answers = ReportSamples.answers(named: name)
        answers["honest.their-side"] = .text(
            "See https://example.org/a/very/long/address/that/cannot/be/broken/anywhere/at/all/honestly for "
                + "what I mean. Then more words follow, so that the line has to wrap a few times over.")
        let result = ReportSamples.assessment.score(answers)
        let text = TextReport(result, date: ReportSamples.date).render(width: width)
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) where line.count > width {
            let longest = line.split(separator: " ").map(\.count).max() ?? 0
            // Only a line holding a word that could never fit (after at most eight characters of indent).
            #expect(longest > width - 8, "line of \(line.count) at width \(width): \(line)")
            #expect(line.split(separator: " ").filter { $0.count > 2 }.count == 1, "\(line)")
        }
        #expect(!text.split(separator: "\n").contains { $0.hasSuffix(" ") })
    }

    @Test("Same input, same bytes", arguments: ReportSamples.names)
    func deterministic(name: String) {
        let first = TextReport(ReportSamples.result(name), date: ReportSamples.date).render(width: 72)
        let second = TextReport(
            ReportSamples.assessment.score(ReportSamples.answers(named: name)),
            date: ReportSamples.date
        ).render(width: 72)
        #expect(Array(first.utf8) == Array(second.utf8))
        #expect(first.hasSuffix("\n") && !first.hasSuffix("\n\n"))
    }

    @Test func wrapKeepsWordsAndBreaksBetweenThem() {
        let lines = TextLayout.wrap(
            "one two three four five six seven eight nine ten", width: 20, first: "- ", rest: "  ")
        #expect(lines == ["- one two three four", "  five six seven", "  eight nine ten"])
        let long = TextLayout.wrap("a " + String(repeating: "x", count: 30) + " b", width: 20)
        #expect(long == ["a", String(repeating: "x", count: 30), "b"])
        let verbatim = TextLayout.wrap(
            "  indented\n\nafter a blank", width: 40, first: "> ", rest: "> ", verbatim: true)
        #expect(verbatim == [">   indented", ">", "> after a blank"])
    }
}

@Suite("Crisis resources in reports")
struct ReportResourceTests {
    @Test(
        "Resources follow the person's locale",
        arguments: [
            ("en_US.UTF-8", ["National Domestic Violence Hotline", "Emergency services"]),
            ("en-US", ["National Domestic Violence Hotline", "Emergency services"]),
            ("en_GB.UTF-8", ["National Domestic Abuse Helpline"]),
            ("GB", ["National Domestic Abuse Helpline"]),
            ("en-AU", ["1800RESPECT"]),
            ("fr_FR.UTF-8", ["Your local emergency number"]),
            ("C", ["Your local emergency number"]),
        ] as [(String, [String])])
    func byLocale(locale: String, expected: [String]) throws {
        var answers = ReportSamples.safetyAnswers
        answers.locale = locale
        let result = ReportSamples.assessment.score(answers)
        let content = ReportContent(result, date: ReportSamples.date, engineVersion: "1")
        #expect(content.resources.map(\.name) == expected)
        let text = TextReport(result, date: ReportSamples.date).render(width: 80)
        let safety = text.components(separatedBy: "\n\nShould we get back together?\n").first ?? ""
        for name in expected { #expect(safety.contains("  \(name)\n")) }
        let others = Set(ReportSamples.assessment.resources.map(\.name)).subtracting(expected)
        for name in others { #expect(!text.contains(name)) }
    }

    @Test func noLocaleFallsBackToTheGeneralResources() {
        var answers = ReportSamples.hopefulAnswers
        answers.locale = nil
        let text = TextReport(ReportSamples.assessment.score(answers), date: ReportSamples.date).render(width: 80)
        #expect(text.contains("  Your local emergency number\n"))
        // A resource without contacts still says what it is.
        #expect(text.contains("If you are in immediate danger, call the emergency number where you are."))
        #expect(text.contains("Details last checked: 2026-11-23."))
    }

    @Test func noResourcesAtAllIsSaidHonestly() {
        var assessment = ReportSamples.assessment
        assessment.resources = []
        let result = assessment.score(ReportSamples.safetyAnswers)
        let text = ReportSamples.flat(TextReport(result, date: ReportSamples.date).render())
        #expect(text.contains(ReportSamples.flat(ReportSamples.wording(.noResources))))
    }

    @Test func contactsReadAsThePersonWouldUseThem() {
        typealias Contact = CrisisResource.Contact
        #expect(
            TextReport.contact(Contact(kind: .phone, value: "0808 2000 247", label: "Call")) == "Call: 0808 2000 247")
        #expect(
            TextReport.contact(Contact(kind: .text, value: "88788", label: "Text START to 88788"))
                == "Text START to 88788")
        #expect(TextReport.contact(Contact(kind: .phone, value: "999", label: "")) == "Phone: 999")
        #expect(
            TextReport.contact(Contact(kind: .web, value: "https://example.org", label: " "))
                == "Web: https://example.org")
    }
}
