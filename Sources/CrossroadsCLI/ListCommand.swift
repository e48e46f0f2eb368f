import ArgumentParser
import Crossroads

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the bundled assessments and questionnaires."
    )

    func run() throws {
        Console.ignoreBrokenPipe()
        let entries = BundledContent.entries()
        let problems = BundledContent.problems
        for problem in problems { Console.error(problem + "\n") }
        let idWidth = max(2, entries.map(\.id.count).max() ?? 0)
        let versionWidth = max(7, entries.map(\.version.count).max() ?? 0)
        func pad(_ text: String, _ width: Int) -> String {
            text + String(repeating: " ", count: max(0, width - text.count))
        }
        var text = "\(pad("KIND", 13)) \(pad("ID", idWidth)) \(pad("VERSION", versionWidth)) QUESTIONS  TITLE\n"
        for entry in entries {
            let count = String(entry.questionCount)
            text += "\(pad(entry.kind, 13)) \(pad(entry.id, idWidth)) \(pad(entry.version, versionWidth)) "
            text += "\(String(repeating: " ", count: max(0, 9 - count.count)))\(count)  \(entry.title)\n"
        }
        if !Console.out(text) {
            Console.error("crossroads: error: could not write the list to standard output (closed pipe?)\n")
            throw ExitStatus.cannotCreate
        }
        if !problems.isEmpty { throw ExitStatus.invalidInput }
    }
}
