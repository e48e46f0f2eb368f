import Crossroads

#if canImport(Glibc)
    import Glibc
#endif

/// Why a `take` session ended before its natural end.
enum TakeLeaving: Error, Equatable {
    /// The person typed `q`.
    case quit
    /// Standard input ended (end of file, a closed pipe, Ctrl-D on a terminal).
    case endOfInput
    /// Ctrl-C (SIGINT).
    case interrupted
    /// Standard output could not be written (a closed pipe): nobody can read the questions any more.
    case outputClosed
    /// Standard input is not a terminal and kept sending lines that are not answers.
    case unreadableInput
}

// MARK: - Ctrl-C

/// The write end of the pipe the SIGINT handler writes to. Set once, before the handler is installed.
nonisolated(unsafe) private var interruptWriteEnd: Int32 = -1

/// The SIGINT handler: writes one byte to a pipe, which is async-signal-safe, so that a wait for input
/// (which polls that pipe too) wakes up at once. Everything else happens outside the handler.
private func takeInterruptHandler(_: Int32) {
    let saved = errno
    var byte: UInt8 = 3
    _ = Glibc.write(interruptWriteEnd, &byte, 1)
    errno = saved
}

// MARK: - Input

/// Reads standard input one line at a time, and notices Ctrl-C while it waits.
///
/// The terminal is left in its normal (canonical) mode: the terminal itself handles typing, backspace
/// and echo, and Ctrl-C raises SIGINT. Nothing about the terminal is changed, so there is nothing to
/// restore. When standard input is not a terminal, it is read the same way, one answer per line.
final class TakeInput {
    /// A line read, the end of input, or Ctrl-C.
    enum Line: Equatable {
        case text(String)
        case end
        case interrupted
    }

    /// Whether standard input is a terminal.
    let isTerminal: Bool
    /// A line longer than this is cut into pieces this long, each read as a line, so endless input can't
    /// exhaust memory and input that never ends a line still ends the session.
    static let maxLineBytes = 64 * 1024

    private var buffer: [UInt8] = []
    private var ended = false
    /// How many pieces of over-long lines have been read as lines (see ``readChunk()``).
    private(set) var cutLines = 0
    private var interruptReadEnd: Int32 = -1
    private(set) var interrupted = false

    init() {
        isTerminal = isatty(0) == 1
    }

    /// Installs the Ctrl-C handler: a self-pipe, so that a Ctrl-C during a blocking wait ends it promptly.
    func installInterruptHandler() {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return }
        for end in ends {
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        interruptReadEnd = ends[0]
        interruptWriteEnd = ends[1]
        var action = sigaction()
        action.__sigaction_handler.sa_handler = takeInterruptHandler
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
        // Ctrl-C must work even if whatever started the tool blocked SIGINT.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGINT)
        sigprocmask(SIG_UNBLOCK, &unblock, nil)
    }

    /// Whether Ctrl-C has been pressed (checked without waiting).
    func checkInterrupt() -> Bool {
        if interrupted { return true }
        guard interruptReadEnd >= 0 else { return false }
        var byte: UInt8 = 0
        if Glibc.read(interruptReadEnd, &byte, 1) == 1 { interrupted = true }
        return interrupted
    }

    /// The next line (without its line break), the end of input, or an interruption.
    func readLine() -> Line {
        while true {
            if checkInterrupt() { return .interrupted }
            if let newline = buffer.firstIndex(of: 10) {
                let line = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                return .text(Self.decode(line))
            }
            if ended {
                guard !buffer.isEmpty else { return .end }
                let line = buffer
                buffer = []
                return .text(Self.decode(line))
            }
            var fds = [
                pollfd(fd: 0, events: Int16(POLLIN), revents: 0),
                pollfd(fd: interruptReadEnd, events: Int16(POLLIN), revents: 0),
            ]
            let count: nfds_t = interruptReadEnd >= 0 ? 2 : 1
            let ready = poll(&fds, count, -1)
            if ready < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                ended = true
                continue
            }
            if count == 2 && fds[1].revents != 0 { continue }  // Ctrl-C: seen at the top of the loop
            if fds[0].revents != 0 { readChunk() }
        }
    }

    private func readChunk() {
        var chunk = [UInt8](repeating: 0, count: 4096)
        let count = chunk.withUnsafeMutableBytes { Glibc.read(0, $0.baseAddress, $0.count) }
        if count == 0 {
            ended = true
            return
        }
        if count < 0 {
            if errno == EINTR || errno == EAGAIN { return }
            ended = true  // EIO (the terminal went away), EBADF (standard input closed), EISDIR…
            return
        }
        buffer.append(contentsOf: chunk[..<count])
        // A line that goes on past the limit is cut into pieces of the limit's length, each read as a line
        // of its own: input that never ends a line (`take < /dev/zero`) is then lines that are not answers,
        // and the session gives up on it after as many as it allows, instead of reading it forever.
        if buffer.count > Self.maxLineBytes && !buffer[..<Self.maxLineBytes].contains(10) {
            // Cut at the start of a UTF-8 sequence, so the piece decodes whole.
            var cut = Self.maxLineBytes
            while cut > Self.maxLineBytes - 4 && buffer[cut] & 0b1100_0000 == 0b1000_0000 { cut -= 1 }
            var piece = Array(buffer[..<cut])
            buffer.removeSubrange(..<cut)
            piece.append(10)
            buffer.insert(contentsOf: piece, at: 0)
            cutLines += 1
        }
    }

    private static func decode(_ bytes: [UInt8]) -> String {
        var bytes = bytes[...]
        if bytes.last == 13 { bytes = bytes.dropLast() }  // a CR LF line break
        return String(decoding: bytes, as: UTF8.self)
    }
}

