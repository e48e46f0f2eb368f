/// The formats a report can be rendered in, by the name front ends use for them.
///
/// The `crossroads` tool (`--format`) and the C library (`crossroads_score`'s `format`) both render
/// through ``render(_:date:width:)``, so a report is the same bytes whichever way it was asked for, and
/// a format added here is offered by both.
///
/// ```swift
/// let format = ReportFormat(rawValue: "xml") ?? .text
/// let report = try format.render(assessment.score(answers), date: "2026-12-01", width: 72)
/// ```
public enum ReportFormat: String, Sendable, CaseIterable {
    /// Plain text for a person (``TextReport``).
    case text
    /// XML for tools, valid against `Reports/report.xsd` (``XMLReport``).
    case xml
    /// A self-contained, printable web page made from the XML report (``HTMLReport``).
    case html

    /// Renders `result` in this format.
    ///
    /// - Parameters:
    ///   - result: what to report.
    ///   - date: the report's date, `YYYY-MM-DD` (see ``ReportDate``).
    ///   - width: the width text is wrapped to (at least 20); formats that are not wrapped ignore it.
    /// - Returns: the report, ending in a newline.
    /// - Throws: what the format's renderer throws (see ``XMLReport/render()``).
    public func render(_ result: ScoreResult, date: String, width: Int = 80) throws(CrossroadsError) -> String {
        switch self {
        case .text: TextReport(result, date: date).render(width: width)
        case .xml: try XMLReport(result, date: date).render()
        case .html: try HTMLReport(result, date: date).render()
        }
    }
}
