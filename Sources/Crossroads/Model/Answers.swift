/// One person's responses to an assessment, keyed by item id.
public struct Answers: Sendable, Hashable {
    /// The id of the assessment answered.
    public var assessmentID: String
    /// The version of the assessment answered.
    public var assessmentVersion: String
    /// The person's locale (`en_GB.UTF-8`, `en-GB`), used to choose crisis resources.
    public var locale: String?
    /// The responses, by item id.
    public var responses: [String: Response]

    /// Creates an empty set of answers for an assessment id and version.
    public init(
        assessmentID: String, assessmentVersion: String, locale: String? = nil,
        responses: [String: Response] = [:]
    ) {
        self.assessmentID = assessmentID
        self.assessmentVersion = assessmentVersion
        self.locale = locale
        self.responses = responses
    }

    /// Creates an empty set of answers for an assessment.
    public init(for assessment: Assessment, locale: String? = nil) {
        self.init(assessmentID: assessment.id, assessmentVersion: assessment.version, locale: locale)
    }

    /// The response to an item; `nil` when it was not reached.
    public subscript(item: String) -> Response? {
        get { responses[item] }
        set { responses[item] = newValue }
    }
}
