import ArgumentParser
import Crossroads

#if canImport(Glibc)
    import Glibc
#endif

// The report formats `score`, `take` and `compare` can write: the library's, so the C library offers the same.
extension ReportFormat: ExpressibleByArgument {}

/// The options every command that renders a report shares: `--width` and `--date`.
struct LayoutOptions: ParsableArguments {
    @ArgumentParser.Option(help: "Wrap text to this many columns (default: the terminal's width, else 80).")
    var width: Int?

    @ArgumentParser.Option(help: "The date printed in the report, YYYY-MM-DD (default: today).")
    var date: String?

    func validate() throws {
        if let width, !(20...1000).contains(width) {
            throw ValidationError("--width must be between 20 and 1000")
        }
        if let date, !ReportDate.isValid(date) {
            throw ValidationError("--date must be a date written YYYY-MM-DD, such as 2026-11-27")
        }
    }

    /// The report's date: the one given, else today.
    var reportDate: String { date ?? ReportDate.today() }
}

/// Terminal facts the CLI needs.
enum Terminal {
    /// The width of the terminal on `descriptor`, or `nil` when it is not a terminal.
    static func width(of descriptor: Int32 = 1) -> Int? {
        size(of: descriptor).flatMap { $0.ws_col > 0 ? Int($0.ws_col) : nil }
    }

    /// The number of rows of the terminal on `descriptor`, or `nil` when it is not a terminal.
    static func height(of descriptor: Int32 = 1) -> Int? {
        size(of: descriptor).flatMap { $0.ws_row > 0 ? Int($0.ws_row) : nil }
    }

    private static func size(of descriptor: Int32) -> winsize? {
        guard isatty(descriptor) == 1 else { return nil }
        var size = winsize()
        guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0 else { return nil }
        return size
    }
}
