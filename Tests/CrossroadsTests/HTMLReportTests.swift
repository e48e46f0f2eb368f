import Foundation
import FoundationXML
import Testing

@testable import Crossroads

/// An HTML page read back with a strict XML parser (the pages are polyglot XHTML-compatible HTML): its
/// elements in order, their attributes, and its text.
struct ParsedPage {
    struct Element {
        var name: String
        var namespace: String
        var attributes: [String: String]
        var isEmpty: Bool
        var text: String
    }

    var elements: [Element] = []
    var text = ""
    var error: String?

    /// HTML's void elements: the only HTML elements that may be written empty (`<br/>`).
    static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    ]

    /// Elements that flow within a line: their boundaries are not word boundaries in the page's text.
    static let inlineElements: Set<String> = ["a", "strong", "em", "span", "b", "i", "abbr", "code"]

    init(_ html: String) {
        let delegate = Collector()
        let parser = XMLParser(data: Data(html.utf8))
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        if !parser.parse() {
            error = parser.parserError.map { "\($0)" } ?? "parse failed"
        }
        elements = delegate.finished
        text = delegate.text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The headings (h1 to h6) in document order, with their text.
    var headings: [(level: Int, text: String)] {
        elements.compactMap { element in
            guard element.name.count == 2, element.name.first == "h", let level = Int(element.name.dropFirst())
            else { return nil }
            return (level, element.text)
        }
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var open: [(Element, Int)] = []
        var finished: [Element] = []
        var text = ""
        var order = 0

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            let element = Element(
                name: name, namespace: namespaceURI ?? "", attributes: attributes, isEmpty: true, text: "")
            open.append((element, finished.count))
            finished.append(element)
            if !ParsedPage.inlineElements.contains(name) { text += " " }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            text += string
            for index in open.indices {
                open[index].0.text += string
                open[index].0.isEmpty = false
            }
        }

        func parser(
            _ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?
        ) {
            guard let (element, index) = open.popLast() else { return }
            var done = element
            done.text = element.text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            finished[index] = done
            if let last = open.indices.last { open[last].0.isEmpty = false }
            if !ParsedPage.inlineElements.contains(name) { text += " " }
        }
    }
}

enum HTMLChecks {
    static let xhtml = "http://www.w3.org/1999/xhtml"

    /// Every problem that keeps `html` from being a valid, private, self-contained page.
    static func problems(_ html: String) -> [String] {
        var found: [String] = []
        if !html.hasPrefix("<!DOCTYPE html SYSTEM \"about:legacy-compat\">\n") { found.append("no HTML doctype first") }
        let page = ParsedPage(html)
        if let error = page.error { found.append("not well-formed: \(error)") }
        guard let root = page.elements.first, root.name == "html", root.namespace == xhtml else {
            return found + ["the root is not <html> in the XHTML namespace"]
        }
        if (root.attributes["lang"] ?? "").isEmpty { found.append("no lang on <html>") }
        for element in page.elements {
            if element.namespace == xhtml && element.isEmpty && !ParsedPage.voidElements.contains(element.name) {
                found.append("<\(element.name)/> is empty but not a void element (an HTML parser would not close it)")
            }
            if ["script", "iframe", "object", "embed", "img", "link", "base", "form", "input", "audio", "video"]
                .contains(element.name)
            {
                found.append("a <\(element.name)> element")
            }
            for (name, value) in element.attributes {
                let lower = name.lowercased()
                if lower.hasPrefix("on") { found.append("an event handler attribute \(name)") }
                if ["src", "srcset", "action", "formaction", "poster", "background"].contains(lower) {
                    found.append("a \(name) attribute (\(value))")
                }
                if lower == "href" || lower.hasSuffix(":href") {
                    let isTel = value.hasPrefix("tel:") && value.dropFirst(4).allSatisfy { "0123456789+-".contains($0) }
                    let isWeb = value.hasPrefix("https://") || value.hasPrefix("http://")
                    if !(isTel || (isWeb && element.name == "a")) { found.append("a link to \(value)") }
                }
                if lower == "style" { found.append("a style attribute") }
            }
        }
        let csp = page.elements.first {
            $0.name == "meta" && $0.attributes["http-equiv"] == "Content-Security-Policy"
        }
        if csp?.attributes["content"]?.hasPrefix("default-src 'none'; style-src 'unsafe-inline'; img-src data:") != true
        {
            found.append("no Content-Security-Policy that forbids everything but inline style and data: images")
        }
        if html.lowercased().contains("<script") { found.append("the text <script") }
        // The heading levels never skip one.
        var previous = 0
        for heading in page.headings {
            if heading.level > previous + 1 {
                found.append("heading h\(heading.level) after h\(previous): \(heading.text)")
            }
            previous = heading.level
        }
        return found
    }
}

