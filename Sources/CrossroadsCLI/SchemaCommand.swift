import ArgumentParser
import Crossroads

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print one of the XML schemas Crossroads ships (for xmllint --schema).",
        discussion:
            "Example: crossroads schema questionnaire > questionnaire.xsd && xmllint --noout --schema questionnaire.xsd FILE"
    )

    @Argument(help: "Which schema: questionnaire, answers, report or comparison.")
    var name: Schema

    func run() throws {
        Console.ignoreBrokenPipe()
        let text = name.text
        guard !text.isEmpty else {
            Console.error("crossroads: error: this build does not include \(name.path)\n")
            throw ExitStatus.invalidInput
        }
        if !Console.out(text.hasSuffix("\n") ? text : text + "\n") {
            Console.error("crossroads: error: could not write the schema to standard output (closed pipe?)\n")
            throw ExitStatus.cannotCreate
        }
    }
}

extension Schema: ExpressibleByArgument {}
