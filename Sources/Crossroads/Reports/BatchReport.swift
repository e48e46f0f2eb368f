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
        }
    }

    /// What comes after the last set's report.
    public var footer: String {
        switch format {
        case .csv, .text: ""
        case .xml: "</reports>\n"
        }
    }

    /// One set's part of the output; `first` says whether it is the first set written (text reports are
    /// separated by a blank line).
    public func render(_ result: ScoreResult, source: String, index: Int?, id: String?, first: Bool = false)
        throws(CrossroadsError) -> String
    {
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
        }
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
