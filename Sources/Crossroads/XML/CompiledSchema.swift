import CLibXML2

/// An XSD compiled once from the text embedded in the binary and shared; each validation uses its own
/// validation context, so concurrent validations are safe.
final class CompiledSchema: @unchecked Sendable {
    // @unchecked: the compiled schema is immutable after init and libxml2 documents it as shareable
    // between validation contexts; it is freed only in deinit.
    private let schema: xmlSchemaPtr?
    /// The embedded path it was compiled from (`Questionnaires/questionnaire.xsd`).
    let path: String
    /// Why it failed to compile, if it did (a build problem, never the user's).
    let failure: String?

    init(path: String) {
        self.path = path
        libxml2Initialised.touch()
        guard let text = Bundled.text(path) else {
            schema = nil
            failure = "the built-in schema \(path) is missing from this build"
            return
        }
        let bytes = Array(text.utf8)
        let compiled: xmlSchemaPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                guard let parser = xmlSchemaNewMemParserCtxt(chars.baseAddress, Int32(chars.count)) else { return nil }
                defer { xmlSchemaFreeParserCtxt(parser) }
                xmlSchemaSetParserStructuredErrors(parser, { _, _ in }, nil)
                return xmlSchemaParse(parser)
            }
        }
        schema = compiled
        failure = compiled == nil ? "the built-in schema \(path) did not compile" : nil
    }

    deinit {
        if let schema { xmlSchemaFree(schema) }
    }

    /// The questionnaire and assessment schema.
    static let questionnaire = CompiledSchema(path: "Questionnaires/questionnaire.xsd")
    /// The answers schema.
    static let answers = CompiledSchema(path: "Reports/answers.xsd")
    /// The report schema.
    static let report = CompiledSchema(path: "Reports/report.xsd")
    /// The comparison schema.
    static let comparison = CompiledSchema(path: "Reports/comparison.xsd")

    /// Validates a parsed document; returns every problem with the position of the element it concerns.
    func validate(document: xmlDocPtr, context: ParseContext) -> [Diagnostic] {
        guard let schema else {
            return [
                Diagnostic(
                    .error, "internal error: \(failure ?? "no schema")",
                    at: context.location(line: 1, column: 1))
            ]
        }
        guard let validation = xmlSchemaNewValidCtxt(schema) else {
            return [
                Diagnostic(
                    .error, "internal error: could not create a schema validation context",
                    at: context.location(line: 1, column: 1))
            ]
        }
        defer { xmlSchemaFreeValidCtxt(validation) }
        let box = Unmanaged.passRetained(context)
        defer { box.release() }
        let before = context.diagnostics.count
        xmlSchemaSetValidStructuredErrors(validation, schemaError, box.toOpaque())
        let status = xmlSchemaValidateDoc(validation, document)
        var found = Array(context.diagnostics[before...])
        if status != 0 && !found.hasErrors {
            found.append(
                Diagnostic(
                    .error, "the file does not match the \(path) schema",
                    at: context.location(line: 1, column: 1)))
        }
        return found
    }
}

private let schemaError: xmlStructuredErrorFunc = { userData, error in
    guard let userData, let error else { return }
    let context = Unmanaged<ParseContext>.fromOpaque(userData).takeUnretainedValue()
    var node = error.pointee.node
    if let current = node?.assumingMemoryBound(to: xmlNode.self), current.pointee.type == XML_ATTRIBUTE_NODE {
        node = current.pointee.parent.map { UnsafeMutableRawPointer($0) }
    }
    let location: SourceLocation
    if let node {
        location = context.location(of: node)
    } else {
        location = context.location(line: Int(error.pointee.line), column: 1)
    }
    let raw = SafeXMLReader.string(UnsafeRawPointer(error.pointee.message)?.assumingMemoryBound(to: xmlChar.self))
    let severity: Diagnostic.Severity = error.pointee.level == XML_ERR_WARNING ? .warning : .error
    context.add(severity, LibXMLMessages.schema(raw), at: location)
}
