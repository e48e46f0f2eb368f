import CLibXML2

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a batch document (`<batch xmlns="urn:crossroads:answers:1">` holding `<answer>` sets) with
/// libxml2's streaming reader, one answer set at a time, so memory does not grow with the number of sets.
///
/// Each `<answers>` element is expanded, copied into a document of its own (with the positions of its
/// elements in the batch document) and handed out as an ``AnswerSetDocument``; the reader then moves past
/// it and libxml2 frees it. Checking the copy against the schema and turning it into plain values happens
/// when ``AnswerSetDocument/parse()`` is called, on any thread. A fault that stops the stream (XML that is
/// not well-formed, a read error) ends the batch with one ``Event/refused(index:id:error:)``.
final class BatchDocumentReader {
    /// What the reader found next.
    enum Event {
        /// An answer set: its 1-based position among the batch's elements, its `id`, where it starts.
        case set(index: Int, id: String?, location: SourceLocation, document: AnswerSetDocument)
        /// A part that cannot be scored: an element that is not `<answers>` (with its position), stray text,
        /// or the document itself failing (no index); reading goes on after the first two.
        case refused(index: Int?, id: String?, error: CrossroadsError)
    }

    let path: String
    private let source: StreamSource
    private let sink = ErrorSink()
    private var reader: xmlTextReaderPtr?
    /// Set when the last step already moved the reader (past an expanded element), with its status.
    private var pendingStatus: Int32?
    private var index = 0
    private var finished = false
    private var sawRoot = false

    /// Starts reading `descriptor` (the whole stream is `prefix`, already read from it, then the rest);
    /// `path` names the document in diagnostics. The descriptor is closed with the reader when `owned`.
    init(path: String, descriptor: Int32, prefix: [UInt8], owned: Bool) {
        self.path = path
        source = StreamSource(descriptor: descriptor, prefix: prefix, owned: owned)
        libxml2Initialised.touch()
        // NODICT: libxml2 would otherwise keep every short text and attribute value (a respondent's id, say)
        // in the parser's dictionary until the end, so memory would grow with the number of sets.
        // COMPACT: short texts are kept inside their node, not in an allocation of their own (the tree is
        // only read, or copied for the schema, never changed).
        reader = xmlReaderForIO(
            streamRead, streamClose, Unmanaged.passUnretained(source).toOpaque(), nil, "UTF-8",
            SafeXMLReader.parserOptions | Int32(XML_PARSE_NODICT.rawValue) | Int32(XML_PARSE_COMPACT.rawValue))
        if let reader {
            xmlTextReaderSetStructuredErrorHandler(reader, readerError, Unmanaged.passUnretained(sink).toOpaque())
        }
    }

    deinit {
        if let reader { xmlFreeTextReader(reader) }
        source.close()
    }

    /// The next answer set or refused part; `nil` at the end of the document.
    func next() -> Event? {
        guard !finished else { return nil }
        guard let reader else {
            return fail([Diagnostic(.error, "could not start the XML reader (out of memory?)", at: start)])
        }
        while true {
            let status: Int32
            if let pending = pendingStatus {
                status = pending
                pendingStatus = nil
            } else {
                status = xmlTextReaderRead(reader)
            }
            if status == 0 {
                finished = true
                if !sawRoot {
                    return fail([Diagnostic(.error, "the file has no root element", at: start)])
                }
                return nil
            }
            if status < 0 { return failStream() }
            let type = xmlTextReaderNodeType(reader)
            let depth = xmlTextReaderDepth(reader)
            if type == Int32(XML_READER_TYPE_ELEMENT.rawValue) {
                let position = source.scanner.next()
                let location = position.map { SourceLocation(file: path, line: $0.line, column: $0.column) } ?? start
                if depth == 0 {
                    sawRoot = true
                    if let refusal = checkRoot(reader, at: location) { return refusal }
                    continue
                }
                if depth == 1 { return element(reader, at: location) }
                continue  // deeper elements are inside expanded ones; not met here
            }
            if depth == 1 && (type == Int32(XML_READER_TYPE_TEXT.rawValue) || type == Int32(XML_READER_TYPE_CDATA.rawValue)) {
                let line = xmlTextReaderGetParserLineNumber(reader)
                return refusal(
                    "text is not allowed between answer sets; a batch holds <answers> elements only",
                    at: SourceLocation(file: path, line: max(Int(line), 1), column: 1))
            }
        }
    }

    private var start: SourceLocation { SourceLocation(file: path, line: 1, column: 1) }

