/// A plain-text report of a scored assessment, for the person who answered and anyone they share it with.
///
/// When a safety concern was raised, the report opens with it, with the crisis resources for the
/// person's locale. Then come the outcome and what it means, why it was chosen, each scale as a text bar
/// with its band in words, strengths and things to look at, the person's own words quoted exactly,
/// questions to talk over, a closing note (a reflection aid, not a diagnosis; no safety flag does not
/// mean safe) and the report's provenance.
///
/// The same result, date and width always give the same bytes.
///
/// ```swift
/// let result = assessment.score(answers)
/// print(TextReport(result, date: "2026-12-01").render(width: 80))
/// ```
public struct TextReport: Sendable {
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

    /// The report as text wrapped to `width` characters (at least 20), ending in a newline.
    ///
    /// Only a word longer than a line (a long web address, say) makes a line exceed the width.
    public func render(width: Int = 80) -> String {
        let width = max(width, TextLayout.minimumWidth)
        return sections().map { $0.render(width: width) }.joined(separator: "\n")
    }

    // MARK: Sections

    /// A titled part of a text report.
    struct Section: Sendable, Hashable {
        /// What a section is about.
        enum Kind: String, Sendable, Hashable {
            case safety, heading, outcome, scales, highlights, reflections, discuss, closing, provenance
        }

        var kind: Kind
        var title: String
        var blocks: [Block]

        func render(width: Int) -> String {
            let titleLines = TextLayout.wrap(title, width: width)
            let underline = String(
                repeating: kind == .heading ? "=" : "-", count: titleLines.map(\.count).max() ?? 0)
            var lines = titleLines + [underline, ""]
            for (index, block) in blocks.enumerated() {
                if block.spaceBefore && index > 0 { lines.append("") }
                if let normalised = block.bar {
                    let cells = max(5, min(20, width - 12))
                    lines.append(
                        block.first + TextLayout.bar(normalised, cells: cells) + " "
                            + "\(ReportContent.percent(normalised))%")
                    continue
                }
                lines += TextLayout.wrap(
                    block.text, width: width, first: block.first, rest: block.rest, verbatim: block.verbatim)
            }
            return lines.joined(separator: "\n") + "\n"
        }
    }

    /// A paragraph, list entry or quotation within a section.
    struct Block: Sendable, Hashable {
        var text: String
        /// What the first line starts with.
        var first: String = ""
        /// What the other lines start with.
        var rest: String = ""
        /// Whether a blank line separates it from the block before.
        var spaceBefore: Bool = true
        /// Whether its line breaks and spacing are the person's own, to keep.
        var verbatim: Bool = false
        /// For a scale's bar: the normalised score it shows (the text is then unused).
        var bar: Double? = nil

        static func bar(_ normalised: Double, indent: Int) -> Block {
            let pad = String(repeating: " ", count: indent)
            return Block(text: "", first: pad, rest: pad, spaceBefore: false, bar: normalised)
        }

        static func paragraph(_ text: String, indent: Int = 0, tight: Bool = false) -> Block {
            let pad = String(repeating: " ", count: indent)
            return Block(text: text, first: pad, rest: pad, spaceBefore: !tight)
        }

        static func bullet(_ text: String, indent: Int = 0, tight: Bool = true) -> Block {
            let pad = String(repeating: " ", count: indent)
            return Block(text: text, first: pad + "- ", rest: pad + "  ", spaceBefore: !tight)
        }

        static func numbered(_ number: Int, _ text: String, tight: Bool = true) -> Block {
            let marker = "\(number). "
            return Block(
                text: text, first: "  " + marker, rest: String(repeating: " ", count: marker.count + 2),
                spaceBefore: !tight)
        }

        static func quotation(_ words: String, indent: Int = 4) -> Block {
            let pad = String(repeating: " ", count: indent)
            return Block(text: "“" + words + "”", first: pad, rest: pad, spaceBefore: false, verbatim: true)
        }
    }

    /// The report's sections, in order: the safety section first whenever there is one.
    func sections() -> [Section] {
        let content = ReportContent(result, date: date, engineVersion: engineVersion)
        var sections: [Section] = []
        if content.hasSafetySection { sections.append(safetySection(content)) }
        sections.append(headingSection(content))
        sections.append(outcomeSection(content))
        if !result.scales.isEmpty { sections.append(scalesSection(content)) }
        sections.append(highlightsSection(content))
        sections.append(reflectionsSection(content))
        sections.append(discussSection(content))
        sections.append(closingSection(content))
        sections.append(provenanceSection(content))
        return sections
    }

