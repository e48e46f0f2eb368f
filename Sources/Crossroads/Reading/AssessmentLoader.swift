/// Loads assessments from files or text, resolving the questionnaires they use and checking everything.
///
/// An assessment names the questionnaires it composes by id and version (`<use id="…" version="…"/>`).
/// They are looked up among the questionnaires added to the loader, then among the bundled ones. Nothing
/// else is read: a file never causes another file to be opened.
///
/// ```swift
/// var loader = AssessmentLoader()
/// try loader.addQuestionnaire(file: "my-screen.xml")
/// let assessment = try loader.load(file: "my-assessment.xml")
/// ```
public struct AssessmentLoader: Sendable {
    struct Key: Hashable, Sendable {
        var id: String
        var version: String
    }

    struct Entry: Sendable {
        var questionnaire: Questionnaire
        var document: LoadedDocument
    }

    private var added: [Key: Entry] = [:]
    /// The shipped questionnaires, read when the loader is made (and freed with it: nothing is cached for
    /// the life of the process); `nil` without `includeBundled`.
    private let bundled: BundledCatalog?

    /// Creates a loader; with `includeBundled`, the shipped questionnaires can be used by id.
    ///
    /// Making a loader reads the embedded questionnaires (a few milliseconds): to load several assessments,
    /// make one loader and reuse it.
    public init(includeBundled: Bool = true) {
        self.bundled = includeBundled ? BundledCatalog() : nil
    }

    init(bundled: BundledCatalog) {
        self.bundled = bundled
    }

    /// Makes a questionnaire file available to assessments loaded afterwards.
    public mutating func addQuestionnaire(file path: String) throws(CrossroadsError) {
        try add(LoadedDocument.read(path: path))
    }

    /// Makes a questionnaire held in memory available to assessments loaded afterwards; `path` names it in
    /// diagnostics.
    ///
    /// The bytes must be UTF-8. Throws ``CrossroadsError/invalid(path:diagnostics:)`` with every problem
    /// found when they are not a well-formed, schema-valid questionnaire file. Like
    /// ``addQuestionnaire(file:)``, an assessment given here is ignored.
    public mutating func addQuestionnaire(bytes: [UInt8], path: String = "<memory>") throws(CrossroadsError) {
        try add(LoadedDocument.parse(bytes, path: path))
    }

    /// Makes the questionnaire in an already-read document available; assessments are ignored.
    mutating func add(_ document: LoadedDocument) {
        if case .questionnaire(let questionnaire) = document.document {
            added[Key(id: questionnaire.id, version: questionnaire.version)] = Entry(
                questionnaire: questionnaire, document: document)
        }
    }

    /// Loads and checks an assessment file.
    ///
    /// Throws ``CrossroadsError/unreadable(path:reason:)`` when it can't be read and
    /// ``CrossroadsError/invalid(path:diagnostics:)`` with every problem found when it is not valid.
    public func load(file path: String) throws(CrossroadsError) -> Assessment {
        try load(LoadedDocument.read(path: path)).assessment
    }

    /// Loads and checks an assessment held in memory; `path` names it in diagnostics.
    public func load(text: String, path: String = "<memory>") throws(CrossroadsError) -> Assessment {
        try load(bytes: Array(text.utf8), path: path)
    }

    /// Loads and checks an assessment from raw bytes (they must be UTF-8); `path` names it in diagnostics.
    public func load(bytes: [UInt8], path: String = "<memory>") throws(CrossroadsError) -> Assessment {
        return try load(LoadedDocument.parse(bytes, path: path)).assessment
    }

