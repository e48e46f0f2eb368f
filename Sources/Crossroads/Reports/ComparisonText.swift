extension Comparison {
    /// Why a concern that is no longer raised is not a sign of safety.
    static let noLongerRaisedIsNotSafe =
        "A concern that is no longer raised does not mean you are safe now. This comparison reflects only "
        + "the answers given on each day: answers can change for many reasons (a question read differently, "
        + "one left unanswered, or not wanting to see it), and situations can change quickly. If you ever "
        + "feel afraid of someone, or afraid for yourself, please reach out for help."

    /// The comparison as text wrapped to `width` characters (at least 20), ending in a newline: safety
    /// first whenever either take raised a concern, then the outcome then and now, each scale's change,
    /// the changed answers behind the result, the person's notes side by side, and what could not be
    /// compared.
    public func text(width: Int = 80) -> String {
        let width = max(width, TextLayout.minimumWidth)
        var lines: [String] = []
        func heading(_ title: String, _ mark: Character = "-") {
            if !lines.isEmpty { lines.append("") }
            let wrapped = TextLayout.wrap(title, width: width)
            lines += wrapped + [String(repeating: mark, count: wrapped.map(\.count).max() ?? 0), ""]
        }
        func paragraph(_ text: String, indent: Int = 0, bullet: Bool = false) {
            let pad = String(repeating: " ", count: indent)
            lines += TextLayout.wrap(
                TextLayout.clean(text), width: width, first: pad + (bullet ? "- " : ""),
                rest: pad + (bullet ? "  " : ""))
        }
        func titles(_ named: [Named]) -> String {
            ReportWording.list(named.map { "“\($0.title)”" })
        }
        if hasSafetyConcern {
            heading("Before anything else: your safety")
            if !newConcerns.isEmpty {
                paragraph("New in the later take (\(later.date)): \(titles(newConcerns)).")
            }
            let ongoing = later.safetyConcerns.filter { concern in
                earlier.safetyConcerns.contains { $0.id == concern.id }
            }
            if !ongoing.isEmpty {
                paragraph("Raised in both takes: \(titles(ongoing)).")
            }
            if !concernsNoLongerRaised.isEmpty {
                paragraph(
                    "Raised in the earlier take (\(earlier.date)) but not in the later one: "
                        + "\(titles(concernsNoLongerRaised)).")
                lines.append("")
                paragraph(Self.noLongerRaisedIsNotSafe)
            }
            for note in safetyNotes {
                paragraph(note.text)
            }
            lines.append("")
            paragraph(ReportWording.emergency)
            lines.append("")
            paragraph(
                "The full report of each take lists the services that can help "
                    + "(crossroads score FILE shows it again).")
        }
        heading("Comparing two takes", "=")
        paragraph("Earlier: \(earlier.date), \(earlier.assessmentID) version \(earlier.version).")
        paragraph("Later: \(later.date), \(later.assessmentID) version \(later.version).")
        if ReportDate.isValid(earlier.date), ReportDate.isValid(later.date), earlier.date > later.date {
            lines.append("")
            paragraph(
                "The earlier take is dated after the later one: were the two files given in that order "
                    + "(earlier first)?")
        }

        heading("The result then and now")
        paragraph("Then (\(earlier.date)): \(earlier.outcomeTitle)")
        paragraph("Now (\(later.date)): \(later.outcomeTitle)")
        lines.append("")
        paragraph(
            earlier.outcomeID == later.outcomeID
                ? "The result is the same." : "The result has changed.")

        let changes = scaleChanges
        if !changes.isEmpty {
            heading("How the scores moved")
            for change in changes {
                paragraph(change.later.title)
                paragraph(Self.describe(change), indent: 2)
            }
        }

        heading("Answers that changed on the questions behind the result")
        let answers = changedAnswers
        if answers.isEmpty {
            paragraph("None of the answers behind the result changed.")
        }
        for change in answers {
            paragraph(change.question)
            paragraph("Then: \(change.earlier)", indent: 2)
            paragraph("Now: \(change.later)", indent: 2)
        }

        heading("In your own words, then and now")
        let items = Self.unique(earlier.notes.map(\.item) + later.notes.map(\.item))
        if items.isEmpty { paragraph("Neither take has notes in your own words.") }
        for item in items {
            let then = earlier.notes.first { $0.item == item }
            let now = later.notes.first { $0.item == item }
            paragraph(now?.question ?? then?.question ?? item)
            paragraph("Then: " + (then.map { "“\($0.words)”" } ?? "(no note)"), indent: 2)
            paragraph("Now: " + (now.map { "“\($0.words)”" } ?? "(no note)"), indent: 2)
        }

        let missing = notCompared
        if !missing.isEmpty {
            heading("What could not be compared")
            paragraph(
                "The two takes used different versions of the assessment (\(earlier.version) and "
                    + "\(later.version)); only what both have is compared above.")
            for line in missing { paragraph(line, bullet: true) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A scale's change in words: "Score 8 → 10 on 0–12 (up); band “A” → “B”: crossed into another band."
    static func describe(_ change: ScaleChange) -> String {
        func score(_ state: ScaleState) -> String {
            guard let value = state.score, let normalised = state.normalised else { return "not scored" }
            return "\(TextReport.number(value)) (\(ReportContent.percent(normalised))%)"
        }
        let direction: String
        switch change.direction {
        case .up: direction = "up"
        case .down: direction = "down"
        case .same: direction = "no change"
        case .notScored: direction = "can't say which way: not scored in both takes"
        }
        var text =
            "Then \(score(change.earlier)), now \(score(change.later)), on a range from "
            + "\(TextReport.number(change.later.minimum)) to \(TextReport.number(change.later.maximum)): \(direction)."
        if let then = change.earlier.band, let now = change.later.band {
            text +=
                change.crossedBand
                ? " Band: “\(then.title)” then, “\(now.title)” now (crossed into another band)."
                : " Band: “\(now.title)” both times."
        }
        return text
    }

    static func unique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }
}
