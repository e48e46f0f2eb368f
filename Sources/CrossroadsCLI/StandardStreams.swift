import Crossroads

#if canImport(Glibc)
    import Glibc
#endif

/// Writes to standard output and standard error without buffering surprises; a closed pipe is not a crash.
///
/// Everything written passes through ``TerminalText/clean(_:)``, so no control character from a file, a
/// file name or a value quoted in a message reaches the terminal. The only control sequences Crossroads
/// writes itself (colour, clearing the screen, the batch progress line) go through ``raw(_:to:)``.
enum Console {
    /// Writes text to standard output; returns false when it could not be written (for example a closed pipe).
    @discardableResult
    static func out(_ text: String) -> Bool { write(TerminalText.clean(text), to: 1) }

    /// Writes text to standard error.
    @discardableResult
    static func error(_ text: String) -> Bool { write(TerminalText.clean(text), to: 2) }

    /// Writes text exactly as given: only for control sequences Crossroads composes itself, around text
    /// already cleaned.
    @discardableResult
    static func raw(_ text: String, to descriptor: Int32) -> Bool { write(text, to: descriptor) }

    static func write(_ text: String, to descriptor: Int32) -> Bool {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress, buffer.count)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            bytes = bytes.dropFirst(written)
        }
        return true
    }

    /// Ignore SIGPIPE so that writing to a closed pipe reports an error instead of killing the process.
    static func ignoreBrokenPipe() {
        signal(SIGPIPE, SIG_IGN)
    }
}
