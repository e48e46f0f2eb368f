import Crossroads

#if canImport(Glibc)
    import Glibc
#endif

/// One interactive `take` session: the introduction, the questions one at a time, the safety interruption,
/// the report, the offers to save, and leaving.
///
/// Nothing is written unless the person asks: the progress file they named with `--save-progress` (after
/// every answer), and the report or answers files they choose at the end.
final class TakeFlow {
    struct Settings {
        /// Clear the screen and scrollback whenever the session ends.
        var discreet: Bool
        /// Where the answers so far are kept after every answer, if anywhere.
        var progressFile: String?
        /// The answers file the session continued from, if any.
        var resumedFrom: String?
        /// The report's date.
        var date: String
        /// The width of the report shown on screen.
        var reportWidth: Int
        /// The width of a text report saved to a file.
        var fileReportWidth: Int
        /// An earlier take (answers file or XML report) to offer a comparison with at the end.
        var compareWith: String? = nil
        /// The pager the report is shown through at the end, if any (only on a terminal).
        var pager: Pager? = nil
    }

    private var session: TakeSession
    private let input: TakeInput
    private let output: TakeOutput
    private let settings: Settings

    /// What was saved, in words, for the summary on leaving.
    private var saved: [String] = []
    /// The files behind `saved`, so that privacy is promised only for regular files.
    private var savedPaths: [String] = []

    /// " (readable by you alone)" when `path` is, or will be, a regular file of mode 0600; nothing for a
    /// device, a pipe or a descriptor (`/dev/null`, a FIFO, `/dev/stdout`), which Crossroads writes in place.
    static func privately(_ path: String) -> String {
        AtomicFile.makesPrivateFile(at: path) ? " (readable by you alone)" : ""
    }
    /// Why the progress file could not be written, if it could not.
    private var progressProblem: String?
    /// Whether the person chose to stop the questions and see the report early.
    private var stoppedEarly = false
    /// The critical safety flags already announced.
    private var announced: Set<String> = []
    /// Lines in a row that were not answers.
    private var invalidStreak = 0
    /// After this many lines in a row that are not answers, input that is not a terminal is given up on.
    private static let invalidLimit = 10
    private var lastPlace: TakeSession.Place?
    /// The sections whose introduction has been shown.
    private var introductionsShown: Set<TakeSession.Place> = []
    /// Whether the crisis resources have been shown in full once.
    private var resourcesShown = false
    /// Whether any line has been read.
    private var hasReadLine = false
    /// Whether the questions are over and the report was shown.
    private var reachedEnd = false

    init(session: TakeSession, input: TakeInput, output: TakeOutput, settings: Settings) {
        self.session = session
        self.input = input
        self.output = output
        self.settings = settings
        announced = Set(session.interruptingFlags.map(\.id))
    }

    /// Runs the session; returns the exit status.
    func run() -> Int32 {
        do throws(TakeLeaving) {
            try introduction()
            try questions()
            try finish()
            return 0
        } catch {
            return leave(error)
        }
    }

    // MARK: Reading

    private func prompt() throws(TakeLeaving) {
        try output.say(output.styled(">", .bold) + " ")
    }

    /// The next line typed. When input is not a terminal, the line is echoed, so a scripted session reads
    /// like one typed at a terminal.
    private func read() throws(TakeLeaving) -> String {
        switch input.readLine() {
        case .text(let line):
            hasReadLine = true
            if !input.isTerminal { try output.line(TextLayout.clean(String(line.prefix(200)))) }
            return line
        case .end:
            try? output.line()
            throw .endOfInput
        case .interrupted:
            throw .interrupted
        }
    }

    /// Says a hint after a line that was not understood; gives up on non-terminal input after too many.
    private func hint(_ text: String) throws(TakeLeaving) {
        invalidStreak += 1
        if !input.isTerminal && invalidStreak >= Self.invalidLimit { throw .unreadableInput }
        try output.paragraph(text, style: .dim)
    }

    // MARK: Introduction

