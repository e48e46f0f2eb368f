import ArgumentParser
import Crossroads

#if canImport(Glibc)
    import Glibc
#endif

@main
struct CrossroadsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crossroads",
        abstract: "A private reflection aid for one hard question: should we get back together?",
        discussion: """
            Exit statuses: 0 success; 64 usage error; 65 invalid input (a questionnaire, assessment or \
            answers file with errors); 66 a file could not be opened; 73 an output file could not be created; \
            130 interrupted (Ctrl-C).
            """,
        version: Scorer.engineVersion,
        subcommands: [
            TakeCommand.self, ScoreCommand.self, BatchCommand.self, CompareCommand.self, ValidateCommand.self, ListCommand.self,
            SchemaCommand.self,
        ],
        defaultSubcommand: TakeCommand.self
    )

    /// Runs the command; ArgumentParser's own messages (which quote what was typed) are written through
    /// ``Console``, so a control character in an argument never reaches the terminal raw.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if !message.isEmpty {
                if code == .success { Console.out(message + "\n") } else { Console.error(message + "\n") }
            }
            Glibc.exit(code.rawValue)
        }
    }
}