    private func safetySection(_ content: ReportContent) -> Section {
        var blocks: [Block] = [.paragraph(content.safetyMessage), .paragraph(ReportWording.emergency)]
        if !content.safetyFlags.isEmpty {
            blocks.append(.paragraph("What your answers showed:"))
            for description in content.safetyFlags {
                let flag = description.raised.flag
                blocks.append(.bullet(flag.title, tight: false))
                blocks.append(.paragraph(flag.message, indent: 2, tight: true))
                if let total = description.scaleTotal {
                    blocks.append(
                        .paragraph(
                            "Together, your answers about “\(total.title)” came to \(Self.number(total.raw)):",
                            indent: 2, tight: true))
                }
                for answer in description.answers {
                    blocks.append(
                        .paragraph(
                            "You answered “\(answer.answer)” to: \(answer.question)", indent: 2, tight: true))
                }
            }
        }
        blocks.append(.paragraph("Where to get help:"))
        blocks += resourceBlocks(content, withAbout: true)
        blocks.append(.paragraph(ReportWording.privacy))
        return Section(kind: .safety, title: "Before anything else: your safety", blocks: blocks)
    }

    private func resourceBlocks(_ content: ReportContent, withAbout: Bool) -> [Block] {
        guard !content.resources.isEmpty else { return [.paragraph(ReportWording.noResources)] }
        var blocks: [Block] = []
        for resource in content.resources {
            blocks.append(.paragraph(resource.name, indent: 2))
            if (withAbout || resource.contacts.isEmpty) && !resource.about.allSatisfy(\.isWhitespace) {
                blocks.append(.paragraph(resource.about, indent: 4, tight: true))
            }
            for contact in resource.contacts {
                blocks.append(.bullet(Self.contact(contact), indent: 4))
            }
            blocks.append(.paragraph("Details last checked: \(resource.checked).", indent: 4, tight: true))
        }
        return blocks
    }

    /// A contact as the person would use it: "Call: 0808 2000 247", or the label alone when it already
    /// holds the number ("Text START to 88788"), or "Phone: 999" when there is no label.
    static func contact(_ contact: CrisisResource.Contact) -> String {
        let label = contact.label.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if label.isEmpty {
            let kind: String
            switch contact.kind {
            case .phone: kind = "Phone"
            case .text: kind = "Text"
            case .web: kind = "Web"
            }
            return "\(kind): \(contact.value)"
        }
        if !contact.value.isEmpty && label.contains(contact.value) { return label }
        return "\(label): \(contact.value)"
    }

    private func headingSection(_ content: ReportContent) -> Section {
        Section(
            kind: .heading, title: result.assessment.title,
            blocks: [.paragraph("Your reflection report, \(date).")])
    }

    private func outcomeSection(_ content: ReportContent) -> Section {
        let outcome = result.outcome
        var blocks: [Block] = [.paragraph("Result: \(outcome.title)")]
        blocks.append(.paragraph(outcome.summary))
        blocks.append(.paragraph(outcome.meaning))
        if let upside = outcome.upside { blocks.append(.paragraph("What could be good about this path: \(upside)")) }
        if let downside = outcome.downside { blocks.append(.paragraph("What could be hard about it: \(downside)")) }
        if !outcome.nextSteps.isEmpty {
            blocks.append(.paragraph("Next steps:"))
            for (index, step) in outcome.nextSteps.enumerated() {
                blocks.append(.numbered(index + 1, step))
            }
        }
        blocks.append(.paragraph("Why this result: \(content.why)"))
        return Section(kind: .outcome, title: "What your answers point to", blocks: blocks)
    }

