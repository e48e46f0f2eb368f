#if canImport(Glibc)
    import Glibc
#endif

/// Writes files the private way: atomically (a temporary file in the same folder, synced, then renamed
/// over the target) and readable by their owner alone (mode 0600). A failure never leaves a partial file.
///
/// The temporary file is named `.crossroads-XXXXXX` and is locked (`flock`) by its writer until it is renamed
/// into place. A process killed in the middle of a save cannot remove its temporary file, and that file holds
/// what was being saved; so every save first removes such leftovers from its folder: files named exactly
/// `.crossroads-` and six letters or digits, owned by this user, mode 0600, with one link, and not locked
/// (a lock disappears with the process that held it, so a file being written by a live process is never touched).
public enum AtomicFile {
    /// The prefix of the temporary files; six random letters or digits follow it.
    static let temporaryPrefix = ".crossroads-"

    /// Writes `text` to `path`, replacing any existing file in one step.
    ///
    /// A path that is not a regular file (a terminal, `/dev/null`, a FIFO, `/dev/stdout` or another link to
    /// one of this process's open descriptors) is written directly, without a temporary file, rename or
    /// mode change; a FIFO that no program is reading is refused at once rather than waited on.
    ///
    /// Throws ``CrossroadsError/unwritable(path:reason:)`` with a person's words for what went wrong: a
    /// missing folder, no permission, a read-only file, a full disk, or a folder in the way.
    public static func write(_ text: String, to path: String) throws(CrossroadsError) {
        switch try destination(of: path) {
        case .stream(let descriptor, let owned):
            var failure = writeAll(text, to: descriptor)
            if owned && close(descriptor) != 0 && failure == 0 { failure = errno }
            if failure != 0 { throw .unwritable(path: path, reason: reason(failure, folder: folder(of: path))) }
            return
        case .file:
            break
        }
        let folder = Self.folder(of: path)
        removeStaleTemporaries(in: folder.isEmpty ? "." : folder)
        let (descriptor, temporary) = try createTemporary(in: folder, for: path)
        var failure: Int32 = 0
        if fchmod(descriptor, 0o600) != 0 { failure = errno }
        if failure == 0 { failure = writeAll(text, to: descriptor) }
        if failure == 0 && fsync(descriptor) != 0 { failure = errno }
        // The rename happens while the temporary file is still open and locked, so that no other save can
        // take it for a leftover; closing it afterwards releases the lock.
        if failure == 0 && rename(temporary, path) != 0 { failure = errno }
        if failure != 0 { unlink(temporary) }
        if close(descriptor) != 0 && failure == 0 { failure = errno }
        if failure != 0 {
            throw .unwritable(path: path, reason: reason(failure, folder: folder))
        }
        syncFolder(folder.isEmpty ? "." : folder)
    }

    /// Where a write to a path goes.
    enum Destination: Equatable {
        /// A regular file, existing or not: written to a temporary file renamed over it, mode 0600.
        case file
        /// A terminal, a device, a FIFO or a socket, opened here (`owned`), or a descriptor this process
        /// already has (`/dev/stdout`, `/proc/self/fd/1`, `/dev/fd/2`): written directly, in place.
        case stream(descriptor: Int32, owned: Bool)
    }

    /// Whether writing to `path` makes (or replaces) a regular file readable by its owner alone, rather than
    /// writing into a device, a pipe or a descriptor already open (`/dev/stdout`, `/dev/null`, a FIFO).
    /// What the tool says about privacy depends on it.
    public static func makesPrivateFile(at path: String) -> Bool {
        guard !path.isEmpty else { return false }
        if descriptorNamed(byLinksFrom: path) != nil { return false }
        var status = stat()
        guard stat(path, &status) == 0 else { return true }
        return status.st_mode & S_IFMT == S_IFREG
    }