    /// Resolves and checks a read document; returns the assessment and any warnings.
    func load(_ document: LoadedDocument) throws(CrossroadsError) -> (assessment: Assessment, warnings: [Diagnostic]) {
        guard case .assessment(let draft) = document.document else {
            throw .invalid(
                path: document.path,
                diagnostics: [
                    Diagnostic(
                        .error,
                        "this file is a questionnaire; scoring needs an assessment that uses it (see Questionnaires/README.md)",
                        at: document.location)
                ])
        }
        var diagnostics = document.warnings
        var assessment = draft.assessment
        var hasher = SHA256()
        hasher.update(document.bytes)
        var leafLocations = document.leafLocations
        var composed: Set<String> = []
        for part in draft.parts {
            switch part {
            case .inline(let questionnaire):
                composed.insert(questionnaire.id)
                assessment.questionnaires.append(questionnaire)
            case .use(let use):
                guard composed.insert(use.id).inserted else {
                    diagnostics.append(
                        Diagnostic(
                            .error,
                            "questionnaire \"\(use.id)\" is already part of this assessment; each questionnaire is used once",
                            at: use.location))
                    continue
                }
                guard let entry = entry(id: use.id, version: use.version) else {
                    diagnostics.append(Diagnostic(.error, missingMessage(use), at: use.location))
                    continue
                }
                assessment.questionnaires.append(entry.questionnaire)
                hasher.update(entry.document.bytes)
                leafLocations.merge(entry.document.leafLocations) { first, _ in first }
            }
        }
        assessment.contentHash = hasher.hexDigest()
        var checker = SemanticChecker(leafLocations: leafLocations, fallbackLocation: document.location)
        checker.check(assessment: assessment)
        diagnostics += checker.diagnostics
        let unique = Self.unique(diagnostics)
        if unique.hasErrors {
            throw .invalid(path: document.path, diagnostics: unique)
        }
        return (assessment, unique)
    }

    private func entry(id: String, version: String) -> Entry? {
        let key = Key(id: id, version: version)
        if let entry = added[key] { return entry }
        return bundled?.questionnaires[key]
    }

    private func missingMessage(_ use: QuestionnaireDecoder.Use) -> String {
        let versions = (Array(added.keys) + Array(bundled?.questionnaires.keys ?? [:].keys))
            .filter { $0.id == use.id }.map(\.version).sorted()
        if !versions.isEmpty {
            return
                "questionnaire \"\(use.id)\" version \(use.version) is not available (found version \(versions.joined(separator: ", ")))"
        }
        return "questionnaire \"\(use.id)\" is not available: it is neither bundled nor among the files given"
    }

    /// The diagnostics without repeats, in their first order.
    static func unique(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen: Set<Diagnostic> = []
        return diagnostics.filter { seen.insert($0).inserted }
    }
}

/// The questionnaires and assessments shipped in `Questionnaires/`, read from the embedded copies.
///
/// Deliberately not cached in a global: model values held by a global stay allocated until exit, and leak
/// checkers (LeakSanitizer, valgrind) cannot follow the enum-tagged pointers inside them, so they would
/// report them as lost. Reading the embedded files takes a few milliseconds.
struct BundledCatalog: Sendable {
    var questionnaires: [AssessmentLoader.Key: AssessmentLoader.Entry] = [:]
    var assessments: [String: LoadedDocument] = [:]
    /// Documents that failed to load (a build problem; a test guards against it).
    var failures: [CrossroadsError] = []

    init() {
        for path in Bundled.paths where path.hasPrefix("Questionnaires/") && path.hasSuffix(".xml") {
            guard let text = Bundled.text(path) else { continue }
            do {
                let document = try LoadedDocument.parse(Array(text.utf8), path: path)
                switch document.document {
                case .questionnaire(let questionnaire):
                    questionnaires[AssessmentLoader.Key(id: questionnaire.id, version: questionnaire.version)] =
                        AssessmentLoader.Entry(questionnaire: questionnaire, document: document)
                case .assessment(let draft):
                    assessments[draft.assessment.id] = document
                }
            } catch {
                failures.append(error)
            }
        }
    }
}

extension Assessment {
    /// The id of the assessment Crossroads ships.
    public static let defaultBundledID = "should-we-get-back-together"

    /// A bundled assessment, by id; by default the one Crossroads ships.
    ///
    /// Each call reads the embedded files anew (a few milliseconds); keep the assessment rather than asking
    /// again.
    public static func bundled(_ id: String = defaultBundledID) throws(CrossroadsError) -> Assessment {
        try bundled(id, from: BundledCatalog())
    }

    static func bundled(_ id: String, from catalog: BundledCatalog) throws(CrossroadsError) -> Assessment {
        guard let document = catalog.assessments[id] else {
            let known = catalog.assessments.keys.sorted().joined(separator: ", ")
            throw .notFound(
                what: "there is no bundled assessment \"\(id)\" (bundled: \(known.isEmpty ? "none" : known))")
        }
        return try AssessmentLoader(bundled: catalog).load(document).assessment
    }

    /// The ids of the bundled assessments, sorted.
    public static var bundledIDs: [String] { BundledCatalog().assessments.keys.sorted() }
}
