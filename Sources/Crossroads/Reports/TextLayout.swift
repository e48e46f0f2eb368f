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

    private static func wrapParagraph(
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
