/// Rewrites libxml2's messages into an author's words: no `{namespace}` noise, no trailing newline, and
/// plainer wording for the common cases.
enum LibXMLMessages {
    static func parser(code: Int, raw: String?) -> String {
        let text = tidy(raw ?? "the XML is malformed")
        if text.contains("Excessive depth") {
            return "the elements are nested more than \(Limits.maxDepth) deep; no Crossroads file needs that"
        }
        switch code {
        case 1: return "the document ends too early; is the file truncated? (\(text))"  // XML_ERR_INTERNAL_ERROR
        case 4: return "the file is empty or not XML"  // XML_ERR_DOCUMENT_EMPTY
        case 5: return "the document ends too early; is the file truncated? (\(text))"  // XML_ERR_DOCUMENT_END
        case 26, 27: return "entities are not allowed in Crossroads files (\(text))"  // undeclared entity
        case 89: return "entity expansion is not allowed (\(text))"  // XML_ERR_ENTITY_LOOP
        default: break
        }
        if isTruncation(text) {
            return "the document ends too early; is the file truncated? (\(text))"
        }
        if text.contains("Start tag expected") {
            return "this is not XML: no start tag was found"
        }
        return text
    }

    /// Whether a parser message means the document stopped before its end.
    static func isTruncation(_ text: String) -> Bool {
        text.contains("Premature end of data") || text.contains("EndTag: '</' not found")
            || text.contains("truncated?")
    }

    static func schema(_ raw: String?) -> String {
        var text = tidy(raw ?? "the file does not match the schema")
        if text.hasPrefix("Element '") {
            // "Element 'item': This element is not expected. Expected is ( text )."
            text = "<" + String(text.dropFirst("Element '".count)).replacingFirst("'", with: ">")
        }
        text = text.replacingAll("This element is not expected.", with: "this element is not allowed here.")
        text = text.replacingAll("Expected is one of (", with: "expected one of (")
        text = text.replacingAll("Expected is (", with: "expected (")
        text = text.replacingAll("Missing child element(s).", with: "an element is missing.")
        // Say what the element needs in an author's words, rather than libxml2's next expected name alone.
        for (element, needs) in contents where text.hasPrefix("<\(element)>: an element is missing.") {
            return "<\(element)> is incomplete: \(needs) (\(text))"
        }
        return text
    }

    /// What each element of the questionnaire format must contain, in the order it must come.
    static let contents: [(String, String)] = [
        ("scale", "a scale needs a <title>, at least one <item ref=\"…\"/>, and at least one <band> (after any <missing-data>); a scale with no band has nothing to say about its score"),
        ("section", "a section needs a <title> and at least one <item>"),
        ("item", "an item needs its question in <text>"),
        ("option", "an option needs a <label>"),
        ("band", "a band needs a <label>"),
        ("flag", "a flag needs a <title>, a <message>, and what raises it (<when-answer> or <when-scale>)"),
        ("questionnaire", "a questionnaire needs a <title>, a <description> and at least one <section>"),
        ("outcome", "an outcome needs a <title>, <summary>, <meaning> and <next-steps>"),
        ("next-steps", "<next-steps> needs at least one <step>"),
        ("discuss", "<discuss> needs at least one <step>"),
        ("assessment", "an assessment needs a <title>, a <description>, at least one <use> or <questionnaire>, and at least one <outcome>"),
        ("resources", "<resources> needs at least one <resource>"),
        ("resource", "a resource needs a <name> and an <about>"),
        ("rule", "a rule needs one condition"),
        ("show-if", "<show-if> needs one condition"),
    ]

    /// Removes `{urn:…}` and `{http…}` namespace qualifiers (keeping other braces, such as libxml2's list of
    /// allowed values) and surrounding white space.
    static func tidy(_ raw: String) -> String {
        var result = ""
        var rest = raw[...]
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            let after = rest[rest.index(after: open)...]
            if after.hasPrefix("urn:") || after.hasPrefix("http"), let close = after.firstIndex(of: "}") {
                rest = after[after.index(after: close)...]
            } else {
                result.append("{")
                rest = after
            }
        }
        result += rest
        return result.collapsingWhitespace
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }

    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = firstRange(of: target) else { return self }
        return String(self[..<range.lowerBound]) + replacement + String(self[range.upperBound...])
    }
}