    /// Classifies `path` and, for anything but a regular file, opens it. Refuses an empty path, a folder, a
    /// regular file with no write permission bit at all (whoever runs the tool, root included) or that
    /// this user may not write, a disk device, a socket, another user's FIFO and a FIFO with no reader.
    static func destination(of path: String) throws(CrossroadsError) -> Destination {
        if path.isEmpty { throw .unwritable(path: path, reason: "no file name was given") }
        if let descriptor = descriptorNamed(byLinksFrom: path) {
            var status = stat()
            guard fstat(descriptor, &status) == 0 else {
                throw .unwritable(path: path, reason: "it names descriptor \(descriptor), which is not open")
            }
            return .stream(descriptor: descriptor, owned: false)
        }
        var status = stat()
        guard stat(path, &status) == 0 else { return .file }
        let type = status.st_mode & S_IFMT
        if type == S_IFDIR { throw .unwritable(path: path, reason: "it is a folder") }
        if type == S_IFREG {
            // Renaming over a file needs only the folder's permission; a file made read-only (or immutable)
            // is a person's way of saying "keep this", so it is refused rather than silently replaced. The
            // mode is checked itself: access(W_OK) is always true for root.
            if status.st_mode & 0o222 == 0 {
                throw .unwritable(
                    path: path,
                    reason: "the file is read-only, so it is kept; to replace it, delete it first or make it "
                        + "writable (chmod u+w)")
            }
            if access(path, W_OK) != 0 {
                let code = errno
                if code == EACCES || code == EPERM {
                    throw .unwritable(path: path, reason: "permission denied: the file is read-only")
                }
                if code == EROFS { throw .unwritable(path: path, reason: "permission denied: the disk is read-only") }
            }
            return .file
        }
        if type == S_IFBLK {
            throw .unwritable(path: path, reason: "it is a disk device; Crossroads writes to files, pipes and terminals")
        }
        if type == S_IFSOCK { throw .unwritable(path: path, reason: "it is a socket") }
        if type == S_IFIFO && status.st_uid != geteuid() {
            // Another user's FIFO (left in /tmp, say) would hand the answers to whoever reads it.
            throw .unwritable(
                path: path, reason: "it is a pipe (FIFO) that belongs to another user, who could read what is written")
        }
        if type == S_IFIFO {
            // Opening a FIFO for writing waits for a reader; ask without waiting, and refuse if there is none.
            let descriptor = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
            guard descriptor >= 0 else {
                let code = errno
                if code == ENXIO {
                    throw .unwritable(path: path, reason: "it is a pipe (FIFO) that no program is reading from")
                }
                throw .unwritable(path: path, reason: reason(code, folder: folder(of: path)))
            }
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
            return .stream(descriptor: descriptor, owned: true)
        }
        let descriptor = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else { throw .unwritable(path: path, reason: reason(errno, folder: folder(of: path))) }
        return .stream(descriptor: descriptor, owned: true)
    }

    /// The descriptor of this process that `path` names, directly or through symbolic links:
    /// `/dev/stdout` links to `/proc/self/fd/1`, which names descriptor 1 whatever it is open on (a file
    /// too, so `--output /dev/stdout > file` writes into `file` rather than replacing the link).
    static func descriptorNamed(byLinksFrom path: String) -> Int32? {
        var current = path
        for _ in 0..<40 {
            if let descriptor = descriptorNumber(in: current) { return descriptor }
            var status = stat()
            guard lstat(current, &status) == 0, status.st_mode & S_IFMT == S_IFLNK else { return nil }
            var buffer = [CChar](repeating: 0, count: 4097)
            let length = readlink(current, &buffer, 4096)
            guard length > 0 else { return nil }
            let target = String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let base = folder(of: current)
            current = target.hasPrefix("/") ? target : (base.isEmpty ? "" : base == "/" ? "/" : base + "/") + target
        }
        return nil
    }

