import ArgumentParser
import Crossroads

@main
struct CrossroadsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crossroads",
        abstract: "A reflection aid for one hard question: should we get back together?",
        version: "0.1.0"
    )
}
