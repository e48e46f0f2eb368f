/// Plain-text layout: cleaning text for a terminal and word wrapping, counted in characters.
///
/// The text report uses it, and so does the `crossroads take` command: embedders showing questions from
/// untrusted files in a terminal can use it too, so control characters never reach the screen.
public enum TextLayout {
    /// The narrowest width a report is laid out for; narrower requests are widened to this.
    static let minimumWidth = 20

    /// Text that is safe to print to a terminal: line breaks normalised to `\n`, tabs made spaces, and every
    /// other control character (C0, DEL, C1, which could move the cursor or change the terminal, and the
    /// bidirectional controls, which could reorder a line) written visibly as ``TerminalText`` does
    /// (`\u{1B}`, `\u{202E}`). Unless `keepLineBreaks`, every run of whitespace becomes one space.
    public static func clean(_ text: String, keepLineBreaks: Bool = false) -> String {
        if let fast = cleanASCII(text, keepLineBreaks: keepLineBreaks) { return fast }
        return cleanScalars(text, keepLineBreaks: keepLineBreaks)
    }

    /// ``clean(_:keepLineBreaks:)`` scalar by scalar: the definition, for any text.
    static func cleanScalars(_ text: String, keepLineBreaks: Bool) -> String {
        var scalars = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar.value {
            case 0x0A where previousWasCR:
                continue  // the LF of a CR LF pair: the CR already became a line break
            case 0x0A, 0x0D, 0x85, 0x2028, 0x2029:
                scalars.append("\n")
            case 0x09, 0x0B, 0x0C:
                scalars.append(" ")
            case 0xFFFE, 0xFFFF:
                scalars.append("\u{FFFD}")
            case _ where TerminalText.isControl(scalar):
                scalars.append(contentsOf: TerminalText.visible(scalar).unicodeScalars)
            default:
                scalars.append(scalar)
            }
        }
        let cleaned = String(scalars)
        guard !keepLineBreaks else { return cleaned }
        return cleaned.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// ``clean(_:keepLineBreaks:)`` on the UTF-8 bytes when `text` is ASCII apart from a few typographic
    /// marks (``typographicMarks``), or `nil` when it is not (then ``cleanScalars(_:keepLineBreaks:)``
    /// decides). In such text every ASCII byte is one scalar and one character once carriage returns are
    /// gone, a mark is one character that is neither white space nor a control, and the only white space
    /// is tab, line feed, vertical tab, form feed, carriage return and space, so the byte rules below are
    /// the scalar rules above. Text that needs no change is returned as it is.
    static func cleanASCII(_ text: String, keepLineBreaks: Bool) -> String? {
        var text = text
        text.makeContiguousUTF8()  // a no-op for native strings
        let result = text.utf8.withContiguousStorageIfAvailable { bytes in
            cleanASCII(bytes: bytes, keepLineBreaks: keepLineBreaks)
        }
        guard let result, let bytes = result else { return nil }
        return bytes.map { String(decoding: $0, as: UTF8.self) } ?? text
    }

    /// The typographic marks the byte paths take besides ASCII, by the last byte of their UTF-8 form
    /// (E2 80 xx): en and em dash, single and double curly quotes, ellipsis. Each is one character on its
    /// own (grapheme break property Other, not emoji), not white space and not a control, so next to
    /// ASCII it splits, joins and counts as an ASCII letter does.
    static let typographicMarks: Set<UInt8> = [0x93, 0x94, 0x98, 0x99, 0x9C, 0x9D, 0xA6]

