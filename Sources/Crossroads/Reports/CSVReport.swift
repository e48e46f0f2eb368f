/// A table of results for a study: one header row and one row per scored answer set, as RFC 4180 CSV
/// (fields quoted when they hold a comma, a quote or a line break; lines end in CR LF).
///
/// Columns: `source`, `index` and `id` (where the set came from: the file, its position in a batch
/// document, the respondent's id), `assessment` and `version`, `outcome` (the outcome's id),
/// `safety_first` (`true` when the safety outcome was chosen), `safety_unanswered` (`true` when a question
/// that can raise a safety flag, directly or through a scale, was shown but not answered), then for each
/// scale `SCALE.score` (empty when there were too few answers), `SCALE.band` and `SCALE.status`
/// (`complete`, `prorated` or `insufficient`), and last `flags`, the raised flags' ids separated by spaces.
///
/// ```swift
/// let table = CSVReport(assessments: [assessment])
/// var csv = table.header
/// csv += table.row(assessment.score(answers), source: "p1.xml")
/// ```
public struct CSVReport: Sendable {
    /// The scale ids with columns, in order: every scale of every assessment given, each once.
    public let scaleIDs: [String]

    /// The items that can raise a safety flag, for each assessment given (worked out once, not per row).
    private let safetyItems: [SafetyItems]

    private struct SafetyItems: Sendable {
        let assessment: Assessment
        let ids: Set<String>
    }

    /// A table with columns for the scales of `assessments`.
    public init(assessments: [Assessment]) {
        var seen = Set<String>()
        var ids: [String] = []
        for assessment in assessments {
            for scale in assessment.scales where seen.insert(scale.id).inserted { ids.append(scale.id) }
        }
        scaleIDs = ids
        safetyItems = assessments.map { SafetyItems(assessment: $0, ids: Lookup.itemsThatCanRaiseASafetyFlag($0)) }
    }

    /// The items that can raise a safety flag in `assessment`.
    private func safetyItemIDs(_ assessment: Assessment) -> Set<String> {
        for known in safetyItems where known.assessment.id == assessment.id && known.assessment == assessment {
            return known.ids
        }
        return Lookup.itemsThatCanRaiseASafetyFlag(assessment)
    }

    /// The header row, ending in CR LF.
    public var header: String {
        var fields = ["source", "index", "id", "assessment", "version", "outcome", "safety_first", "safety_unanswered"]
        for id in scaleIDs { fields += ["\(id).score", "\(id).band", "\(id).status"] }
        fields.append("flags")
        return Self.line(fields)
    }

    /// The row for one result, ending in CR LF: `source` is its file, `index` its position in a batch
    /// document, `id` the respondent's id.
    public func row(_ result: ScoreResult, source: String, index: Int? = nil, id: String? = nil) -> String {
        let safetyItems = safetyItemIDs(result.assessment)
        let unanswered = result.items.contains { item in
            (item.status == .declined || item.status == .notReached) && safetyItems.contains(item.item.id)
        }
        return row(
            source: source, index: index, id: id, assessment: result.assessment, outcome: result.outcome,
            safetyUnanswered: unanswered, scales: result.scales, flags: result.flags)
    }

    /// The row for a set scored for a table (``Scorer/summary(visibility:)``): the same as for its full
    /// result.
    func row(_ summary: ScoreSummary, source: String, index: Int?, id: String?) -> String {
        // An item is declined or not reached when it was shown and no response counts for it.
        let safetyItems = safetyItemIDs(summary.assessment)
        let visibility = summary.visibility
        var unanswered = false
        for position in visibility.ids.indices
        where visibility.shown[position] && visibility.counted[position] == nil
            && safetyItems.contains(visibility.ids[position])
        {
            unanswered = true
            break
        }
        return row(
            source: source, index: index, id: id, assessment: summary.assessment, outcome: summary.outcome,
            safetyUnanswered: unanswered, scales: summary.scales, flags: summary.flags)
    }

    private func row(
        source: String, index: Int?, id: String?, assessment: Assessment, outcome: Outcome, safetyUnanswered: Bool,
        scales: [ScaleResult], flags: [RaisedFlag]
    ) -> String {
        var line = ""
        line.reserveCapacity(128 + scaleIDs.count * 24)
        Self.append(source, to: &line, first: true)
        Self.append(index.map(String.init) ?? "", to: &line)
        Self.append(id ?? "", to: &line)
        Self.append(assessment.id, to: &line)
        Self.append(assessment.version, to: &line)
        Self.append(outcome.id, to: &line)
        Self.append(outcome.isSafety ? "true" : "false", to: &line)
        Self.append(safetyUnanswered ? "true" : "false", to: &line)
        for id in scaleIDs {
            // By index, read in place: binding the scale's result would copy it, with all it holds.
            guard let index = scales.firstIndex(where: { $0.scale.id == id }) else {
                line += ",,,"
                continue
            }
            Self.append(scales[index].score.map(\.description) ?? "", to: &line)
            Self.append(scales[index].band?.id ?? "", to: &line)
            switch scales[index].status {
            case .complete: line += ",complete"
            case .prorated: line += ",prorated"
            case .insufficient: line += ",insufficient"
            }
        }
        var flagIDs = ""
        for (position, flag) in flags.enumerated() {
            if position > 0 { flagIDs += " " }
            flagIDs += flag.flag.id
        }
        Self.append(flagIDs, to: &line)
        return line + "\r\n"
    }

    private static func append(_ field: String, to line: inout String, first: Bool = false) {
        if !first { line += "," }
        line += quoted(field)
    }

    static func line(_ fields: [String]) -> String {
        var line = ""
        for (index, field) in fields.enumerated() {
            if index > 0 { line += "," }
            line += quoted(field)
        }
        return line + "\r\n"
    }

    /// A field as RFC 4180 writes it: quoted, with quotes doubled, when it holds `,`, `"`, CR or LF.
    static func quoted(_ field: String) -> String {
        let needsQuotes = field.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }
        guard needsQuotes else { return field }
        var result = "\""
        for character in field.unicodeScalars {
            if character == "\"" { result += "\"\"" } else { result.unicodeScalars.append(character) }
        }
        return result + "\""
    }
}