// MARK: - Output

/// How `take` uses colour.
enum ColorChoice: String, CaseIterable {
    case auto
    case always
    case never
}

/// Writes the session to standard output: wrapped to the width, with colour only when wanted.
final class TakeOutput {
    /// The width text is wrapped to.
    let width: Int
    /// Whether colour (bold and dim) is used.
    let color: Bool
    /// Whether standard output is a terminal.
    let isTerminal: Bool
    /// Whether `TERM` says the terminal understands no control sequences.
    let isDumb: Bool

    init(width: Int, colorChoice: ColorChoice, environment: [String: String]) {
        self.width = max(20, width)
        isTerminal = isatty(1) == 1
        let term = environment["TERM"] ?? ""
        isDumb = term == "dumb"
        switch colorChoice {
        case .always: color = true
        case .never: color = false
        case .auto:
            let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
            color = isTerminal && !noColor && !isDumb && !term.isEmpty
        }
    }

    /// Writes text; throws when standard output is closed. The text is cleaned (``TerminalText``); the
    /// colour sequences ``styled(_:_:)`` adds around cleaned text are the only control sequences kept.
    func say(_ text: String) throws(TakeLeaving) {
        if !Console.raw(color ? Self.cleanKeepingStyles(text) : TerminalText.clean(text), to: 1) { throw .outputClosed }
    }

    /// The colour sequences this type writes.
    private static let styleSequences = ["\u{1B}[1m", "\u{1B}[2m", "\u{1B}[0m"]

    /// `text` cleaned for the terminal, except for the colour sequences ``styled(_:_:)`` writes (bold, dim,
    /// reset: they change nothing but the look of the text, and are kept only when colour is on).
    static func cleanKeepingStyles(_ text: String) -> String {
        guard text.contains("\u{1B}") else { return TerminalText.clean(text) }
        var result = ""
        var rest = Substring(text)
        while let escape = rest.firstIndex(of: "\u{1B}") {
            result += TerminalText.clean(String(rest[..<escape]))
            let tail = rest[escape...]
            if let style = styleSequences.first(where: { tail.hasPrefix($0) }) {
                result += style
                rest = tail.dropFirst(style.count)
            } else {
                result += TerminalText.clean("\u{1B}")
                rest = tail.dropFirst()
            }
        }
        return result + TerminalText.clean(String(rest))
    }

    /// Writes text followed by a line break.
    func line(_ text: String = "") throws(TakeLeaving) {
        try say(text + "\n")
    }

    /// Writes a paragraph wrapped to the width.
    func paragraph(_ text: String, first: String = "", rest: String? = nil, style: Style = .plain)
        throws(TakeLeaving)
    {
        let lines = TextLayout.wrap(text, width: width, first: first, rest: rest ?? first)
        try say(lines.map { styled($0, style) }.joined(separator: "\n") + "\n")
    }

    /// A text style. Meaning never depends on it: everything styled is also said in words.
    enum Style {
        case plain, bold, dim
    }

    /// Text in a style, when colour is on. Every styled span resets itself, so the terminal is never left styled.
    func styled(_ text: String, _ style: Style) -> String {
        guard color, !text.isEmpty else { return text }
        let text = TerminalText.clean(text)
        switch style {
        case .plain: return text
        case .bold: return "\u{1B}[1m" + text + "\u{1B}[0m"
        case .dim: return "\u{1B}[2m" + text + "\u{1B}[0m"
        }
    }

    /// The sequence that clears the screen and the scrollback: home, erase screen, erase scrollback.
    static let clearSequence = "\u{1B}[H\u{1B}[2J\u{1B}[3J"

    /// Clears the screen and its scrollback when standard output is a terminal; returns what was done, in words,
    /// or `nil` when there was no screen to clear.
    @discardableResult
    func clearScreen() -> String? {
        guard isTerminal else { return nil }
        if isDumb {
            // A dumb terminal ignores control sequences: push what was shown off the screen instead.
            let rows = Terminal.height() ?? 50
            Console.out(String(repeating: "\n", count: max(rows, 24)))
            return
                "The screen was pushed clear, but this terminal may keep it in its scrollback: close the window to be sure."
        }
        Console.raw(Self.clearSequence, to: 1)
        return "The screen and its scrollback were cleared."
    }
}
