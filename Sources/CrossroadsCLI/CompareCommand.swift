import ArgumentParser
import Crossroads

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two takes of the same assessment: what changed, safety first.",
        discussion: """
            EARLIER and LATER are each an answers file or a saved XML report of the same assessment (their \
            versions may differ: what both have is compared, and what could not be is said). A safety concern \
            raised in either take comes first; one that is no longer raised is never read as safe. Exits 65 \
            when a file is invalid or the two are takes of different assessments, 66 when a file can't be \
            opened, 73 when the output can't be written.
            """
    )

    @Argument(help: "The earlier take: an answers file or an XML report.")
    var earlier: String

    @Argument(help: "The later take: an answers file or an XML report.")
    var later: String

    @ArgumentParser.Option(help: "The format: text (for a person), xml (for tools) or html (a printable page).")
    var format: ReportFormat = .text

    @ArgumentParser.Option(
        name: .shortAndLong,
        help: "Write the comparison to this file instead of standard output (- means standard output)."
    )
    var output: String?

    @ArgumentParser.Option(help: "Wrap text to this many columns (default: the terminal's width, else 80).")
    var width: Int?

    func validate() throws {
        if let width, !(20...1000).contains(width) {
            throw ValidationError("--width must be between 20 and 1000")
        }
        if output == "" { throw ValidationError(OutputName.emptyMessage) }
    }

    func run() throws {
        Console.ignoreBrokenPipe()
        var text = ""
        do throws(CrossroadsError) {
            let comparison = try Comparison(earlier: earlier, later: later)
            let toScreen = output == nil || output == "-"
            switch format {
            case .text: text = comparison.text(width: width ?? (toScreen ? Terminal.width() : nil) ?? 80)
            case .xml: text = try comparison.xml()
            case .html: text = try comparison.html()
            }
            if let output, output != "-" {
                try AtomicFile.write(text, to: output)
                let privately = AtomicFile.makesPrivateFile(at: output) ? " (readable by you alone)" : ""
                Console.error("Saved the comparison to \(output)\(privately).\n")
                return
            }
        } catch {
            Console.error(error.description + "\n")
            throw ExitStatus.code(for: error)
        }
        if !Console.out(text) {
            Console.error("crossroads: error: could not write the comparison to standard output (closed pipe?)\n")
            throw ExitStatus.cannotCreate
        }
    }
}
