import Crossroads

/// What a `crossroads_assessment *` points at: one loaded assessment, never changed after it is made, so
/// any number of threads may score with it at once.
final class AssessmentHandle: Sendable {
    /// The assessment answers are checked and scored against.
    let assessment: Assessment
    /// Its scorer, made once (scoring is a pure function of the answers).
    let scorer: Scorer

    init(_ assessment: Assessment) {
        self.assessment = assessment
        self.scorer = Scorer(assessment)
    }

    /// A new handle for C, holding one reference (released by ``release(_:)``).
    func retained() -> OpaquePointer {
        OpaquePointer(Unmanaged.passRetained(self).toOpaque())
    }

    /// The handle a C pointer holds, without taking ownership; `nil` for NULL.
    static func borrow(_ pointer: OpaquePointer?) -> AssessmentHandle? {
        guard let pointer else { return nil }
        return Unmanaged<AssessmentHandle>.fromOpaque(UnsafeRawPointer(pointer)).takeUnretainedValue()
    }

    /// Releases the reference ``retained()`` gave C; NULL does nothing.
    static func release(_ pointer: OpaquePointer?) {
        guard let pointer else { return }
        Unmanaged<AssessmentHandle>.fromOpaque(UnsafeRawPointer(pointer)).release()
    }
}