    /// `N` when `path` is `/proc/self/fd/N`, `/proc/thread-self/fd/N`, `/proc/PID/fd/N` (this process's
    /// PID) or `/dev/fd/N`.
    static func descriptorNumber(in path: String) -> Int32? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        let number: Substring
        if parts.count == 4, parts[0] == "proc", parts[2] == "fd",
            parts[1] == "self" || parts[1] == "thread-self" || parts[1] == Substring(String(getpid()))
        {
            number = parts[3]
        } else if parts.count == 3, parts[0] == "dev", parts[1] == "fd" {
            number = parts[2]
        } else {
            return nil
        }
        guard number.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int32(number) else { return nil }
        return value
    }

    /// Creates and locks a new temporary file next to `path`; returns its descriptor and path.
    private static func createTemporary(in folder: String, for path: String)
        throws(CrossroadsError) -> (Int32, String)
    {
        var attempts = 0
        while true {
            var template = Array(((folder == "" ? "" : folder + "/") + temporaryPrefix + "XXXXXX").utf8CString)
            let descriptor = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
                guard let base = buffer.baseAddress else { return -1 }
                return mkstemp(base)
            }
            guard descriptor >= 0 else {
                throw .unwritable(path: path, reason: reason(errno, folder: folder))
            }
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
            let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            while flock(descriptor, LOCK_EX) != 0 && errno == EINTR {}
            // Another save may have taken the file for a leftover in the instant before it was locked and
            // removed it: then start again with a new one.
            var status = stat()
            if fstat(descriptor, &status) == 0 && status.st_nlink > 0 { return (descriptor, temporary) }
            close(descriptor)
            attempts += 1
            if attempts >= 10 {
                throw .unwritable(path: path, reason: "its temporary file kept disappearing")
            }
        }
    }

    /// Removes temporary files left in `folder` by saves that were killed (see ``AtomicFile``). Best effort:
    /// anything unexpected is left alone.
    static func removeStaleTemporaries(in folder: String) {
        let directory = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directory >= 0 else { return }
        defer { close(directory) }
        let copy = dup(directory)
        guard copy >= 0 else { return }
        guard let listing = fdopendir(copy) else {
            close(copy)
            return
        }
        var names: [String] = []
        while let entry = readdir(listing) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if isTemporaryName(name) { names.append(name) }
        }
        closedir(listing)
        for name in names {
            let file = openat(directory, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
            guard file >= 0 else { continue }
            defer { close(file) }
            var status = stat()
            guard fstat(file, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_uid == geteuid(),
                status.st_mode & 0o7777 == 0o600, status.st_nlink == 1
            else { continue }
            // A live writer holds the lock; a killed one held it until it died.
            guard flock(file, LOCK_EX | LOCK_NB) == 0 else { continue }
            // Still the same file under that name?
            var now = stat()
            guard fstatat(directory, name, &now, AT_SYMLINK_NOFOLLOW) == 0, now.st_ino == status.st_ino,
                now.st_dev == status.st_dev
            else { continue }
            unlinkat(directory, name, 0)
        }
    }

    /// Whether `name` is `.crossroads-` followed by exactly six ASCII letters or digits, as `mkstemp` makes.
    static func isTemporaryName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        let prefix = Array(temporaryPrefix.utf8)
        guard bytes.count == prefix.count + 6, bytes.starts(with: prefix) else { return false }
        return bytes[prefix.count...].allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
        }
    }

    /// Makes a completed rename durable (best effort: some file systems refuse to sync a folder).
    private static func syncFolder(_ folder: String) {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
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

extension AtomicFile {
    /// Writes a file the same private way as ``AtomicFile/write(_:to:)``, a piece at a time, for output too
    /// large to hold in memory: the pieces go to the temporary file, and ``commit()`` syncs it and renames
    /// it over the target. Until then (and if it is never called) the target is untouched, and a writer
    /// that is not committed removes its temporary file.
    public final class Writer {
        private let path: String
        private let folder: String
        private var descriptor: Int32
        private var temporary: String?
        private var failure: Int32 = 0
        /// False when writing into a descriptor this process already had (`/dev/stdout`): it is not closed.
        private var ownsDescriptor = true

        /// Starts writing `path` (a device or pipe, such as `/dev/stdout`, is written in place).
        public init(path: String) throws(CrossroadsError) {
            self.path = path
            folder = AtomicFile.folder(of: path)
            switch try AtomicFile.destination(of: path) {
            case .stream(let stream, let owned):
                descriptor = stream
                ownsDescriptor = owned
                return
            case .file:
                break
            }
            AtomicFile.removeStaleTemporaries(in: folder.isEmpty ? "." : folder)
            let (created, name) = try AtomicFile.createTemporary(in: folder, for: path)
            descriptor = created
            temporary = name
            if fchmod(created, 0o600) != 0 { failure = errno }
        }

        deinit {
            if let temporary { unlink(temporary) }
            if descriptor >= 0 && ownsDescriptor { close(descriptor) }
        }

        /// Appends text; a failure is remembered and reported by ``commit()``.
        public func write(_ text: String) {
            guard failure == 0 else { return }
            failure = AtomicFile.writeAll(text, to: descriptor)
        }

        /// Finishes the file: synced and renamed into place (or, for a device, closed).
        public func commit() throws(CrossroadsError) {
            guard descriptor >= 0 else { return }
            if let temporary {
                if failure == 0 && fsync(descriptor) != 0 { failure = errno }
                if failure == 0 && rename(temporary, path) != 0 { failure = errno }
                if failure != 0 { unlink(temporary) }
                self.temporary = nil
            }
            let wasFile = ownsDescriptor
            if ownsDescriptor && close(descriptor) != 0 && failure == 0 { failure = errno }
            descriptor = -1
            if failure != 0 { throw .unwritable(path: path, reason: AtomicFile.reason(failure, folder: folder)) }
            if wasFile { AtomicFile.syncFolder(folder.isEmpty ? "." : folder) }
        }
    }
}