    /// A part of the batch document that is refused with one error, while the answer sets go on being read.
    private func refusal(_ message: String, at location: SourceLocation) -> Event {
        .refused(index: nil, id: nil, error: .invalid(path: path, diagnostics: [Diagnostic(.error, message, at: location)]))
    }

    private func fail(_ diagnostics: [Diagnostic]) -> Event {
        finished = true
        return .refused(index: nil, id: nil, error: .invalid(path: path, diagnostics: diagnostics))
    }

    /// The stream stopped: a read error, or XML that is not well-formed.
    private func failStream() -> Event {
        finished = true
        if let code = source.readError {
            return .refused(index: nil, id: nil, error: .unreadable(path: path, reason: InputFile.describe(errno: code)))
        }
        var diagnostics = SafeXMLReader.wellFormednessErrors(sink.take(path: path))
        // As for a single file: an error raised with all input consumed means the document stopped early.
        if source.atEnd, let first = diagnostics.first, first.severity == .error,
            let line = first.location?.line, line >= source.scanner.line,
            !LibXMLMessages.isTruncation(first.message)
        {
            diagnostics[0].message = "the document ends too early; is the file truncated? (\(first.message))"
        }
        if !diagnostics.hasErrors {
            diagnostics.append(Diagnostic(.error, "the file is not well-formed XML", at: start))
        }
        return .refused(index: nil, id: nil, error: .invalid(path: path, diagnostics: diagnostics))
    }

    private func checkRoot(_ reader: xmlTextReaderPtr, at location: SourceLocation) -> Event? {
        let name = SafeXMLReader.string(xmlTextReaderConstLocalName(reader)) ?? ""
        let namespace = SafeXMLReader.string(xmlTextReaderConstNamespaceUri(reader))
        if name != "batch" || namespace != AnswersReader.namespace {
            let namespaceNote = namespace.map { " in namespace \($0)" } ?? " without a namespace"
            return fail([
                Diagnostic(
                    .error,
                    "this is not a Crossroads batch document: its root element is <\(name)>\(namespaceNote); expected <batch> in namespace \(AnswersReader.namespace)",
                    at: location)
            ])
        }
        var attributes: [String] = []
        while xmlTextReaderMoveToNextAttribute(reader) == 1 {
            if xmlTextReaderIsNamespaceDecl(reader) != 1 {
                attributes.append(SafeXMLReader.string(xmlTextReaderConstName(reader)) ?? "")
            }
        }
        _ = xmlTextReaderMoveToElement(reader)
        if let first = attributes.first {
            return refusal("<batch> takes no attributes, but has \(first); the answer sets are still read", at: location)
        }
        return nil
    }

    /// An element directly inside `<batch>`: an answer set, or something that is not allowed there.
    private func element(_ reader: xmlTextReaderPtr, at location: SourceLocation) -> Event {
        index += 1
        let name = SafeXMLReader.string(xmlTextReaderConstLocalName(reader)) ?? ""
        let namespace = SafeXMLReader.string(xmlTextReaderConstNamespaceUri(reader))
        var id: String?
        if let value = xmlTextReaderGetAttribute(reader, "id") {
            id = String(cString: value).collapsingWhitespace
            crossroads_xmlFree(value)
        }
        let errorsBefore = sink.count
        guard let node = xmlTextReaderExpand(reader) else { return failStream() }
        let isAnswers = name == "answers" && namespace == AnswersReader.namespace
        // Most sets plainly obey the schema: read them as plain values now, with no copy and no schema pass.
        if isAnswers, sink.count == errorsBefore, var plain = PlainAnswerExtractor.extract(node) {
            // The extractor checked the shape: <answer>s holding elements without elements.
            var answer = 0
            var child = node.pointee.children
            while let current = child {
                if current.pointee.type == XML_ELEMENT_NODE, answer < plain.answers.count {
                    if let position = source.scanner.next() {
                        plain.answers[answer].line = position.line
                        plain.answers[answer].column = position.column
                    }
                    answer += 1
                    var inner = current.pointee.children
                    while let element = inner {
                        if element.pointee.type == XML_ELEMENT_NODE { _ = source.scanner.next() }
                        inner = element.pointee.next
                    }
                }
                child = current.pointee.next
            }
            pendingStatus = xmlTextReaderNext(reader)
            return .set(
                index: index, id: id, location: location, document: AnswerSetDocument(plain: plain, at: location))
        }
        var copy: xmlDocPtr?
        // The positions of the set's elements, in document order (turned into locations by the worker).
        var positions: [StartTagScanner.Position] = []
        if isAnswers, let document = xmlNewDoc("1.0"), let root = xmlDocCopyNode(node, document, 1) {
            xmlDocSetRootElement(document, root)
            copy = document
            var first = true
            forEachElement(root) { _ in
                if first {
                    first = false
                    positions.append(StartTagScanner.Position(line: location.line, column: location.column))
                } else if let position = source.scanner.next() {
                    positions.append(position)
                }
            }
        } else {
            // Keep the scanner in step: skip the positions of the elements inside this one.
            var first = true
            forEachElement(node) { _ in
                if first { first = false } else { _ = source.scanner.next() }
            }
        }
        let earlier = sink.count > errorsBefore ? sink.take(path: path) : []
        pendingStatus = xmlTextReaderNext(reader)
        if isAnswers, let copy {
            return .set(
                index: index, id: id, location: location,
                document: AnswerSetDocument(document: copy, positions: positions, path: path, earlier: earlier))
        }
        let message: String
        if isAnswers {
            message = "could not copy this answer set (out of memory?)"
        } else if name == "answers" {
            let namespaceNote = namespace.map { " is in namespace \($0)" } ?? " has no namespace"
            message = "this <answers>\(namespaceNote), but Crossroads expects \(AnswersReader.namespace)"
        } else {
            message = "<\(name)> is not allowed in a batch; a batch holds <answers> elements only"
        }
        return .refused(
            index: index, id: id,
            error: .invalid(path: path, diagnostics: earlier + [Diagnostic(.error, message, at: location)]))
    }