    /// Whether every byte is ASCII or part of one of the ``typographicMarks``.
    static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var offset = 0
        while offset < bytes.count {
            if bytes[offset] < 0x80 {
                offset += 1
                continue
            }
            guard bytes[offset] == 0xE2, offset + 2 < bytes.count, bytes[offset + 1] == 0x80,
                typographicMarks.contains(bytes[offset + 2])
            else { return false }
            offset += 3
        }
        return true
    }

    /// The byte rules of ``cleanASCII(_:keepLineBreaks:)``: `nil` when the text is not plain
    /// (``isPlain(_:)``), `.some(nil)` when it needs no change, otherwise the cleaned bytes.
    private static func cleanASCII(bytes: UnsafeBufferPointer<UInt8>, keepLineBreaks: Bool) -> [UInt8]?? {
        // First pass: plain? Anything to change?
        guard isPlain(bytes) else { return nil }
        var needsChange = false
        var previous: UInt8 = 0x20
        for (offset, byte) in bytes.enumerated() {
            if needsChange { break }
            if byte < 0x20 || byte == 0x7F {
                // Line feed stays as it is when line breaks are kept.
                if !(keepLineBreaks && byte == 0x0A) { needsChange = true }
            } else if byte == 0x20 && !keepLineBreaks && (previous == 0x20 || offset == bytes.count - 1) {
                needsChange = true  // a run of spaces, or a leading or trailing space
            }
            previous = byte
        }
        guard needsChange else { return .some(nil) }

        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        if keepLineBreaks {
            var previousWasCR = false
            for byte in bytes {
                defer { previousWasCR = byte == 0x0D }
                switch byte {
                case 0x0A where previousWasCR: continue
                case 0x0A, 0x0D: out.append(0x0A)
                case 0x09, 0x0B, 0x0C: out.append(0x20)
                case 0x00..<0x20, 0x7F: appendVisible(byte, to: &out)
                default: out.append(byte)
                }
            }
        } else {
            // Every whitespace byte (the controls among them become spaces or line breaks first) separates
            // words; words are joined by one space, with none at either end.
            var pendingSpace = false
            for byte in bytes {
                switch byte {
                case 0x09...0x0D, 0x20:
                    if !out.isEmpty { pendingSpace = true }
                default:
                    if pendingSpace {
                        out.append(0x20)
                        pendingSpace = false
                    }
                    if byte < 0x20 || byte == 0x7F { appendVisible(byte, to: &out) } else { out.append(byte) }
                }
            }
        }
        return .some(out)
    }

    /// Appends ``TerminalText``'s visible form of an ASCII control byte (`\u{1B}`).
    private static func appendVisible(_ byte: UInt8, to out: inout [UInt8]) {
        out.append(contentsOf: TerminalText.visible(Unicode.Scalar(byte)).utf8)
    }

    /// Wraps `text` to `width` characters: the first line starts with `first`, the others with `rest`.
    ///
    /// Lines break between words only; a word longer than a line gets a line of its own and may exceed the
    /// width. With `verbatim`, the text's own line breaks and the spaces between words within a line are
    /// kept (its lines after the first start with `rest`); otherwise whitespace runs become one space.
    /// Lines never end in spaces.
    public static func wrap(_ text: String, width: Int, first: String = "", rest: String = "", verbatim: Bool = false)
        -> [String]
    {
        let width = max(width, minimumWidth)
        let cleaned = clean(text, keepLineBreaks: verbatim)
        let paragraphs =
            verbatim ? cleaned.split(separator: "\n", omittingEmptySubsequences: false) : [Substring(cleaned)]
        var lines: [String] = []
        for (index, paragraph) in paragraphs.enumerated() {
            let prefix = index == 0 ? first : rest
            lines += wrapParagraph(paragraph, width: width, first: prefix, rest: rest, keepSpacing: verbatim)
        }
        return lines
    }

    /// One paragraph (no line breaks) wrapped as ``wrap(_:width:first:rest:verbatim:)`` says: by bytes when
    /// it can, else character by character.
    static func wrapParagraph(
        _ paragraph: Substring, width: Int, first: String, rest: String, keepSpacing: Bool
    ) -> [String] {
        if let lines = wrapParagraphASCII(paragraph, width: width, first: first, rest: rest, keepSpacing: keepSpacing) {
            return lines
        }
        return wrapParagraphCharacters(paragraph, width: width, first: first, rest: rest, keepSpacing: keepSpacing)
    }

    /// ``wrapParagraph(_:width:first:rest:keepSpacing:)`` by scanning the UTF-8 bytes, when the paragraph
    /// is ASCII (apart from ``typographicMarks``, three bytes and one character each) without carriage
    /// returns, as cleaned text is; `nil` otherwise. The same rules as
    /// ``wrapParagraphCharacters(_:width:first:rest:keepSpacing:)``.
    static func wrapParagraphASCII(
        _ paragraph: Substring, width: Int, first: String, rest: String, keepSpacing: Bool
    ) -> [String]? {
        return paragraph.utf8.withContiguousStorageIfAvailable { bytes -> [String]? in
            // Words, each as a byte range with the number of spaces before it.
            var words: [(gap: Int, start: Int, end: Int)] = []
            var gap = 0
            var start = -1
            guard isPlain(bytes) else { return nil }
            for (offset, byte) in bytes.enumerated() {
                if byte == 0x0D { return nil }
                if byte == 0x20 {
                    if start >= 0 {
                        words.append((gap, start, offset))
                        start = -1
                        gap = 0
                    }
                    gap += 1
                } else if start < 0 {
                    start = offset
                }
            }
            if start >= 0 { words.append((gap, start, bytes.count)) }

            guard !words.isEmpty else { return [trimmingTrailingSpaces(first)] }
            let restCount = rest.count
            var lines: [String] = []
            var line = Array(first.utf8)
            var count = first.count
            var lineHasWord = false
            func finishLine() {
                while line.last == 0x20 { line.removeLast() }
                lines.append(String(decoding: line, as: UTF8.self))
            }
            for (index, entry) in words.enumerated() {
                let word = UnsafeBufferPointer(rebasing: bytes[entry.start..<entry.end])
                // Characters: a typographic mark is three bytes, two of them continuation bytes.
                var wordCount = 0
                for byte in word where byte & 0xC0 != 0x80 { wordCount += 1 }
                let spaces = keepSpacing ? entry.gap : (index == 0 ? 0 : 1)
                if !lineHasWord {
                    let lead = index == 0 ? spaces : 0
                    line.append(contentsOf: repeatElement(0x20, count: lead))
                    line.append(contentsOf: word)
                    count += lead + wordCount
                    lineHasWord = true
                } else if count + spaces + wordCount <= width {
                    line.append(contentsOf: repeatElement(0x20, count: spaces))
                    line.append(contentsOf: word)
                    count += spaces + wordCount
                } else {
                    finishLine()
                    line = Array(rest.utf8)
                    line.append(contentsOf: word)
                    count = restCount + wordCount
                }
            }
            finishLine()
            return lines
        } ?? nil
    }

    /// ``wrapParagraph(_:width:first:rest:keepSpacing:)`` character by character: the definition, for
    /// any text.
    static func wrapParagraphCharacters(
        _ paragraph: Substring, width: Int, first: String, rest: String, keepSpacing: Bool
    ) -> [String] {
        // Words, each with the number of spaces before it.
        var words: [(gap: Int, word: Substring)] = []
        var gap = 0
        var start: Substring.Index?
        for index in paragraph.indices {
            if paragraph[index] == " " {
                if let wordStart = start {
                    words.append((gap, paragraph[wordStart..<index]))
                    start = nil
                    gap = 0
                }
                gap += 1
            } else if start == nil {
                start = index
            }
        }
        if let wordStart = start { words.append((gap, paragraph[wordStart...])) }

        guard !words.isEmpty else { return [trimmingTrailingSpaces(first)] }
        var lines: [String] = []
        var line = first
        var count = first.count
        var lineHasWord = false
        for (index, entry) in words.enumerated() {
            let wordCount = entry.word.count
            // Spacing as written; the first word of the paragraph keeps its indentation only when verbatim.
            let spaces = keepSpacing ? entry.gap : (index == 0 ? 0 : 1)
            if !lineHasWord {
                let lead = index == 0 ? spaces : 0
                line += String(repeating: " ", count: lead) + entry.word
                count += lead + wordCount
                lineHasWord = true
            } else if count + spaces + wordCount <= width {
                line += String(repeating: " ", count: spaces) + entry.word
                count += spaces + wordCount
            } else {
                lines.append(trimmingTrailingSpaces(line))
                line = rest + entry.word
                count = rest.count + wordCount
            }
        }
        lines.append(trimmingTrailingSpaces(line))
        return lines
    }

    static func trimmingTrailingSpaces(_ line: String) -> String {
        var line = line
        while line.last == " " { line.removeLast() }
        return line
    }

    /// A bar of `cells` cells, `#` for the filled part and `.` for the rest, in brackets.
    static func bar(_ normalised: Double, cells: Int) -> String {
        let fraction = normalised.isFinite ? max(0, min(1, normalised)) : 0
        let filled = Int((fraction * Double(cells)).rounded(.toNearestOrAwayFromZero))
        return "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: cells - filled) + "]"
    }
}
