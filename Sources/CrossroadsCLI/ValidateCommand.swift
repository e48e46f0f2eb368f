import ArgumentParser
import Crossroads

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check questionnaire and assessment files: the schema, then every semantic rule.",
        discussion: """
            Prints every problem as FILE:LINE:COLUMN: error|warning: MESSAGE on standard error, and one \
            line per valid file on standard output. Questionnaires given together are available to the \
            assessments given with them. Exits 0 when every file is valid, 65 when any is invalid, 66 when \
            any can't be opened.
            """
    )

    @Argument(help: "The files to check.")
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one file to check") }
    }

    func run() throws {
        Console.ignoreBrokenPipe()
        let checks = Validator.check(files: files)
        var invalid = false
        var unreadable = false
        for check in checks {
            for diagnostic in check.diagnostics { Console.error(diagnostic.description + "\n") }
            switch check.status {
            case .valid:
                let warnings = check.diagnostics.count
                let note = warnings == 0 ? "" : " (\(warnings) warning\(warnings == 1 ? "" : "s"))"
                Console.out("\(check.path): valid: \(check.summary ?? "")\(note)\n")
            case .invalid:
                invalid = true
            case .unreadable:
                unreadable = true
            }
        }
        if unreadable { throw ExitStatus.cannotOpen }
        if invalid { throw ExitStatus.invalidInput }
    }
}
