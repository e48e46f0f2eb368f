/// An XML report of a scored assessment, valid against `Reports/report.xsd`, for tools to read.
///
/// It holds everything the ``TextReport`` says and the whole explanation behind it: every item's status
/// and response, every scale's arithmetic with each item's contribution, every raised flag with the
/// answers that raised it, the decision with every rule's evaluation and trace, the crisis resources
/// shown, the closing note and the provenance. Numbers are written with at most four decimals, the same
/// way on every machine, so the same result and date always give the same bytes.
///
/// ```swift
/// let xml = try XMLReport(assessment.score(answers), date: "2026-12-01").render()
/// ```
public struct XMLReport: Sendable {
    /// The report format's namespace.
    public static let namespace = "urn:crossroads:report:1"
    /// The report format's version, written on the root element.
    public static let formatVersion = 1

    /// The result being reported.
    public let result: ScoreResult
    /// The report's date (`YYYY-MM-DD`), an input so that the same result always gives the same report.
    public let date: String
    /// The engine version cited in the provenance.
    public let engineVersion: String

    /// Creates a report of a result, dated `date` (`YYYY-MM-DD`).
    public init(_ result: ScoreResult, date: String, engineVersion: String = Scorer.engineVersion) {
        self.result = result
        self.date = date
        self.engineVersion = engineVersion
    }

    /// The report as a UTF-8 XML document, ending in a newline.
    ///
    /// - Throws: ``CrossroadsError/invalid(path:diagnostics:)`` when the date is not a real `YYYY-MM-DD`
    ///   date or the result holds a NaN or infinite number (which a report cannot state), and
    ///   ``CrossroadsError/unwritable(path:reason:)`` if libxml2 fails to write.
    public func render() throws(CrossroadsError) -> String {
        guard ReportDate.isValid(date) else {
            throw Self.invalid(
                "the report date must be a real date written YYYY-MM-DD, such as 2026-11-27 "
                    + "(got \"\(TextLayout.clean(date, keepLineBreaks: false))\")")
        }
        let content = ReportContent(result, date: date, engineVersion: engineVersion)
        do {
            return try XMLWriter.document { writer in
                try ReportXMLBuilder(writer: writer, content: content).write()
            }
        } catch let error as NonFiniteNumber {
            throw Self.invalid(
                "the result holds a number that is not finite (\(error.place)), so no report was written")
        } catch {
            throw CrossroadsError.unwritable(path: Self.pathForErrors, reason: String(describing: error))
        }
    }

    /// What errors name as the file, since a report is made in memory.
    static let pathForErrors = "<XML report>"

    private static func invalid(_ message: String) -> CrossroadsError {
        .invalid(path: pathForErrors, diagnostics: [Diagnostic(.error, message, at: nil, file: pathForErrors)])
    }
}

/// A NaN or infinite number met while writing a report.
struct NonFiniteNumber: Error {
    /// Where it was ("scale connection score").
    var place: String
}

/// Writes the elements of one report.
private struct ReportXMLBuilder {
    let writer: XMLWriter
    let content: ReportContent
    var result: ScoreResult { content.result }

    init(writer: XMLWriter, content: ReportContent) {
        self.writer = writer
        self.content = content
    }

    func write() throws {
        let lookup = content.lookup
        try writer.element(
            "report", namespace: XMLReport.namespace,
            attributes: [("format-version", String(XMLReport.formatVersion))]
        ) {
            try provenance()
            try safety()
            try resources()
            try outcome()
            try decision(lookup)
            try scales()
            try highlights()
            try reflections()
            try items()
            try flags()
            try writer.element("disclaimer") {
                // `not-a-diagnosis` always has an engine default, so the text is never empty.
                try writer.element("not-a-diagnosis", text: content.wording.text(.notADiagnosis) ?? "")
                try writer.element("no-flag-is-not-safe", text: ReportWording.noFlagIsNotSafe)
            }
            try wording()
        }
    }

    // MARK: Parts

    /// Every message of the assessment's `<wording>` that has a text (its own, else the engine default),
    /// keyed by its element name, whether or not this report shows it, so a stylesheet can use them.
    private func wording() throws {
        let messages = AssessmentWording.Key.allCases.compactMap { key in
            content.wording.text(key).map { (key, $0) }
        }
        guard !messages.isEmpty else { return }
        try writer.element("wording") {
            for (key, text) in messages {
                try writer.element("message", attributes: [("key", key.rawValue)], text: text)
            }
        }
    }

