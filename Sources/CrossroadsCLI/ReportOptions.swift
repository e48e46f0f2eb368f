import ArgumentParser
import Crossroads

#if canImport(Glibc)
    import Glibc
#endif

/// The report formats `score`, `take` and `compare` can write.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case xml
    case html
}

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
        if let date, !Terminal.isDate(date) {
            throw ValidationError("--date must be a date written YYYY-MM-DD, such as 2026-11-27")
        }
    }

    /// The report's date: the one given, else today.
    var reportDate: String { date ?? Terminal.today() }
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

    /// Today's date in UTC as `YYYY-MM-DD`.
    static func today() -> String {
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))"
    }

    /// Whether `text` is a real calendar date written `YYYY-MM-DD`.
    static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            year >= 1, (1...12).contains(month), day >= 1
        else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return day <= days
    }
}