    private func forEachElement(_ node: UnsafeMutablePointer<xmlNode>, _ body: (UnsafeMutablePointer<xmlNode>) -> Void) {
        elements(node, body)
    }
}

/// One answer set from a batch document, in a libxml2 document of its own until it is parsed.
final class AnswerSetDocument: @unchecked Sendable {
    // @unchecked: the libxml2 document is touched only under `lock`, and freed once parsed.
    private let lock = Lock()
    private var document: xmlDocPtr?
    private var positions: [StartTagScanner.Position]
    private var parsed: Parsed?
    private let earlier: [Diagnostic]
    /// The set as plain values, when the batch reader could read it so (then there is no document).
    private let plainSet: PlainAnswerSet?
    /// Where the set's `<answers>` starts.
    private let location: SourceLocation?
    let path: String

    init(document: xmlDocPtr, positions: [StartTagScanner.Position], path: String, earlier: [Diagnostic]) {
        self.document = document
        self.positions = positions
        self.path = path
        self.earlier = earlier
        plainSet = nil
        location = nil
    }

    /// A set the batch reader read as plain values (``PlainAnswerExtractor``), starting at `location`.
    init(plain: PlainAnswerSet, at location: SourceLocation) {
        document = nil
        positions = []
        path = location.file
        earlier = []
        plainSet = plain
        self.location = location
    }

    deinit {
        if let document { xmlFreeDoc(document) }
    }

    /// Checks the set against the answers schema, as a single answers file is checked, and returns its
    /// element as plain values (or every problem, located in the batch document). The first call does the
    /// work and frees the libxml2 document; later calls return the same answer.
    func parse() -> Parsed {
        lock.withLock {
            if let parsed { return parsed }
            let result = parseOnce()
            parsed = result
            if let document { xmlFreeDoc(document) }
            document = nil
            positions = []
            return result
        }
    }

    /// The set as plain values when the batch reader found that it plainly obeys the answers schema (see
    /// ``PlainAnswerExtractor``); `nil` when it must go through ``parse()`` and the schema.
    func plain() -> PlainAnswerSet? { plainSet }

    private func parseOnce() -> Parsed {
        // A set read as plain values passed everything the schema asks (the extractor made sure).
        if let plainSet, let location { return .success(plainSet.sourceElement(at: location)) }
        guard let document, let root = xmlDocGetRootElement(document) else {
            return .failure(earlier + [Diagnostic(.error, "this answer set is empty", at: nil, file: path)])
        }
        let context = ParseContext(path: path, bytes: [])
        var next = 0
        var located: [UnsafeMutableRawPointer: SourceLocation] = [:]
        located.reserveCapacity(positions.count)
        elements(root) { element in
            guard next < positions.count else { return }
            located[UnsafeMutableRawPointer(element)] = SourceLocation(
                file: path, line: positions[next].line, column: positions[next].column)
            next += 1
        }
        context.positions = located
        var diagnostics = earlier
        diagnostics += CompiledSchema.answers.validate(document: document, context: context)
        if diagnostics.hasErrors { return .failure(diagnostics) }
        return .success(context.element(from: root), diagnostics)
    }
}

