/// An `<answers>` element already known to be valid against `Reports/answers.xsd`, as plain values: what the
/// fast path of a batch hands from the XML layer to ``AnswersReader/plainChecked(_:catalog:)``.
///
/// It is only ever made by ``PlainAnswerExtractor``, which makes one only when every rule of the schema
/// visibly holds (and gives up, leaving the set to the full reader and its messages, otherwise).
struct PlainAnswerSet: Sendable {
    /// One `<answer>`.
    struct Answer: Sendable {
        enum State: Sendable {
            case answered, declined, notShown, notReached
        }

        /// Its `item` attribute.
        var item: String
        /// Its `state` attribute (`answered` when absent).
        var state: State
        /// Its first `<value>`'s token, if any, and the others' (kept apart so that the usual answer of one
        /// value costs no array until the set is checked, on the thread that checks it).
        var firstValue: String?
        var otherValues: [String] = []
        /// Its `<note>`'s words, if any.
        var note: String?
        /// Its `<text>`'s words, if any.
        var text: String?
        /// Its `<value>` elements' tokens, in order.
        var values: [String] {
            guard let firstValue else { return [] }
            return [firstValue] + otherValues
        }

        /// Where its start tag begins (line and column); filled in by the batch reader.
        var line = 0
        var column = 0
    }

    /// The `assessment` attribute.
    var assessment: String
    /// The `version` attribute.
    var version: String
    /// The `locale` attribute, if any.
    var locale: String?
    /// The `<answers>` element's `id` attribute, if any.
    var id: String?
    /// The `<answer>` elements, in order.
    var answers: [Answer]

    /// The element as the general reader would have made it after a clean schema pass, for
    /// ``AnswersReader/checked(_:path:catalog:)`` to give its messages when ``AnswersReader/plainChecked(_:catalog:)``
    /// refuses the set. Every message of that check is located at `<answers>` or an `<answer>`, so the
    /// `<value>`, `<note>` and `<text>` elements are located at their `<answer>`.
    func sourceElement(at location: SourceLocation) -> SourceElement {
        let namespace = AnswersReader.namespace
        var attributes = [(name: "assessment", value: assessment), (name: "version", value: version)]
        if let locale { attributes.append((name: "locale", value: locale)) }
        if let id { attributes.append((name: "id", value: id)) }
        let children = answers.map { answer in
            let at = SourceLocation(file: location.file, line: answer.line, column: answer.column)
            var children = answer.values.map {
                SourceElement(name: "value", namespace: namespace, attributes: [], children: [], text: $0, location: at)
            }
            if let note = answer.note {
                children.append(
                    SourceElement(name: "note", namespace: namespace, attributes: [], children: [], text: note, location: at))
            }
            if let text = answer.text {
                children.append(
                    SourceElement(name: "text", namespace: namespace, attributes: [], children: [], text: text, location: at))
            }
            let state: String
            switch answer.state {
            case .answered: state = "answered"
            case .declined: state = "declined"
            case .notShown: state = "not-shown"
            case .notReached: state = "not-reached"
            }
            return SourceElement(
                name: "answer", namespace: namespace, attributes: [(name: "item", value: answer.item), (name: "state", value: state)],
                children: children, text: "", location: at)
        }
        return SourceElement(
            name: "answers", namespace: namespace, attributes: attributes, children: children, text: "", location: location)
    }
}
