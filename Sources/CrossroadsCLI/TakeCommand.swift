import ArgumentParser
import Crossroads

#if canImport(Glibc)
    import Glibc
#endif

struct TakeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "take",
        abstract: "Take the assessment here in the terminal, one question at a time, and see your report.",
        discussion: """
            Keys at each question: a number (or y/n) and Enter to answer; ? for help; b to go back and change \
            an answer; s to skip; q to quit. Multiple choice takes several numbers (1 3, or 1,3) or 0 for \
            none. Optional notes are typed on their own line; an empty line means no note.

            Nothing is written unless you ask: the report and your answers can be saved at the end (each to a \
            file you choose, readable by you alone), and --save-progress keeps your answers so far after every \
            answer. q, Ctrl-C or the end of input leave at once; Ctrl-C exits with status 130. With \
            --discreet the screen and its scrollback are cleared when you leave.

            When standard input is not a terminal, one answer is read per line, so a session can be scripted.
            """
    )

    @ArgumentParser.Option(
        name: [.customLong("questionnaire"), .customLong("assessment")],
        help: ArgumentHelp("Take this assessment file instead of the bundled assessment.", valueName: "file"))
    var questionnaire: String?

    @ArgumentParser.Option(
        name: .customLong("include"),
        help: ArgumentHelp("A questionnaire file the assessment uses (repeatable).", valueName: "file"))
    var include: [String] = []

    @ArgumentParser.Option(
        help: ArgumentHelp(
            "Your locale, for the crisis resources shown (for example en_GB or en-US; default: the one in a --resume file, else LC_ALL, LC_MESSAGES or LANG).",
            valueName: "locale"))
    var locale: String?

    @ArgumentParser.Option(
        name: .customLong("save-progress"),
        help: ArgumentHelp(
            "Keep your answers so far in this file, rewritten after every answer (readable by you alone).",
            valueName: "file"))
    var saveProgress: String?

    @ArgumentParser.Option(
        help: ArgumentHelp(
            "Continue from answers saved with --save-progress, at the first unanswered question; progress keeps being saved to the same file unless --save-progress names another.",
            valueName: "file"))
    var resume: String?

    @ArgumentParser.Option(
        help: ArgumentHelp(
            "An earlier take (an answers file or an XML report) to compare this one with at the end.",
            valueName: "file"))
    var compare: String?

    @ArgumentParser.Flag(help: "Clear the screen and its scrollback when you leave, however you leave.")
    var discreet = false

    @ArgumentParser.Flag(
        help: "Print the report at the end instead of showing it through a pager ($PAGER, else less -R) on a terminal.")
    var noPager = false

    @ArgumentParser.Option(
        help: "Colour: auto (only on a terminal, never when NO_COLOR is set), always, or never.")
    var color: ColorChoice = .auto

    @OptionGroup var layout: LayoutOptions

    /// `locale` when it is one Crossroads can save (``LocaleName``); otherwise says so once on standard
    /// error and returns `nil`, so it is left out of the answers and the crisis resources for everywhere
    /// are shown.
    static func usableLocale(_ locale: String, from source: String, keeping saved: String? = nil) -> String? {
        if LocaleName.isValid(locale) { return locale }
        let instead =
            saved.map { "the locale saved with your answers, \($0), stays" }
            ?? "the crisis resources shown are those for everywhere, and it is not saved with your answers"
        Console.error(
            "crossroads: the locale \"\(locale)\" (from \(source)) is not one Crossroads understands (such as "
                + "en_GB, en-US or nb_NO.UTF-8), so it is left out: \(instead).\n")
        return nil
    }

    func validate() throws {
        if saveProgress == "" { throw ValidationError(OutputName.emptyMessage(for: "--save-progress")) }
        if resume == "" { throw ValidationError(OutputName.emptyMessage(for: "--resume")) }
        if compare == "" { throw ValidationError(OutputName.emptyMessage(for: "--compare")) }
    }

    func run() throws {
        Console.ignoreBrokenPipe()
        // A closed standard descriptor gets /dev/null, so that no file or pipe opened later lands on it.
        let outputClosed = fcntl(1, F_GETFD) == -1
        for descriptor: Int32 in 0...2 where fcntl(descriptor, F_GETFD) == -1 {
            _ = open("/dev/null", descriptor == 0 ? O_RDONLY : O_WRONLY)
        }
        if outputClosed {
            Console.error("The output was closed, so there is nowhere to show the questions.\nNothing was saved.\n")
            return
        }
        let input = TakeInput()
        input.installInterruptHandler()
        let environment = Self.environment(["TERM", "NO_COLOR", "LC_ALL", "LC_MESSAGES", "LANG", "PAGER", "PATH"])

        let assessment: Assessment
        var answers: Answers
        do throws(CrossroadsError) {
            if let path = questionnaire {
                var loader = AssessmentLoader()
                for file in include { try loader.addQuestionnaire(file: file) }
                assessment = try loader.load(file: path)
            } else {
                assessment = try Assessment.bundled()
            }
            // Checked now, so a file that can't be compared is found before the first question.
            if let compare {
                let earlierID = try Comparison.assessmentID(ofTake: compare)
                guard earlierID == assessment.id else {
                    throw CrossroadsError.invalid(
                        path: compare,
                        diagnostics: [
                            Diagnostic(
                                .error,
                                "this is a take of another assessment (\(earlierID)), so it can't be compared with "
                                    + "a take of \(assessment.id)", at: nil, file: compare)
                        ])
                }
            }
            if let resume {
                answers = try AnswersReader.read(file: resume, for: assessment).answers
            } else {
                answers = Answers(for: assessment)
            }
        } catch {
            Console.error(error.description + "\n")
            if case .invalid(let path, let diagnostics) = error,
                diagnostics.contains(where: { $0.message.hasPrefix("this file is a questionnaire") })
            {
                Console.error(
                    """
                    crossroads: \(path) is a questionnaire; take needs an assessment, which says which \
                    questionnaires it asks, in what order, and its outcomes. Give the assessment with \
                    --questionnaire FILE and this questionnaire with --include \(path).

                    """)
            }
            throw ExitStatus.code(for: error)
        }
        if let locale {
            // An unusable --locale is reported and left out; a usable one saved in a resumed file stays.
            if let usable = Self.usableLocale(locale, from: "--locale", keeping: answers.locale) {
                answers.locale = usable
            }
        } else if answers.locale == nil {
            let names = ["LC_ALL", "LC_MESSAGES", "LANG"]
            if let name = names.first(where: { !(environment[$0] ?? "").isEmpty }), let value = environment[name] {
                answers.locale = Self.usableLocale(value, from: name)
            }
        }

        let progressFile = saveProgress ?? resume
        if let saveProgress, saveProgress != resume, Self.exists(saveProgress) {
            Console.error(
                """
                crossroads: error: \(saveProgress) already exists, and --save-progress would replace it. To \
                continue from it: crossroads take --resume \(saveProgress). To start again, name another file \
                or delete this one first.

                """)
            throw ExitStatus.cannotCreate
        }
        let session = TakeSession(assessment: assessment, answers: answers)
        if let progressFile {
            // Written now, so a file that can't be written is found before the first question.
            do throws(CrossroadsError) {
                try AtomicFile.write(try AnswersWriter(session.answers, for: assessment).render(), to: progressFile)
            } catch {
                Console.error(error.description + "\n")
                throw ExitStatus.cannotCreate
            }
        }

        let terminalWidth = Terminal.width()
        let output = TakeOutput(
            width: layout.width ?? min(terminalWidth ?? 80, 100), colorChoice: color, environment: environment)
        let settings = TakeFlow.Settings(
            discreet: discreet, progressFile: progressFile, resumedFrom: resume, date: layout.reportDate,
            reportWidth: layout.width ?? terminalWidth ?? 80, fileReportWidth: layout.width ?? 80,
            compareWith: compare,
            pager: !noPager && isatty(0) == 1 && isatty(1) == 1 ? Pager.find(environment: environment) : nil)
        let status = TakeFlow(session: session, input: input, output: output, settings: settings).run()
        if status != 0 { throw ExitCode(status) }
    }

    private static func environment(_ names: [String]) -> [String: String] {
        var result: [String: String] = [:]
        for name in names {
            if let value = getenv(name) { result[name] = String(cString: value) }
        }
        return result
    }

    /// Whether a file (not a folder: writing to one fails with its own message) is at `path`.
    private static func exists(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT != S_IFDIR
    }
}

extension ColorChoice: ExpressibleByArgument {}
