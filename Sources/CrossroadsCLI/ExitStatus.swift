import ArgumentParser
import Crossroads

/// The exit statuses the tool documents (from BSD's sysexits).
enum ExitStatus {
    static let usage = ExitCode(64)
    static let invalidInput = ExitCode(65)
    static let cannotOpen = ExitCode(66)
    static let cannotCreate = ExitCode(73)
    static let interrupted = ExitCode(130)

    /// The status for a library error.
    static func code(for error: CrossroadsError) -> ExitCode {
        switch error {
        case .unreadable: cannotOpen
        case .invalid: invalidInput
        case .unwritable: cannotCreate
        case .notFound: invalidInput
        }
    }
}

/// What the commands say about a file name option given as an empty string (`--output ''`).
enum OutputName {
    static let emptyMessage = "no file name given: --output needs a file name (or - for standard output)"

    /// The same for another option.
    static func emptyMessage(for option: String) -> String {
        "no file name given: \(option) needs a file name"
    }
}
