import Dispatch

/// An assessment's content hash (SHA-256, hex), given as text or computed from the source bytes the first
/// time it is asked for: a report prints it, but `validate` and scoring without a report never need it, and
/// hashing the shipped files costs more than a millisecond.
///
/// Equal and hashed by its value, so ``Assessment``'s `Hashable` conformance is as if it held the string.
final class ContentHash: @unchecked Sendable, Hashable {
    // @unchecked: `pending` and `computed` are only read and written on `queue` once the value is lazy;
    // a hash given as text never changes and has no queue.
    private let queue: DispatchQueue?
    private var pending: [[UInt8]]
    private var computed: String?

    /// A hash given as text (empty: not recorded).
    init(_ value: String) {
        queue = nil
        pending = []
        computed = value
    }

    /// The hash of `parts`, one after another, computed when first asked for.
    init(hashing parts: [[UInt8]]) {
        queue = DispatchQueue(label: "crossroads.content-hash")
        pending = parts
        computed = nil
    }

    /// The hash as 64 lowercase hexadecimal digits, or the text it was given.
    var value: String {
        guard let queue else { return computed ?? "" }
        return queue.sync {
            if let computed { return computed }
            var hasher = SHA256()
            for part in pending { hasher.update(part) }
            let digest = hasher.hexDigest()
            computed = digest
            pending = []
            return digest
        }
    }

    static func == (lhs: ContentHash, rhs: ContentHash) -> Bool {
        lhs === rhs || lhs.value == rhs.value
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(value)
    }
}