    private func introduction() throws(TakeLeaving) {
        let assessment = session.assessment
        let title = TextLayout.clean(assessment.title)
        try output.line(output.styled(title, .bold))
        try output.line(String(repeating: "=", count: min(title.count, output.width)))
        try output.line()
        try output.paragraph(
            "A private reflection aid: questions one at a time, then a report of where your answers point, "
                + "why, and possible next steps. It is not a diagnosis, it cannot predict what will happen or "
                + "what anyone will do, and it does not decide for you.")
        try output.line()
        let total = session.shownPositions.count
        let answered = session.answeredCount
        let left = total - answered
        let low = max(1, Int((Double(left) * 0.2).rounded()))
        let high = max(low + 1, Int((Double(left) * 0.3).rounded()))
        if let resumed = settings.resumedFrom, left == 0 {
            try output.paragraph(
                "Continuing from \(resumed): all \(total) questions are answered, so your report comes next.",
                first: "- ", rest: "  ")
        } else if let resumed = settings.resumedFrom {
            try output.paragraph(
                "Continuing from \(resumed): \(answered) of about \(total) questions answered, about \(left) "
                    + "left (about \(low) to \(high) minutes).", first: "- ", rest: "  ")
        } else {
            try output.paragraph(
                "About \(total) questions (a few more or fewer depending on your answers), about \(low) to "
                    + "\(high) minutes.", first: "- ", rest: "  ")
        }
        if let file = settings.progressFile {
            try output.paragraph(
                "Saved: your answers so far, after every answer, in \(file)\(Self.privately(file)). Nothing "
                    + "else, unless you ask at the end.", first: "- ", rest: "  ")
        } else {
            try output.paragraph(
                "Saved: nothing, unless you ask at the end. Your answers are only on this screen.",
                first: "- ", rest: "  ")
        }
        try output.paragraph(
            "Leave at any moment: type q and press Enter, or press Ctrl-C.", first: "- ", rest: "  ")
        if !announced.isEmpty {
            try output.paragraph(
                "Your earlier answers raised a concern about your safety. Your report will start with it, and "
                    + "with people who can help.", first: "- ", rest: "  ")
        }
        try output.paragraph(
            "Keys: a number (or y/n) and Enter to answer; ? help; b back, to change an answer; s skip; q quit.",
            first: "- ", rest: "  ")
        try output.line()
        let clearing =
            settings.discreet
            ? "The screen and its scrollback will be cleared when you leave (--discreet)."
            : "Start with --discreet to clear the screen and its scrollback when you leave (quitting with q also offers it)."
        try output.paragraph(
            "Privacy: someone who sees this screen, its scrollback or this computer's shell history could see "
                + "that you used this, and your answers. \(clearing) No trace can be fully erased, and "
                + "suddenly clearing history can itself be noticed.", style: .dim)
        try output.line()
        try output.line("Press Enter to begin (or q to leave).")
        try prompt()
        let line = try read()
        if TakePrompter.commandWords[line.takeTrimmed.lowercased()] == .quit { throw .quit }
    }

    // MARK: Questions

    private func questions() throws(TakeLeaving) {
        var cursor = session.firstUnanswered
        var showQuestion = true
        while let position = cursor {
            let item = session.items[position]
            if showQuestion { try show(position) }
            showQuestion = false
            try prompt()
            let line = try read()
            let hasAnswer = session.isAnswered(position)
            let meaning = TakePrompter.meaning(of: line, for: item, hasAnswer: hasAnswer)
            if case .invalid(let text) = meaning {
                try hint(text)
                continue
            }
            invalidStreak = 0
            switch meaning {
            case .help:
                if let help = item.help, !TextLayout.clean(help).isEmpty {
                    try output.paragraph(help, first: "  ", rest: "  ")
                } else {
                    try output.line("  There is no extra help for this question.")
                }
                try output.paragraph(TakePrompter.keysHint(for: item, hasAnswer: hasAnswer), style: .dim)
            case .back:
                if let previous = session.previous(before: position) {
                    cursor = previous
                    showQuestion = true
                } else {
                    try output.paragraph("This is the first question; there is nothing before it.", style: .dim)
                }
            case .quit:
                throw .quit
            case .keep:
                cursor = session.next(after: position)
                showQuestion = true
            case .skip:
                guard item.skippable else {
                    try hint("This question can't be skipped. " + TakePrompter.emptyHint(for: item))
                    continue
                }
                if try record(.declined, at: position) { return }
                cursor = session.next(after: position)
                showQuestion = true
            case .choose(let values):
                let note = try askNote(for: item, chosen: values, existing: session.response(at: position)?.words)
                if try record(.chosen(values, note: note), at: position) { return }
                cursor = session.next(after: position)
                showQuestion = true
            case .words(let words):
                if try record(.text(words), at: position) { return }
                cursor = session.next(after: position)
                showQuestion = true
            case .invalid:
                break
            }
        }
    }

