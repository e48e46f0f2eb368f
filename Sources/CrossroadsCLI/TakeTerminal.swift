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
    /// A line longer than this is cut (the rest up to its end is dropped), so endless input can't exhaust memory.
    static let maxLineBytes = 64 * 1024

    private var buffer: [UInt8] = []
    private var ended = false
    private var discarding = false
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
        var bytes = chunk[..<count]
        if discarding {
            // Dropping the rest of an over-long line, up to its end.
            guard let newline = bytes.firstIndex(of: 10) else { return }
            discarding = false
            bytes = bytes[(newline + 1)...]
        }
        buffer.append(contentsOf: bytes)
        if buffer.count > Self.maxLineBytes && !buffer[..<Self.maxLineBytes].contains(10) {
            // Cut the line; drop the rest of it, here or in the chunks to come.
            if let newline = buffer[Self.maxLineBytes...].firstIndex(of: 10) {
                buffer.removeSubrange(Self.maxLineBytes..<newline)
            } else {
                buffer.removeSubrange(Self.maxLineBytes...)
                buffer.append(10)
                discarding = true
            }
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

    /// Writes text; throws when standard output is closed.
    func say(_ text: String) throws(TakeLeaving) {
        if !Console.out(text) { throw .outputClosed }
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
        Console.out(Self.clearSequence)
        return "The screen and its scrollback were cleared."
    }
}
