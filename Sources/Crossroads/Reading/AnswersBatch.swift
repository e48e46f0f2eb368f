import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Many answer sets, read one at a time: answers files, folders of them, standard input, and batch
/// documents (`<batch xmlns="urn:crossroads:answers:1">` holding any number of `<answers>` elements).
///
/// Iterating yields one ``Entry`` per answer set, in input order, without reading ahead: a batch document
/// is streamed with libxml2's reader, so memory does not grow with the number of sets. Each set is
/// checked as strictly as a single answers file, with the same messages, located by line and column in
/// the batch document. An entry is checked when it is read (``Entry/read()`` or ``Entry/score()``), which
/// may happen on any thread; ``score(jobs:render:deliver:)`` does that on several threads and hands back
/// the results in input order.
///
/// ```swift
/// let batch = AnswersBatch(["study.batch.xml"])
/// for entry in batch {
///     switch entry.score() {
///     case .success(let result): print(entry.id ?? entry.source, result.outcome.id)
///     case .failure(let error): print(error)
///     }
/// }
/// ```
public struct AnswersBatch: Sequence, Sendable {
    /// The inputs, as given: files, folders (their `.xml` files, sorted by name), or `-` for standard input.
    public let inputs: [String]
    let catalog: AnswersCatalog

    /// A batch of the answer sets in `inputs`, checked against `assessment`, or, when it is `nil`, against
    /// the bundled assessment each set names (every bundled assessment is loaded once, now).
    public init(_ inputs: [String], assessment: Assessment? = nil) {
        self.inputs = inputs
        catalog = AnswersCatalog(preloading: assessment)
    }

    /// The assessments the sets can be scored against: the one given, or every bundled assessment.
    public var assessments: [Assessment] { catalog.assessments }

    /// One answer set of a batch, or a part of the input that could not be read as one.
    public struct Entry: Sendable {
        /// The file it came from, as given (`<stdin>` for standard input).
        public let source: String
        /// Its position among the elements of a batch document, from 1; `nil` for an answers file.
        public let index: Int?
        /// The respondent's id: the `id` attribute of its `<answers>`, if any.
        public let id: String?
        /// Where its `<answers>` element starts in a batch document.
        public let location: SourceLocation?
        /// Its place among all the entries of the batch, from 1: different for every entry, even when
        /// the same input is given twice.
        public internal(set) var position = 0

        let content: Content
        let catalog: AnswersCatalog

        enum Content: Sendable {
            case file([UInt8])
            case set(AnswerSetDocument)
            case refused(CrossroadsError)
        }

        /// Whether this entry stands for a file or a part of one that could not be read at all (missing,
        /// not well-formed), rather than a set that was read and found invalid.
        public var isUnreadable: Bool {
            if case .refused(.unreadable) = content { return true }
            return false
        }

        /// Reads and checks the set, as ``AnswersReader`` checks a file. Safe to call from any thread.
        public func read() throws(CrossroadsError) -> (answers: Answers, assessment: Assessment) {
            let checked = try checked()
            return (checked.answers, checked.prepared.assessment)
        }

        private func checked() throws(CrossroadsError) -> CheckedAnswers {
            switch content {
            case .refused(let error):
                throw error
            case .file(let bytes):
                let parsed = SafeXMLReader.read(
                    bytes, path: source, schema: .answers,
                    roots: [SafeXMLReader.Root(namespace: AnswersReader.namespace, name: "answers")],
                    kind: "answers file")
                return try AnswersReader.checked(parsed, path: source, catalog: catalog)
            case .set(let document):
                // Most sets plainly obey the schema: read them straight from the tree, with no schema pass.
                if let plain = document.plain(), let checked = AnswersReader.plainChecked(plain, catalog: catalog) {
                    return checked
                }
                return try AnswersReader.checked(document.parse(), path: source, catalog: catalog)
            }
        }

        /// Reads, checks and scores the set for a row of a table (``CSVReport``): the outcome, scales and
        /// flags, without what only a report needs. Safe to call from any thread.
        func summary() -> Result<ScoreSummary, CrossroadsError> {
            do throws(CrossroadsError) {
                let checked = try checked()
                return .success(checked.prepared.scorer.summary(visibility: checked.visibility))
            } catch {
                return .failure(error)
            }
        }

        /// Reads, checks and scores the set as ``score()`` does, but never on the fast path a batch takes for
        /// sets spelled the plain way: always through the general reader and its checks. For the batch fuzz
        /// target, which checks that the two agree.
        @_spi(Testing) public func scoreThroughTheFullReader() -> Result<ScoreResult, CrossroadsError> {
            guard case .set(let document) = content else { return score() }
            do throws(CrossroadsError) {
                let checked = try AnswersReader.checked(document.parse(), path: source, catalog: catalog)
                return .success(checked.prepared.scorer.score(checked.answers, visibility: checked.visibility))
            } catch {
                return .failure(error)
            }
        }