    /// Shows the question at a position, with its section heading when the section changes, and progress.
    private func show(_ position: Int) throws(TakeLeaving) {
        let item = session.items[position]
        let place = session.places[position]
        let questionnaire = session.assessment.questionnaires[place.questionnaire]
        let section = questionnaire.sections[place.section]
        try output.line()
        if place != lastPlace {
            let heading = TextLayout.clean(questionnaire.title) + " · " + TextLayout.clean(section.title)
            try output.paragraph(heading, style: .bold)
            if let intro = section.intro, !TextLayout.clean(intro).isEmpty,
                introductionsShown.insert(place).inserted
            {
                try output.paragraph(intro)
            }
            try output.line()
            lastPlace = place
        }
        let progress = session.progress(at: position)
        try output.line(
            output.styled(
                "Section \(progress.part) of \(progress.parts) · question \(progress.question) of \(progress.questions)",
                .dim))
        try output.line()
        try output.say(TakePrompter.lines(for: item, output: output).joined(separator: "\n") + "\n")
        let hasAnswer = session.isAnswered(position)
        if let response = session.response(at: position), let words = TakePrompter.describe(response, for: item) {
            try output.paragraph("Your answer: " + words)
        }
        try output.paragraph(TakePrompter.keysHint(for: item, hasAnswer: hasAnswer), style: .dim)
    }

    /// Asks for the optional note of an item that takes one, when one of the chosen options invites it (an
    /// item none of whose options says so invites it after any); returns the note (or `nil` for none).
    private func askNote(for item: Item, chosen: [String], existing: String?) throws(TakeLeaving) -> String? {
        guard let notePrompt = item.notePrompt else { return nil }
        let inviting = Set(item.options.filter(\.invitesNote).map(\.value))
        guard inviting.isEmpty || chosen.contains(where: inviting.contains) else { return nil }
        try output.paragraph(TextLayout.clean(notePrompt) + " (optional)")
        if let existing, !existing.isEmpty {
            try output.paragraph(
                "Your note: “\(TextLayout.clean(existing))”. Type a new note on one line, press Enter to keep "
                    + "this one, or type - to remove it.", style: .dim)
        } else {
            try output.paragraph("Type a note on one line, or press Enter for none.", style: .dim)
        }
        while true {
            try prompt()
            let typed = try read().takeTrimmed
            let lowered = typed.lowercased()
            if lowered == "q" || lowered == "quit" { throw .quit }
            if typed.isEmpty { return existing }
            if typed == "-" { return nil }
            if typed.unicodeScalars.count > Limits.maxAnswerTextLength {
                try hint("That note is longer than \(Limits.maxAnswerTextLength) characters; please shorten it.")
                continue
            }
            invalidStreak = 0
            return TextLayout.clean(typed)
        }
    }

    /// Records a response, saves progress if asked, and checks for a new critical safety flag.
    /// Returns true when the person chose to stop the questions and see the report now.
    private func record(_ response: Response, at position: Int) throws(TakeLeaving) -> Bool {
        session.set(response, at: position)
        try saveProgress(session.answers)
        let stop = try checkSafety()
        if stop { stoppedEarly = true }
        return stop
    }

