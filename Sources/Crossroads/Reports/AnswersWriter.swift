/// Writes answers as an XML document valid against `Reports/answers.xsd`, for a later
/// `crossroads score` or a retake.
public struct AnswersWriter: Sendable {
    /// The answers to write.
    public var answers: Answers
    /// The assessment they answer, which fixes the order of the items.
    public var assessment: Assessment

    /// Creates a writer for answers to an assessment.
    public init(_ answers: Answers, for assessment: Assessment) {
        self.answers = answers
        self.assessment = assessment
    }

    /// The answers as XML: one `<answer>` per recorded item, in the assessment's order.
    ///
    /// Responses to items the assessment does not have are left out. Characters XML cannot hold are
    /// replaced, and words longer than ``Limits/maxAnswerTextLength`` (counted in Unicode code points, as the
    /// answers schema counts) are refused, so the file always reads back.
    public func render() throws(CrossroadsError) -> String {
        // Refuse what the reader would refuse, so a saved answers file always reads back.
        for (item, response) in answers.responses.sorted(by: { $0.key < $1.key }) {
            if let words = response.words, words.unicodeScalars.count > Limits.maxAnswerTextLength {
                throw .unwritable(
                    path: "<answers>",
                    reason: "the words for item \"\(item)\" are longer than \(Limits.maxAnswerTextLength) characters")
            }
        }
        do {
            return try XMLWriter.document { writer in
                try writer.element(
                    "answers", namespace: AnswersReader.namespace,
                    attributes: [
                        ("assessment", answers.assessmentID), ("version", answers.assessmentVersion),
                        ("locale", answers.locale.flatMap { Self.isValidLocale($0) ? $0 : nil }),
                    ]
                ) {
                    var written: Set<String> = []
                    for item in assessment.items where written.insert(item.id).inserted {
                        guard let response = answers[item.id] else { continue }
                        try write(response, for: item.id, with: writer)
                    }
                }
            }
        } catch {
            throw .unwritable(path: "<answers>", reason: "\(error)")
        }
    }

    private func write(_ response: Response, for item: String, with writer: XMLWriter) throws {
        switch response {
        case .chosen(let values, let note):
            try writer.element("answer", attributes: [("item", item)]) {
                for value in values { try writer.element("value", text: value) }
                try writer.optionalElement("note", text: note)
            }
        case .text(let text):
            try writer.element("answer", attributes: [("item", item)]) {
                try writer.element("text", text: text)
            }
        case .declined:
            try writer.element("answer", attributes: [("item", item), ("state", "declined")])
        case .notShown:
            try writer.element("answer", attributes: [("item", item), ("state", "not-shown")])
        case .notReached:
            try writer.element("answer", attributes: [("item", item), ("state", "not-reached")])
        }
    }

    /// Whether a locale string fits the answers schema (`en_GB.UTF-8`, `en-GB`): ``LocaleName``.
    static func isValidLocale(_ locale: String) -> Bool { LocaleName.isValid(locale) }
}