@Suite("HTML report")
struct HTMLReportTests {
    @Test("Each example page is valid polyglot HTML, private and self-contained", arguments: ExampleFiles.names)
    func examplePagesAreValid(name: String) throws {
        let html = try String(contentsOf: ExampleFiles.htmlReport(name), encoding: .utf8)
        #expect(HTMLChecks.problems(html) == [], "\(name).report.html")
        let page = ParsedPage(html)
        #expect(page.elements.first?.attributes["lang"] == "en")
        // Every web link is one of the report's resource websites.
        let xml = try String(contentsOf: ExampleFiles.xmlReport(name), encoding: .utf8)
        for element in page.elements where element.name == "a" {
            let href = element.attributes["href"] ?? ""
            if href.hasPrefix("http") {
                #expect(xml.contains("value=\"\(href)\""), "\(href) is not a resource website")
            }
        }
    }

    @Test("A page with a safety concern opens with safety, as the text report does", arguments: ExampleFiles.names)
    func safetyComesFirst(name: String) throws {
        let rendered = try ExampleFiles.render(name)
        let page = ParsedPage(rendered.html)
        let concern = rendered.xml.contains("<safety concern=\"true\"")
        let first = try #require(page.headings.first)
        // Unanswered safety questions (declined or not reached) are mentioned in the same words.
        for line in Self.logicalLines(rendered.text)
        where line.hasPrefix("You chose not to answer") || line.hasPrefix("You stopped before") {
            #expect(page.text.contains(line), "\(name): the page lacks “\(line)”")
        }
        if concern {
            #expect(first.text == "Before anything else: your safety")
            #expect(rendered.text.hasPrefix("Before anything else: your safety\n"))
        } else {
            #expect(first.text == rendered.result.assessment.title)
        }
        // Everything the text report's safety section says, the page says too, in the same order, before
        // anything else.
        guard concern else { return }
        let safety = rendered.text.components(separatedBy: "\n\(rendered.result.assessment.title)\n")[0]
        var from = page.text.startIndex
        for line in Self.logicalLines(safety) {
            #expect(page.text.contains(line), "\(name): the page lacks “\(line)”")
            if let found = page.text.range(of: line, range: from..<page.text.endIndex) {
                from = found.upperBound
            } else {
                Issue.record("\(name): on the page, “\(line)” is not where the text report has it")
            }
        }
        let summary = try #require(page.text.range(of: "\(rendered.result.assessment.title) Your reflection report, "))
        #expect(from <= summary.lowerBound, "\(name): the safety section runs past the start of the summary")
        let summaryHeading = page.headings.firstIndex { $0.text == rendered.result.assessment.title } ?? 0
        #expect(
            page.headings.prefix(summaryHeading).contains { $0.text == "What your answers showed:" }
                == rendered.text.contains("\nWhat your answers showed:\n"))
        // Each phone number is a tel: link.
        for contact in rendered.result.assessment.resources(forLocale: rendered.result.answers.locale)
            .flatMap(\.contacts) where contact.kind == .phone
        {
            let tel = "tel:" + contact.value.filter { "0123456789+-".contains($0) }
            #expect(page.elements.contains { $0.attributes["href"] == tel }, "\(name): no link to \(tel)")
        }
    }

    /// The sentences the text report says in its own voice (ReportWording) that the stylesheet repeats.
    static let ownSentences: [String] = [
        ReportWording.emergency, ReportWording.scalesIntroduction,
        ReportWording.scoresWithoutVerdict(exceptSafety: true), ReportWording.scoresWithoutVerdict(exceptSafety: false),
        ReportWording.safetyHighlightsTitle, ReportWording.strengthsDontOutweighSafety,
        ReportWording.nothingHighlighted, ReportWording.nothingHighlightedSparse, ReportWording.noReflections,
        ReportWording.resourcesAbove, ReportWording.resourcesBelow, ReportWording.noScaleScored,
    ]

    /// The sentences the assessment words for its subject (its `<wording>`), which the page takes from the
    /// XML report's `<wording>`.
    static func assessmentSentences(_ assessment: Assessment) -> [String] {
        AssessmentWording.Key.allCases.compactMap { assessment.wording.text($0) }
    }

    // So a rewording in ReportWording that misses the stylesheet fails here.
    @Test("Every sentence the text report says in its own voice, the page says too", arguments: ExampleFiles.names)
    func sameOwnSentences(name: String) throws {
        let rendered = try ExampleFiles.render(name)
        let text = rendered.text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let page = ParsedPage(rendered.html).text
        let sentences = Self.ownSentences + Self.assessmentSentences(rendered.result.assessment)
        for sentence in sentences where text.contains(sentence) {
            #expect(page.contains(sentence), "\(name): the page lacks “\(sentence)”")
        }
        // Each scale's lines (score, band, estimate or why it was not scored) are the text report's.
        for line in Self.logicalLines(rendered.text)
        where [
            "Score: ", "Score ", "Band: ", "Not scored: ", "This is an estimate: ", "You answered yes to ",
            "You answered only ", "You didn't answer any", "You stopped after ", "Result: ", "Why this result: ",
            "Your answer: ",
        ].contains(where: line.hasPrefix) {
            #expect(page.contains(line), "\(name): the page lacks “\(line)”")
        }
        // The strengths and things to look at (and, without a safety section, the answers that pull in
        // different directions), with the answers behind each, in the text report's order and words.
        let highlights =
            rendered.result.isSafetyFirst ? ReportWording.safetyHighlightsTitle : "Strengths and things to look at"
        let start = try #require(rendered.text.range(of: "\n\(highlights)\n"))
        let end = try #require(rendered.text.range(of: "\nIn your own words\n"))
        var from = page.startIndex
        for line in Self.logicalLines(String(rendered.text[start.upperBound..<end.lowerBound])) {
            if let found = page.range(of: line, range: from..<page.endIndex) {
                from = found.upperBound
            } else {
                Issue.record("\(name): the page lacks “\(line)” where the text report has it")
            }
        }
    }

    @Test("Without a safety section, answers that pull in different directions are said among the highlights")
    func tensionsWithoutSafetySection() throws {
        // No example has a tension without a safety concern; the same report marked as having none.
        let xml = try String(contentsOf: ExampleFiles.xmlReport("choked-years-ago-says-changed"), encoding: .utf8)
        let plain = xml.replacingOccurrences(
            of: "<safety concern=\"true\" safety-first=\"true\"",
            with: "<safety concern=\"false\" safety-first=\"false\"")
        #expect(plain != xml)
        let html = try HTMLReport(xml: plain).render()
        #expect(HTMLChecks.problems(html) == [])
        let page = ParsedPage(html)
        #expect(page.headings.first?.text != "Before anything else: your safety")
        let highlights = try #require(page.text.range(of: "Strengths and things to look at"))
        let tension = try #require(
            page.text.range(
                of:
                    "\(ReportWording.tensionsIntroduction) Pressure on your neck, and a relationship that \"wasn't harmful\": "
                    + "You said your ex has choked you or pressed on your neck"))
        #expect(highlights.upperBound <= tension.lowerBound)
    }

    @Test(
        "Unanswered safety questions, declined or not reached, in the words of ReportWording",
        arguments: [(1, 0), (0, 1), (1, 1), (3, 2), (0, 16), (16, 0), (2, 14)])
    func unansweredSafetyWording(declined: Int, notReached: Int) throws {
        // skips-everything declines all 16 safety questions; keep `declined` of them declined, mark the next
        // `notReached` as not reached, and drop the rest from the list (as if answered).
        let xml = try String(contentsOf: ExampleFiles.xmlReport("skips-everything"), encoding: .utf8)
        let result = try ExampleFiles.result("skips-everything")
        let pattern = /<unanswered item="([^"]+)" status="declined"\/>\n/
        let ids = xml.matches(of: pattern).map { String($0.1) }
        #expect(ids.count == 16)
        var index = 0
        let edited = xml.replacing(pattern) { match -> String in
            defer { index += 1 }
            if index < declined { return String(match.0) }
            if index < declined + notReached { return "<unanswered item=\"\(match.1)\" status=\"not-reached\"/>\n" }
            return ""
        }
        let text = { (id: String) in result.items.first { $0.item.id == id }?.item.text ?? id }
        let expected = ReportWording.unansweredSafetyQuestions(
            declined: ids.prefix(declined).map(text), notReached: ids.dropFirst(declined).prefix(notReached).map(text),
            of: 16, resourcesAre: "at the end of this report")
        let page = ParsedPage(try HTMLReport(xml: edited).render()).text
        #expect(page.contains(expected), "\(expected)")
    }

    @Test(
        "A scale's score line in the text report's words: whole, an estimate, a range that doesn't start at 0",
        arguments: [
            ("complete", "9", "0", "Score: 9 out of 16."), ("prorated", "2.75", "0", "Score: about 2.8 out of 16."),
            ("prorated", "3", "0", "Score: 3 out of 16."),
            ("complete", "-2.25", "-4", "Score: -2.25, on a range from -4 to 16."),
            ("prorated", "-2.25", "-4", "Score: about -2.3, on a range from -4 to 16."),
            ("complete", "10.0625", "0", "Score: 10.0625 out of 16."),
        ])
    func scoreLine(status: String, score: String, minimum: String, expected: String) throws {
        let xml = try String(contentsOf: ExampleFiles.xmlReport("mixed"), encoding: .utf8)
        let edited = xml.replacing(
            /<scale id="signs.good" status="complete" raw="9" score="9" minimum="0"/,
            with: "<scale id=\"signs.good\" status=\"\(status)\" raw=\"9\" score=\"\(score)\" minimum=\"\(minimum)\"")
        #expect(edited.contains("status=\"\(status)\" raw=\"9\" score=\"\(score)\" minimum=\"\(minimum)\""))
        let page = ParsedPage(try HTMLReport(xml: edited).render()).text
        // The line under that scale's heading, before the next scale's.
        let scales = try #require(page.range(of: "How your answers add up"))
        let start = try #require(
            page.range(of: "Signs it might be worth trying again", range: scales.upperBound..<page.endIndex))
        let end = try #require(
            page.range(of: "Signs it might be better to let go", range: start.upperBound..<page.endIndex))
        #expect(
            page[start.upperBound..<end.lowerBound].contains(expected), "\(page[start.upperBound..<end.lowerBound])")
    }

    @Test("Examples: safety-first and not, both kept")
    func bothKindsOfExamples() throws {
        let safetyFirst = try ExampleFiles.names.filter { try ExampleFiles.result($0).isSafetyFirst }
        #expect(!safetyFirst.isEmpty)
        #expect(safetyFirst.count < ExampleFiles.names.count)
    }

    @Test("Each scale with a score is a bar with an accessible name stating its range and band")
    func barsSayEverythingInWords() throws {
        let rendered = try ExampleFiles.render("mixed")
        let page = ParsedPage(rendered.html)
        let bars = page.elements.filter { $0.name == "svg" }
        let scored = rendered.result.scales.filter { $0.score != nil && !$0.isInsufficient }
        #expect(!bars.isEmpty && bars.count <= scored.count)
        for bar in bars {
            let label = bar.attributes["aria-label"] ?? ""
            #expect(bar.attributes["role"] == "img")
            #expect(label.contains("on a range from") && label.contains("band:"), "\(label)")
            #expect(label.contains("(a strength)") || label.contains("(a concern)") || label.contains("(neutral)"))
        }
    }

    @Test("xsltproc Reports/report-html.xsl gives the same page as the tool", arguments: ["mixed", "unsafe-right-now"])
    func xsltprocGivesTheSamePage(name: String) throws {
        let xsltproc = "/usr/bin/xsltproc"
        guard FileManager.default.isExecutableFile(atPath: xsltproc) else {
            Issue.record("\(xsltproc) is not installed (apt-get install xsltproc; .ci/run installs it)")
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: xsltproc)
        process.arguments = [
            "--nonet", "--nowrite", "--nomkdir",
            ExampleFiles.packageRoot.appending(path: HTMLReport.stylesheetPath).path,
            ExampleFiles.xmlReport(name).path,
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(String(decoding: output, as: UTF8.self) == (try ExampleFiles.render(name).html))
    }

    // MARK: Hostile input

    @Test("A report with markup and scripts in every text field renders as inert text")
    func hostileTextIsInert() throws {
        let xml = try String(contentsOf: ExampleFiles.xmlReport("unsafe-right-now"), encoding: .utf8)
        let payload =
            "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&quot;&gt;&lt;a href=&quot;javascript:alert(3)&quot;&gt;x&lt;/a&gt;]]&gt;"
        // Every element's text, and every string attribute a page might put in a link.
        var hostile = xml.replacing(/>([^<>\n]+)</) { ">\($0.1)\(payload)<" }
        hostile = hostile.replacing(/kind="phone" value="[^"]*"/) { _ in "kind=\"web\" value=\"javascript:alert(4)\"" }
        hostile = hostile.replacing(/\ language="[^"]*"/) { _ in " language=\"en&quot; onload=&quot;alert(5)\"" }
        #expect(Validator.checkReport(hostile).isEmpty, "\(Validator.checkReport(hostile).map(\.description))")
        let html = try HTMLReport(xml: hostile).render()
        #expect(HTMLChecks.problems(html) == [])
        let page = ParsedPage(html)
        #expect(page.text.contains("<script>alert(1)</script>"), "the words are shown, as text")
        #expect(!page.elements.contains { $0.attributes["href"]?.contains("javascript") == true })
        #expect(page.elements.filter { $0.name == "a" }.allSatisfy { $0.attributes["href"]?.hasPrefix("tel:") == true })
    }

    @Test("What is not a valid report is refused with its line, not rendered")
    func invalidReportIsRefused() {
        let bad =
            "<?xml version=\"1.0\"?>\n<report xmlns=\"urn:crossroads:report:1\" format-version=\"1\">\n<oops/>\n</report>\n"
        #expect {
            try HTMLReport(xml: bad, path: "bad.xml").render()
        } throws: { error in
            guard case .invalid(let path, let diagnostics) = error as? CrossroadsError else { return false }
            return path == "bad.xml" && diagnostics.contains { $0.location?.line != nil }
        }
        #expect(throws: CrossroadsError.self) {
            try HTMLReport(xml: "<!DOCTYPE report [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><report>&x;</report>")
                .render()
        }
    }

    // MARK: The transform's security preferences

    static func stylesheet(_ body: String) -> String {
        """
        <xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
            xmlns:exsl="http://exslt.org/common" extension-element-prefixes="exsl">
          <xsl:template match="/">\(body)</xsl:template>
        </xsl:stylesheet>
        """
    }

    @Test(
        "A stylesheet that reads a file or the network is refused",
        arguments: [
            "<out><xsl:copy-of select=\"document('file:///etc/hostname')\"/></out>",
            "<out><xsl:copy-of select=\"document('/etc/passwd')\"/></out>",
            "<out><xsl:copy-of select=\"document('http://127.0.0.1:9/')\"/></out>",
        ])
    func readingIsRefused(body: String) {
        #expect(throws: XSLTransform.Failure.self) {
            try XSLTransform.apply(stylesheet: Self.stylesheet(body), to: "<in/>")
        }
    }

    @Test("A stylesheet that writes a file or makes a folder is refused, and nothing is written")
    func writingIsRefused() throws {
        let folder = ReadingTempFolder()
        let target = folder.path("sub/written.txt")
        let body = "<exsl:document href=\"\(target)\" method=\"text\">x</exsl:document><out/>"
        #expect(throws: XSLTransform.Failure.self) {
            try XSLTransform.apply(stylesheet: Self.stylesheet(body), to: "<in/>")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path("sub")))
        // The same stylesheet without the write works: the refusal is the security preferences'.
        #expect(try XSLTransform.apply(stylesheet: Self.stylesheet("<out/>"), to: "<in/>").contains("<out/>"))
    }
}

