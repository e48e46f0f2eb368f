import ArgumentParser
import Crossroads

struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score a saved answers file and print (or save) the report.",
        discussion: """
            Reads ANSWERS (- for standard input), checks it against the assessment it names (the bundled one, \
            or --assessment FILE), and writes the report to standard output, or with --output to FILE \
            (written atomically, readable by you alone: mode 0600). Exits 65 when the answers are invalid, \
            66 when a file can't be opened, 73 when the output can't be written.
            """
    )

    @Argument(help: "The answers file, or - to read standard input.")
    var answers: String

    @ArgumentParser.Option(help: "The report format: text (for a person), xml (for tools) or html (a printable page).")
    var format: ReportFormat = .text

    @ArgumentParser.Option(
        name: .shortAndLong, help: "Write the report to this file instead of standard output (- means standard output)."
    )
    var output: String?

    @OptionGroup var layout: LayoutOptions

    @ArgumentParser.Option(help: "Score against this assessment file instead of the bundled one it names.")
    var assessment: String?

    @ArgumentParser.Option(help: "A questionnaire file that assessment uses (repeatable).")
    var include: [String] = []

    func validate() throws {
        if output == "" { throw ValidationError(OutputName.emptyMessage) }
    }

    func run() throws {
        Console.ignoreBrokenPipe()
        var report = ""
        do throws(CrossroadsError) {
            var custom: Assessment?
            if let path = assessment {
                var loader = AssessmentLoader()
                for file in include { try loader.addQuestionnaire(file: file) }
                custom = try loader.load(file: path)
            }
            let (answers, assessment) = try AnswersReader.read(file: answers, for: custom)
            let result = assessment.score(answers)
            let reportDate = layout.reportDate
            let toScreen = output == nil || output == "-"
            let columns = layout.width ?? (toScreen ? Terminal.width() : nil) ?? 80
            let text = try format.render(result, date: reportDate, width: columns)
            if let output, output != "-" {
                try AtomicFile.write(text, to: output)
                let privately = AtomicFile.makesPrivateFile(at: output) ? " (readable by you alone)" : ""
                Console.error("Saved the \(format.rawValue) report to \(output)\(privately).\n")
                return
            }
            report = text
        } catch {
            Console.error(error.description + "\n")
            throw ExitStatus.code(for: error)
        }
        if !Console.out(report) {
            Console.error("crossroads: error: could not write the report to standard output (closed pipe?)\n")
            throw ExitStatus.cannotCreate
        }
    }
}
