import CLibXML2

/// Parses untrusted XML with libxml2 and validates it against a compiled schema, returning plain
/// ``SourceElement`` values or every problem found, each with a file, line and column.
///
/// What it never does: load a DTD, expand an entity, follow XInclude, decompress, touch the network or
/// read another file. A document with a DOCTYPE is refused at the DOCTYPE, before its internal subset is
/// parsed. The input must be UTF-8.
enum SafeXMLReader {
    /// A root element a caller accepts: its namespace and local name.
    struct Root: Hashable, Sendable {
        var namespace: String
        var name: String
    }

    /// `XML_PARSE_NONET`: no network even if something asked. Deliberately absent: `NOENT` (entity
    /// substitution), `DTDLOAD`, `DTDVALID`, `XINCLUDE`, `HUGE` (would lift the depth and size limits),
    /// `RECOVER` (would build partial trees).
    static let parserOptions = Int32(XML_PARSE_NONET.rawValue)

    /// Parses `bytes` (the content of `path`), checks that the root is one of `roots`, validates against
    /// `schema`, and returns the root element.
    static func read(
        _ bytes: [UInt8], path: String, schema: CompiledSchema, roots: [Root], kind: String
    ) -> Parsed {
        let diagnostics = Precheck.check(bytes, path: path)
        if diagnostics.hasErrors { return .failure(diagnostics) }

        libxml2Initialised.touch()
        let context = ParseContext(path: path, bytes: bytes)
        var parsed = readParsed(
            bytes, path: path, schema: schema, roots: roots, kind: kind, context: context, diagnostics: diagnostics)
        parsed.positionWork = context.lines.bytesCounted
        return parsed
    }

    private static func readParsed(
        _ bytes: [UInt8], path: String, schema: CompiledSchema, roots: [Root], kind: String, context: ParseContext,
        diagnostics: [Diagnostic]
    ) -> Parsed {
        var diagnostics = diagnostics
        let parsed: xmlDocPtr?? = bytes.withUnsafeBufferPointer { buffer -> xmlDocPtr?? in
            buffer.withMemoryRebound(to: CChar.self) { chars -> xmlDocPtr?? in
                guard let parser = xmlCreateMemoryParserCtxt(chars.baseAddress, Int32(chars.count)) else {
                    return .none
                }
                defer { xmlFreeParserCtxt(parser) }
                let box = Unmanaged.passRetained(context)
                defer { box.release() }
                parser.pointee._private = box.toOpaque()
                if let sax = parser.pointee.sax {
                    sax.pointee.serror = parserError
                    sax.pointee.internalSubset = refuseDoctype
                    sax.pointee.externalSubset = nil
                    sax.pointee.startElementNs = startElement
                }
                xmlCtxtUseOptions(parser, parserOptions)
                _ = xmlParseDocument(parser)
                let document = parser.pointee.myDoc
                parser.pointee.myDoc = nil
                if parser.pointee.wellFormed == 0 || context.refused {
                    if let document { xmlFreeDoc(document) }
                    return .some(nil)
                }
                return .some(document)
            }
        }
        guard case .some(let maybeDocument) = parsed else {
            return .failure([
                Diagnostic(
                    .error, "could not start the XML parser (out of memory?)",
                    at: SourceLocation(file: path, line: 1, column: 1))
            ])
        }
        diagnostics += Self.wellFormednessErrors(context.diagnostics)
        guard let document = maybeDocument else {
            if !diagnostics.hasErrors {
                diagnostics.append(
                    Diagnostic(
                        .error, "the file is not well-formed XML",
                        at: SourceLocation(file: path, line: 1, column: 1)))
            }
            return .failure(diagnostics)
        }
        defer { xmlFreeDoc(document) }

        guard let rootNode = xmlDocGetRootElement(document) else {
            return .failure(
                diagnostics + [
                    Diagnostic(
                        .error, "the file has no root element",
                        at: SourceLocation(file: path, line: 1, column: 1))
                ])
        }
        let rootName = string(rootNode.pointee.name) ?? ""
        let rootNamespace = rootNode.pointee.ns.flatMap { string($0.pointee.href) }
        if !roots.contains(Root(namespace: rootNamespace ?? "", name: rootName)) {
            let expected = roots.map { "<\($0.name)>" }.joined(separator: " or ")
            let namespaceNote = rootNamespace.map { " in namespace \($0)" } ?? " without a namespace"
            let reason =
                roots.contains(where: { $0.name == rootName })
                ? "its root element <\(rootName)> is\(namespaceNote), but Crossroads expects \(roots[0].namespace)"
                : "its root element is <\(rootName)>\(namespaceNote); expected \(expected) in namespace \(roots[0].namespace)"
            return .failure(
                diagnostics + [
                    Diagnostic(
                        .error, "this is not a Crossroads \(kind): \(reason)",
                        at: context.location(of: UnsafeMutableRawPointer(rootNode)))
                ])
        }

        diagnostics += schema.validate(document: document, context: context)
        if diagnostics.hasErrors { return .failure(diagnostics) }
        return .success(context.element(from: rootNode), diagnostics)
    }

