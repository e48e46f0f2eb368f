import CLibXML2

/// The one place that writes XML: a thin wrapper over libxml2's `xmlTextWriter`.
///
/// It writes to a memory buffer, UTF-8, indented by two spaces, starting with
/// `<?xml version="1.0" encoding="UTF-8"?>`. Every string it is given (names,
/// attribute values, text, comments) first goes through ``sanitized(_:)``, so a
/// control character a person typed can never make the document unreadable:
/// `xmlTextWriter` escapes markup but copies such characters through unchanged.
///
/// ```swift
/// let xml = try XMLWriter.document { w in
///     try w.element("answers", namespace: "urn:crossroads:answers:1", attributes: [("id", "demo")]) {
///         try w.element("note", text: "in the person's own words")
///     }
/// }
/// ```
///
/// Not thread-safe: use one writer per document, on one thread.
final class XMLWriter {
    /// A libxml2 call that failed, by name.
    struct Failure: Error, CustomStringConvertible, Equatable {
        /// What was being done ("xmlTextWriterStartElement report").
        var step: String
        var description: String { "could not write XML (\(step) failed)" }
    }

    private let buffer: xmlBufferPtr
    private var writer: xmlTextWriterPtr?
    private var depth = 0
    private var finished = false

    /// Starts a document in memory; `indent` is on unless asked otherwise.
    init(indent: Bool = true) throws {
        libxml2Initialised.touch()
        guard let buffer = xmlBufferCreate() else { throw Failure(step: "xmlBufferCreate") }
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
            xmlBufferFree(buffer)
            throw Failure(step: "xmlNewTextWriterMemory")
        }
        self.buffer = buffer
        self.writer = writer
        if indent {
            try check(xmlTextWriterSetIndent(writer, 1), "xmlTextWriterSetIndent")
            try check(
                Self.withXMLChars("  ") { xmlTextWriterSetIndentString(writer, $0) }, "xmlTextWriterSetIndentString")
        }
        try check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil), "xmlTextWriterStartDocument")
    }

    deinit {
        if let writer { xmlFreeTextWriter(writer) }
        xmlBufferFree(buffer)
    }

    /// Writes a whole document: calls `body` with a fresh writer, then returns the finished text.
    static func document(indent: Bool = true, _ body: (XMLWriter) throws -> Void) throws -> String {
        let writer = try XMLWriter(indent: indent)
        try body(writer)
        return try writer.finish()
    }

    // MARK: Elements

    /// Opens an element; pass `namespace` to declare it as the default namespace (usually on the root).
    func startElement(_ name: String, namespace: String? = nil) throws {
        let writer = try live()
        try check(
            Self.withXMLChars(Self.sanitized(name)) { xmlTextWriterStartElement(writer, $0) },
            "xmlTextWriterStartElement \(name)")
        depth += 1
        if let namespace { try attribute("xmlns", namespace) }
    }

    /// Closes the innermost open element.
    func endElement() throws {
        let writer = try live()
        guard depth > 0 else { throw Failure(step: "endElement with no open element") }
        try check(xmlTextWriterEndElement(writer), "xmlTextWriterEndElement")
        depth -= 1
    }

    /// Writes an element with attributes, whose content `body` writes (child elements, or nothing).
    ///
    /// Attributes whose value is `nil` are left out, so optional values need no `if`.
    func element(
        _ name: String, namespace: String? = nil, attributes: [(String, String?)] = [],
        _ body: () throws -> Void = {}
    ) throws {
        try startElement(name, namespace: namespace)
        for (key, value) in attributes {
            if let value { try attribute(key, value) }
        }
        try body()
        try endElement()
    }

    /// Writes an element that holds only text: `<name a="1">text</name>`.
    func element(_ name: String, attributes: [(String, String?)] = [], text: String) throws {
        try element(name, attributes: attributes) {
            try self.text(text)
        }
    }

    /// Writes an element holding `text` when `text` is not `nil`; nothing otherwise.
    func optionalElement(_ name: String, attributes: [(String, String?)] = [], text: String?) throws {
        if let text { try element(name, attributes: attributes, text: text) }
    }

    // MARK: Content

    /// Writes an attribute on the element just opened (before any of its content).
    func attribute(_ name: String, _ value: String) throws {
        let writer = try live()
        let result = Self.withXMLChars(Self.sanitized(name)) { namePointer in
            Self.withXMLChars(Self.sanitized(value)) { valuePointer in
                xmlTextWriterWriteAttribute(writer, namePointer, valuePointer)
            }
        }
        try check(result, "xmlTextWriterWriteAttribute \(name)")
    }

    /// Writes text content, escaped, after replacing characters XML cannot hold.
    func text(_ content: String) throws {
        let writer = try live()
        try check(
            Self.withXMLChars(Self.sanitized(content)) { xmlTextWriterWriteString(writer, $0) },
            "xmlTextWriterWriteString")
    }

    /// Writes a comment; a `--` inside it is split so the comment stays well formed.
    func comment(_ content: String) throws {
        let writer = try live()
        var safe = Self.sanitized(content)
        while safe.contains("--") { safe = safe.replacing("--", with: "- -") }
        if safe.hasSuffix("-") { safe += " " }
        try check(Self.withXMLChars(safe) { xmlTextWriterWriteComment(writer, $0) }, "xmlTextWriterWriteComment")
    }

    // MARK: Finishing

    /// Closes any open elements, ends the document and returns it (UTF-8 text ending in a newline).
    /// The writer cannot be used afterwards.
    func finish() throws -> String {
        let writer = try live()
        try check(xmlTextWriterEndDocument(writer), "xmlTextWriterEndDocument")
        depth = 0
        // Freeing the writer flushes everything into the buffer.
        xmlFreeTextWriter(writer)
        self.writer = nil
        finished = true
        guard let content = xmlBufferContent(buffer) else { throw Failure(step: "xmlBufferContent") }
        let length = Int(xmlBufferLength(buffer))
        return Self.referencingControls(
            String(decoding: UnsafeBufferPointer(start: content, count: length), as: UTF8.self))
    }

    /// `document` with every C1 control and bidirectional control (what ``TerminalText`` would render
    /// visibly) written as a character reference, `&#x202E;`: the document holds the same characters as
    /// data, but shown in a terminal or a pager it cannot control the screen or reorder a line. Markup never
    /// holds such characters (names are Crossroads' own), so they are only ever in text and attribute
    /// values, where a reference means the character itself; C0 controls other than tab, line feed and
    /// carriage return were already replaced (``sanitized(_:)``), and libxml2 writes those three where they
    /// matter as references itself.
    static func referencingControls(_ document: String) -> String {
        guard TerminalText.needsCleaning(document) else { return document }
        var result = String.UnicodeScalarView()
        for scalar in document.unicodeScalars {
            if scalar.value >= 0x7F && TerminalText.isControl(scalar) {
                result.append(contentsOf: "&#x\(String(scalar.value, radix: 16, uppercase: true));".unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    // MARK: Characters

    /// Whether a scalar may appear in an XML 1.0 document (the `Char` production:
    /// tab, line feed, carriage return, U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF).
    static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case 0x20...0xD7FF: true
        case 0xE000...0xFFFD: true
        case 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// The replacement for a character XML 1.0 cannot hold: U+FFFD, so the reader sees that something was there.
    static let replacementCharacter: Unicode.Scalar = "\u{FFFD}"

    /// `text` with every character outside the XML 1.0 `Char` range (NUL, other C0 controls,
    /// U+FFFE, U+FFFF) replaced by U+FFFD. Text that is already fine is returned unchanged.
    static func sanitized(_ text: String) -> String {
        guard mayHoldNonXMLCharacters(text) else { return text }
        guard text.unicodeScalars.contains(where: { !isXMLCharacter($0) }) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            scalars.append(isXMLCharacter(scalar) ? scalar : replacementCharacter)
        }
        return String(scalars)
    }

    /// Whether `text` may hold a character outside the XML 1.0 `Char` range, checked on the UTF-8 bytes:
    /// such a character is either a C0 control other than tab, line feed and carriage return (one byte
    /// below 0x20) or U+FFFE / U+FFFF (EF BF BE / EF BF BF); a Swift string holds no surrogates. `false`
    /// means there is none; `true` (any such control, or any EF lead byte) leaves it to the scalar check.
    static func mayHoldNonXMLCharacters(_ text: String) -> Bool {
        var text = text
        text.makeContiguousUTF8()  // a no-op for native strings
        let answer = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            var offset = ASCIIScan.skipPrintable(bytes, from: 0)
            while offset < bytes.count {
                let byte = bytes[offset]
                if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D { return true }
                if byte == 0xEF { return true }
                offset = byte < 0x80 ? ASCIIScan.skipPrintable(bytes, from: offset + 1) : offset + 1
            }
            return false
        }
        return answer ?? mayHoldNonXMLCharactersBytewise(text)
    }

    /// ``mayHoldNonXMLCharacters(_:)`` one byte at a time: the definition.
    static func mayHoldNonXMLCharactersBytewise(_ text: String) -> Bool {
        for byte in text.utf8 {
            if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D { return true }
            if byte == 0xEF { return true }
        }
        return false
    }

    // MARK: Numbers

    /// A number as XML Schema `xs:decimal` text: at most `fractionDigits` decimals (rounded half away from
    /// zero), no trailing zeros, no exponent, `-0` written `0`, never locale-dependent. `nil` for NaN or
    /// infinity, which `xs:decimal` cannot hold.
    static func decimal(_ value: Double, fractionDigits: Int = 4) -> String? {
        guard value.isFinite else { return nil }
        let digits = max(0, min(fractionDigits, 9))
        var scale: Double = 1
        for _ in 0..<digits { scale *= 10 }
        let scaled = (value * scale).rounded(.toNearestOrAwayFromZero)
        // Beyond 2^62 a Double has no fractional part to show anyway; fall back to the integer.
        guard abs(scaled) < 4.0e18 else {
            guard abs(value) < 9.0e18 else { return nil }
            return String(Int64(value.rounded(.toNearestOrAwayFromZero)))
        }
        let units = Int64(scaled)
        if units == 0 { return "0" }
        let negative = units < 0
        let magnitude = units.magnitude
        let divisor = UInt64(scale)
        let whole = magnitude / divisor
        let fraction = magnitude % divisor
        var text = (negative ? "-" : "") + String(whole)
        if fraction != 0 {
            var fractionText = String(fraction)
            fractionText = String(repeating: "0", count: digits - fractionText.count) + fractionText
            while fractionText.hasSuffix("0") { fractionText.removeLast() }
            text += "." + fractionText
        }
        return text
    }

    // MARK: Helpers

    private func live() throws -> xmlTextWriterPtr {
        guard let writer, !finished else { throw Failure(step: "write after finish") }
        return writer
    }

    private func check(_ result: Int32, _ step: @autoclosure () -> String) throws {
        if result < 0 { throw Failure(step: step()) }
    }

    /// Calls `body` with `text` as a NUL-terminated `xmlChar` string. Callers sanitize first, so the text
    /// holds no NUL that would cut it short.
    private static func withXMLChars<R>(_ text: String, _ body: (UnsafePointer<xmlChar>) -> R) -> R {
        text.withCString { pointer in
            pointer.withMemoryRebound(to: xmlChar.self, capacity: text.utf8.count + 1, body)
        }
    }
}