        /// Reads, checks and scores the set. Safe to call from any thread.
        public func score() -> Result<ScoreResult, CrossroadsError> {
            do throws(CrossroadsError) {
                let checked = try checked()
                return .success(checked.prepared.scorer.score(checked.answers, visibility: checked.visibility))
            } catch {
                return .failure(error)
            }
        }
    }

    /// Iterates the inputs in order.
    public func makeIterator() -> Iterator { Iterator(inputs: inputs, catalog: catalog) }

    /// Walks the inputs, opening each file as it is reached.
    public struct Iterator: IteratorProtocol {
        private var pending: [String]
        private let catalog: AnswersCatalog
        private var document: BatchDocumentReader?

        init(inputs: [String], catalog: AnswersCatalog) {
            pending = inputs.reversed()
            self.catalog = catalog
        }

        private var count = 0

        /// The next entry, or `nil` after the last input.
        public mutating func next() -> Entry? {
            guard var entry = nextEntry() else { return nil }
            count += 1
            entry.position = count
            return entry
        }

        private mutating func nextEntry() -> Entry? {
            while true {
                if let reader = document {
                    if let event = reader.next() { return entry(for: event, from: reader.path) }
                    document = nil
                }
                guard let input = pending.popLast() else { return nil }
                if let entry = open(input) { return entry }
            }
        }

        private func entry(for event: BatchDocumentReader.Event, from path: String) -> Entry {
            switch event {
            case .set(let index, let id, let location, let set):
                return Entry(
                    source: path, index: index, id: id, location: location, content: .set(set), catalog: catalog)
            case .refused(let index, let id, let error):
                return Entry(
                    source: path, index: index, id: id, location: nil, content: .refused(error), catalog: catalog)
            }
        }

        private func refused(_ path: String, _ error: CrossroadsError) -> Entry {
            Entry(source: path, index: nil, id: nil, location: nil, content: .refused(error), catalog: catalog)
        }

        /// Opens one input: a folder's files are queued; a batch document starts streaming (its first entry
        /// comes from the next loop); an answers file is read whole.
        private mutating func open(_ input: String) -> Entry? {
            let name = input == "-" ? "<stdin>" : input
            let descriptor: Int32
            if input == "-" {
                descriptor = 0
            } else {
                descriptor = Glibc.open(input, O_RDONLY | O_CLOEXEC)
                guard descriptor >= 0 else {
                    return refused(name, .unreadable(path: name, reason: InputFile.describe(errno: errno)))
                }
                var status = stat()
                guard fstat(descriptor, &status) == 0 else {
                    let code = errno
                    Glibc.close(descriptor)
                    return refused(name, .unreadable(path: name, reason: InputFile.describe(errno: code)))
                }
                let type = status.st_mode & S_IFMT
                if type == S_IFDIR {
                    Glibc.close(descriptor)
                    let files = Self.answersFiles(in: input)
                    guard let files else {
                        return refused(name, .unreadable(path: name, reason: "the folder cannot be listed"))
                    }
                    pending.append(contentsOf: files.reversed())
                    return nil
                }
                guard type == S_IFREG || type == S_IFIFO else {
                    Glibc.close(descriptor)
                    return refused(name, .unreadable(path: name, reason: "it is not a regular file"))
                }
            }
            // Read the start, to see whether it is a batch document or an answers file.
            var prefix: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 16 * 1024)
            while prefix.count < 64 * 1024 && StartTagScanner.firstElementName(in: prefix) == nil {
                let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
                if count < 0 {
                    if errno == EINTR { continue }
                    let code = errno
                    if input != "-" { Glibc.close(descriptor) }
                    return refused(name, .unreadable(path: name, reason: InputFile.describe(errno: code)))
                }
                if count == 0 { break }
                prefix.append(contentsOf: chunk[0..<count])
            }
            if StartTagScanner.firstElementName(in: prefix) == "batch",
                Precheck.declaredEncoding(prefix).map({ $0.lowercased() == "utf-8" }) ?? true
            {
                document = BatchDocumentReader(path: name, descriptor: descriptor, prefix: prefix, owned: input != "-")
                return nil
            }
            // An answers file (or not one at all): read whole, exactly as `crossroads score` reads it.
            let bytes: [UInt8]
            do throws(CrossroadsError) {
                if input == "-" {
                    bytes = try InputFile.read(descriptor: 0, path: name, limit: Limits.maxFileBytes, prefix: prefix)
                } else {
                    Glibc.close(descriptor)
                    bytes = try InputFile.read(input)
                }
            } catch {
                return refused(name, error)
            }
            return Entry(source: name, index: nil, id: nil, location: nil, content: .file(bytes), catalog: catalog)
        }