    /// Writes the answers so far to the progress file, if there is one.
    private func saveProgress(_ answers: Answers) throws(TakeLeaving) {
        guard let file = settings.progressFile else { return }
        do throws(CrossroadsError) {
            let text = try AnswersWriter(answers, for: session.assessment).render()
            try AtomicFile.write(text, to: file)
            progressProblem = nil
        } catch {
            if progressProblem == nil {
                try output.paragraph(
                    "Your progress could not be saved: \(error.description). Your answers are not being kept in \(file)."
                )
            }
            progressProblem = error.description
        }
    }

    // MARK: Safety

    /// Announces any critical safety flag the answers raise that was not announced yet, with the crisis
    /// resources, and lets the person choose: continue, see the report now, or leave.
    /// Returns true when they chose to see the report now.
    private func checkSafety() throws(TakeLeaving) -> Bool {
        let fresh = session.interruptingFlags.filter { !announced.contains($0.id) }
        guard !fresh.isEmpty else { return false }
        announced.formUnion(fresh.map(\.id))
        let rule = String(repeating: "-", count: min(output.width, 60))
        try output.line()
        try output.line(rule)
        try output.line(output.styled("A moment for your safety", .bold))
        try output.line()
        for flag in fresh {
            try output.paragraph(flag.message)
            try output.line()
        }
        try output.paragraph("If you are in danger right now, call your local emergency number.", style: .bold)
        try output.line()
        // What these flags ask for at once (a crisis line), shown every time, before anything else.
        let topics = Set(fresh.compactMap(\.resourceTopic))
        let urgent = session.assessment.resources(forLocale: session.answers.locale).filter {
            $0.topic.map(topics.contains) ?? false
        }
        if !urgent.isEmpty {
            try showResources(urgent, heading: "Help you can reach right now, at any hour:")
        }
        if resourcesShown {
            try output.paragraph(
                "The people listed earlier are there whenever you need them; your report lists them too.")
            try output.line()
        } else {
            try showResources(session.assessment.resources(forLocale: session.answers.locale))
            resourcesShown = true
        }
        // The reassurance is the assessment's own (`<wording><safety-reassurance>`); the engine adds none.
        let reassurance = session.assessment.wording.text(.safetyReassurance)
        try output.paragraph(
            [reassurance, "Whatever else you answer, your report will start with your safety."].compactMap { $0 }
                .joined(separator: " "))
        if let file = settings.progressFile, progressProblem == nil {
            try output.paragraph("Your answers so far are saved in \(file).", style: .dim)
        } else {
            try output.paragraph("Nothing has been saved.", style: .dim)
        }
        try output.line(rule)
        try output.line()
        try output.line("What would you like to do?")
        try output.paragraph("Continue with the questions", first: "  1. ", rest: "     ")
        try output.paragraph("Stop the questions and see my report now", first: "  2. ", rest: "     ")
        try output.paragraph("Leave now", first: "  3. ", rest: "     ")
        while true {
            try prompt()
            switch try read().takeTrimmed.lowercased() {
            case "1", "c", "continue":
                invalidStreak = 0
                lastPlace = nil
                return false
            case "2", "r", "report":
                invalidStreak = 0
                return true
            case "3", "q", "quit", "leave":
                throw .quit
            default:
                try hint("Type 1 to continue, 2 to see your report now, or 3 to leave.")
            }
        }
    }

    /// Crisis resources (by default, all those for the person's locale).
    private func showResources(
        _ resources: [CrisisResource], heading: String = "People who can help:"
    ) throws(TakeLeaving) {
        if resources.isEmpty {
            try output.paragraph(
                "No contact details are listed here for where you are. Your local emergency number works in a "
                    + "crisis, and a doctor or a directory of helplines can point you to support near you.")
            try output.line()
            return
        }
        try output.paragraph(heading)
        for resource in resources {
            try output.paragraph(resource.name, first: "  ", rest: "  ", style: .bold)
            if !TextLayout.clean(resource.about).isEmpty {
                try output.paragraph(resource.about, first: "    ", rest: "    ")
            }
            for contact in resource.contacts {
                let kind: String
                switch contact.kind {
                case .phone: kind = "Phone"
                case .text: kind = "Text"
                case .web: kind = "Web"
                }
                let label = TextLayout.clean(contact.label)
                try output.paragraph(
                    "\(kind): \(TextLayout.clean(contact.value))" + (label.isEmpty ? "" : " (\(label))"),
                    first: "    - ", rest: "      ")
            }
        }
        let checked = Set(resources.map(\.checked)).sorted()
        try output.paragraph(
            "(Details last checked \(checked.joined(separator: ", ")).)", first: "  ", rest: "  ",
            style: .dim)
        if resources.allSatisfy({ $0.locale == "*" }) {
            try output.paragraph(
                "These apply anywhere. To see numbers for your country, start with --locale, for example "
                    + "--locale en_GB.", first: "  ", rest: "  ", style: .dim)
        }
        try output.line()
    }