    private func provenance() throws {
        let assessment = result.assessment
        try writer.element("provenance", attributes: [("date", content.date)]) {
            try writer.element(
                "assessment",
                attributes: [
                    ("id", assessment.id), ("version", assessment.version), ("language", assessment.language),
                    ("reviewed", assessment.reviewed),
                    ("content-hash", assessment.contentHash.isEmpty ? nil : assessment.contentHash),
                ]
            ) {
                try writer.element("title", text: assessment.title)
                for questionnaire in assessment.questionnaires {
                    try writer.element(
                        "questionnaire", attributes: [("id", questionnaire.id), ("version", questionnaire.version)])
                }
            }
            try writer.element(
                "engine", attributes: [("name", "Crossroads"), ("version", content.engineVersion)])
            try writer.element(
                "answers",
                attributes: [
                    ("assessment-id", result.answers.assessmentID),
                    ("assessment-version", result.answers.assessmentVersion),
                    ("locale", result.answers.locale),
                ])
        }
    }

    private func safety() throws {
        try writer.element(
            "safety",
            attributes: [
                ("concern", bool(content.hasSafetySection)), ("safety-first", bool(result.isSafetyFirst)),
                ("declined-questions", String(content.declinedSafetyQuestions.count)),
                ("shown-questions", String(content.shownSafetyQuestions)),
                ("unanswered-questions", String(result.unansweredSafetyQuestions.count)),
                ("questions-all-answered", bool(result.safetyQuestionsAllAnswered)),
            ]
        ) {
            if content.hasSafetySection {
                try writer.element("message", text: content.safetyMessage)
            }
            // Each flag with the answers the safety section quotes under it (follow-up answers too), each
            // answer quoted once in the section, as the text report does.
            for (description, fresh) in content.safetyFlagQuotes {
                try writer.element(
                    "flag",
                    attributes: [
                        ("ref", description.raised.flag.id), ("quoted", String(fresh.count)),
                        ("from-total", description.scaleTotal != nil ? "true" : nil),
                    ]
                ) {
                    try quotes(fresh, unanswered: description.unanswered)
                }
            }
            for tension in result.tensions {
                try writer.element("tension", attributes: [("ref", tension.id)]) {
                    try writer.element("title", text: tension.title)
                    try writer.element("message", text: tension.message)
                }
            }
            let lookup = content.lookup
            for id in result.unansweredSafetyQuestions {
                let status = lookup.item(id)?.status == .declined ? "declined" : "not-reached"
                try writer.element("unanswered", attributes: [("item", id), ("status", status)])
            }
        }
    }

    private func resources() throws {
        try writer.element(
            "resources", attributes: [("locale", content.localeTag), ("match", content.resourceMatch.rawValue)]
        ) {
            for resource in content.resources {
                try writer.element(
                    "resource",
                    attributes: [
                        ("id", resource.id), ("locale", resource.locale), ("checked", resource.checked),
                        ("topic", resource.topic), ("source", resource.source),
                        ("urgent", content.urgentResources.contains { $0.id == resource.id } ? "true" : nil),
                    ]
                ) {
                    try writer.element("name", text: resource.name)
                    try writer.element("about", text: resource.about)
                    for contact in resource.contacts {
                        try writer.element(
                            "contact", attributes: [("kind", contact.kind.rawValue), ("value", contact.value)],
                            text: contact.label)
                    }
                }
            }
        }
    }

    private func outcome() throws {
        let outcome = result.outcome
        try writer.element(
            "outcome",
            attributes: [
                ("id", outcome.id), ("priority", String(outcome.priority)), ("safety", bool(outcome.isSafety)),
                ("fallback", bool(outcome.isFallback)),
            ]
        ) {
            try writer.element("title", text: outcome.title)
            try writer.element("summary", text: outcome.summary)
            try writer.element("meaning", text: outcome.meaning)
            try writer.optionalElement("upside", text: outcome.upside)
            try writer.optionalElement("downside", text: outcome.downside)
            try writer.element("next-steps") {
                for step in content.nextSteps { try writer.element("step", text: step) }
            }
            try writer.element(
                "discuss", attributes: [("source", content.discussIsDefault ? "default" : "outcome")]
            ) {
                for step in content.discuss { try writer.element("step", text: step) }
            }
        }
    }

