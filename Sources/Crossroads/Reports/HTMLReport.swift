/// A printable, self-contained HTML page made from an ``XMLReport`` by the shipped stylesheet
/// `Reports/report-html.xsl`, applied with libxslt.
///
/// The page shows exactly what the XML report says: anyone with `xsltproc` gets the same page from a
/// saved XML report (`xsltproc Reports/report-html.xsl report.xml`). It opens with the safety section
/// whenever the report has a safety concern, draws each scale as an inline SVG bar with its range and its
/// band in words, keeps its first printed page short (result, safety, three questions to talk over), and
/// has no script and no external resource (a Content-Security-Policy forbids them). Text from the report,
/// the person's own words too, is always escaped.
///
/// The stylesheet runs with libxslt's security preferences denying every file and network access, so
/// the page depends on the report alone.
///
/// ```swift
/// let xml = try XMLReport(assessment.score(answers), date: "2026-12-01").render()
/// let page = try HTMLReport(xml: xml).render()
/// ```
public struct HTMLReport: Sendable {
    /// The shipped stylesheet, by its path in the package (embedded in the binary).
    public static let stylesheetPath = "Reports/report-html.xsl"

    /// The XML report the page is made from (valid against `Reports/report.xsd`).
    public let xml: String
    /// What errors name as the report (a file path, or `<XML report>` for one made in memory).
    public let path: String

    /// Creates a page from an XML report, such as ``XMLReport/render()`` returns or a saved report file
    /// holds; `path` names it in errors.
    public init(xml: String, path: String = "<XML report>") {
        self.xml = xml
        self.path = path
    }

    /// Creates a page for a result, dated `date` (`YYYY-MM-DD`), through its XML report.
    ///
    /// - Throws: what ``XMLReport/render()`` throws.
    public init(_ result: ScoreResult, date: String, engineVersion: String = Scorer.engineVersion)
        throws(CrossroadsError)
    {
        self.init(xml: try XMLReport(result, date: date, engineVersion: engineVersion).render())
    }

    /// The page as UTF-8 HTML, ending in a newline.
    ///
    /// - Throws: ``CrossroadsError/invalid(path:diagnostics:)`` when the XML is not a valid report (each
    ///   problem with its line and column) or the stylesheet fails on it.
    public func render() throws(CrossroadsError) -> String {
        try render(idPrefix: "")
    }

    /// The page, with `idPrefix` (ASCII letters, digits and `-`) before every id it makes, so that
    /// several pages can share one document.
    func render(idPrefix: String) throws(CrossroadsError) -> String {
        try Self.transform(
            xml, path: path, stylesheet: Self.stylesheetPath,
            parameters: idPrefix.isEmpty ? [:] : ["id-prefix": idPrefix],
            check: { Validator.checkReport($0, path: $1) })
    }

    /// Validates `xml` with `check`, then applies the shipped stylesheet at `stylesheet` to it, with
    /// `parameters` for its `xsl:param`s.
    static func transform(
        _ xml: String, path: String, stylesheet: String, parameters: [String: String] = [:],
        check: (String, String) -> [Diagnostic]
    ) throws(CrossroadsError) -> String {
        let problems = check(xml, path)
        if problems.hasErrors {
            throw CrossroadsError.invalid(path: path, diagnostics: problems.filter { $0.severity == .error })
        }
        guard let sheet = Bundled.text(stylesheet) else {
            throw Self.failure("internal error: the stylesheet \(stylesheet) is missing from this build", path: path)
        }
        do {
            let page = try XSLTransform.apply(stylesheet: sheet, to: xml, parameters: parameters)
            return page.hasSuffix("\n") ? page : page + "\n"
        } catch {
            throw Self.failure("could not make the HTML page: \(error.message)", path: path)
        }
    }

    private static func failure(_ message: String, path: String) -> CrossroadsError {
        .invalid(path: path, diagnostics: [Diagnostic(.error, message, at: nil, file: path)])
    }
}
