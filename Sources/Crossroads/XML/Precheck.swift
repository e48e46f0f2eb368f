/// Byte-level checks made before libxml2 sees a file: too large, empty, compressed, binary, not UTF-8, or
/// declaring another encoding. Each gives one clear diagnostic. Every input passes through here, whether
/// it came from a file, standard input, bytes or text.
enum Precheck {
    static func check(_ bytes: [UInt8], path: String) -> [Diagnostic] {
        let start = SourceLocation(file: path, line: 1, column: 1)
        // Files and streams are capped while they are read (InputFile); this covers bytes and text given in
        // memory, before anything scans them.
        if bytes.count > Limits.maxFileBytes {
            return [
                Diagnostic(
                    .error, "the input is larger than Crossroads reads (\(Limits.maxFileBytes) bytes)", at: start)
            ]
        }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            return [
                Diagnostic(.error, bytes.isEmpty ? "the file is empty" : "the file holds only white space", at: start)
            ]
        }
        if bytes.starts(with: [0x1F, 0x8B]) {
            return [Diagnostic(.error, "the file is gzip-compressed; Crossroads reads plain XML only", at: start)]
        }
        if bytes.starts(with: [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]) {
            return [Diagnostic(.error, "the file is xz-compressed; Crossroads reads plain XML only", at: start)]
        }
        // The line table (a pass over the bytes) is built only for a diagnostic that needs a position.
        if let bad = firstInvalidUTF8(bytes) {
            var lines = LineTable(bytes)
            let byte = bytes[bad]
            let hex = String(byte, radix: 16, uppercase: true)
            let looksBinary = bytes.prefix(512).contains(0) || bad < 4
            let message =
                looksBinary
                ? "the file looks like binary data, not XML (byte 0x\(hex) is not UTF-8 text)"
                : "the file is not valid UTF-8 (byte 0x\(byte < 16 ? "0" : "")\(hex) here); save it as UTF-8"
            return [Diagnostic(.error, message, at: lines.location(ofByte: bad, in: path))]
        }
        if let zero = bytes.firstIndex(of: 0) {
            var lines = LineTable(bytes)
            return [
                Diagnostic(
                    .error, "the file contains a NUL character; it looks like binary data, not XML",
                    at: lines.location(ofByte: zero, in: path))
            ]
        }
        if let declared = declaredEncoding(bytes), declared.lowercased() != "utf-8" {
            return [
                Diagnostic(
                    .error, "the file declares the encoding \"\(declared)\"; Crossroads files must be UTF-8",
                    at: start)
            ]
        }
        return []
    }

    /// The index of the first byte that does not belong to a valid UTF-8 sequence.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var minimum: UInt32
            var scalar: UInt32
            switch lead {
            case 0xC2...0xDF: length = 2; minimum = 0x80; scalar = UInt32(lead & 0x1F)
            case 0xE0...0xEF: length = 3; minimum = 0x800; scalar = UInt32(lead & 0x0F)
            case 0xF0...0xF4: length = 4; minimum = 0x10000; scalar = UInt32(lead & 0x07)
            default: return index
            }
            guard index + length <= count else { return index }
            for offset in 1..<length {
                let byte = bytes[index + offset]
                guard byte & 0xC0 == 0x80 else { return index }
                scalar = scalar << 6 | UInt32(byte & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return index }
            index += length
        }
        return nil
    }

    /// The `encoding` of the XML declaration, if the file starts with one.
    static func declaredEncoding(_ bytes: [UInt8]) -> String? {
        var body = bytes.prefix(200)
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard body.starts(with: Array("<?xml".utf8)), let end = body.firstIndex(of: UInt8(ascii: ">")) else {
            return nil
        }
        let declaration = String(decoding: body[body.startIndex..<end], as: UTF8.self)
        guard let range = declaration.firstRange(of: "encoding") else { return nil }
        let rest = declaration[range.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        return String(rest.dropFirst().prefix { $0 != quote })
    }
}
