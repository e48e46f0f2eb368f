/// When an advice step or a question to talk over is shown: only with some flags raised, or only without.
///
/// Flags can be raised by any answer, so a condition on flags is also a condition on answers.
public struct StepCondition: Sendable, Hashable {
    /// When not empty, the step is shown only if at least one of these flags was raised.
    public var ifFlags: [String]
    /// The step is never shown if any of these flags was raised.
    public var unlessFlags: [String]
    /// Where the step is in its source file.
    public var location: SourceLocation?

    /// Creates a condition.
    public init(ifFlags: [String] = [], unlessFlags: [String] = [], location: SourceLocation? = nil) {
        self.ifFlags = ifFlags
        self.unlessFlags = unlessFlags
        self.location = location
    }

    /// Whether the step is shown, given the ids of the raised flags.
    public func holds(raised: Set<String>) -> Bool {
        (ifFlags.isEmpty || ifFlags.contains(where: raised.contains)) && !unlessFlags.contains(where: raised.contains)
    }

    /// The steps whose condition holds (a step without a condition always does), in order.
    static func filter(_ steps: [String], _ conditions: [StepCondition?], raised: Set<String>) -> [String] {
        steps.indices.compactMap { index in
            let condition = index < conditions.count ? conditions[index] : nil
            return condition.map { $0.holds(raised: raised) } ?? true ? steps[index] : nil
        }
    }
}
