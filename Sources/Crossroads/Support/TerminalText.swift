/// Makes text safe to show in a terminal: every character that could control the terminal or reorder what
/// it shows is written visibly instead, as `\u{XXXX}`.
///
/// The characters rendered are the C0 controls (U+0000–U+001F) except line feed and tab, DEL (U+007F),
/// the C1 controls (U+0080–U+009F), and the bidirectional controls: U+061C, U+200E, U+200F,
/// U+202A–U+202E and U+2066–U+2069. Everything Crossroads prints (diagnostics, file names, reports,
/// what `take` shows and echoes) passes through here, so a file name, a value quoted in an error or a note
/// in an answers file can never clear the screen, set the window title or make a line read backwards.
public enum TerminalText {
    /// `text` with every control character written as `\u{XXXX}`. Line feeds and tabs are kept (they lay
    /// text out and control nothing else); a carriage return is kept only where it ends a line before a
    /// line feed (CSV's line break). Text that needs no change is returned as it is.
    public static func clean(_ text: String) -> String {
        guard needsCleaning(text) else { return text }
        if let fast = cleanASCII(text) { return fast }
        return cleanScalars(text)
    }

    /// ``clean(_:)`` scalar by scalar: the definition, for any text.
    static func cleanScalars(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            if scalar == "\r" && index + 1 < scalars.count && scalars[index + 1] == "\n" {
                result.append(scalar)
            } else if scalar == "\n" || scalar == "\t" || !isControl(scalar) {
                result.append(scalar)
            } else {
                result.append(contentsOf: visible(scalar).unicodeScalars)
            }
        }
        return String(result)
    }

    /// ``clean(_:)`` on the UTF-8 bytes when `text` is all ASCII (there a byte is a scalar, and the only
    /// controls are C0 and DEL), or `nil` when it is not; text that needs no change is returned as it is.
    /// CSV output, whose lines end in CR LF, takes this path rather than the scalar one.
    static func cleanASCII(_ text: String) -> String? {
        var text = text
        text.makeContiguousUTF8()  // a no-op for native strings
        let result = text.utf8.withContiguousStorageIfAvailable { bytes -> [UInt8]?? in
            var changes = false
            for (offset, byte) in bytes.enumerated() {
                if byte >= 0x80 { return nil }
                if changes { continue }
                if byte == 0x0D {
                    if offset + 1 >= bytes.count || bytes[offset + 1] != 0x0A { changes = true }
                } else if (byte < 0x20 && byte != 0x0A && byte != 0x09) || byte == 0x7F {
                    changes = true
                }
            }
            guard changes else { return .some(nil) }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            for (offset, byte) in bytes.enumerated() {
                let keep =
                    byte == 0x0D
                    ? offset + 1 < bytes.count && bytes[offset + 1] == 0x0A
                    : (byte >= 0x20 && byte != 0x7F) || byte == 0x0A || byte == 0x09
                if keep {
                    out.append(byte)
                } else {
                    out.append(contentsOf: visible(Unicode.Scalar(byte)).utf8)
                }
            }
            return .some(out)
        }
        guard let result, let bytes = result else { return nil }
        return bytes.map { String(decoding: $0, as: UTF8.self) } ?? text
    }

    /// Whether a scalar is one that ``clean(_:)`` renders visibly (line feed and tab included: callers that
    /// keep them decide so themselves).
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        default: isBidiControl(scalar)
        }
    }

    /// Whether a scalar is a bidirectional formatting control (U+061C, U+200E, U+200F, U+202A–U+202E,
    /// U+2066–U+2069), which can make a line display in another order than it is written.
    static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// How a control character is shown: `\u{1B}`, `\u{202E}`.
    static func visible(_ scalar: Unicode.Scalar) -> String {
        "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
    }

    /// Whether `text` holds a byte sequence that may be a control character (checked on the UTF-8 bytes
    /// first, so that clean text costs one pass and no copy).
    static func needsCleaning(_ text: String) -> Bool {
        var text = text
        text.makeContiguousUTF8()  // a no-op for native strings
        let answer = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            var previous: UInt8 = 0
            var beforePrevious: UInt8 = 0
            var offset = 0
            while offset < bytes.count {
                // After printable ASCII no multi-byte sequence is open, as if the text started there.
                let skipped = ASCIIScan.skipPrintable(bytes, from: offset)
                if skipped > offset {
                    offset = skipped
                    previous = 0
                    beforePrevious = 0
                    if offset >= bytes.count { break }
                }
                let byte = bytes[offset]
                if byte < 0x20 && byte != 0x0A && byte != 0x09 { return true }
                if byte == 0x7F { return true }
                if previous == 0xC2 && (0x80...0x9F).contains(byte) { return true }
                if previous == 0xD8 && byte == 0x9C { return true }
                let isDirectional = byte == 0x8E || byte == 0x8F || (0xAA...0xAE).contains(byte)
                if beforePrevious == 0xE2 && previous == 0x80 && isDirectional { return true }
                if beforePrevious == 0xE2 && previous == 0x81 && (0xA6...0xA9).contains(byte) { return true }
                beforePrevious = previous
                previous = byte
                offset += 1
            }
            return false
        }
        return answer ?? needsCleaningBytewise(text)
    }

    /// ``needsCleaning(_:)`` one byte at a time: the definition.
    static func needsCleaningBytewise(_ text: String) -> Bool {
        var previous: UInt8 = 0
        var beforePrevious: UInt8 = 0
        for byte in text.utf8 {
            if byte < 0x20 && byte != 0x0A && byte != 0x09 { return true }
            if byte == 0x7F { return true }
            // C1 controls are C2 80–C2 9F; U+061C is D8 9C.
            if previous == 0xC2 && (0x80...0x9F).contains(byte) { return true }
            if previous == 0xD8 && byte == 0x9C { return true }
            // U+200E/F are E2 80 8E/8F, U+202A–E are E2 80 AA–AE, U+2066–9 are E2 81 A6–A9.
            let isDirectional = byte == 0x8E || byte == 0x8F || (0xAA...0xAE).contains(byte)
            if beforePrevious == 0xE2 && previous == 0x80 && isDirectional { return true }
            if beforePrevious == 0xE2 && previous == 0x81 && (0xA6...0xA9).contains(byte) { return true }
            beforePrevious = previous
            previous = byte
        }
        return false
    }
}
