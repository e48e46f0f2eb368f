#if canImport(Glibc)
    import Glibc
#endif

/// Writes files the private way: atomically (a temporary file in the same folder, synced, then renamed
/// over the target) and readable by their owner alone (mode 0600). A failure never leaves a partial file.
public enum AtomicFile {
    /// Writes `text` to `path`, replacing any existing file in one step.
    ///
    /// Throws ``CrossroadsError/unwritable(path:reason:)`` with a person's words for what went wrong: a
    /// missing folder, no permission, a full disk, or a folder in the way.
    public static func write(_ text: String, to path: String) throws(CrossroadsError) {
        var status = stat()
        if stat(path, &status) == 0 {
            let type = status.st_mode & S_IFMT
            if type == S_IFDIR { throw .unwritable(path: path, reason: "it is a folder") }
            // A device or pipe (/dev/stdout, /dev/full, a FIFO) cannot be replaced by renaming; write into it.
            if type != S_IFREG { return try writeInPlace(text, to: path) }
        }
        let folder = Self.folder(of: path)
        var template = Array(((folder == "" ? "" : folder + "/") + ".crossroads-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemp(base)
        }
        guard descriptor >= 0 else {
            throw .unwritable(path: path, reason: reason(errno, folder: folder))
        }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var failure: Int32 = 0
        if fchmod(descriptor, 0o600) != 0 { failure = errno }
        if failure == 0 { failure = writeAll(text, to: descriptor) }
        if failure == 0 && fsync(descriptor) != 0 { failure = errno }
        if close(descriptor) != 0 && failure == 0 { failure = errno }
        if failure == 0 && rename(temporary, path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw .unwritable(path: path, reason: reason(failure, folder: folder))
        }
    }

    private static func writeInPlace(_ text: String, to path: String) throws(CrossroadsError) {
        let descriptor = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else { throw .unwritable(path: path, reason: reason(errno, folder: folder(of: path))) }
        var failure = writeAll(text, to: descriptor)
        if close(descriptor) != 0 && failure == 0 { failure = errno }
        if failure != 0 { throw .unwritable(path: path, reason: reason(failure, folder: folder(of: path))) }
    }

    /// Writes every byte; returns 0 or the `errno` of the failure.
    private static func writeAll(_ text: String, to descriptor: Int32) -> Int32 {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            bytes = bytes.dropFirst(written)
        }
        return 0
    }

    private static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        let folder = String(path[..<slash])
        return folder.isEmpty ? "/" : folder
    }

    private static func reason(_ code: Int32, folder: String) -> String {
        switch code {
        case ENOENT: return "the folder \(folder.isEmpty ? "." : folder) does not exist"
        case EACCES, EPERM, EROFS: return "permission denied"
        case ENOSPC, EDQUOT: return "the disk is full"
        case EISDIR: return "it is a folder"
        case ENOTDIR: return "a part of the path is not a folder"
        default: return InputFile.describe(errno: code)
        }
    }
}