    /// Parses and validates a document held in memory and returns only the diagnostics (used to check
    /// what Crossroads itself writes).
    static func validate(_ text: String, path: String, schema: CompiledSchema, roots: [Root], kind: String)
        -> [Diagnostic]
    {
        read(Array(text.utf8), path: path, schema: schema, roots: roots, kind: kind).diagnostics
    }

    /// XML's well-formedness errors are fatal: after the first, libxml2's further messages (errors and
    /// warnings alike) are mostly its consequences. Keep one error: the one that says the file was cut
    /// short, else the first.
    static func wellFormednessErrors(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        let errors = diagnostics.filter { $0.severity == .error }
        guard !errors.isEmpty else { return diagnostics }
        let keep = errors.first { LibXMLMessages.isTruncation($0.message) } ?? errors[0]
        return [keep]
    }

    /// A Swift string from a libxml2 string.
    static func string(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }
}

/// The outcome of reading a document: its root element (when valid) and every diagnostic found.
struct Parsed: Sendable {
    /// The root element; `nil` when any error was found.
    var root: SourceElement?
    /// Errors and warnings, in the order found.
    var diagnostics: [Diagnostic]
    /// How many bytes were looked at to turn positions into lines and columns (``LineTable/bytesCounted``):
    /// what the hostile-file tests check is linear in the input, whatever its shape.
    var positionWork = 0

    static func success(_ root: SourceElement, _ diagnostics: [Diagnostic] = []) -> Parsed {
        Parsed(root: root, diagnostics: diagnostics)
    }

    static func failure(_ diagnostics: [Diagnostic]) -> Parsed {
        Parsed(root: nil, diagnostics: diagnostics)
    }
}

/// `xmlInitParser` runs once, before any other use of libxml2.
enum libxml2Initialised {
    private static let done: Bool = {
        xmlInitParser()
        return true
    }()

    static func touch() { _ = done }
}

/// State shared with libxml2's callbacks during one parse: diagnostics and element positions.
final class ParseContext {
    let path: String
    var lines: LineTable
    var diagnostics: [Diagnostic] = []
    var refused = false
    /// The position of each element's `<`, by node pointer, recorded as libxml2 creates the node.
    var positions: [UnsafeMutableRawPointer: SourceLocation] = [:]

    init(path: String, bytes: [UInt8]) {
        self.path = path
        self.lines = LineTable(bytes)
    }

