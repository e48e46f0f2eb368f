/// An element read from an XML file, as plain Swift values with its position in the file.
///
/// The XML layer builds these from libxml2's tree and frees the tree, so nothing beyond the
/// XML layer ever sees a libxml2 type.
struct SourceElement: Sendable, Hashable {
    /// The element's local name (`item`).
    var name: String
    /// Its namespace URI, if any.
    var namespace: String?
    /// Its attributes, in document order, by local name.
    var attributes: [(name: String, value: String)]
    /// Its child elements, in order.
    var children: [SourceElement]
    /// The text directly inside it (text and CDATA children, concatenated).
    var text: String
    /// Where its start tag begins.
    var location: SourceLocation

    static func == (lhs: SourceElement, rhs: SourceElement) -> Bool {
        lhs.name == rhs.name && lhs.namespace == rhs.namespace && lhs.children == rhs.children
            && lhs.text == rhs.text && lhs.location == rhs.location
            && lhs.attributes.map(\.name) == rhs.attributes.map(\.name)
            && lhs.attributes.map(\.value) == rhs.attributes.map(\.value)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(location)
    }

    /// The value of an attribute, if present, with white space collapsed (every attribute in Crossroads'
    /// formats is a token, a list of tokens or a short text).
    func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value.collapsingWhitespace
    }

    /// The child elements with this local name.
    func children(named name: String) -> [SourceElement] {
        children.filter { $0.name == name }
    }

    /// The first child element with this local name.
    func child(_ name: String) -> SourceElement? {
        children.first { $0.name == name }
    }

    /// The text with runs of white space collapsed to single spaces and trimmed.
    var collapsedText: String { text.collapsingWhitespace }
}

extension String {
    /// The string with each run of white space (spaces, tabs, line breaks) turned into one space, trimmed.
    var collapsingWhitespace: String {
        // Most values (ids, option values) have nothing to collapse: check the bytes before building anything.
        let alreadyCollapsed =
            utf8.withContiguousStorageIfAvailable(Self.isCollapsed) ?? Self.isCollapsed(Array(utf8))
        if alreadyCollapsed { return self }
        return collapsingWhitespaceByBytes ?? collapsingWhitespaceByCharacters
    }

    /// Whether UTF-8 `bytes` have no white space to collapse: no tab or line break, no space at either
    /// end, no two spaces in a row.
    private static func isCollapsed<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
        var previousWasSpace = true
        for byte in bytes {
            let isSpace = byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
            if isSpace && (previousWasSpace || byte != 0x20) { return false }
            previousWasSpace = isSpace
        }
        return !previousWasSpace || bytes.isEmpty
    }

    /// The definition: split at the characters (grapheme clusters) that are exactly a space, tab, LF or CR.
    var collapsingWhitespaceByCharacters: String {
        split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).joined(separator: " ")
    }

    /// The same, working on bytes, when no white space scalar can be part of a larger grapheme cluster:
    /// no CR (CR LF is one cluster), nothing after a white space scalar that could extend it (only scalars
    /// below U+0300, where the first combining mark is, or common punctuation U+2010…U+205E), and no
    /// "prepend" scalar before one. `nil` otherwise, when the definition above must be used.
    var collapsingWhitespaceByBytes: String? {
        let collapsed = utf8.withContiguousStorageIfAvailable { collapsedBytes($0) } ?? collapsedBytes(Array(utf8))
        return collapsed.map { String(decoding: $0, as: UTF8.self) }
    }

    /// ``collapsingWhitespaceByBytes`` on this string's UTF-8 `bytes`.
    private func collapsedBytes<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> [UInt8]? {
        // All ASCII (most text): no scalar can extend a cluster or be "prepend", so only a CR matters.
        var ascii = true
        for byte in bytes {
            if byte == 0x0D { return nil }
            if byte >= 0x80 {
                ascii = false
                break
            }
        }
        if !ascii {
            var previous: UInt32 = 0x20
            var afterSpace = false
            for scalar in unicodeScalars {
                let value = scalar.value
                if value == 0x0D { return nil }
                let isSpace = value == 0x20 || value == 0x09 || value == 0x0A
                if afterSpace && !isSpace && value >= 0x300 && !(0x2010...0x205E).contains(value) { return nil }
                if isSpace && Self.isPrepend(previous) { return nil }
                afterSpace = isSpace
                previous = value
            }
        }
        // Each space written replaces at least one white space byte read: the result is never longer.
        return [UInt8](unsafeUninitializedCapacity: bytes.count) { output, written in
            var count = 0
            var pendingSpace = false
            for byte in bytes {
                if byte == 0x20 || byte == 0x09 || byte == 0x0A {
                    pendingSpace = count > 0
                } else {
                    if pendingSpace {
                        output[count] = 0x20
                        count += 1
                    }
                    pendingSpace = false
                    output[count] = byte
                    count += 1
                }
            }
            written = count
        }
    }

    /// Whether a scalar has Grapheme_Cluster_Break=Prepend (Unicode 15), so joins the scalar after it.
    static func isPrepend(_ value: UInt32) -> Bool {
        guard value >= 0x600 else { return false }
        switch value {
        case 0x600...0x605, 0x6DD, 0x70F, 0x890...0x891, 0x8E2, 0xD4E, 0x110BD, 0x110CD, 0x111C2...0x111C3,
            0x1193F, 0x11941, 0x11A3A, 0x11A84...0x11A89, 0x11D46, 0x11F02:
            return true
        default:
            return false
        }
    }
}
