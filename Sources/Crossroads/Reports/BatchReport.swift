/// The reports of many answer sets as one output: a CSV table, one `<reports>` XML document, or the text
/// reports one after another.
///
/// ``header``, then ``render(_:source:index:id:)`` for each scored set in input order, then ``footer``,
/// give the whole output. `render` is pure, so sets can be rendered on several threads and joined in order
/// (see ``AnswersBatch/score(jobs:render:deliver:)``): the bytes do not depend on how many threads.
public struct BatchReport: Sendable {
    /// An output format for many reports.
    public enum Format: String, Sendable, Hashable, CaseIterable {
        /// One header row and one row per set (``CSVReport``).
        case csv
        /// `<reports xmlns="urn:crossroads:report:1">` holding a `<set>` per set, each with its `<report>`.
        case xml
        /// The text reports, each after a line `==> SOURCE, set INDEX, id ID <==`, separated by a blank line.
        case text
        /// One printable HTML document: each set's page (``HTMLReport``) as an `<article>`, each starting on
        /// a new printed page, its ids made unique in the document.
        case html
    }

    /// The format.
    public let format: Format
    /// The reports' date (`YYYY-MM-DD`).
    public let date: String
    /// The width text reports are wrapped to.
    public let width: Int
    /// The CSV table's columns.
    public let table: CSVReport

    /// Reports of sets scored against `assessments` (their scales become the CSV columns).
    public init(format: Format, date: String, width: Int = 80, assessments: [Assessment]) {
        self.format = format
        self.date = date
        self.width = width
        table = CSVReport(assessments: assessments)
    }

    /// What comes before the first set's report.
    public var header: String {
        switch format {
        case .csv: table.header
        case .xml: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<reports xmlns=\"\(XMLReport.namespace)\">\n"
        case .text: ""
        case .html: Self.htmlHeader(date: date)
        }
    }

    /// What comes after the last set's report.
    public var footer: String {
        switch format {
        case .csv, .text: ""
        case .xml: "</reports>\n"
        case .html: "  </body>\n</html>\n"
        }
    }

    /// One entry's part of the output: the entry read, checked and scored, then rendered (a table row needs
    /// less of the scoring than a report, and gets only that). Safe to call from any thread; a failure is
    /// why the entry could not be read, checked or rendered.
    public func render(_ entry: AnswersBatch.Entry) -> Result<String, CrossroadsError> {
        if format == .csv {
            return entry.summary().map { table.row($0, source: entry.source, index: entry.index, id: entry.id) }
        }
        do throws(CrossroadsError) {
            let result = try entry.score().get()
            return .success(
                try render(result, source: entry.source, index: entry.index, id: entry.id, position: entry.position))
        } catch {
            return .failure(error)
        }
    }

    /// One set's part of the output; `first` says whether it is the first set written (text reports are
    /// separated by a blank line); `position` is the set's ``AnswersBatch/Entry/position``, which makes
    /// the ids of an HTML document unique (without it, they are made from the source, index and id).
    public func render(
        _ result: ScoreResult, source: String, index: Int?, id: String?, first: Bool = false, position: Int? = nil
    ) throws(CrossroadsError) -> String {
        switch format {
        case .csv:
            return table.row(result, source: source, index: index, id: id)
        case .xml:
            var report = try XMLReport(result, date: date).render()
            if report.hasPrefix("<?xml"), let end = report.firstIndex(of: "\n") {
                report = String(report[report.index(after: end)...])
            }
            var open = "<set source=\"\(Self.escaped(source))\""
            if let index { open += " index=\"\(index)\"" }
            if let id { open += " id=\"\(Self.escaped(id))\"" }
            return open + ">\n" + report + "</set>\n"
        case .text:
            var heading = "==> " + TextLayout.clean(source)
            if let index { heading += ", set \(index)" }
            if let id { heading += ", id " + TextLayout.clean(id) }
            heading += " <=="
            return (first ? "" : "\n") + heading + "\n\n" + TextReport(result, date: date).render(width: width)
        case .html:
            let prefix = "set-" + (position.map(String.init) ?? Self.idHash(source: source, index: index, id: id)) + "-"
            return try Self.htmlArticle(result, date: date, source: source, index: index, id: id, idPrefix: prefix)
        }
    }

