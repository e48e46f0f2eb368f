#if canImport(Glibc)
    import Glibc
#endif

/// What changed between two takes of the same assessment: safety first, then the outcome then and now,
/// each scale's change, the changed answers on the questions that drive the outcome, and the person's
/// notes from both takes side by side.
///
/// Each take is an answers file (scored with the assessment it names) or a saved XML report. Their
/// versions of the assessment may differ: what both have is compared, and what only one has is listed
/// as not compared. A safety concern that is no longer raised is never read as "safe now".
///
/// ```swift
/// let comparison = try Comparison(earlier: "march.answers.xml", later: "may.report.xml")
/// print(comparison.text(width: 80))
/// ```
public struct Comparison: Sendable {
    /// One take, as its XML report tells it.
    public struct Take: Sendable {
        /// The file it was read from.
        public var path: String
        /// Whether that file is an XML report (otherwise it is an answers file, scored here).
        public var isReport: Bool
        /// The date: the report's date, or for an answers file the day it was last saved.
        public var date: String
        /// The assessment's id and version.
        public var assessmentID: String
        /// The assessment's version.
        public var version: String
        /// The outcome's id and title.
        public var outcomeID: String
        /// The outcome's title.
        public var outcomeTitle: String
        /// Whether the safety outcome was chosen.
        public var safetyFirst: Bool
        /// The safety concerns raised (flag id and title), those the report's safety section describes.
        public var safetyConcerns: [Named]
        /// Whether the take's report opened with a safety section (a concern, raised by a flag or not).
        public var safetySection: Bool = false
        /// How many safety questions were shown and left unanswered (declined or not reached): that take
        /// can't tell whether the warning signs they look for apply.
        public var safetyQuestionsUnanswered: Int = 0
        /// Each scale, in the assessment's order.
        public var scales: [ScaleState]
        /// Each question's text and answer in words ("" when not answered), by item id.
        public var answers: [String: Answer]
        /// The items whose answers drive the outcome: those behind the decision's rules and its flags.
        public var drivingItems: [String]
        /// The person's own words, by item id, with the question.
        public var notes: [(item: String, question: String, words: String)]
    }

    /// An id with a title.
    public struct Named: Sendable, Hashable {
        /// The id.
        public var id: String
        /// The title.
        public var title: String
    }

    /// A question's answer in words.
    public struct Answer: Sendable, Hashable {
        /// The question.
        public var question: String
        /// The answer ("declined", "not shown" or the chosen labels).
        public var answer: String
    }

    /// A scale as one take left it.
    public struct ScaleState: Sendable, Hashable {
        /// Its id and title.
        public var id: String
        /// Its title.
        public var title: String
        /// The score, when scored (exact, as the report writes it).
        public var score: FixedDecimal?
        /// The lowest possible score.
        public var minimum: FixedDecimal
        /// The highest possible score.
        public var maximum: FixedDecimal
        /// Where the score falls between the two, from 0 to 1.
        public var normalised: Double?
        /// The band's id and label.
        public var band: Named?
    }

    /// One scale in both takes.
    public struct ScaleChange: Sendable, Hashable {
        /// Which way the score moved.
        public enum Direction: String, Sendable { case up, down, same, notScored = "not-scored" }
        /// The scale then.
        public var earlier: ScaleState
        /// The scale now.
        public var later: ScaleState
        /// Which way its position on the scale moved.
        public var direction: Direction
        /// Whether it moved into another band.
        public var crossedBand: Bool
    }

    /// A changed answer on a question that drives the outcome.
    public struct AnswerChange: Sendable, Hashable {
        /// The item's id.
        public var item: String
        /// The question (as the later take words it).
        public var question: String
        /// The answer then.
        public var earlier: String
        /// The answer now.
        public var later: String
    }

    /// The earlier take.
    public let earlier: Take
    /// The later take.
    public let later: Take