    private func decision(_ lookup: Lookup) throws {
        let decision = result.decision
        let reason: String
        var overrideFlags: [String] = []
        switch decision.reason {
        case .safetyOverride(let flags):
            reason = "safety-override"
            overrideFlags = flags
        case .rule:
            reason = "rule"
        case .fallback:
            reason = "fallback"
        }
        try writer.element("decision", attributes: [("outcome", decision.outcome.id), ("reason", reason)]) {
            try writer.element("why", text: content.why)
            for flag in overrideFlags {
                try writer.element("override-flag", attributes: [("ref", flag)])
            }
            for evaluation in decision.evaluations {
                let resultText: String
                switch evaluation.matched {
                case .some(true): resultText = "matched"
                case .some(false): resultText = "not-matched"
                case .none:
                    let hasRule = lookup.outcomes[evaluation.outcomeID]?.rule != nil
                    resultText = hasRule ? "not-tried" : "no-rule"
                }
                try writer.element(
                    "evaluation",
                    attributes: [
                        ("outcome", evaluation.outcomeID), ("priority", String(evaluation.priority)),
                        ("result", resultText),
                    ]
                ) {
                    if let trace = evaluation.trace { try self.trace(trace, lookup) }
                }
            }
        }
    }

    private func trace(_ trace: RuleTrace, _ lookup: Lookup) throws {
        let holds = ("holds", bool(trace.holds))
        switch trace.condition {
        case .flagRaised(let flag):
            try writer.element("flag-raised", attributes: [("flag", flag), holds])
        case .band(let scale, let bands):
            try writer.element(
                "band",
                attributes: [
                    ("scale", scale), ("bands", bands.joined(separator: " ")),
                    ("actual", lookup.scale(scale)?.band?.id), holds,
                ])
        case .insufficient(let scale):
            try writer.element("insufficient", attributes: [("scale", scale), holds])
        case .anyFlag(let category, let severity):
            // The raised flags that matched are its parts.
            try writer.element(
                "any-flag",
                attributes: [("category", category?.rawValue), ("severity", severity?.rawValue), holds]
            ) {
                for part in trace.parts { try self.trace(part, lookup) }
            }
        case .allOf, .anyOf, .noneOf:
            let name: String
            switch trace.condition {
            case .allOf: name = "all-of"
            case .anyOf: name = "any-of"
            default: name = "none-of"
            }
            try writer.element(name, attributes: [holds]) {
                for part in trace.parts { try self.trace(part, lookup) }
            }
        }
    }

    private func scales() throws {
        try writer.element("scales") {
            for scale in result.scales {
                let id = scale.scale.id
                let status: String
                var reason: String?
                switch scale.status {
                case .complete: status = "complete"
                case .prorated: status = "prorated"
                case .insufficient(let why):
                    status = "insufficient"
                    reason = why
                }
                try writer.element(
                    "scale",
                    attributes: [
                        ("id", id), ("status", status),
                        ("raw", try number(scale.raw, "scale \(id) raw")),
                        ("score", try scale.score.map { try number($0, "scale \(id) score") }),
                        ("minimum", try number(scale.minimum, "scale \(id) minimum")),
                        ("maximum", try number(scale.maximum, "scale \(id) maximum")),
                        ("answered-minimum", try number(scale.answeredMinimum, "scale \(id) answered minimum")),
                        ("answered-maximum", try number(scale.answeredMaximum, "scale \(id) answered maximum")),
                        ("normalised", try scale.normalised.map { try number($0, "scale \(id) normalised") }),
                        ("percent", scale.normalised.map { String(ReportContent.percent($0)) }),
                        ("shown", String(scale.shown)), ("answered", String(scale.answered)),
                        ("required", String(scale.required)),
                        ("safety", content.safetyScaleIDs.contains(id) ? "true" : nil),
                        ("verdict", content.showsVerdict(scale) ? "shown" : "withheld"),
                    ]
                ) {
                    try writer.element("title", text: scale.scale.title)
                    try writer.optionalElement("description", text: scale.scale.description)
                    if let band = scale.band, content.showsVerdict(scale) {
                        try writer.element(
                            "band",
                            attributes: [
                                ("id", band.id), ("from", try number(band.from, "band \(band.id) from")),
                                ("kind", band.kind.rawValue),
                            ]
                        ) {
                            try writer.element("label", text: band.label)
                            try writer.optionalElement("meaning", text: band.meaning)
                        }
                    }
                    try writer.optionalElement("insufficient-reason", text: reason)
                    for item in scale.withheld {
                        try writer.element("withheld", attributes: [("item", item)])
                    }
                    for contribution in scale.contributions {
                        try writer.element(
                            "contribution",
                            attributes: [
                                ("item", contribution.item), ("values", contribution.values.joined(separator: " ")),
                                ("weight", try number(contribution.weight, "contribution of \(contribution.item)")),
                                ("reversed", bool(contribution.reversed)),
                                ("points", try number(contribution.points, "contribution of \(contribution.item)")),
                            ])
                    }
                }
            }
        }
    }

