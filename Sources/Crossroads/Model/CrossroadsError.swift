/// What went wrong when reading, checking or writing a Crossroads file.
public enum CrossroadsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be opened or read (missing, a directory, no permission, too large to read).
    case unreadable(path: String, reason: String)
    /// The file was read but is not valid; every problem found is listed.
    case invalid(path: String, diagnostics: [Diagnostic])
    /// A file could not be written.
    case unwritable(path: String, reason: String)
    /// A questionnaire or assessment that was asked for by id is not available.
    case notFound(what: String)

    /// A message for a person: one line per problem, safe to show in a terminal (file names and quoted
    /// values pass through ``TerminalText``).
    public var description: String { TerminalText.clean(rawDescription) }

    private var rawDescription: String {
        switch self {
        case .unreadable(let path, let reason):
            return "\(path): error: cannot read this file: \(reason)"
        case .invalid(let path, let diagnostics):
            if diagnostics.isEmpty { return "\(path): error: the file is not valid" }
            return diagnostics.map(\.description).joined(separator: "\n")
        case .unwritable(let path, let reason):
            return "\(path): error: cannot write this file: \(reason)"
        case .notFound(let what):
            return "error: \(what)"
        }
    }
}
