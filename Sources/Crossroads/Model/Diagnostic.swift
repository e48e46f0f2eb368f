/// One problem found in an input file, with where it is and what to do about it.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// How serious a diagnostic is.
    public enum Severity: String, Sendable, Hashable {
        /// The file cannot be used until this is fixed.
        case error
        /// The file can be used, but probably does not do what its author meant.
        case warning
    }

    /// Whether this is an error or a warning.
    public var severity: Severity
    /// What is wrong, in words an author understands.
    public var message: String
    /// Where it is, when the problem has a place in a file.
    public var location: SourceLocation?
    /// The file the problem is in, when it has no line and column.
    public var file: String?

    /// Creates a diagnostic.
    public init(_ severity: Severity, _ message: String, at location: SourceLocation?, file: String? = nil) {
        self.severity = severity
        self.message = message
        self.location = location
        self.file = file ?? location?.file
    }

    /// The diagnostic as `path:line:column: error: message`, the form compilers use, safe to show in a
    /// terminal (a file name or a quoted value with control characters passes through ``TerminalText``).
    public var description: String { TerminalText.clean(rawDescription) }

    private var rawDescription: String {
        if let location {
            return "\(location): \(severity.rawValue): \(message)"
        }
        if let file {
            return "\(file): \(severity.rawValue): \(message)"
        }
        return "\(severity.rawValue): \(message)"
    }
}

extension Array where Element == Diagnostic {
    /// Whether any of the diagnostics is an error.
    var hasErrors: Bool { contains { $0.severity == .error } }
}