    private func highlights() throws {
        try writer.element("highlights") {
            for (name, list) in [
                ("strength", content.strengths), ("concern", content.concerns), ("noticed", content.noticed),
            ] {
                for highlight in list {
                    try writer.element(
                        name,
                        attributes: [
                            ("scale", highlight.scaleID), ("band", highlight.bandID), ("flag", highlight.flagID),
                        ],
                        text: highlight.text)
                }
            }
        }
    }

    private func reflections() throws {
        try writer.element("reflections") {
            for reflection in content.reflections {
                try writer.element("reflection", attributes: [("item", reflection.itemID)]) {
                    try writer.element("question", text: reflection.question)
                    try writer.optionalElement("chosen", text: reflection.chosen)
                    try writer.optionalElement("prompt", text: reflection.prompt)
                    try writer.element("words", text: reflection.words)
                }
            }
        }
    }

    private func items() throws {
        try writer.element("items") {
            for itemResult in result.items {
                let item = itemResult.item
                try writer.element(
                    "item",
                    attributes: [
                        ("id", item.id), ("questionnaire", itemResult.questionnaireID), ("kind", item.kind.rawValue),
                        ("status", itemResult.status.rawValue),
                        ("ignored-response", itemResult.ignoredResponse ? "true" : nil),
                        ("invalid-response", itemResult.invalidResponse ? "true" : nil),
                    ]
                ) {
                    try writer.element("text", text: item.text)
                    if itemResult.status == .answered, let response = itemResult.response {
                        try self.response(response, item: item)
                    }
                }
            }
        }
    }

    private func response(_ response: Response, item: Item) throws {
        switch response {
        case .chosen(let values, let note):
            try writer.element("response") {
                for value in values {
                    let option = item.option(value)
                    try writer.element(
                        "choice",
                        attributes: [
                            ("value", value), ("label", option?.label),
                            ("weight", try option.map { try number($0.weight, "option \(value) of \(item.id)") }),
                        ])
                }
                try writer.optionalElement("note", text: note)
            }
        case .text(let text):
            try writer.element("response") {
                try writer.element("text", text: text)
            }
        case .declined, .notShown, .notReached:
            break
        }
    }

    /// Answers as a report quotes them, then the questions left unanswered.
    private func quotes(_ answers: [ReportContent.AnswerEvidence], unanswered: [String]) throws {
        for answer in answers {
            try writer.element("quote", attributes: [("item", answer.itemID), ("value", answer.value)]) {
                try writer.element("question", text: answer.question)
                try writer.element("answer", text: answer.answer)
            }
        }
        for question in unanswered {
            try writer.element("unanswered-question", text: question)
        }
    }

    private func flags() throws {
        let lookup = content.lookup
        try writer.element("flags") {
            for raised in result.flags {
                let flag = raised.flag
                try writer.element(
                    "flag",
                    attributes: [
                        ("id", flag.id), ("severity", flag.severity.rawValue), ("category", flag.category.rawValue),
                        ("safety-critical", bool(flag.isSafetyCritical)),
                    ]
                ) {
                    try writer.element("title", text: flag.title)
                    try writer.element("message", text: flag.message)
                    try writer.element("evidence") {
                        for evidence in raised.evidence {
                            switch evidence {
                            case .answer(let item, let value):
                                let label = result.items.first { $0.item.id == item }?.item.option(value)?.label
                                try writer.element(
                                    "answer", attributes: [("item", item), ("value", value), ("label", label)])
                            case .scale(let scale, let raw):
                                try writer.element(
                                    "scale-total",
                                    attributes: [("scale", scale), ("raw", try number(raw, "flag \(flag.id) total"))])
                            }
                        }
                    }
                    // A flag raised by a scale total, as the highlights quote it.
                    if raised.evidence.contains(where: { if case .scale = $0 { true } else { false } }) {
                        let description = lookup.describe(raised)
                        try writer.element("described") {
                            try quotes(description.answers, unanswered: description.unanswered)
                        }
                    }
                }
            }
        }
    }

    // MARK: Values

    private func bool(_ value: Bool) -> String { value ? "true" : "false" }

    private func number(_ value: FixedDecimal, _ place: String) throws -> String {
        value.description
    }

    private func number(_ value: Double, _ place: String) throws -> String {
        guard let text = XMLWriter.decimal(value, fractionDigits: 4) else { throw NonFiniteNumber(place: place) }
        return text
    }
}
