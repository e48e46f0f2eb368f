import CCrossroads
import Crossroads

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A failure on its way to C: the status and message a `crossroads_error` will carry.
struct CFailure: Error {
    /// `CROSSROADS_STATUS_*`: the `crossroads` tool's exit status for the same failure.
    var status: Int32
    /// Every diagnostic, one per line.
    var message: String

    static let usage = Int32(CROSSROADS_STATUS_USAGE)
    static let invalid = Int32(CROSSROADS_STATUS_INVALID)
    static let unreadable = Int32(CROSSROADS_STATUS_UNREADABLE)
    static let internalError = Int32(CROSSROADS_STATUS_INTERNAL)

    /// A bad argument (the tool's usage error, 64).
    static func badArgument(_ message: String) -> CFailure {
        CFailure(status: usage, message: "error: \(message)")
    }

    /// Out of memory while making a result (70).
    static let outOfMemory = CFailure(status: internalError, message: "error: out of memory")

    /// A library error, with the status the tool exits with for it (except that a report that could not
    /// be written in memory is an internal failure, 70, not the tool's 73 for an output file).
    init(_ error: CrossroadsError) {
        switch error {
        case .unreadable: status = Self.unreadable
        case .invalid, .notFound: status = Self.invalid
        case .unwritable: status = Self.internalError
        }
        let lines: [String]
        if case .invalid(_, let diagnostics) = error, !diagnostics.isEmpty {
            lines = diagnostics.map(\.description)
        } else {
            lines = [error.description]
        }
        // One line is one diagnostic, whatever a message quotes from the input.
        message = lines.map { String($0.map { $0.isNewline ? " " : $0 }) }.joined(separator: "\n")
    }

    init(status: Int32, message: String) {
        self.status = status
        self.message = message
    }

    /// Stores the failure in `*error` (when `error` is not NULL) as a new `crossroads_error`.
    func store(in error: UnsafeMutablePointer<UnsafeMutablePointer<crossroads_error>?>?) {
        guard let error else { return }
        error.pointee = makeError()
    }

    /// A malloc'd `crossroads_error` with a malloc'd message, or `nil` when memory ran out.
    private func makeError() -> UnsafeMutablePointer<crossroads_error>? {
        guard let text = CString.copy(message) else { return nil }
        guard let raw = malloc(MemoryLayout<crossroads_error>.stride) else {
            free(text)
            return nil
        }
        let error = raw.bindMemory(to: crossroads_error.self, capacity: 1)
        error.initialize(to: crossroads_error(status: status, message: text))
        return error
    }
}

/// Moving text and bytes across the C boundary.
enum CString {
    /// A malloc'd, NUL-terminated copy of `text`'s UTF-8 bytes, or `nil` when memory ran out.
    static func copy(_ text: String) -> UnsafeMutablePointer<CChar>? {
        var text = text
        return text.withUTF8 { bytes in
            guard let raw = malloc(bytes.count + 1) else { return nil }
            let copy = raw.bindMemory(to: CChar.self, capacity: bytes.count + 1)
            if let base = bytes.baseAddress, bytes.count > 0 {
                memcpy(copy, base, bytes.count)
            }
            copy[bytes.count] = 0
            return copy
        }
    }

    /// The text of a NUL-terminated argument, which must be UTF-8.
    static func argument(_ pointer: UnsafePointer<CChar>?, named name: String) throws(CFailure) -> String? {
        guard let pointer else { return nil }
        guard let text = String(validatingCString: pointer) else {
            throw .badArgument("\(name) is not UTF-8 text")
        }
        return text
    }

    /// A copy of the `length` bytes at `pointer`, read only up to one byte past the largest input
    /// Crossroads reads (the library then says the input is too large, as it does for a file).
    static func bytes(_ pointer: UnsafePointer<CChar>?, length: Int, named name: String) throws(CFailure) -> [UInt8] {
        guard let pointer else { throw .badArgument("\(name) is NULL") }
        // size_t arrives as Int: a length past Int.max is negative here, and is just as much too large.
        let count = length < 0 ? Limits.maxFileBytes + 1 : min(length, Limits.maxFileBytes + 1)
        return [UInt8](UnsafeRawBufferPointer(start: UnsafeRawPointer(pointer), count: count))
    }
}