    private func scalesSection(_ content: ReportContent) -> Section {
        var blocks: [Block] = [.paragraph(ReportWording.scalesIntroduction)]
        if result.isSafetyFirst { blocks.append(.paragraph(ReportWording.safetyOutranksScores)) }
        for scale in result.scales {
            blocks.append(.paragraph(scale.scale.title))
            if scale.isInsufficient || scale.score == nil || scale.normalised == nil {
                blocks.append(.paragraph(ReportWording.insufficient(scale), indent: 2, tight: true))
                continue
            }
            blocks.append(.bar(scale.normalised ?? 0, indent: 2))
            let score = scale.score.map(Self.number) ?? "?"
            blocks.append(
                .paragraph(
                    "Score \(score), on a range from \(Self.number(scale.minimum)) to \(Self.number(scale.maximum)).",
                    indent: 2, tight: true))
            if let band = scale.band {
                blocks.append(
                    .paragraph(
                        "Band: \(band.label) (\(ReportWording.kind(band.kind))).", indent: 2, tight: true))
                if let meaning = band.meaning { blocks.append(.paragraph(meaning, indent: 2, tight: true)) }
            }
            if case .prorated = scale.status {
                blocks.append(.paragraph(ReportWording.prorated(scale), indent: 2, tight: true))
            }
        }
        return Section(kind: .scales, title: "How your answers add up", blocks: blocks)
    }

    private func highlightsSection(_ content: ReportContent) -> Section {
        var blocks: [Block] = []
        let groups: [(String, [ReportContent.Highlight])] = [
            ("Going well:", content.strengths),
            ("Worth looking at:", content.concerns),
            ("Also noticed:", content.noticed),
        ]
        for (heading, highlights) in groups where !highlights.isEmpty {
            blocks.append(.paragraph(heading))
            blocks += highlights.map { .bullet($0.text, indent: 2) }
        }
        if blocks.isEmpty {
            blocks.append(
                .paragraph(
                    "Your answers did not mark any area as a clear strength or a clear concern."))
        }
        return Section(kind: .highlights, title: "Strengths and things to look at", blocks: blocks)
    }

    private func reflectionsSection(_ content: ReportContent) -> Section {
        guard !content.reflections.isEmpty else {
            return Section(
                kind: .reflections, title: "In your own words", blocks: [.paragraph(ReportWording.noReflections)])
        }
        var blocks: [Block] = [.paragraph("What you wrote, exactly as you wrote it.")]
        for reflection in content.reflections {
            blocks.append(.paragraph(reflection.question))
            if let chosen = reflection.chosen {
                blocks.append(.paragraph("Your answer: \(chosen)", indent: 2, tight: true))
            }
            if let prompt = reflection.prompt {
                blocks.append(.paragraph(prompt, indent: 2, tight: true))
            }
            blocks.append(.quotation(reflection.words))
        }
        return Section(kind: .reflections, title: "In your own words", blocks: blocks)
    }

    private func discussSection(_ content: ReportContent) -> Section {
        Section(
            kind: .discuss, title: "To talk over with a friend or therapist",
            blocks: content.discuss.map { .bullet($0) })
    }

    private func closingSection(_ content: ReportContent) -> Section {
        var blocks: [Block] = [
            .paragraph(ReportWording.notADiagnosis), .paragraph(ReportWording.noFlagIsNotSafe),
        ]
        if content.declinedSafetyQuestions > 0 {
            blocks.append(.paragraph(ReportWording.declinedSafetyQuestions(content.declinedSafetyQuestions)))
        }
        if content.hasSafetySection {
            blocks.append(.paragraph(ReportWording.resourcesAbove))
        } else {
            blocks.append(
                .paragraph(content.resources.isEmpty ? ReportWording.emergency : ReportWording.resourcesBelow))
            blocks += resourceBlocks(content, withAbout: false)
        }
        return Section(kind: .closing, title: "A note about this report", blocks: blocks)
    }

    private func provenanceSection(_ content: ReportContent) -> Section {
        let assessment = result.assessment
        var blocks: [Block] = [
            .paragraph("Assessment: \(assessment.title) (\(assessment.id), version \(assessment.version))"),
            .paragraph("Content last reviewed: \(assessment.reviewed)", tight: true),
        ]
        let questionnaires = assessment.questionnaires.map { "\($0.id) \($0.version)" }
        if !questionnaires.isEmpty {
            blocks.append(.paragraph("Questionnaires: \(questionnaires.joined(separator: ", "))", tight: true))
        }
        let hash = assessment.contentHash.isEmpty ? "not recorded" : assessment.contentHash
        blocks.append(.paragraph("Content hash (SHA-256): \(hash)", tight: true))
        blocks.append(.paragraph("Engine version: \(engineVersion)", tight: true))
        blocks.append(.paragraph("Report date: \(date)", tight: true))
        return Section(kind: .provenance, title: "About this report", blocks: blocks)
    }

    /// A number for people: at most two decimals, no trailing zeros.
    static func number(_ value: Double) -> String {
        XMLWriter.decimal(value, fractionDigits: 2) ?? "?"
    }
}
