/// One questionnaire-format file, read, validated against the schema, and decoded.
struct LoadedDocument: Sendable {
    /// The path it was read from (or named as).
    var path: String
    /// Its exact bytes, for the content hash.
    var bytes: [UInt8]
    /// What it holds.
    var document: QuestionnaireDecoder.Document
    /// Positions of condition and rule leaves (see ``SemanticChecker/leafLocations``).
    var leafLocations: [String: [SourceLocation]]
    /// Where its root element is.
    var location: SourceLocation
    /// Warnings found while reading it, and errors found while decoding it (numbers out of range).
    var warnings: [Diagnostic]

    /// Reads and decodes a file; throws when it can't be read, or is not well-formed or schema-valid.
    static func read(path: String) throws(CrossroadsError) -> LoadedDocument {
        try parse(InputFile.read(path), path: path)
    }

    /// Decodes bytes already in memory, named `path` in diagnostics.
    static func parse(_ bytes: [UInt8], path: String) throws(CrossroadsError) -> LoadedDocument {
        let parsed = SafeXMLReader.read(
            bytes, path: path, schema: .questionnaire, roots: QuestionnaireDecoder.roots,
            kind: "questionnaire or assessment")
        guard let root = parsed.root else {
            throw .invalid(path: path, diagnostics: parsed.diagnostics)
        }
        var locations: [String: [SourceLocation]] = [:]
        collectLeafLocations(root, into: &locations)
        let decoder = QuestionnaireDecoder()
        let document = decoder.decode(root)
        return LoadedDocument(
            path: path, bytes: bytes, document: document, leafLocations: locations,
            location: root.location, warnings: parsed.diagnostics + decoder.problems.diagnostics)
    }

    private static let combinators: Set<String> = ["all-of", "any-of", "none-of"]

    private static func collectLeafLocations(_ element: SourceElement, into locations: inout [String: [SourceLocation]])
    {
        switch element.name {
        case "item" where element.child("show-if") != nil:
            if let id = element.attribute("id"), let condition = element.child("show-if") {
                locations[nextKey("item:\(id)", in: locations)] = leaves(of: condition)
            }
        case "outcome":
            if let id = element.attribute("id"), let rule = element.child("rule") {
                locations[nextKey("outcome:\(id)", in: locations)] = leaves(of: rule)
            }
        default:
            for child in element.children { collectLeafLocations(child, into: &locations) }
        }
    }

    /// `key` the first time, then `key#2`, `key#3`… for elements that repeat an id.
    private static func nextKey(_ key: String, in locations: [String: [SourceLocation]]) -> String {
        guard locations[key] != nil else { return key }
        var count = 2
        while locations["\(key)#\(count)"] != nil { count += 1 }
        return "\(key)#\(count)"
    }

    private static func leaves(of element: SourceElement) -> [SourceLocation] {
        element.children.flatMap { child in
            combinators.contains(child.name) ? leaves(of: child) : [child.location]
        }
    }
}