    /// Safety concerns raised in the later take, whether or not they were raised before.
    public var concernsNow: [Named] { later.safetyConcerns }
    /// Safety concerns raised in the earlier take that the later one does not raise.
    public var concernsNoLongerRaised: [Named] {
        let now = Set(later.safetyConcerns.map(\.id))
        return earlier.safetyConcerns.filter { !now.contains($0.id) }
    }
    /// Safety concerns the later take raises that the earlier one did not.
    public var newConcerns: [Named] {
        let then = Set(earlier.safetyConcerns.map(\.id))
        return later.safetyConcerns.filter { !then.contains($0.id) }
    }
    /// Whether the comparison opens with safety: either take raised a safety concern, had a safety
    /// section, or left safety questions unanswered.
    public var hasSafetyConcern: Bool {
        [earlier, later].contains {
            !$0.safetyConcerns.isEmpty || $0.safetySection || $0.safetyQuestionsUnanswered > 0
        }
    }

    /// What the safety section says of each take beyond its concerns: that its report put safety first
    /// without a concern to name, or that it left safety questions unanswered (so nothing in it means
    /// the warning signs don't apply).
    public var safetyNotes: [(take: String, text: String)] {
        [("earlier", earlier), ("later", later)].flatMap { name, take -> [(take: String, text: String)] in
            var notes: [(take: String, text: String)] = []
            if take.safetySection && take.safetyConcerns.isEmpty {
                notes.append((name, "The \(name) take (\(take.date)) opened with your safety, without a warning sign to name here."))
            }
            let count = take.safetyQuestionsUnanswered
            if count > 0 {
                let questions = count == 1 ? "1 question about safety was" : "\(count) questions about safety were"
                notes.append((
                    name,
                    "In the \(name) take (\(take.date)), \(questions) left unanswered. So that take can't tell "
                        + "whether the warning signs those questions look for apply to you, and nothing in it means "
                        + "that they don't."
                ))
            }
            return notes
        }
    }

    /// The scales both takes have, in the later take's order.
    public var scaleChanges: [ScaleChange] {
        later.scales.compactMap { now in
            guard let then = earlier.scales.first(where: { $0.id == now.id }) else { return nil }
            let direction: ScaleChange.Direction
            if let a = then.normalised, let b = now.normalised, then.score != nil, now.score != nil {
                direction = abs(a - b) < 0.00005 ? .same : (b > a ? .up : .down)
            } else {
                direction = .notScored
            }
            let crossed = then.band != nil && now.band != nil && then.band?.id != now.band?.id
            return ScaleChange(earlier: then, later: now, direction: direction, crossedBand: crossed)
        }
    }

    /// The changed answers on the questions that drive the outcome in either take, when both takes asked
    /// them.
    public var changedAnswers: [AnswerChange] {
        var seen = Set<String>()
        var result: [AnswerChange] = []
        for item in later.drivingItems + earlier.drivingItems where seen.insert(item).inserted {
            guard let then = earlier.answers[item], let now = later.answers[item], then.answer != now.answer
            else { continue }
            result.append(AnswerChange(item: item, question: now.question, earlier: then.answer, later: now.answer))
        }
        return result
    }

    /// What could not be compared because only one take's version of the assessment has it.
    public var notCompared: [String] {
        var lines: [String] = []
        let thenScales = Set(earlier.scales.map(\.id))
        let nowScales = Set(later.scales.map(\.id))
        for scale in earlier.scales where !nowScales.contains(scale.id) {
            lines.append("“\(scale.title)” is only in the earlier take (version \(earlier.version)).")
        }
        for scale in later.scales where !thenScales.contains(scale.id) {
            lines.append("“\(scale.title)” is only in the later take (version \(later.version)).")
        }
        let onlyThen = Set(earlier.answers.keys).subtracting(later.answers.keys).count
        let onlyNow = Set(later.answers.keys).subtracting(earlier.answers.keys).count
        if onlyThen > 0 {
            lines.append("\(onlyThen) question(s) are only in the earlier take (version \(earlier.version)).")
        }
        if onlyNow > 0 { lines.append("\(onlyNow) question(s) are only in the later take (version \(later.version)).") }
        return lines
    }