extension HTMLReportTests {
    /// A text report's lines joined into the sentences and list entries they wrap, without list markers
    /// or headings' underlines.
    static func logicalLines(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        var continuationIndent = -1
        func flush() {
            if !current.isEmpty { result.append(current) }
            current = ""
            continuationIndent = -1
        }
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            let indent = raw.prefix { $0 == " " }.count
            if line.isEmpty || line.allSatisfy({ $0 == "-" || $0 == "=" }) {
                flush()
            } else if line.hasPrefix("- ") {
                flush()
                current = String(line.dropFirst(2))
                continuationIndent = indent + 2
            } else if indent == continuationIndent {
                current += " " + line
            } else {
                flush()
                current = line
                continuationIndent = indent
            }
        }
        flush()
        return result
    }
}

@Suite("Comparison page")
struct ComparisonPageTests {
    @Test(
        "The comparison page is valid, private HTML; safety first when either take raised a concern",
        arguments: [
            ("mixed", "unsafe-right-now"), ("unsafe-right-now", "mixed"),
            ("mixed", "both-see-their-part-healthier-version"),
        ])
    func pageIsValid(earlier: String, later: String) throws {
        let comparison = try Comparison(
            earlier: ExampleFiles.xmlReport(earlier).path, later: ExampleFiles.answers(later).path)
        let xml = try comparison.xml()
        #expect(Validator.checkComparison(xml).isEmpty)
        let html = try comparison.html()
        #expect(HTMLChecks.problems(html) == [])
        let page = ParsedPage(html)
        let first = try #require(page.headings.first)
        #expect(
            first.text == (comparison.hasSafetyConcern ? "Before anything else: your safety" : "Comparing two takes"))
        // A pair of bars (then and now) for each scale both takes have, each named in words.
        let bars = page.elements.filter { $0.name == "svg" }
        #expect(bars.count == comparison.scaleChanges.count)
        #expect(bars.allSatisfy { ($0.attributes["aria-label"] ?? "").contains(": then ") })
        #expect(page.elements.filter { $0.name == "rect" && $0.attributes["class"] == "track" }.count == 2 * bars.count)
    }

    @Test("The person's notes with markup and scripts render as inert text in the comparison page")
    func hostileNotesAreInert() throws {
        let folder = ReadingTempFolder()
        let xml = try String(contentsOf: ExampleFiles.xmlReport("unsafe-right-now"), encoding: .utf8)
        let payload = "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;"
        let hostile = xml.replacing(/>([^<>\n]+)</) { ">\($0.1)\(payload)<" }
        let path = try folder.write("hostile.report.xml", hostile)
        let comparison = try Comparison(earlier: path, later: ExampleFiles.answers("mixed").path)
        let html = try comparison.html()
        #expect(HTMLChecks.problems(html) == [])
        #expect(ParsedPage(html).text.contains("<script>alert(1)</script>"))
        let text = comparison.text(width: 80)
        #expect(text.contains("<script>alert(1)</script>"), "text keeps the words, as words")
    }

    @Test(
        "A take is read as a report only when its root element is <report>",
        arguments: [
            ("<?xml version=\"1.0\"?>\n<!-- a comment -->\n<report xmlns=\"urn:crossroads:report:1\">", "report"),
            ("<r:report xmlns:r=\"urn:crossroads:report:1\"/>", "report"),
            ("<answers xmlns=\"urn:crossroads:answers:1\"><!-- urn:crossroads:report:1 --></answers>", "answers"),
            ("no markup at all", nil),
            // A comment that names another element is not the root element.
            ("<!-- from <report> --><answers xmlns=\"urn:crossroads:answers:1\"/>", "answers"),
        ])
    func rootName(text: String, root: String?) {
        #expect(Comparison.rootName(Array(text.utf8)) == root)
    }
}
