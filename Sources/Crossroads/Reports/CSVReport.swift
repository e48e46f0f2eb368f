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

    /// A table with columns for the scales of `assessments`.
    public init(assessments: [Assessment]) {
        var seen = Set<String>()
        var ids: [String] = []
        for assessment in assessments {
            for scale in assessment.scales where seen.insert(scale.id).inserted { ids.append(scale.id) }
        }
        scaleIDs = ids
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
        var fields: [String] = [
            source, index.map(String.init) ?? "", id ?? "", result.assessment.id, result.assessment.version,
            result.outcome.id, result.isSafetyFirst ? "true" : "false",
            Self.safetyUnanswered(result) ? "true" : "false",
        ]
        fields.reserveCapacity(fields.count + scaleIDs.count * 3 + 1)
        for id in scaleIDs {
            guard let scale = result.scales.first(where: { $0.scale.id == id }) else {
                fields += ["", "", ""]
                continue
            }
            fields.append(scale.score.map(\.description) ?? "")
            fields.append(scale.band?.id ?? "")
            switch scale.status {
            case .complete: fields.append("complete")
            case .prorated: fields.append("prorated")
            case .insufficient: fields.append("insufficient")
            }
        }
        fields.append(result.flags.map(\.flag.id).joined(separator: " "))
        return Self.line(fields)
    }

    /// Whether a question that can raise a safety flag (directly, or as a member of a scale a safety flag
    /// watches) was shown and left unanswered (declined or not reached).
    static func safetyUnanswered(_ result: ScoreResult) -> Bool {
        let safetyItems = Lookup.itemsThatCanRaiseASafetyFlag(result.assessment)
        return result.items.contains { item in
            (item.status == .declined || item.status == .notReached) && safetyItems.contains(item.item.id)
        }
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
