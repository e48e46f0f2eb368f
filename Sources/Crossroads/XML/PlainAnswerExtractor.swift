import CLibXML2

/// Reads an `<answers>` element of a batch straight from libxml2's tree into a ``PlainAnswerSet``, when the
/// element plainly obeys `Reports/answers.xsd`: the fast path of a batch, which skips the schema pass and
/// the general element tree.
///
/// It is deliberately narrower than the schema: it accepts an element only when every rule visibly holds
/// in the simplest spelling (values and attributes without surrounding white space, no comments,
/// processing instructions or CDATA, no attribute in a namespace), and returns `nil` for anything else.
/// `nil` never means "invalid": the set then goes through the full reader (schema validation and the
/// general tree), which accepts or refuses it with its usual messages. So what this accepts is a subset of
/// what the schema accepts, and reading it gives the same values the full reader gives (a test checks
/// both over random and mutated sets).
enum PlainAnswerExtractor {
    /// The set in `root` (an `<answers>` element in the answers namespace), or `nil` to leave it to the
    /// full reader.
    static func extract(_ root: UnsafeMutablePointer<xmlNode>) -> PlainAnswerSet? {
        guard root.pointee.type == XML_ELEMENT_NODE, isOurs(root), named(root, "answers") else { return nil }
        var assessment: String?
        var version: String?
        var locale: String?
        var id: String?
        var attribute = root.pointee.properties
        while let current = attribute {
            guard current.pointee.ns == nil, let name = current.pointee.name, let value = value(of: current) else {
                return nil
            }
            if equal(name, "assessment") {
                guard matches(value, Pattern.identifier) else { return nil }
                assessment = String(cString: value)
            } else if equal(name, "version") {
                guard matchesVersion(value) else { return nil }
                version = String(cString: value)
            } else if equal(name, "locale") {
                let text = String(cString: value)
                guard LocaleName.isValid(text) else { return nil }
                locale = text
            } else if equal(name, "id") {
                guard matches(value, Pattern.respondent) else { return nil }
                id = String(cString: value)
            } else {
                return nil
            }
            attribute = current.pointee.next
        }
        guard let assessment, let version else { return nil }

        var answers: [PlainAnswerSet.Answer] = []
        var count = 0
        var child = root.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { count += 1 }
            child = current.pointee.next
        }
        answers.reserveCapacity(count)
        child = root.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                guard answers.count < 1000, isOurs(current), named(current, "answer"),
                    let answer = answer(current)
                else { return nil }
                answers.append(answer)
            case XML_TEXT_NODE:
                guard isWhiteSpace(current.pointee.content) else { return nil }
            default:
                return nil
            }
            child = current.pointee.next
        }
        return PlainAnswerSet(assessment: assessment, version: version, locale: locale, id: id, answers: answers)
    }

    /// One `<answer>`: `item` and `state` attributes; up to 32 `<value>`s, then `<note>` or `<text>`.
    private static func answer(_ element: UnsafeMutablePointer<xmlNode>) -> PlainAnswerSet.Answer? {
        var item: String?
        var state = PlainAnswerSet.Answer.State.answered
        var attribute = element.pointee.properties
        while let current = attribute {
            guard current.pointee.ns == nil, let name = current.pointee.name, let value = value(of: current) else {
                return nil
            }
            if equal(name, "item") {
                guard matches(value, Pattern.identifier) else { return nil }
                item = String(cString: value)
            } else if equal(name, "state") {
                if equal(value, "answered") {
                    state = .answered
                } else if equal(value, "declined") {
                    state = .declined
                } else if equal(value, "not-shown") {
                    state = .notShown
                } else if equal(value, "not-reached") {
                    state = .notReached
                } else {
                    return nil
                }
            } else {
                return nil
            }
            attribute = current.pointee.next
        }
        guard let item else { return nil }

        var firstValue: String?
        var otherValues: [String] = []
        var valueCount = 0
        var note: String?
        var text: String?
        var child = element.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                // Nothing may follow a <note> or a <text>; <value>s come first, at most 32.
                guard note == nil, text == nil, isOurs(current), current.pointee.properties == nil else { return nil }
                if named(current, "value") {
                    guard valueCount < 32, let token = onlyText(current), matches(token, Pattern.option) else {
                        return nil
                    }
                    if valueCount == 0 {
                        firstValue = String(cString: token)
                    } else {
                        otherValues.append(String(cString: token))
                    }
                    valueCount += 1
                } else if named(current, "note") {
                    guard let words = words(current) else { return nil }
                    note = words
                } else if named(current, "text") {
                    guard let words = words(current) else { return nil }
                    text = words
                } else {
                    return nil
                }
            case XML_TEXT_NODE:
                guard isWhiteSpace(current.pointee.content) else { return nil }
            default:
                return nil
            }
            child = current.pointee.next
        }
        return PlainAnswerSet.Answer(
            item: item, state: state, firstValue: firstValue, otherValues: otherValues, note: note, text: text)
    }

    /// The words of a `<note>` or `<text>`: its one text node (or none), at most 10,000 bytes, so certainly
    /// within the schema's 10,000 characters.
    private static func words(_ element: UnsafeMutablePointer<xmlNode>) -> String? {
        guard let first = element.pointee.children else { return "" }
        guard first.pointee.type == XML_TEXT_NODE, first.pointee.next == nil, let content = first.pointee.content
        else { return nil }
        var count = 0
        while content[count] != 0 {
            count += 1
            if count > 10_000 { return nil }
        }
        return String(cString: content)
    }

    /// The content of an element whose only child is one text node.
    private static func onlyText(_ element: UnsafeMutablePointer<xmlNode>) -> UnsafePointer<xmlChar>? {
        guard let first = element.pointee.children, first.pointee.type == XML_TEXT_NODE, first.pointee.next == nil,
            let content = first.pointee.content
        else { return nil }
        return UnsafePointer(content)
    }

    /// An attribute's value when it is one text node (always so without entities).
    private static func value(of attribute: UnsafeMutablePointer<xmlAttr>) -> UnsafePointer<xmlChar>? {
        guard let first = attribute.pointee.children, first.pointee.type == XML_TEXT_NODE, first.pointee.next == nil,
            let content = first.pointee.content
        else { return nil }
        return UnsafePointer(content)
    }

    private static func isOurs(_ element: UnsafeMutablePointer<xmlNode>) -> Bool {
        guard let namespace = element.pointee.ns, let href = namespace.pointee.href else { return false }
        // Byte by byte against the namespace's own UTF-8 (iterating the String's view cost 2 % of a batch).
        return AnswersReader.namespace.utf8.withContiguousStorageIfAvailable { expected in
            for index in expected.indices where href[index] != expected[index] { return false }
            return href[expected.count] == 0
        } ?? false
    }

    private static func named(_ element: UnsafeMutablePointer<xmlNode>, _ name: StaticString) -> Bool {
        guard let actual = element.pointee.name else { return false }
        return equal(actual, name)
    }

    private static func equal(_ pointer: UnsafePointer<xmlChar>, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        let bytes = literal.utf8Start
        for index in 0..<count where pointer[index] != bytes[index] { return false }
        return pointer[count] == 0
    }

    private static func isWhiteSpace(_ content: UnsafeMutablePointer<xmlChar>?) -> Bool {
        guard let content else { return true }
        var pointer = UnsafePointer(content)
        while pointer.pointee != 0 {
            switch pointer.pointee {
            case 0x20, 0x09, 0x0A, 0x0D: pointer += 1
            default: return false
            }
        }
        return true
    }

    // MARK: The schema's patterns, on bytes

    /// `[first][rest]{0,63}` patterns.
    private enum Pattern {
        /// `Identifier`: `[A-Za-z][A-Za-z0-9._\-]{0,63}`.
        case identifier
        /// `OptionValue`: `[A-Za-z0-9][A-Za-z0-9._\-]{0,63}`.
        case option
        /// `RespondentId`: as `OptionValue`.
        static let respondent = Pattern.option
    }

    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private static func isAlphanumeric(_ byte: UInt8) -> Bool { isLetter(byte) || isDigit(byte) }

    private static func matches(_ value: UnsafePointer<xmlChar>, _ pattern: Pattern) -> Bool {
        let first = value[0]
        switch pattern {
        case .identifier: guard isLetter(first) else { return false }
        case .option: guard isAlphanumeric(first) else { return false }
        }
        var index = 1
        while value[index] != 0 {
            let byte = value[index]
            guard index < 64, isAlphanumeric(byte) || byte == 0x2E || byte == 0x5F || byte == 0x2D else {
                return false
            }
            index += 1
        }
        return true
    }

    /// `Version`: `[0-9]+(\.[0-9]+){0,2}`.
    private static func matchesVersion(_ value: UnsafePointer<xmlChar>) -> Bool {
        var index = 0
        var dots = 0
        var digits = 0
        while value[index] != 0 {
            let byte = value[index]
            if isDigit(byte) {
                digits += 1
            } else if byte == 0x2E, digits > 0, dots < 2 {
                dots += 1
                digits = 0
            } else {
                return false
            }
            index += 1
        }
        return digits > 0
    }
}
