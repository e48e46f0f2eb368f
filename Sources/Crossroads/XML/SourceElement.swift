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
        var previousWasSpace = true
        var clean = true
        for byte in utf8 {
            let isSpace = byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
            if isSpace && (previousWasSpace || byte != 0x20) {
                clean = false
                break
            }
            previousWasSpace = isSpace
        }
        if clean && !previousWasSpace { return self }
        if clean && isEmpty { return self }
        return split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).joined(separator: " ")
    }
}
