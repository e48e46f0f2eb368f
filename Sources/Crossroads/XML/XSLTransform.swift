import CLibXML2
import CLibXSLT

#if canImport(Glibc)
    import Glibc
#endif

/// Applies one of the shipped XSLT stylesheets (`Reports/*.xsl`, embedded in the binary) to an XML
/// document, with libxslt. The only file in the library that imports libxslt.
///
/// Hardened: the transform runs with libxslt's security preferences forbidding every file read and write,
/// directory creation and network access, so `document()`, `xsl:include` of a file, and EXSLT's
/// `exsl:document` all fail instead of reaching outside. The stylesheet reads only the document it is
/// given. The caller validates that document first (it goes through ``SafeXMLReader``, which refuses a
/// DOCTYPE), and it is parsed again here from memory without network access.
enum XSLTransform {
    /// Why a transform failed.
    struct Failure: Error, Sendable {
        /// What libxslt said, or what went wrong around it.
        var message: String
    }

    /// Applies the stylesheet whose text is `stylesheet` to `document` and returns the serialised result.
    ///
    /// `parameters` set the stylesheet's top-level `xsl:param`s by name, each to a string; a value may
    /// hold only ASCII letters, digits and `-` (it is passed to libxslt as an XPath string literal).
    static func apply(
        stylesheet: String, to document: String, parameters: [String: String] = [:]
    ) throws(Failure) -> String {
        initialised.touch()
        var owned: [UnsafeMutablePointer<CChar>?] = []
        defer { for pointer in owned { free(pointer) } }
        for (name, value) in parameters.sorted(by: { $0.key < $1.key }) {
            let plain = { (byte: UInt8) in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == 0x2D
            }
            guard !name.isEmpty, name.utf8.allSatisfy(plain), value.utf8.allSatisfy(plain) else {
                throw Failure(message: "a stylesheet parameter may hold only letters, digits and -")
            }
            owned.append(strdup(name))
            owned.append(strdup("'" + value + "'"))
        }
        if owned.contains(where: { $0 == nil }) { throw Failure(message: "out of memory") }
        var parameterList: [UnsafePointer<CChar>?] = owned.map { $0.map { UnsafePointer($0) } } + [nil]
        guard let styleDocument = parse(stylesheet, name: "stylesheet.xsl") else {
            throw Failure(message: "the stylesheet is not well-formed XML")
        }
        // xsltParseStylesheetDoc owns the document once it succeeds; when it fails, the document is still
        // the caller's to free (as libxslt's own xsltParseStylesheetFile does).
        guard let style = xsltParseStylesheetDoc(styleDocument) else {
            xmlFreeDoc(styleDocument)
            throw Failure(message: "the stylesheet did not compile")
        }
        defer { xsltFreeStylesheet(style) }
        guard let input = parse(document, name: "input.xml") else {
            throw Failure(message: "the document is not well-formed XML")
        }
        defer { xmlFreeDoc(input) }
        guard let context = xsltNewTransformContext(style, input) else {
            throw Failure(message: "could not create a transform context (out of memory?)")
        }
        defer { xsltFreeTransformContext(context) }
        guard let prefs = SecurityPrefs.denyingEverything() else {
            throw Failure(message: "could not set up the transform's security preferences")
        }
        defer { xsltFreeSecurityPrefs(prefs) }
        guard xsltSetCtxtSecurityPrefs(prefs, context) == 0 else {
            throw Failure(message: "could not apply the transform's security preferences")
        }
        var messages = crossroads_xslt_messages()
        let result: xmlDocPtr? = withUnsafeMutablePointer(to: &messages) { pointer in
            crossroads_xslt_collect_errors(context, pointer)
            return parameterList.withUnsafeMutableBufferPointer { list in
                xsltApplyStylesheetUser(style, input, list.baseAddress, nil, nil, context)
            }
        }
        defer { if let result { xmlFreeDoc(result) } }
        let said = text(of: &messages)
        guard let result, context.pointee.state == XSLT_STATE_OK else {
            throw Failure(message: said.isEmpty ? "the transform failed" : said)
        }
        var bytes: UnsafeMutablePointer<xmlChar>?
        var length: Int32 = 0
        guard xsltSaveResultToString(&bytes, &length, result, style) == 0 else {
            throw Failure(message: "could not serialise the result")
        }
        guard let bytes else { return "" }
        defer { crossroads_xslt_xmlFree(bytes) }
        let buffer = UnsafeBufferPointer(start: bytes, count: Int(max(length, 0)))
        return String(decoding: buffer, as: UTF8.self)
    }

    /// Parses `text` from memory without network access, entity substitution or DTD loading; `nil` when
    /// it is not well-formed.
    private static func parse(_ text: String, name: String) -> xmlDocPtr? {
        let bytes = Array(text.utf8)
        guard bytes.count < Int(Int32.max) else { return nil }
        return bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                xmlReadMemory(
                    chars.baseAddress, Int32(chars.count), name, "UTF-8", Int32(XML_PARSE_NONET.rawValue))
            }
        }
    }

    /// What the transform said, as one line per message.
    private static func text(of messages: inout crossroads_xslt_messages) -> String {
        let used = min(messages.used, MemoryLayout.size(ofValue: messages.text) - 1)
        let raw = withUnsafeBytes(of: &messages.text) { buffer in
            String(decoding: buffer.prefix(used), as: UTF8.self)
        }
        return raw.split(whereSeparator: \.isNewline).map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
            .joined(separator: "; ")
    }

    /// libxml2 and libxslt set up once; libxslt's global error output (used while compiling a
    /// stylesheet) silenced.
    private enum initialised {
        private static let done: Bool = {
            libxml2Initialised.touch()
            xsltInit()
            crossroads_xslt_silence_globals()
            // The default preferences matter while a stylesheet is compiled (xsl:include, xsl:import).
            if let prefs = SecurityPrefs.denyingEverything() { xsltSetDefaultSecurityPrefs(prefs) }
            return true
        }()

        static func touch() { _ = done }
    }

    /// libxslt security preferences.
    private enum SecurityPrefs {
        /// Preferences that forbid reading and writing files, creating folders and any network access.
        static func denyingEverything() -> xsltSecurityPrefsPtr? {
            guard let prefs = xsltNewSecurityPrefs() else { return nil }
            let options: [xsltSecurityOption] = [
                XSLT_SECPREF_READ_FILE, XSLT_SECPREF_WRITE_FILE, XSLT_SECPREF_CREATE_DIRECTORY,
                XSLT_SECPREF_READ_NETWORK, XSLT_SECPREF_WRITE_NETWORK,
            ]
            for option in options where xsltSetSecurityPrefs(prefs, option, xsltSecurityForbid) != 0 {
                xsltFreeSecurityPrefs(prefs)
                return nil
            }
            return prefs
        }
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
