/// Answers that pull against each other, declared in an assessment with the gentle words a report uses for
/// them: for example, a physical-harm flag together with "the relationship wasn't harmful" rated true.
public struct Tension: Sendable, Hashable, Identifiable {
    /// One answer a tension needs: the item answered with one of these values.
    public struct AnswerTest: Sendable, Hashable {
        /// The item's id.
        public var item: String
        /// The option values, any of which matches.
        public var values: [String]
        /// Where it is in its source file.
        public var location: SourceLocation?

        /// Creates a test.
        public init(item: String, values: [String], location: SourceLocation? = nil) {
            self.item = item
            self.values = values
            self.location = location
        }
    }

    /// The tension's id.
    public var id: String
    /// A short name.
    public var title: String
    /// What the report says, gently, when it holds.
    public var message: String
    /// Flags that must all have been raised.
    public var flags: [String]
    /// Answers that must all have been given.
    public var answers: [AnswerTest]
    /// Where it is in its source file.
    public var location: SourceLocation?

    /// Creates a tension.
    public init(
        id: String, title: String, message: String, flags: [String] = [], answers: [AnswerTest] = [],
        location: SourceLocation? = nil
    ) {
        self.id = id
        self.title = title
        self.message = message
        self.flags = flags
        self.answers = answers
        self.location = location
    }
}
