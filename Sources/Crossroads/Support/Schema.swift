/// The XML schemas Crossroads ships, embedded in the binary.
public enum Schema: String, Sendable, CaseIterable {
    /// Questionnaires and assessments (`Questionnaires/questionnaire.xsd`).
    case questionnaire
    /// Saved answers (`Reports/answers.xsd`).
    case answers
    /// XML reports (`Reports/report.xsd`).
    case report
    /// Comparisons of two takes (`Reports/comparison.xsd`).
    case comparison

    /// The schema's path in the repository.
    public var path: String {
        switch self {
        case .questionnaire: "Questionnaires/questionnaire.xsd"
        case .answers: "Reports/answers.xsd"
        case .report: "Reports/report.xsd"
        case .comparison: "Reports/comparison.xsd"
        }
    }

    /// The schema's text, as shipped; empty if this build lacks it.
    public var text: String { Bundled.text(path) ?? "" }
}
