#if canImport(Glibc)
    import Glibc
#endif

/// Writes to standard output and standard error without buffering surprises; a closed pipe is not a crash.
enum Console {
    /// Writes text to standard output; returns false when it could not be written (for example a closed pipe).
    @discardableResult
    static func out(_ text: String) -> Bool { write(text, to: 1) }

    /// Writes text to standard error.
    @discardableResult
    static func error(_ text: String) -> Bool { write(text, to: 2) }

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
