import Crossroads
import Foundation
import Testing

// End-to-end tests of `crossroads compare` and `take --compare`, running the built binary on the example
// answers files and reports in Reports/examples/ (and edited copies of them in a temporary folder).

@Suite("crossroads compare, end to end", .serialized)
struct CompareCommandTests {
    static func answers(_ name: String) -> String { ScoreExamples.answers(name) }
    static func report(_ name: String) -> String {
        ScoreExamples.folder.appendingPathComponent("\(name).report.xml").path
    }

    /// The text of the example report `name`.
    static func reportText(_ name: String) throws -> String {
        try String(contentsOfFile: report(name), encoding: .utf8)
    }

    @Test("A new safety concern in the later take comes first, before the outcome")
    func newConcernFirst() throws {
        let run = try Tool.run(["compare", Self.answers("mixed"), Self.answers("unsafe-right-now"), "--width", "80"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.hasPrefix("Before anything else: your safety\n"), "\(run.stdout.prefix(300))")
        let safety = try #require(run.stdout.range(of: "New in the later take"))
        let outcome = try #require(run.stdout.range(of: "The result then and now"))
        #expect(safety.lowerBound < outcome.lowerBound)
        #expect(run.stdout.contains("“You don't feel safe right now”"))
        #expect(run.stdout.contains("If you are in danger right now, call your local emergency number."))
    }

    @Test("Safety questions left unanswered in one take open the comparison with safety, in text, XML and HTML")
    func unansweredSafetyQuestionsComeFirst() throws {
        let earlier = Self.answers("mixed")
        let later = Self.answers("declines-every-safety-question")
        let text = try Tool.run(["compare", earlier, later, "--width", "1000"])
        #expect(text.status == 0, "\(text)")
        #expect(text.stdout.hasPrefix("Before anything else: your safety\n"), "\(text.stdout.prefix(300))")
        let note = "16 questions about safety were left unanswered. So that take can't tell whether the warning "
            + "signs those questions look for apply to you, and nothing in it means that they don't."
        #expect(text.stdout.contains("In the later take ("), "\(text.stdout.prefix(600))")
        #expect(text.stdout.contains(note), "\(text.stdout.prefix(600))")
        #expect(!text.stdout.contains("In the earlier take"), "the earlier take answered every safety question")

        let xml = try Tool.run(["compare", earlier, later, "--format", "xml"])
        #expect(xml.status == 0, "\(xml)")
        #expect(xml.stdout.contains("concern=\"true\""), "\(xml.stdout.prefix(800))")
        #expect(xml.stdout.contains("<note take=\"later\">"), "\(xml.stdout.prefix(800))")
        let folder = try TemporaryFolder("compare-unanswered")
        let xsd = try folder.write("comparison.xsd", try Tool.run(["schema", "comparison"]).stdout)
        let file = try folder.write("comparison.xml", xml.stdout)
        let check = try Tool.run(
            ["--noout", "--nonet", "--schema", xsd, file], executable: URL(fileURLWithPath: "/usr/bin/xmllint"))
        #expect(check.status == 0, "\(check)")

        let html = try Tool.run(["compare", earlier, later, "--format", "html"])
        #expect(html.status == 0, "\(html)")
        let safety = try #require(html.stdout.range(of: "<section class=\"safety\""))
        let main = try #require(html.stdout.range(of: "<main>"))
        #expect(safety.lowerBound < main.lowerBound)
        #expect(html.stdout.contains(note), "the page carries the same note")
    }

    @Test("A concern that disappeared is shown first and never called safe")
    func disappearedConcernIsNotSafe() throws {
        // Earlier: a saved XML report that raised the concern; later: an answers file that does not.
        let run = try Tool.run(["compare", Self.report("unsafe-right-now"), Self.answers("mixed"), "--width", "80"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.hasPrefix("Before anything else: your safety\n"))
        let unwrapped = run.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(
            unwrapped.contains(
                "Raised in the earlier take (2026-11-27) but not in the later one: “You don't feel safe right now”."))
        #expect(unwrapped.contains("A concern that is no longer raised does not mean you are safe now."))
        // Nowhere is the person told they are safe.
        for phrase in ["you are safe now.", "You are safe", "safe now:", "no longer a concern", "resolved"] {
            #expect(!unwrapped.replacingOccurrences(of: "does not mean you are safe now.", with: "").contains(phrase))
        }
        // The XML form says the same, and is valid against its schema.
        let xml = try Tool.run(["compare", Self.report("unsafe-right-now"), Self.answers("mixed"), "--format", "xml"])
        #expect(xml.status == 0)
        #expect(
            Validator.checkComparison(xml.stdout).isEmpty, "\(Validator.checkComparison(xml.stdout).map(\.description))"
        )
        #expect(xml.stdout.contains("<concern flag=\"safety.unsafe-now\" earlier=\"true\" later=\"false\">"))
        #expect(
            xml.stdout.contains("<no-longer-raised>A concern that is no longer raised does not mean you are safe now."))
    }