    /// The start of the HTML document: the same head as a page of its own (no script, no external
    /// resource), with the page's style and a page break before each set after the first.
    static func htmlHeader(date: String) -> String {
        let style = Self.pageStyle()
        return """
            <!DOCTYPE html SYSTEM "about:legacy-compat">
            <html xmlns="http://www.w3.org/1999/xhtml">
              <head>
                <meta charset="utf-8"/>
                <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; \
            img-src data:; form-action 'none'; base-uri 'none'"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="referrer" content="no-referrer"/>
                <title>Reflection reports (\(escaped(date)))</title>
                <style>
            \(style)
            article.set + article.set { break-before: page; margin-top: 3rem; padding-top: 1.5rem; border-top: 3px solid #1a1a1a; }
            p.set-source { font-size: 0.85rem; color: #444; margin: 0 0 1rem; }
            @media print { article.set + article.set { margin-top: 0; padding-top: 0; border-top: none; } }
                </style>
              </head>
              <body>

            """
    }

    /// The shipped stylesheet's CSS (the text of its `<style>` element), so the document looks like the
    /// pages it holds.
    static func pageStyle() -> String {
        guard let sheet = Bundled.text(HTMLReport.stylesheetPath),
            let template = sheet.firstRange(of: "<xsl:template name=\"style\">"),
            let open = sheet[template.upperBound...].firstRange(of: "<style>"),
            let close = sheet[open.upperBound...].firstRange(of: "</style>")
        else { return "" }
        let css = sheet[open.upperBound..<close.lowerBound]
            .replacing("&lt;", with: "<").replacing("&gt;", with: ">")
            .replacing("&amp;", with: "&")
        return trimmingNewlines(String(css))
    }

    /// `text` without the line breaks at its start and end.
    static func trimmingNewlines(_ text: String) -> String {
        guard let first = text.firstIndex(where: { !$0.isNewline }),
            let last = text.lastIndex(where: { !$0.isNewline })
        else { return "" }
        return String(text[first...last])
    }

    /// One set's page as an `<article>`: the body of the page ``HTMLReport`` makes, in the assessment's
    /// language, with `idPrefix` before every id.
    static func htmlArticle(
        _ result: ScoreResult, date: String, source: String, index: Int?, id: String?, idPrefix: String
    ) throws(CrossroadsError) -> String {
        let page = try HTMLReport(result, date: date).render(idPrefix: idPrefix)
        guard let bodyOpen = page.firstRange(of: "<body>\n"),
            let bodyClose = page.ranges(of: "  </body>").last,
            bodyOpen.upperBound <= bodyClose.lowerBound
        else {
            throw CrossroadsError.invalid(
                path: source,
                diagnostics: [Diagnostic(.error, "internal error: the HTML page has no body", at: nil, file: source)])
        }
        let language = escaped(result.assessment.language)
        var label = source
        if let index { label += ", set \(index)" }
        if let id { label += ", id \(id)" }
        return "    <article class=\"set\" lang=\"\(language)\" xml:lang=\"\(language)\" aria-label=\"\(escaped(label))\">\n"
            + "    <p class=\"set-source\">\(escaped(label))</p>\n"
            + page[bodyOpen.upperBound..<bodyClose.lowerBound]
            + "    </article>\n"
    }

    /// 16 hexadecimal digits (FNV-1a over the set's source, index and id), for a caller that gives no
    /// position: the same set gets the same ids whatever the threads.
    static func idHash(source: String, index: Int?, id: String?) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in Array(source.utf8) + [0] + Array((index.map(String.init) ?? "").utf8) + [0] + Array((id ?? "").utf8) {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// Text for an XML attribute value: markup escaped, characters XML cannot hold replaced.
    static func escaped(_ text: String) -> String {
        var result = ""
        for scalar in XMLWriter.sanitized(text).unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\n": result += "&#10;"
            case "\r": result += "&#13;"
            case "\t": result += "&#9;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
