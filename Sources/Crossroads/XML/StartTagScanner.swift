/// Finds where each element's start tag begins in a stream of XML bytes, by line and column, in document
/// order, a chunk at a time.
///
/// libxml2's streaming reader says where a node is only by line; a batch document's diagnostics need the
/// column as well, counted the way ``LineTable`` counts it (characters from the start of the line, a line
/// being ended by `\n`). The reader and this scanner see the same bytes, so the n-th element the reader
/// meets starts at the n-th position found here. It is a tokenizer for well-formed XML only: it tells
/// start tags from end tags, comments, processing instructions and CDATA sections, and skips quoted
/// attribute values (where `>` may appear); anything malformed is the parser's to report.
struct StartTagScanner {
    /// Where a start tag begins.
    struct Position: Sendable, Hashable {
        var line: Int
        var column: Int
    }

    private enum State {
        case text, open, startTag, doubleQuoted, singleQuoted, endTag, instruction, bang, comment, cdata, declaration
    }

    private var state = State.text
    /// The line and column just after the bytes scanned so far.
    private(set) var line = 1
    private(set) var column = 1
    /// The position of the last `<`, until what follows it shows what it opens.
    private var pending = Position(line: 1, column: 1)
    /// How many characters after `<!` have been seen, and whether they still match `--` or `[CDATA[`.
    private var bangCount = 0
    private var bangMayBeComment = true
    private var bangMayBeCDATA = true
    /// How many `-` (in a comment), `]` (in CDATA) or `?` (in an instruction) came just before.
    private var run = 0

    /// Positions found and not yet taken, in order; `head` is the next to take.
    private var found: [Position] = []
    private var head = 0

    private static let cdataOpen = Array("[CDATA[".utf8)

    /// Scans the next bytes of the stream.
    mutating func scan(_ bytes: UnsafeRawBufferPointer) {
        var index = 0
        let count = bytes.count
        while index < count {
            // Fast path: in text, inside a tag and in a quoted value, only a few bytes change the state;
            // skip the others counting lines and columns only.
            let stop: (UInt8, UInt8, UInt8)?
            switch state {
            case .text: stop = (UInt8(ascii: "<"), UInt8(ascii: "<"), UInt8(ascii: "<"))
            case .startTag: stop = (UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: ">"))
            case .doubleQuoted: stop = (UInt8(ascii: "\""), UInt8(ascii: "\""), UInt8(ascii: "\""))
            case .singleQuoted: stop = (UInt8(ascii: "'"), UInt8(ascii: "'"), UInt8(ascii: "'"))
            case .endTag, .declaration: stop = (UInt8(ascii: ">"), UInt8(ascii: ">"), UInt8(ascii: ">"))
            default: stop = nil
            }
            if let stop {
                while index < count {
                    let byte = bytes[index]
                    if byte == stop.0 || byte == stop.1 || byte == stop.2 { break }
                    if byte == UInt8(ascii: "\n") {
                        line += 1
                        column = 1
                    } else if byte & 0b1100_0000 != 0b1000_0000 {
                        column += 1
                    }
                    index += 1
                }
                if index == count { return }
            }
            let byte = bytes[index]
            index += 1
            let startsCharacter = byte & 0b1100_0000 != 0b1000_0000
            switch state {
            case .text:
                if byte == UInt8(ascii: "<") {
                    pending = Position(line: line, column: column)
                    state = .open
                }
            case .open:
                switch byte {
                case UInt8(ascii: "/"): state = .endTag
                case UInt8(ascii: "?"):
                    state = .instruction
                    run = 0
                case UInt8(ascii: "!"):
                    state = .bang
                    bangCount = 0
                    bangMayBeComment = true
                    bangMayBeCDATA = true
                default:
                    found.append(pending)
                    state = .startTag
                }
            case .startTag:
                if byte == UInt8(ascii: "\"") {
                    state = .doubleQuoted
                } else if byte == UInt8(ascii: "'") {
                    state = .singleQuoted
                } else if byte == UInt8(ascii: ">") {
                    state = .text
                }
            case .doubleQuoted:
                if byte == UInt8(ascii: "\"") { state = .startTag }
            case .singleQuoted:
                if byte == UInt8(ascii: "'") { state = .startTag }
            case .endTag:
                if byte == UInt8(ascii: ">") { state = .text }
            case .instruction:
                if byte == UInt8(ascii: ">") && run > 0 {
                    state = .text
                } else {
                    run = byte == UInt8(ascii: "?") ? run + 1 : 0
                }
            case .bang:
                if bangMayBeComment { bangMayBeComment = byte == UInt8(ascii: "-") }
                if bangMayBeCDATA { bangMayBeCDATA = byte == Self.cdataOpen[bangCount] }
                bangCount += 1
                if bangMayBeComment && bangCount == 2 {
                    state = .comment
                    run = 0
                } else if bangMayBeCDATA && bangCount == Self.cdataOpen.count {
                    state = .cdata
                    run = 0
                } else if !bangMayBeComment && !bangMayBeCDATA {
                    state = byte == UInt8(ascii: ">") ? .text : .declaration
                }
            case .comment:
                if byte == UInt8(ascii: ">") && run >= 2 {
                    state = .text
                } else {
                    run = byte == UInt8(ascii: "-") ? run + 1 : 0
                }
            case .cdata:
                if byte == UInt8(ascii: ">") && run >= 2 {
                    state = .text
                } else {
                    run = byte == UInt8(ascii: "]") ? run + 1 : 0
                }
            case .declaration:
                if byte == UInt8(ascii: ">") { state = .text }
            }
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if startsCharacter {
                column += 1
            }
        }
    }

    /// The position of the next element not yet taken, or `nil` when the scanner has not seen it (which
    /// happens only if the reader and the scanner disagree, on input that is not well-formed).
    mutating func next() -> Position? {
        guard head < found.count else { return nil }
        let position = found[head]
        head += 1
        if head == found.count {
            found.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 4096 && head * 2 >= found.count {
            found.removeFirst(head)
            head = 0
        }
        return position
    }

    /// The local name of the first element in `bytes` (what follows the first `<` that opens a start tag,
    /// after any XML declaration, comments and processing instructions), if it is there in full. `nil` when
    /// there is none yet, or when a DOCTYPE or something else comes first.
    static func firstElementName(in bytes: [UInt8]) -> String? {
        var scanner = StartTagScanner()
        var index = 0
        while index < bytes.count {
            let before = scanner.found.count
            let byte = bytes[index]
            withUnsafeBytes(of: byte) { scanner.scan($0) }
            if scanner.state == .declaration { return nil }
            if scanner.found.count > before {
                // `byte` is the name's first character.
                var end = index
                while end < bytes.count {
                    let next = bytes[end]
                    if next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0D || next == UInt8(ascii: ">")
                        || next == UInt8(ascii: "/")
                    {
                        let name = String(decoding: bytes[index..<end], as: UTF8.self)
                        return name.split(separator: ":").last.map(String.init) ?? name
                    }
                    end += 1
                }
                return nil
            }
            index += 1
        }
        return nil
    }
}
