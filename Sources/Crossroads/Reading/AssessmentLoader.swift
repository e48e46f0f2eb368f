import Dispatch

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
    /// The shipped questionnaires, read the first time an assessment uses a questionnaire that was not
    /// added (and freed with the loader: nothing is cached for the life of the process); `nil` without
    /// `includeBundled`.
    private let bundled: LazyBundledCatalog?

    /// Creates a loader; with `includeBundled`, the shipped questionnaires can be used by id.
    ///
    /// The embedded questionnaires are read (a few milliseconds) the first time an assessment uses one
    /// that was not added: to load several assessments, make one loader and reuse it.
    public init(includeBundled: Bool = true) {
        self.bundled = includeBundled ? LazyBundledCatalog() : nil
    }

    init(bundled: BundledCatalog) {
        self.bundled = LazyBundledCatalog(bundled)
    }

    /// Makes a questionnaire file available to assessments loaded afterwards.
    ///
    /// Throws ``CrossroadsError/invalid(path:diagnostics:)`` when the file has errors, or when another file
    /// already added defines the same questionnaire id and version differently (one id and version, one
    /// definition: otherwise which one counts would depend on the order of the files).
    public mutating func addQuestionnaire(file path: String) throws(CrossroadsError) {
        let document = try LoadedDocument.read(path: path)
        let errors = document.warnings.filter { $0.severity == .error }
        if !errors.isEmpty { throw .invalid(path: path, diagnostics: errors) }
        if let conflict = add(document) { throw .invalid(path: path, diagnostics: [conflict]) }
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
    ///
    /// Returns an error, and keeps the first definition, when another document with different content
    /// already defines the same questionnaire id and version.
    @discardableResult
    mutating func add(_ document: LoadedDocument) -> Diagnostic? {
        guard case .questionnaire(let questionnaire) = document.document else { return nil }
        let key = Key(id: questionnaire.id, version: questionnaire.version)
        if let first = added[key] {
            guard first.document.bytes != document.bytes else { return nil }
            let place = first.document.location
            return Diagnostic(
                .error,
                "questionnaire \"\(questionnaire.id)\" version \(questionnaire.version) is defined twice, differently: here and in \(place.file) (line \(place.line)); give each id and version one definition (change the id or the version of one)",
                at: document.location)
        }
        added[key] = Entry(questionnaire: questionnaire, document: document)
        return nil
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
        // The content hash covers the assessment's bytes, then each used questionnaire's, in order; it is
        // computed when first asked for (a report prints it; validate does not).
        var hashed = [document.bytes]
        var leafLocations = document.leafLocations
        var composed: Set<String> = []
        var firstMissing: Int?
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
                    if firstMissing == nil { firstMissing = diagnostics.count }
                    diagnostics.append(Diagnostic(.error, missingMessage(use), at: use.location))
                    continue
                }
                assessment.questionnaires.append(entry.questionnaire)
                // A used questionnaire's own errors (numbers out of range) make the assessment invalid too.
                diagnostics += entry.document.warnings.filter { $0.severity == .error }
                hashed.append(entry.document.bytes)
                leafLocations.merge(entry.document.leafLocations) { first, _ in first }
            }
        }
        assessment.contentHashStorage = ContentHash(hashing: hashed)
        var checker = SemanticChecker(leafLocations: leafLocations, fallbackLocation: document.location)
        checker.suppressUnknownReferences = firstMissing != nil
        checker.check(assessment: assessment)
        diagnostics += checker.diagnostics
        if let firstMissing, checker.suppressed > 0 {
            let count = checker.suppressed
            diagnostics[firstMissing].message +=
                " (\(count) later \(count == 1 ? "error" : "errors") about ids it may define \(count == 1 ? "is" : "are") not shown; fix this first)"
        }
        let unique = Self.unique(diagnostics)
        if unique.hasErrors {
            throw .invalid(path: document.path, diagnostics: unique)
        }
        return (assessment, unique)
    }

    private func entry(id: String, version: String) -> Entry? {
        let key = Key(id: id, version: version)
        if let entry = added[key] { return entry }
        return bundled?.catalog.questionnaires[key]
    }

    private func missingMessage(_ use: QuestionnaireDecoder.Use) -> String {
        let versions = (Array(added.keys) + Array(bundled?.catalog.questionnaires.keys ?? [:].keys))
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

/// A ``BundledCatalog`` read on first use, once, by whichever thread asks first: a loader whose
/// assessments use only questionnaires added to it never reads the embedded files.
final class LazyBundledCatalog: @unchecked Sendable {
    // @unchecked: `loaded` is only read and written on `queue`, and never changes once set.
    private let queue = DispatchQueue(label: "crossroads.bundled-catalog")
    private var loaded: BundledCatalog?

    init(_ catalog: BundledCatalog? = nil) {
        loaded = catalog
    }

    /// The catalog, read now if it was not yet.
    var catalog: BundledCatalog {
        queue.sync {
            if let loaded { return loaded }
            let catalog = BundledCatalog()
            loaded = catalog
            return catalog
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