        /// The `.xml` files directly in `folder` (not hidden), sorted by name; `nil` when it cannot be listed.
        static func answersFiles(in folder: String) -> [String]? {
            guard let listing = opendir(folder) else { return nil }
            defer { closedir(listing) }
            var names: [String] = []
            while let entry = readdir(listing) {
                let name = withUnsafePointer(to: &entry.pointee.d_name) { pointer in
                    pointer.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
                }
                guard !name.hasPrefix("."), name.hasSuffix(".xml") else { continue }
                names.append(name)
            }
            let base = folder.hasSuffix("/") ? folder : folder + "/"
            return names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }.map { base + $0 }
        }
    }
}

extension AnswersBatch {
    /// Scores every entry on `jobs` threads (the calling thread, which reads the entries, and `jobs - 1`
    /// others, which score and render them) and hands each to `deliver` on the calling thread, in input
    /// order, with what `render` made of it.
    ///
    /// `render` runs on worker threads, one entry at a time per thread, with the entry's score (or why it
    /// could not be scored); it should be a pure function (format a report, say), so that the results do
    /// not depend on `jobs`. The next entries are read while earlier ones are scored; at most a few hundred
    /// are held at once, so memory stays flat. `deliver` returns `false` to stop early. With `jobs` 1,
    /// everything happens on the calling thread.
    ///
    /// ```swift
    /// batch.score(jobs: 4, render: { entry, result in
    ///     (try? result.get()).map { "\(entry.source),\($0.outcome.id)\n" } ?? ""
    /// }, deliver: { _, line in
    ///     print(line, terminator: "")
    ///     return true
    /// })
    /// ```
    public func score<Output: Sendable>(
        jobs: Int,
        render: @escaping @Sendable (Entry, Result<ScoreResult, CrossroadsError>) -> Output,
        deliver: (Entry, Output) -> Bool
    ) {
        process(jobs: jobs, transform: { entry in render(entry, entry.score()) }, deliver: deliver)
    }

    /// Runs `transform` on every entry on `jobs` threads and hands each result to `deliver` on the calling
    /// thread, in input order: ``score(jobs:render:deliver:)`` without scoring first, for work that reads
    /// or scores the entry itself (``BatchReport/render(_:)`` does). The same rules apply: `transform` should
    /// be pure, `deliver` returns `false` to stop early, memory stays flat.
    public func process<Output: Sendable>(
        jobs: Int,
        transform: @escaping @Sendable (Entry) -> Output,
        deliver: (Entry, Output) -> Bool
    ) {
        var iterator = makeIterator()
        let jobs = Swift.max(1, jobs)
        if jobs == 1 {
            while let entry = iterator.next() {
                if !deliver(entry, transform(entry)) { return }
            }
            return
        }
        let chunkSize = 32 * jobs
        var inFlight: (group: DispatchGroup, entries: [Entry], slots: Slots<Output>)?
        while true {
            var chunk: [Entry] = []
            chunk.reserveCapacity(chunkSize)
            while chunk.count < chunkSize, let entry = iterator.next() { chunk.append(entry) }
            var started: (group: DispatchGroup, entries: [Entry], slots: Slots<Output>)?
            if !chunk.isEmpty {
                let group = DispatchGroup()
                let slots = Slots<Output>(count: chunk.count)
                let entries = chunk
                // The calling thread, reading the next entries, is one of the `jobs` threads.
                let workers = Swift.max(1, Swift.min(jobs - 1, entries.count))
                DispatchQueue.global().async(group: group) {
                    DispatchQueue.concurrentPerform(iterations: workers) { worker in
                        var index = worker
                        while index < entries.count {
                            slots.set(index, transform(entries[index]))
                            index += workers
                        }
                    }
                }
                started = (group, entries, slots)
            }
            if let previous = inFlight {
                previous.group.wait()
                for (index, entry) in previous.entries.enumerated() {
                    guard let output = previous.slots.take(index) else { continue }
                    if !deliver(entry, output) {
                        started?.group.wait()
                        return
                    }
                }
            }
            inFlight = started
            if started == nil { return }
        }
    }
}

/// Results written by worker threads, each slot by one thread, read after they have all finished.
private final class Slots<Output: Sendable>: @unchecked Sendable {
    // @unchecked: each slot is written by exactly one worker, and read only after the group has finished.
    private let storage: UnsafeMutablePointer<Output?>
    private let count: Int

    init(count: Int) {
        self.count = count
        storage = UnsafeMutablePointer<Output?>.allocate(capacity: count)
        storage.initialize(repeating: nil, count: count)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    func set(_ index: Int, _ value: Output) { storage[index] = value }

    func take(_ index: Int) -> Output? {
        let value = storage[index]
        storage[index] = nil
        return value
    }
}
