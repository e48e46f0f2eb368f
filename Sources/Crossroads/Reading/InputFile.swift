#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads input files with a size cap, without following any reference inside them.
enum InputFile {
    /// The bytes of a file, or of standard input when `path` is `-`.
    ///
    /// Throws ``CrossroadsError/unreadable(path:reason:)`` when the file can't be opened or is not a regular
    /// file or a pipe, and ``CrossroadsError/invalid(path:diagnostics:)`` when it is larger than `limit`.
    static func read(_ path: String, limit: Int = Limits.maxFileBytes) throws(CrossroadsError) -> [UInt8] {
        if path == "-" {
            return try read(descriptor: 0, path: "<stdin>", limit: limit)
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw .unreadable(path: path, reason: describe(errno: errno))
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw .unreadable(path: path, reason: describe(errno: errno))
        }
        let type = status.st_mode & S_IFMT
        if type == S_IFDIR {
            throw .unreadable(path: path, reason: "it is a folder, not a file")
        }
        guard type == S_IFREG || type == S_IFIFO else {
            throw .unreadable(path: path, reason: "it is not a regular file")
        }
        if type == S_IFREG && Int(status.st_size) > limit {
            throw tooLarge(path: path, size: Int(status.st_size), limit: limit)
        }
        return try read(descriptor: descriptor, path: path, limit: limit)
    }

    /// Reads at most `limit` bytes (one more to detect an over-long stream) from an open descriptor, after
    /// `prefix` (bytes already read from it).
    static func read(descriptor: Int32, path: String, limit: Int, prefix: [UInt8] = []) throws(CrossroadsError)
        -> [UInt8]
    {
        var bytes = prefix
        if bytes.count > limit { throw tooLarge(path: path, size: nil, limit: limit) }
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { buffer in
                Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path: path, reason: describe(errno: errno))
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > limit {
                throw tooLarge(path: path, size: nil, limit: limit)
            }
        }
        return bytes
    }

    private static func tooLarge(path: String, size: Int?, limit: Int) -> CrossroadsError {
        // Just past the limit, both sizes round to the same MiB figure: then the exact bytes say why.
        let what =
            size.map { size in
                megabytes(size) == megabytes(limit)
                    ? "the file is \(size) bytes, more than \(limit)" : "the file is \(megabytes(size))"
            } ?? "the input is larger than that"
        return .invalid(
            path: path,
            diagnostics: [
                Diagnostic(
                    .error, "\(what); Crossroads reads files of up to \(megabytes(limit))",
                    at: SourceLocation(file: path, line: 1, column: 1))
            ])
    }

    private static func megabytes(_ bytes: Int) -> String {
        let tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024)
        return "\(tenths / 10).\(tenths % 10) MiB"
    }

    /// A person's words for an `errno` value.
    static func describe(errno code: Int32) -> String {
        switch code {
        case ENOENT: return "there is no such file"
        case EACCES, EPERM: return "permission denied"
        case EISDIR: return "it is a folder, not a file"
        case ENOTDIR: return "a part of the path is not a folder"
        case ELOOP: return "too many symbolic links"
        case ENAMETOOLONG: return "the path is too long"
        default:
            if let text = strerror(code) { return String(cString: text).lowercased() }
            return "error \(code)"
        }
    }
}