    // MARK: The end

    private func finish() throws(TakeLeaving) {
        let answers = session.finalAnswers
        try saveProgress(answers)
        reachedEnd = true
        let result = session.scorer.score(answers)
        try output.line()
        if stoppedEarly {
            let reached = session.answers.responses.values.filter {
                if case .declined = $0 { return true }
                return $0.isAnswer
            }.count
            let questions = reached == 1 ? "1 question" : "\(reached) questions"
            try output.paragraph("You stopped after \(questions). Here is your report.", style: .bold)
        } else {
            try output.line(output.styled("That's all. Here is your report.", .bold))
        }
        try output.line()
        let report = TextReport(result, date: settings.date).render(width: settings.reportWidth)
        if let pager = settings.pager, pager.show(TerminalText.clean(report)) {
            try output.paragraph("Your report was shown through your pager (\(TextLayout.clean(pager.command))).")
        } else {
            try output.say(report)
            try output.line()
        }
        // The report has scrolled the result and the helplines away (or closed with the pager): both again,
        // before the offers to save.
        try repeatEssentials(result)
        try output.line()
        if let file = settings.progressFile, progressProblem == nil {
            try output.paragraph(
                "This report has not been saved. Your answers are in \(file)\(Self.privately(file)).")
        } else {
            try output.paragraph("This report and your answers have not been saved; they are only on this screen.")
        }
        try offerReport(result)
        try offerComparison(result)
        try offerAnswers(answers)
        try output.line()
        var clear = settings.discreet
        if settings.discreet {
            try output.line("Press Enter to clear the screen and leave.")
            try prompt()
            _ = try read()
        } else {
            clear = try askClear()
        }
        summary(reason: nil, cleared: clear ? output.clearScreen() : nil)
    }

    /// The result and the helplines for the person's locale, in a few lines, after a report shown in full.
    private func repeatEssentials(_ result: ScoreResult) throws(TakeLeaving) {
        let rule = String(repeating: "-", count: min(output.width, 60))
        try output.line(rule)
        try output.paragraph("In short. Result: " + TextLayout.clean(result.outcome.title), style: .bold)
        let resources = session.assessment.resources(forLocale: session.answers.locale)
        if !resources.isEmpty {
            try output.paragraph("If you need them, any time:")
            for resource in resources {
                let contacts = resource.contacts.map { TextLayout.clean($0.value) }.joined(separator: ", ")
                try output.paragraph(
                    TextLayout.clean(resource.name) + (contacts.isEmpty ? "" : ": " + contacts), first: "  - ",
                    rest: "    ")
            }
        }
        try output.paragraph("If you are in danger right now, call your local emergency number.")
        try output.line(rule)
    }

    private func offerReport(_ result: ScoreResult) throws(TakeLeaving) {
        while true {
            try output.line()
            try output.paragraph(
                "Save this report? Type t to save it as text, h to save it as a web page (to print or to "
                    + "bring to a therapist), x to save it as XML (for other tools), or press Enter to not save it.")
            try prompt()
            let format: ReportFormat
            switch try read().takeTrimmed.lowercased() {
            case "", "n", "no": return
            case "q", "quit": throw .quit
            case "t", "text": format = .text
            case "x", "xml": format = .xml
            case "h", "html": format = .html
            default:
                try hint("Type t for text, h for a web page, x for XML, or press Enter to not save it.")
                continue
            }
            let text: String
            do throws(CrossroadsError) {
                switch format {
                case .text: text = TextReport(result, date: settings.date).render(width: settings.fileReportWidth)
                case .xml: text = try XMLReport(result, date: settings.date).render()
                case .html: text = try HTMLReport(result, date: settings.date).render()
                }
            } catch {
                try output.paragraph("The report could not be made: \(error.description)")
                return
            }
            let what: String
            switch format {
            case .text: what = "the text report"
            case .xml: what = "the XML report"
            case .html: what = "the report as a web page"
            }
            if try save(text, what: what) { return }
        }
    }

