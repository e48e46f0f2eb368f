/// A plain-text report of a scored assessment, for the person who answered and anyone they share it with.
///
/// When a safety concern was raised, the report opens with it, with the crisis resources for the
/// person's locale. Then come the outcome and what it means (opened by a plain note when most questions
/// were left unanswered), why it was chosen, each scale as a text bar (or, for yes/no questions, a count)
/// with its band in words, strengths and things to look at, the person's own words quoted exactly,
/// questions to talk over, a closing note (a reflection aid, not a diagnosis; no safety flag does not
/// mean safe) and the report's provenance. When the safety outcome was chosen, no strengths are listed
/// and the scales about the relationship are shown without a verdict.
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
        // What a raised flag asks for at once (a crisis line), in the first screen.
        if !content.urgentResources.isEmpty {
            blocks.append(.paragraph(ReportWording.urgentResources))
            for resource in content.urgentResources {
                blocks.append(.paragraph(resource.name, indent: 2, tight: true))
                blocks += resource.contacts.map { .bullet(Self.contact($0), indent: 4) }
                blocks.append(.paragraph("Details last checked: \(resource.checked).", indent: 4, tight: true))
            }
        }
        if !content.safetyFlags.isEmpty {
            blocks.append(.paragraph("What your answers showed:"))
            // Each answer is quoted once: a warning whose answer a pattern above already quoted gets only its
            // title and message.
            for (description, fresh) in content.safetyFlagQuotes {
                let flag = description.raised.flag
                blocks.append(.bullet(flag.title, tight: false))
                blocks.append(.paragraph(flag.message, indent: 2, tight: true))
                blocks += Self.evidenceBlocks(
                    fresh, unanswered: description.unanswered, fromTotal: description.scaleTotal != nil, indent: 2)
            }
        }
        if !result.tensions.isEmpty {
            blocks.append(.paragraph(ReportWording.tensionsIntroduction))
            for tension in result.tensions {
                blocks.append(.bullet(tension.title, tight: false))
                blocks.append(.paragraph(tension.message, indent: 2, tight: true))
            }
        }
        if content.safetyQuestionsUnanswered {
            blocks.append(
                .paragraph(
                    ReportWording.unansweredSafetyQuestions(
                        declined: content.declinedSafetyQuestions, notReached: content.notReachedSafetyQuestions,
                        of: content.shownSafetyQuestions, resourcesAre: content.resources.isEmpty ? nil : "below")))
        }
        // With no words of the person's own to put it before, it goes here, with what they shared.
        if content.reflections.isEmpty, let notYourFault = content.wording.text(.notYourFault) {
            blocks.append(.paragraph(notYourFault))
        }
        blocks.append(.paragraph("Where to get help:"))
        blocks += resourceBlocks(content, withAbout: true)
        if let privacy = content.wording.text(.privacy) { blocks.append(.paragraph(privacy)) }
        return Section(kind: .safety, title: "Before anything else: your safety", blocks: blocks)
    }

    /// The answers behind a flag: "You answered “Yes” to: …" for each; for a scale total, the questions
    /// listed under one line when they share an answer; then any questions left unanswered.
    static func evidenceBlocks(
        _ answers: [ReportContent.AnswerEvidence], unanswered: [String], fromTotal: Bool, indent: Int
    ) -> [Block] {
        var blocks: [Block] = []
        let labels = Set(answers.map(\.answer))
        if fromTotal && answers.count > 1 && labels.count == 1, let label = labels.first {
            blocks.append(.paragraph("You answered “\(label)” to these questions:", indent: indent, tight: true))
            blocks += answers.map { .bullet($0.question, indent: indent) }
        } else {
            blocks += answers.map {
                .paragraph("You answered “\($0.answer)” to: \($0.question)", indent: indent, tight: true)
            }
        }
        if unanswered.count == 1, let question = unanswered.first {
            blocks.append(.paragraph("You didn't answer: \(question)", indent: indent, tight: true))
        } else if !unanswered.isEmpty {
            blocks.append(.paragraph("You didn't answer these questions:", indent: indent, tight: true))
            blocks += unanswered.map { .bullet($0, indent: indent) }
        }
        return blocks
    }

    private func resourceBlocks(_ content: ReportContent, withAbout: Bool) -> [Block] {
        guard !content.resources.isEmpty else {
            return content.wording.text(.noResources).map { [.paragraph($0)] } ?? []
        }
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
        var blocks: [Block] = []
        // Without a safety section, unanswered safety questions are said first, before the result, so that
        // nothing below reads as "all clear"; with one, the safety section says it.
        if content.safetyQuestionsUnanswered && !content.hasSafetySection {
            blocks.append(
                .paragraph(
                    ReportWording.unansweredSafetyQuestions(
                        declined: content.declinedSafetyQuestions, notReached: content.notReachedSafetyQuestions,
                        of: content.shownSafetyQuestions,
                        resourcesAre: content.resources.isEmpty ? nil : "at the end of this report")))
        }
        if content.isSparse {
            blocks.append(
                .paragraph(
                    ReportWording.tooLittleToGoOn(
                        answered: content.answeredQuestions, reached: content.reachedQuestions,
                        shown: content.shownQuestions)))
        }
        blocks.append(.paragraph("Result: \(outcome.title)"))
        blocks.append(.paragraph(outcome.summary))
        blocks.append(.paragraph(outcome.meaning))
        if let upside = outcome.upside { blocks.append(.paragraph("What could be good about this path: \(upside)")) }
        if let downside = outcome.downside { blocks.append(.paragraph("What could be hard about it: \(downside)")) }
        if !content.nextSteps.isEmpty {
            blocks.append(.paragraph("Next steps:"))
            for (index, step) in content.nextSteps.enumerated() {
                blocks.append(.numbered(index + 1, step))
            }
        }
        blocks.append(.paragraph("Why this result: \(content.why)"))
        return Section(kind: .outcome, title: "What your answers point to", blocks: blocks)
    }

    private func scalesSection(_ content: ReportContent) -> Section {
        let title = "How your answers add up"
        guard result.scales.contains(where: { !$0.isInsufficient && $0.score != nil && $0.normalised != nil }) else {
            var blocks: [Block] = [.paragraph(ReportWording.noScaleScored)]
            // A scale that lost an answer that is never estimated says which, even here.
            let lookup = content.lookup
            for scale in result.scales where !scale.withheld.isEmpty && scale.answered > 0 {
                blocks.append(.paragraph(scale.scale.title))
                let withheld = scale.withheld.map { lookup.item($0)?.item.text ?? $0 }
                blocks.append(
                    .paragraph(ReportWording.insufficient(scale, withheld: withheld), indent: 2, tight: true))
            }
            return Section(kind: .scales, title: title, blocks: blocks)
        }
        let lookup = content.lookup
        var blocks: [Block] = [.paragraph(ReportWording.scalesIntroduction)]
        if result.isSafetyFirst {
            let hasSafetyScale = result.scales.contains { content.safetyScaleIDs.contains($0.scale.id) }
            let outranks = content.wording.text(.safetyOutranksScores)
            blocks.append(
                .paragraph(
                    [outranks, ReportWording.scoresWithoutVerdict(exceptSafety: hasSafetyScale)].compactMap { $0 }
                        .joined(separator: " ")))
        }
        for scale in result.scales {
            blocks.append(.paragraph(scale.scale.title))
            if scale.isInsufficient || scale.score == nil || scale.normalised == nil {
                let withheld = scale.withheld.map { lookup.item($0)?.item.text ?? $0 }
                blocks.append(
                    .paragraph(ReportWording.insufficient(scale, withheld: withheld), indent: 2, tight: true))
                continue
            }
            if let yes = Self.yesCount(scale, lookup: lookup) {
                blocks.append(
                    .paragraph(
                        ReportWording.yesCount(yes: yes, answered: scale.answered, shown: scale.shown),
                        indent: 2, tight: true))
            } else {
                blocks.append(.bar(scale.normalised ?? 0, indent: 2))
                blocks.append(.paragraph(Self.scoreLine(scale), indent: 2, tight: true))
            }
            // When safety comes first, only the scales about safety keep their band: the others' labels were
            // written for the question of getting back together, and every one of them judges.
            if let band = scale.band, content.showsVerdict(scale) {
                blocks.append(
                    .paragraph("Band: \(band.label) (\(ReportWording.kind(band.kind))).", indent: 2, tight: true))
                if let meaning = band.meaning {
                    blocks.append(.paragraph(meaning, indent: 2, tight: true))
                }
            }
            if case .prorated = scale.status, Self.yesCount(scale, lookup: lookup) == nil {
                blocks.append(.paragraph(ReportWording.prorated(scale), indent: 2, tight: true))
            }
        }
        return Section(kind: .scales, title: title, blocks: blocks)
    }

    /// For a scale made only of yes/no questions counted 1 for yes and 0 for no (none reversed): how many
    /// were answered yes. `nil` for any other scale.
    static func yesCount(_ scale: ScaleResult, lookup: Lookup) -> Int? {
        guard !scale.scale.members.isEmpty else { return nil }
        for member in scale.scale.members {
            guard !member.reverse, let item = lookup.item(member.item)?.item, item.kind == .yesNo,
                item.options.count == 2, item.option("yes")?.weight == 1, item.option("no")?.weight == 0
            else { return nil }
        }
        let yes = scale.contributions.filter { $0.values == ["yes"] }.count
        guard FixedDecimal(yes) == scale.raw else { return nil }
        return yes
    }

    private func highlightsSection(_ content: ReportContent) -> Section {
        var blocks: [Block] = []
        if result.isSafetyFirst {
            if let noStrengths = content.wording.text(.noStrengthsUnderSafety) {
                blocks.append(.paragraph(noStrengths))
            }
        } else if content.hasSafetySection && !content.strengths.isEmpty {
            blocks.append(.paragraph(ReportWording.strengthsDontOutweighSafety))
        }
        if !content.hasSafetySection && !result.tensions.isEmpty {
            blocks.append(.paragraph(ReportWording.tensionsIntroduction))
            for tension in result.tensions {
                blocks.append(.bullet(ReportContent.titled(tension.title, tension.message), indent: 2))
            }
        }
        let groups: [(String, [ReportContent.Highlight])] = [
            ("Going well:", content.strengths),
            ("Worth looking at:", content.concerns),
            ("Also noticed:", content.noticed),
        ]
        for (heading, highlights) in groups where !highlights.isEmpty {
            blocks.append(.paragraph(heading))
            for highlight in highlights {
                blocks.append(.bullet(highlight.text, indent: 2))
                blocks += Self.evidenceBlocks(
                    highlight.answers, unanswered: highlight.unanswered, fromTotal: true, indent: 4)
            }
        }
        if content.strengths.isEmpty && content.concerns.isEmpty && content.noticed.isEmpty && !result.isSafetyFirst {
            blocks.append(
                .paragraph(content.isSparse ? ReportWording.nothingHighlightedSparse : ReportWording.nothingHighlighted)
            )
        }
        let title = result.isSafetyFirst ? ReportWording.safetyHighlightsTitle : "Strengths and things to look at"
        return Section(kind: .highlights, title: title, blocks: blocks)
    }

    private func reflectionsSection(_ content: ReportContent) -> Section {
        guard !content.reflections.isEmpty else {
            return Section(
                kind: .reflections, title: "In your own words", blocks: [.paragraph(ReportWording.noReflections)])
        }
        var blocks: [Block] = [.paragraph("What you wrote, exactly as you wrote it.")]
        // Just before the person's own words, which may take the blame for how they were treated.
        if content.hasSafetySection, let notYourFault = content.wording.text(.notYourFault) {
            blocks.append(.paragraph(notYourFault))
        }
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
        var blocks: [Block] = [.paragraph(ReportWording.noFlagIsNotSafe)]
        if let notADiagnosis = content.wording.text(.notADiagnosis) { blocks.insert(.paragraph(notADiagnosis), at: 0) }
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

    /// A scale's score as a person would write it: "Score: 9 out of 16", "Score: about 2.7 out of 16" for an
    /// estimate that isn't whole, or "Score: 3, on a range from -4 to 8" when the range doesn't start at 0.
    static func scoreLine(_ scale: ScaleResult) -> String {
        guard let score = scale.score else { return "Score: not worked out." }
        let shown =
            score.isWhole || scale.status != .prorated
            ? number(score) : "about " + (XMLWriter.decimal(score.doubleValue, fractionDigits: 1) ?? "?")
        if scale.minimum == 0 {
            return "Score: \(shown) out of \(number(scale.maximum))."
        }
        return "Score: \(shown), on a range from \(number(scale.minimum)) to \(number(scale.maximum))."
    }

    /// A number for people, exactly as held: at most four decimals, no trailing zeros (`0.8`, `10.5`).
    static func number(_ value: FixedDecimal) -> String {
        value.description
    }
}