    func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(file: path, line: max(line, 1), column: max(column, 1))
    }

    func location(of node: UnsafeMutableRawPointer?) -> SourceLocation {
        if let node, let known = positions[node] { return known }
        if let node {
            let line = xmlGetLineNo(node.assumingMemoryBound(to: xmlNode.self))
            return location(line: Int(line), column: 1)
        }
        return location(line: 1, column: 1)
    }

    /// The diagnostics already recorded, so that a repeat is dropped in constant time.
    private var seen: Set<Diagnostic> = []

    func add(_ severity: Diagnostic.Severity, _ message: String, at location: SourceLocation) {
        let diagnostic = Diagnostic(severity, message, at: location)
        if seen.insert(diagnostic).inserted { diagnostics.append(diagnostic) }
    }

    /// Converts a libxml2 element and its descendants into plain values.
    func element(from node: UnsafeMutablePointer<xmlNode>) -> SourceElement {
        var attributes: [(name: String, value: String)] = []
        var attribute = node.pointee.properties
        while let current = attribute {
            let name = SafeXMLReader.string(current.pointee.name) ?? ""
            var value = ""
            if let text = current.pointee.children, text.pointee.next == nil, text.pointee.type == XML_TEXT_NODE,
                let content = text.pointee.content
            {
                // The usual case, one text node: read it in place (what xmlNodeGetContent would copy).
                value = String(cString: content)
            } else if let content = xmlNodeGetContent(
                UnsafeMutableRawPointer(current).assumingMemoryBound(to: xmlNode.self))
            {
                value = String(cString: content)
                crossroads_xmlFree(content)
            }
            attributes.append((name, value))
            attribute = current.pointee.next
        }
        var children: [SourceElement] = []
        var text = ""
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                children.append(element(from: current))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { text += String(cString: content) }
            default:
                break
            }
            child = current.pointee.next
        }
        return SourceElement(
            name: SafeXMLReader.string(node.pointee.name) ?? "",
            namespace: node.pointee.ns.flatMap { SafeXMLReader.string($0.pointee.href) },
            attributes: attributes, children: children, text: text,
            location: location(of: UnsafeMutableRawPointer(node)))
    }
}

/// Structured parser errors: well-formedness problems, with libxml2's line and column.
private let parserError: xmlStructuredErrorFunc = { userData, error in
    guard let userData, let error else { return }
    let parser = userData.assumingMemoryBound(to: xmlParserCtxt.self)
    guard let opaque = parser.pointee._private else { return }
    let context = Unmanaged<ParseContext>.fromOpaque(opaque).takeUnretainedValue()
    if context.refused { return }
    let severity: Diagnostic.Severity = error.pointee.level == XML_ERR_WARNING ? .warning : .error
    var message = LibXMLMessages.parser(
        code: Int(error.pointee.code),
        raw: SafeXMLReader.string(
            UnsafeRawPointer(error.pointee.message)?.assumingMemoryBound(to: xmlChar.self)))
    // An error raised with all input consumed means the document stopped before its end.
    if let input = parser.pointee.input, let cur = input.pointee.cur, let end = input.pointee.end, cur >= end,
        severity == .error, !LibXMLMessages.isTruncation(message)
    {
        message = "the document ends too early; is the file truncated? (\(message))"
    }
    context.add(severity, message, at: context.location(line: Int(error.pointee.line), column: Int(error.pointee.int2)))
}

/// Called when the parser meets `<!DOCTYPE`: record it and stop before anything in it is read.
private let refuseDoctype: internalSubsetSAXFunc = { userData, _, _, _ in
    guard let userData else { return }
    let parser = userData.assumingMemoryBound(to: xmlParserCtxt.self)
    if let opaque = parser.pointee._private {
        let context = Unmanaged<ParseContext>.fromOpaque(opaque).takeUnretainedValue()
        let offset = Int(xmlByteConsumed(parser))
        let start = context.lines.lastIndex(of: UInt8(ascii: "<"), before: offset) ?? offset
        context.add(
            .error,
            "a DOCTYPE declaration is not allowed: Crossroads files never use DTDs or entities, so it refuses them outright",
            at: context.lines.location(ofByte: start, in: context.path))
        context.refused = true
    }
    xmlStopParser(parser)
}

/// Builds the element as libxml2 would, then records where its start tag began.
private let startElement: startElementNsSAX2Func = {
    userData, localName, prefix, uri, namespaceCount, namespaces, attributeCount, defaulted, attributes in
    xmlSAX2StartElementNs(
        userData, localName, prefix, uri, namespaceCount, namespaces, attributeCount, defaulted,
        attributes)
    guard let userData else { return }
    let parser = userData.assumingMemoryBound(to: xmlParserCtxt.self)
    guard let opaque = parser.pointee._private, let node = parser.pointee.node else { return }
    let context = Unmanaged<ParseContext>.fromOpaque(opaque).takeUnretainedValue()
    let offset = Int(xmlByteConsumed(parser))
    if let start = context.lines.lastIndex(of: UInt8(ascii: "<"), before: offset) {
        context.positions[UnsafeMutableRawPointer(node)] = context.lines.location(ofByte: start, in: context.path)
    }
}