    /// With `--compare FILE`: offers the comparison of this take with the earlier one, on screen or saved.
    private func offerComparison(_ result: ScoreResult) throws(TakeLeaving) {
        guard let earlier = settings.compareWith else { return }
        let comparison: Comparison
        do throws(CrossroadsError) {
            comparison = try Comparison(earlier: earlier, later: result, date: settings.date)
        } catch {
            try output.line()
            try output.paragraph("This take could not be compared with \(earlier): \(error.description)")
            return
        }
        while true {
            try output.line()
            try output.paragraph(
                "Compare this take with your earlier one (\(earlier))? Type s to show the comparison here, t to "
                    + "save it as text, h to save it as a web page, x to save it as XML, or press Enter to skip it.")
            try prompt()
            let choice = try read().takeTrimmed.lowercased()
            let text: String
            let what: String
            switch choice {
            case "", "n", "no": return
            case "q", "quit": throw .quit
            case "s", "show":
                try output.line()
                try output.say(comparison.text(width: settings.reportWidth))
                continue
            case "t", "text", "h", "html", "x", "xml": break
            default:
                try hint("Type s to show it, t for text, h for a web page, x for XML, or press Enter to skip it.")
                continue
            }
            do throws(CrossroadsError) {
                switch choice.prefix(1) {
                case "t":
                    text = comparison.text(width: settings.fileReportWidth)
                    what = "the comparison"
                case "h":
                    text = try comparison.html()
                    what = "the comparison as a web page"
                default:
                    text = try comparison.xml()
                    what = "the comparison as XML"
                }
            } catch {
                try output.paragraph("The comparison could not be made: \(error.description)")
                return
            }
            if try save(text, what: what) { return }
        }
    }

    private func offerAnswers(_ answers: Answers) throws(TakeLeaving) {
        if settings.progressFile != nil && progressProblem == nil { return }
        while true {
            try output.line()
            try output.paragraph(
                "Save your answers too? With them, `crossroads score FILE` shows this report again. [y/N]")
            try prompt()
            switch try read().takeTrimmed.lowercased() {
            case "", "n", "no": return
            case "q", "quit": throw .quit
            case "y", "yes":
                let text: String
                do throws(CrossroadsError) {
                    text = try AnswersWriter(answers, for: session.assessment).render()
                } catch {
                    try output.paragraph("Your answers could not be written out: \(error.description)")
                    return
                }
                if try save(text, what: "your answers") { return }
            default:
                try hint("Type y to save your answers, or press Enter for no.")
            }
        }
    }

    /// Asks for a file and saves `text` in it (atomically, mode 0600). Returns false when the person
    /// cancelled, so the offer can be made again.
    private func save(_ text: String, what: String) throws(TakeLeaving) -> Bool {
        while true {
            try output.paragraph(
                "File to save \(what) in (it will be readable by you alone), or press Enter to cancel:")
            try prompt()
            let typed = try read().takeTrimmed
            if typed.isEmpty {
                try output.line("Not saved.")
                return false
            }
            let path = Self.absolute(Self.expandHome(typed))
            var status = stat()
            if stat(path, &status) == 0 {
                if status.st_mode & S_IFMT == S_IFDIR {
                    try output.paragraph("\(path) is a folder; type the name of a file in it.", style: .dim)
                    continue
                }
                try output.paragraph("\(path) already exists. Replace it? [y/N]")
                try prompt()
                let answer = try read().takeTrimmed.lowercased()
                guard answer == "y" || answer == "yes" else { continue }
            }
            do throws(CrossroadsError) {
                try AtomicFile.write(text, to: path)
            } catch {
                try output.paragraph(error.description + ". Try another file, or press Enter to cancel.")
                continue
            }
            saved.append("\(what) in \(path)")
            savedPaths.append(path)
            try output.paragraph("Saved \(what) in \(path)\(Self.privately(path)).")
            return true
        }
    }

