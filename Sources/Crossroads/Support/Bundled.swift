/// The files shipped in `Questionnaires/` and `Reports/`, embedded in the binary at build time.
enum Bundled {
    /// The text of a shipped file, by its path relative to the package root (`Reports/report.xsd`).
    static func text(_ path: String) -> String? {
        EmbeddedFiles.all.first { $0.path == path }?.text
    }

    /// Every shipped file's path, sorted.
    static var paths: [String] { EmbeddedFiles.all.map(\.path) }
}