/// Calls `body` with `node` and each element inside it, in document order.
private func elements(_ node: UnsafeMutablePointer<xmlNode>, _ body: (UnsafeMutablePointer<xmlNode>) -> Void) {
    body(node)
    var child = node.pointee.children
    while let current = child {
        if current.pointee.type == XML_ELEMENT_NODE { elements(current, body) }
        child = current.pointee.next
    }
}

/// The bytes the reader reads: `prefix` first, then the rest of the descriptor, each scanned for start tags.
private final class StreamSource {
    let descriptor: Int32
    var prefix: [UInt8]
    var prefixOffset = 0
    let owned: Bool
    var closed = false
    var readError: Int32?
    var atEnd = false
    var scanner = StartTagScanner()

    init(descriptor: Int32, prefix: [UInt8], owned: Bool) {
        self.descriptor = descriptor
        self.prefix = prefix
        self.owned = owned
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int32 {
        guard buffer.count > 0 else { return 0 }
        if prefixOffset < prefix.count {
            let count = min(buffer.count, prefix.count - prefixOffset)
            prefix.withUnsafeBytes { bytes in
                guard let from = bytes.baseAddress, let to = buffer.baseAddress else { return }
                to.copyMemory(from: from + prefixOffset, byteCount: count)
            }
            prefixOffset += count
            if prefixOffset == prefix.count {
                prefix = []
                prefixOffset = 0
            }
            scanner.scan(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            return Int32(count)
        }
        // libxml2 asks for 4,000 bytes at a time; read 64 KiB per system call and hand them out from here.
        if chunkOffset == chunkCount {
            while true {
                let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
                if count < 0 {
                    if errno == EINTR { continue }
                    readError = errno
                    return -1
                }
                if count == 0 {
                    atEnd = true
                    return 0
                }
                chunkCount = count
                chunkOffset = 0
                break
            }
        }
        let count = min(buffer.count, chunkCount - chunkOffset)
        chunk.withUnsafeBytes { bytes in
            guard let from = bytes.baseAddress, let to = buffer.baseAddress else { return }
            to.copyMemory(from: from + chunkOffset, byteCount: count)
        }
        chunkOffset += count
        scanner.scan(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        return Int32(count)
    }

    /// Bytes read from the descriptor and not yet handed to libxml2: `chunk[chunkOffset..<chunkCount]`.
    private var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    private var chunkOffset = 0
    private var chunkCount = 0

    func close() {
        if owned && !closed { _ = Glibc.close(descriptor) }
        closed = true
    }
}

/// Collects the reader's errors.
private final class ErrorSink {
    private var found: [(severity: Diagnostic.Severity, message: String, line: Int, column: Int)] = []

    var count: Int { found.count }

    func add(_ severity: Diagnostic.Severity, _ message: String, line: Int, column: Int) {
        found.append((severity, message, line, column))
    }

    /// The errors so far, as diagnostics in `path`; the sink is emptied.
    func take(path: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for entry in found {
            let diagnostic = Diagnostic(
                entry.severity, entry.message,
                at: SourceLocation(file: path, line: max(entry.line, 1), column: max(entry.column, 1)))
            if !diagnostics.contains(diagnostic) { diagnostics.append(diagnostic) }
        }
        found = []
        return diagnostics
    }
}

private let streamRead: xmlInputReadCallback = { context, buffer, length in
    guard let context, let buffer, length > 0 else { return 0 }
    let source = Unmanaged<StreamSource>.fromOpaque(context).takeUnretainedValue()
    return source.read(into: UnsafeMutableRawBufferPointer(start: buffer, count: Int(length)))
}

private let streamClose: xmlInputCloseCallback = { _ in 0 }

private let readerError: xmlStructuredErrorFunc = { userData, error in
    guard let userData, let error else { return }
    let sink = Unmanaged<ErrorSink>.fromOpaque(userData).takeUnretainedValue()
    let severity: Diagnostic.Severity = error.pointee.level == XML_ERR_WARNING ? .warning : .error
    let message = LibXMLMessages.parser(
        code: Int(error.pointee.code),
        raw: SafeXMLReader.string(UnsafeRawPointer(error.pointee.message)?.assumingMemoryBound(to: xmlChar.self)))
    sink.add(severity, message, line: Int(error.pointee.line), column: Int(error.pointee.int2))
}