    /// Asks whether to clear the screen; false on no (the default).
    private func askClear() throws(TakeLeaving) -> Bool {
        try output.line("Clear the screen before leaving? [y/N]")
        try prompt()
        let answer = try read().takeTrimmed.lowercased()
        return answer == "y" || answer == "yes"
    }

    // MARK: Leaving

    /// Ends the session early: asks about clearing after q (unless --discreet), clears if wanted, and says
    /// what was and wasn't saved. Returns the exit status.
    private func leave(_ reason: TakeLeaving) -> Int32 {
        var status: Int32 = 0
        var reason = reason
        var clear = settings.discreet
        if reason == .quit && !settings.discreet {
            do throws(TakeLeaving) {
                clear = try askClear()
            } catch {
                reason = error == .interrupted ? .interrupted : reason
            }
        }
        switch reason {
        case .interrupted: status = 130
        case .unreadableInput: status = 65
        default: status = 0
        }
        if reason == .interrupted && output.isTerminal { Console.out("\n") }
        summary(reason: reason, cleared: clear ? output.clearScreen() : nil)
        return status
    }

    /// Says, on standard error, why the session ended and what was and wasn't saved.
    private func summary(reason: TakeLeaving?, cleared: String?) {
        var lines: [String] = []
        switch reason {
        case .quit?: lines.append("Stopped, as you asked.")
        case .endOfInput? where !hasReadLine:
            lines.append(
                "Standard input ended before anything was typed, so there was nothing to answer. To take the "
                    + "assessment, run crossroads in a terminal, or give it one answer per line on standard input.")
        case .endOfInput?: lines.append("Input ended, so the session stopped.")
        case .interrupted?: lines.append("Stopped (Ctrl-C).")
        case .outputClosed?: lines.append("The output was closed, so the session stopped.")
        case .unreadableInput?:
            lines.append("Stopped: \(Self.invalidLimit) lines in a row were not answers to the question asked.")
            if input.cutLines > 0 {
                lines.append(
                    "The input had a line longer than \(TakeInput.maxLineBytes / 1024) KiB; each such length of it "
                        + "counted as one line.")
            }
        case nil: break
        }
        var savedNow = saved
        let progressSaved = settings.progressFile != nil && progressProblem == nil
        if progressSaved, let file = settings.progressFile {
            savedNow.insert(reachedEnd ? "your answers in \(file)" : "your answers so far in \(file)", at: 0)
        }
        let everyPath = savedPaths + (progressSaved ? [settings.progressFile].compactMap { $0 } : [])
        let allPrivate =
            everyPath.allSatisfy { AtomicFile.makesPrivateFile(at: $0) } ? " (readable by you alone)" : ""
        if savedNow.isEmpty {
            lines.append("Nothing was saved.")
        } else {
            lines.append(
                "Saved: " + savedNow.joined(separator: "; ") + allPrivate + ". Nothing else was saved.")
            if !reachedEnd, progressSaved, let file = settings.progressFile {
                lines.append("To continue later: crossroads take --resume \(file)")
            }
        }
        // Wrapped to the width like everything else; a file name longer than a line stays whole on its own.
        var wrapped = lines.flatMap { TextLayout.wrap($0, width: output.width) }
        if let cleared { wrapped.append(cleared) }
        Console.error(wrapped.joined(separator: "\n") + "\n")
    }

    // MARK: Paths

    private static func expandHome(_ path: String) -> String {
        guard path == "~" || path.hasPrefix("~/"), let home = getenv("HOME").map({ String(cString: $0) }),
            !home.isEmpty
        else { return path }
        return home + path.dropFirst()
    }

    private static func absolute(_ path: String) -> String {
        guard !path.hasPrefix("/") else { return path }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return path }
        let folder = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return (folder.hasSuffix("/") ? folder : folder + "/") + path
    }
}
