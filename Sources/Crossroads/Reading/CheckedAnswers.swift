/// A set of answers that passed every check, with its assessment (and scorer) and what was shown.
struct CheckedAnswers: Sendable {
    let prepared: AnswersCatalog.Prepared
    let visibility: Visibility
    private let made: Answers?
    /// The fast path's responses, by the position of the first item with each id, and the locale.
    private let responses: [Response?]
    private let locale: String?

    /// Answers the full reader made.
    init(answers: Answers, prepared: AnswersCatalog.Prepared, visibility: Visibility) {
        made = answers
        self.prepared = prepared
        self.visibility = visibility
        responses = []
        locale = nil
    }

    /// Responses the fast path read, by item position.
    init(prepared: AnswersCatalog.Prepared, visibility: Visibility, responses: [Response?], locale: String?) {
        made = nil
        self.prepared = prepared
        self.visibility = visibility
        self.responses = responses
        self.locale = locale
    }

    /// The answers, keyed by item id.
    var answers: Answers {
        if let made { return made }
        let scorer = prepared.scorer
        var answers = Answers(for: prepared.assessment, locale: locale)
        answers.responses.reserveCapacity(responses.count)
        for position in responses.indices {
            if let response = responses[position] { answers.responses[scorer.itemIDs[position]] = response }
        }
        return answers
    }
}