    /// Compares two takes read from files: each an answers file or an XML report of the same assessment.
    ///
    /// - Throws: ``CrossroadsError/unreadable(path:reason:)`` when a file can't be read, and
    ///   ``CrossroadsError/invalid(path:diagnostics:)`` when one is neither a valid answers file nor a
    ///   valid report, or when the two are takes of different assessments.
    public init(earlier: String, later: String) throws(CrossroadsError) {
        let then = try Self.take(file: earlier)
        let now = try Self.take(file: later)
        try self.init(then, now, earlierPath: earlier, laterPath: later)
    }

    /// Compares an earlier take read from a file (an answers file or an XML report) with a result just
    /// scored, dated `date` (`YYYY-MM-DD`): what `take --compare` shows at the end of a session.
    ///
    /// - Throws: what ``init(earlier:later:)`` throws, and what ``XMLReport/render()`` throws.
    public init(earlier: String, later result: ScoreResult, date: String) throws(CrossroadsError) {
        let then = try Self.take(file: earlier)
        let xml = try XMLReport(result, date: date).render()
        let path = "<this session>"
        let parsed = SafeXMLReader.read(
            Array(xml.utf8), path: path, schema: .report,
            roots: [SafeXMLReader.Root(namespace: XMLReport.namespace, name: "report")], kind: "report")
        guard let root = parsed.root else { throw CrossroadsError.invalid(path: path, diagnostics: parsed.diagnostics) }
        var now = Self.take(from: root, path: path)
        now.isReport = false
        try self.init(then, now, earlierPath: earlier, laterPath: path)
    }

    /// Checks that `path` can be read as a take (an answers file or an XML report) and returns the id of
    /// the assessment it is a take of, so a caller can refuse an unrelated file as early as possible.
    ///
    /// - Throws: what ``init(earlier:later:)`` throws for that file.
    public static func assessmentID(ofTake path: String) throws(CrossroadsError) -> String {
        try take(file: path).assessmentID
    }

    private init(_ then: Take, _ now: Take, earlierPath: String, laterPath: String) throws(CrossroadsError) {
        guard then.assessmentID == now.assessmentID else {
            throw CrossroadsError.invalid(
                path: laterPath,
                diagnostics: [
                    Diagnostic(
                        .error,
                        "these are takes of two different assessments (\(then.assessmentID) in \(earlierPath), "
                            + "\(now.assessmentID) here), so they can't be compared",
                        at: nil, file: laterPath)
                ])
        }
        earlier = then
        later = now
    }

    // MARK: Reading a take

    static func take(file path: String) throws(CrossroadsError) -> Take {
        let bytes = try InputFile.read(path)
        // A report's root element is <report>; anything else is read as an answers file.
        let isReport = Self.rootName(bytes) == "report"
        let xml: [UInt8]
        let reportPath: String
        let date: String
        if isReport {
            xml = bytes
            reportPath = path
            date = ""
        } else {
            let (answers, assessment) = try AnswersReader.read(bytes: bytes, path: path)
            date = Self.modificationDate(path) ?? "date not recorded"
            let rendered = try XMLReport(
                assessment.score(answers), date: ReportDate.isValid(date) ? date : "1970-01-01"
            )
            .render()
            xml = Array(rendered.utf8)
            reportPath = path
        }
        let parsed = SafeXMLReader.read(
            xml, path: reportPath, schema: .report,
            roots: [SafeXMLReader.Root(namespace: XMLReport.namespace, name: "report")], kind: "report")
        guard let root = parsed.root else {
            throw CrossroadsError.invalid(path: path, diagnostics: parsed.diagnostics)
        }
        var take = Self.take(from: root, path: path)
        take.isReport = isReport
        if !isReport { take.date = date }
        return take
    }

    /// The local name of the first element in `bytes` (after the XML declaration, comments and processing
    /// instructions), or `nil` when there is none in the first few kilobytes.
    static func rootName(_ bytes: [UInt8]) -> String? {
        StartTagScanner.firstElementName(in: Array(bytes.prefix(8192)))
    }