    @Test("The outcome then and now, with the dates; a changed outcome says so")
    func outcomeChange() throws {
        let folder = try TemporaryFolder("compare")
        // An answers file's date is the day it was last saved.
        let earlier = folder.path("march.answers.xml")
        try FileManager.default.copyItem(atPath: Self.answers("mostly-not-wanting-to-be-alone"), toPath: earlier)
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSince1970: 1_772_409_600)], ofItemAtPath: earlier)  // 2026-03-02
        let run = try Tool.run([
            "compare", earlier, Self.report("both-see-their-part-healthier-version"), "--width", "200",
        ])
        #expect(run.status == 0, "\(run)")
        #expect(!run.stdout.hasPrefix("Before anything else"), "no concern in either take")
        #expect(run.stdout.contains("Then (2026-03-02): "), "\(run.stdout)")
        #expect(run.stdout.contains("Now (2026-11-27): "))
        #expect(run.stdout.contains("The result has changed."))
        #expect(!run.stdout.contains("were the two files given in that order"))
        let swapped = try Tool.run(
            ["compare", Self.report("both-see-their-part-healthier-version"), earlier, "--width", "300"])
        #expect(swapped.stdout.contains("were the two files given in that order"), "\(swapped)")
        let same = try Tool.run(["compare", Self.report("mixed"), Self.report("mixed")])
        #expect(same.stdout.contains("The result is the same."))
        #expect(same.stdout.contains("None of the answers behind the result changed."))
    }

    @Test("A scale that crossed into another band says so, with its direction, in text, XML and HTML")
    func bandCrossing() throws {
        // Neither take puts safety first: a safety-first report withholds band labels (issue 10).
        let arguments = ["compare", Self.answers("mixed"), Self.answers("both-see-their-part-healthier-version")]
        let text = try Tool.run(arguments + ["--width", "300"])
        #expect(
            text.stdout.contains(
                "Then 9 (56%), now 14 (88%), on a range from 0 to 16: up. Band: “Some good signs” then, "
                    + "“Strong good signs” now (crossed into another band)."), "\(text.stdout)")
        let xml = try Tool.run(arguments + ["--format", "xml"])
        #expect(xml.stdout.contains("<scale id=\"signs.good\" direction=\"up\" crossed-band=\"true\">"))
        let html = try Tool.run(arguments + ["--format", "html"])
        #expect(html.status == 0)
        #expect(
            html.stdout.contains(
                "aria-label=\"Signs it might be worth trying again: then 9 (56%), now 14 (88%); up, crossed into another band\""
            ))
        #expect(!html.stdout.lowercased().contains("<script"))
    }

    @Test("A safety-first take names no band for the scales about the relationship, in text, XML and HTML")
    func noBandsUnderSafetyFirst() throws {
        let folder = try TemporaryFolder("compare-bands")
        // A report saved before bands were withheld under safety first: the same safety-first report with a
        // band (and no verdict) on a scale about the relationship. Compare must not name it either.
        let old = folder.path("old-unsafe.report.xml")
        var xml = try Self.reportText("unsafe-right-now")
        let scale = try #require(xml.range(of: "<scale id=\"signs.good\""))
        let description = try #require(xml.range(of: "</description>", range: scale.upperBound..<xml.endIndex))
        xml.insert(
            contentsOf:
                "\n      <band id=\"good.strong\" from=\"12\" kind=\"strength\"><label>Strong good signs</label></band>",
            at: description.upperBound)
        xml = xml.replacingOccurrences(of: " verdict=\"withheld\"", with: "")
        #expect(Validator.checkReport(xml).isEmpty, "\(Validator.checkReport(xml).map(\.description))")
        try xml.write(toFile: old, atomically: true, encoding: .utf8)
        for pair in [
            [Self.answers("mixed"), Self.answers("unsafe-right-now")],
            [Self.report("unsafe-right-now"), Self.answers("mixed")],
            [Self.answers("mixed"), old],
        ] {
            let text = try Tool.run(["compare"] + pair + ["--width", "300"])
            #expect(text.status == 0, "\(text)")
            let lines = text.stdout.split(separator: "\n").map(String.init)
            let good = try #require(lines.firstIndex(of: "Signs it might be worth trying again"), "\(text.stdout)")
            #expect(
                lines[good + 1].hasPrefix("  Then 9 (56%), now 14 (88%)")
                    || lines[good + 1].hasPrefix("  Then 14 (88%)"))
            #expect(!lines[good + 1].contains("Band:"), "\(pair): \(lines[good + 1])")
            for label in ["Some good signs", "Strong good signs", "crossed into another band"] {
                #expect(!text.stdout.contains(label), "\(pair): \(label)")
            }
            // The scale about safety keeps its band, as the text report does.
            #expect(text.stdout.contains("Band: “None of these reported” both times."), "\(pair)")
            let xmlRun = try Tool.run(["compare"] + pair + ["--format", "xml"])
            #expect(xmlRun.status == 0)
            // The XML form keeps the band of the take that isn't safety-first (“Some good signs”) and gives
            // none for the safety-first one (“Strong good signs”), so no crossing either.
            #expect(!xmlRun.stdout.contains("Strong good signs"), "\(pair)")
            #expect(xmlRun.stdout.contains("<band-label>Some good signs</band-label>"), "\(pair)")
            #expect(xmlRun.stdout.contains(/<scale id="signs.good" direction="(up|down)" crossed-band="false">/))
            let html = try Tool.run(["compare"] + pair + ["--format", "html"])
            #expect(html.status == 0)
            #expect(!html.stdout.contains("Strong good signs") && !html.stdout.contains("Some good signs"))
        }
    }

    @Test("Changed answers on the questions behind the result, and notes from both takes side by side")
    func changedAnswersAndNotes() throws {
        let run = try Tool.run(["compare", Self.answers("mixed"), Self.answers("unsafe-right-now"), "--width", "300"])
        #expect(
            run.stdout.contains(
                "Right now, do you feel safe from your ex?\n  Then: Yes, I feel safe right now\n  Now: No, I don't feel safe right now"
            ), "\(run.stdout)")
        #expect(run.stdout.contains("In your own words, then and now"))
        #expect(run.stdout.contains("“I do miss him. But he's been so angry since I left.”"))
    }

    @Test("Two versions of the assessment: what both have is compared, and what could not be is said")
    func differentVersions() throws {
        let folder = try TemporaryFolder("compare")
        var later = try Self.reportText("mixed")
        later = later.replacingOccurrences(of: "version=\"1.1.0\" language=", with: "version=\"1.2.0\" language=")
        let scale = try #require(
            later.range(of: #"    <scale id="sure.score"[\s\S]*?</scale>\n"#, options: .regularExpression))
        later.removeSubrange(scale)
        let path = try folder.write("later.report.xml", later)
        let run = try Tool.run(["compare", Self.answers("mixed"), path, "--width", "300"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("What could not be compared"))
        #expect(run.stdout.contains("The two takes used different versions of the assessment (1.1.0 and 1.2.0)"))
        #expect(run.stdout.contains("- “How settled you feel” is only in the earlier take (version 1.1.0)."))
        #expect(run.stdout.contains("Signs it might be worth trying again"), "the scales both have are compared")
    }

    @Test("Two unrelated assessments: a clear error, status 65, nothing on standard output")
    func unrelatedAssessments() throws {
        let folder = try TemporaryFolder("compare")
        let other = try Self.reportText("mixed").replacingOccurrences(
            of: "<assessment id=\"should-we-get-back-together\"", with: "<assessment id=\"a-different-assessment\"")
        let path = try folder.write("other.report.xml", other)
        for format in ["text", "xml", "html"] {
            let run = try Tool.run(["compare", Self.answers("mixed"), path, "--format", format])
            #expect(run.status == 65, "\(run)")
            #expect(run.stdout.isEmpty)
            #expect(run.stderr.contains("these are takes of two different assessments"), "\(run.stderr)")
            #expect(run.stderr.contains("a-different-assessment"))
        }
        // Neither an answers file nor a report: 65 with the file's own diagnostics; a missing file: 66.
        let junk = try folder.write("junk.xml", "<nothing/>")
        #expect(try Tool.run(["compare", junk, Self.answers("mixed")]).status == 65)
        #expect(try Tool.run(["compare", folder.path("missing.xml"), Self.answers("mixed")]).status == 66)
    }

    @Test("--output writes the comparison atomically, readable by its owner alone")
    func outputFile() throws {
        let folder = try TemporaryFolder("compare")
        let run = try Tool.run(
            [
                "compare", Self.answers("mixed"), Self.answers("unsafe-right-now"), "--format", "html", "--output",
                "c.html",
            ],
            directory: folder.url)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.isEmpty)
        #expect(folder.contents == ["c.html"])
        #expect(folder.mode("c.html") == 0o600)
        let page = try String(contentsOfFile: folder.path("c.html"), encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html"))
        #expect(run.stderr.contains("(readable by you alone)"), "\(run.stderr)")

        // An output that is not a regular file (the test's own link to its standard output, a pipe) is
        // written in place and not called private (issue 9).
        let link = folder.path("stdout-link")
        #expect(symlink("/proc/self/fd/1", link) == 0)
        let piped = try Tool.run(
            ["compare", Self.answers("mixed"), Self.answers("unsafe-right-now"), "--output", link],
            directory: folder.url)
        #expect(piped.status == 0, "\(piped)")
        #expect(piped.stdout.contains("Before anything else: your safety"), "\(piped.stdout)")
        #expect(!piped.stderr.contains("readable by you alone"), "\(piped.stderr)")
        var status = stat()
        #expect(lstat(link, &status) == 0 && status.st_mode & S_IFMT == S_IFLNK, "the link is still a link")
        #expect(folder.contents.sorted() == ["c.html", "stdout-link"])
    }

    @Test("take --compare offers the comparison at the end, on screen and saved as a page")
    func takeOffersComparison() throws {
        let folder = try TemporaryFolder("compare")
        let assessment = try Assessment.bundled()
        let script = TakeScript(assessment, locale: "en_US.UTF-8")
        let page = folder.path("comparison.html")
        // No report saved; show the comparison, then save it as a page; no answers; don't clear.
        let input = script.input + "\n" + "s\n" + "h\n\(page)\n" + "n\n" + "n\n"
        let run = try Tool.run(
            ["take", "--date", "2026-12-01", "--width", "80", "--compare", Self.answers("unsafe-right-now")],
            stdin: input, environment: ["LANG": "en_US.UTF-8", "LC_ALL": String?.none], directory: folder.url)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("Compare this take with your earlier one"), "\(run.stdout.suffix(2000))")
        // The earlier take raised a concern this one did not: the comparison opens with it, not calling it safe.
        #expect(run.stdout.contains("Before anything else: your safety\n---"))
        #expect(run.stdout.contains("does not mean you are safe now"))
        #expect(folder.contents == ["comparison.html"])
        #expect(folder.mode("comparison.html") == 0o600)
        // A file that can't be compared is refused before the first question.
        let bad = try Tool.run(["take", "--compare", folder.path("missing.xml")], stdin: "\n", directory: folder.url)
        #expect(bad.status == 66, "\(bad)")
        let other = try folder.write(
            "other.report.xml",
            try Self.reportText("mixed").replacingOccurrences(
                of: "<assessment id=\"should-we-get-back-together\"", with: "<assessment id=\"another\""))
        let unrelated = try Tool.run(["take", "--compare", other], stdin: "\n", directory: folder.url)
        #expect(unrelated.status == 65, "\(unrelated)")
        #expect(unrelated.stderr.contains("this is a take of another assessment (another)"), "\(unrelated)")
        #expect(!unrelated.stdout.contains("Press Enter to begin"))
    }

    @Test("take saves the report as a page (h), the same page score --format html makes from the saved answers")
    func takeSavesPage() throws {
        let folder = try TemporaryFolder("take-html")
        let script = TakeScript(try Assessment.bundled(), locale: "en_GB.UTF-8")
        let page = folder.path("report.html")
        let answers = folder.path("answers.xml")
        let input = script.input + "h\n\(page)\n" + "y\n\(answers)\n" + "n\n"
        let run = try Tool.run(
            ["take", "--date", "2026-12-01", "--width", "80"], stdin: input,
            environment: ["LANG": "en_GB.UTF-8", "LC_ALL": String?.none], directory: folder.url)
        #expect(run.status == 0, "\(run)")
        // take wraps every line it prints, so the path may start a line of its own.
        let saved = run.stderr.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(saved.contains("the report as a web page in \(page)"), "\(run.stderr)")
        #expect(folder.contents == ["answers.xml", "report.html"])
        #expect(folder.mode("report.html") == 0o600)
        let score = try Tool.run(["score", answers, "--format", "html", "--date", "2026-12-01"])
        #expect(score.status == 0)
        #expect(FileManager.default.contents(atPath: page) == score.stdoutData)
    }

    @Test("xmllint --schema (crossroads schema comparison) accepts what compare --format xml writes")
    func xmllintAcceptsTheComparison() throws {
        let xmllint = "/usr/bin/xmllint"
        guard FileManager.default.isExecutableFile(atPath: xmllint) else {
            Issue.record("\(xmllint) is not installed (apt-get install libxml2-utils; .ci/run installs it)")
            return
        }
        let folder = try TemporaryFolder("compare-xsd")
        let schema = try Tool.run(["schema", "comparison"])
        #expect(schema.status == 0)
        let xsd = try folder.write("comparison.xsd", schema.stdout)
        let xml = try Tool.run(["compare", Self.report("unsafe-right-now"), Self.answers("mixed"), "--format", "xml"])
        let file = try folder.write("comparison.xml", xml.stdout)
        let check = try Tool.run(
            ["--noout", "--nonet", "--schema", xsd, file], executable: URL(fileURLWithPath: xmllint))
        #expect(check.status == 0, "\(check)")
        #expect(check.stderr.contains("validates"), "\(check)")
    }
}
