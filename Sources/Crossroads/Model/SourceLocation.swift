/// A place in a source file: the file's path and a 1-based line and column.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The path of the file, as it was given.
    public var file: String
    /// The 1-based line number.
    public var line: Int
    /// The 1-based column number, counted in characters.
    public var column: Int

    /// Creates a location.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// The location as `file:line:column`.
    public var description: String { "\(file):\(line):\(column)" }
}