    /// The day `path` was last modified, `YYYY-MM-DD` in UTC.
    static func modificationDate(_ path: String) -> String? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        var seconds = status.st_mtim.tv_sec
        var parts = tm()
        guard gmtime_r(&seconds, &parts) != nil else { return nil }
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))"
    }

    static func take(from report: SourceElement, path: String) -> Take {
        let provenance = report.child("provenance")
        let assessment = provenance?.child("assessment")
        let outcome = report.child("outcome")
        let flags = report.child("flags")?.children(named: "flag") ?? []
        func flagTitle(_ id: String) -> String {
            flags.first { $0.attribute("id") == id }?.child("title")?.collapsedText ?? id
        }
        let safety = report.child("safety")
        let concerns = (safety?.children(named: "flag") ?? []).compactMap { $0.attribute("ref") }
            .map { Named(id: $0, title: flagTitle($0)) }
        let scaleElements = report.child("scales")?.children(named: "scale") ?? []
        let safetyFirst = safety?.attribute("safety-first") == "true"
        let scales = scaleElements.map { scale -> ScaleState in
            let band = scale.child("band").map {
                Named(id: $0.attribute("id") ?? "", title: $0.child("label")?.collapsedText ?? "")
            }
            let scored = scale.attribute("status") != "insufficient"
            // When safety comes first, only the scales about safety keep their band (issue 10): the others'
            // labels were written for the question of getting back together, and every one of them judges.
            // A report that withholds a band has none; one saved before that rule may still have it, so the
            // same rule is applied here.
            let verdict =
                scale.attribute("verdict") != "withheld" && (!safetyFirst || scale.attribute("safety") == "true")
            return ScaleState(
                id: scale.attribute("id") ?? "", title: scale.child("title")?.collapsedText ?? "",
                score: scored ? scale.attribute("score").flatMap(FixedDecimal.init) : nil,
                minimum: scale.attribute("minimum").flatMap(FixedDecimal.init) ?? .zero,
                maximum: scale.attribute("maximum").flatMap(FixedDecimal.init) ?? .zero,
                normalised: scored ? scale.attribute("normalised").flatMap(Double.init) : nil,
                band: scored && verdict ? band : nil)
        }
        var answers: [String: Answer] = [:]
        for item in report.child("items")?.children(named: "item") ?? [] {
            guard let id = item.attribute("id") else { continue }
            let question = item.child("text")?.collapsedText ?? id
            let words: String
            switch item.attribute("status") {
            case "declined": words = "(declined)"
            case "not-shown", "not-reached": words = "(not asked)"
            default:
                let response = item.child("response")
                let choices = (response?.children(named: "choice") ?? []).map {
                    $0.attribute("label") ?? $0.attribute("value") ?? ""
                }
                words = choices.isEmpty ? (response?.child("text")?.text ?? "") : choices.joined(separator: "; ")
            }
            answers[id] = Answer(question: question, answer: words)
        }
        // The questions behind the decision: every item contributing to a scale a rule tests, and every
        // item a raised flag names.
        var driving: [String] = []
        var testedScales = Set<String>()
        func collect(_ element: SourceElement) {
            if ["band", "insufficient"].contains(element.name), let scale = element.attribute("scale") {
                testedScales.insert(scale)
            }
            element.children.forEach(collect)
        }
        if let decision = report.child("decision") { collect(decision) }
        for scale in scaleElements where testedScales.contains(scale.attribute("id") ?? "") {
            driving += scale.children(named: "contribution").compactMap { $0.attribute("item") }
        }
        for flag in flags {
            driving += flag.child("evidence")?.children(named: "answer").compactMap { $0.attribute("item") } ?? []
        }
        let notes = (report.child("reflections")?.children(named: "reflection") ?? []).map {
            (
                item: $0.attribute("item") ?? "", question: $0.child("question")?.collapsedText ?? "",
                words: $0.child("words")?.text ?? ""
            )
        }
        return Take(
            path: path, isReport: true, date: provenance?.attribute("date") ?? "",
            assessmentID: assessment?.attribute("id") ?? "", version: assessment?.attribute("version") ?? "",
            outcomeID: outcome?.attribute("id") ?? "", outcomeTitle: outcome?.child("title")?.collapsedText ?? "",
            safetyFirst: safetyFirst, safetyConcerns: concerns,
            safetySection: safety?.attribute("concern") == "true",
            safetyQuestionsUnanswered: safety?.children(named: "unanswered").count ?? 0, scales: scales,
            answers: answers, drivingItems: driving, notes: notes)
    }
}
