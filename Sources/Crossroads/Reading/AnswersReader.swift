/// Reads a saved answers file safely and checks it against the assessment it names.
///
/// Every problem is reported at once with its line and column: an unknown item, a value that is not
/// among the item's options, an answer to an item whose condition is false, a duplicate answer, or an
/// answers file made for another assessment or version.
public enum AnswersReader {
    /// The namespace of the answers format, version 1.
    public static let namespace = "urn:crossroads:answers:1"

    /// Reads an answers file (`-` for standard input) and checks it.
    ///
    /// - Parameters:
    ///   - path: the file to read.
    ///   - assessment: the assessment it must answer; `nil` means the bundled assessment it names.
    /// - Returns: the answers and the assessment they were checked against.
    public static func read(file path: String, for assessment: Assessment? = nil)
        throws(CrossroadsError) -> (answers: Answers, assessment: Assessment)
    {
        let name = path == "-" ? "<stdin>" : path
        return try parse(InputFile.read(path), path: name, for: assessment)
    }

    /// Reads answers held in memory; `path` names them in diagnostics.
    public static func read(text: String, path: String = "<memory>", for assessment: Assessment? = nil)
        throws(CrossroadsError) -> (answers: Answers, assessment: Assessment)
    {
        try read(bytes: Array(text.utf8), path: path, for: assessment)
    }

    /// Reads answers from raw bytes (they must be UTF-8); `path` names them in diagnostics.
    public static func read(bytes: [UInt8], path: String = "<memory>", for assessment: Assessment? = nil)
        throws(CrossroadsError) -> (answers: Answers, assessment: Assessment)
    {
        return try parse(bytes, path: path, for: assessment)
    }

    static func parse(_ bytes: [UInt8], path: String, for given: Assessment?)
        throws(CrossroadsError) -> (answers: Answers, assessment: Assessment)
    {
        let parsed = SafeXMLReader.read(
            bytes, path: path, schema: .answers, roots: [SafeXMLReader.Root(namespace: namespace, name: "answers")],
            kind: "answers file")
        return try check(parsed, path: path, catalog: AnswersCatalog(given: given))
    }

    /// Checks a parsed `<answers>` element against the assessment it names (found in `catalog`): the
    /// second half of reading, shared by single files and the sets of a batch document.
    static func check(_ parsed: Parsed, path: String, catalog: AnswersCatalog)
        throws(CrossroadsError) -> (answers: Answers, assessment: Assessment)
    {
        let checked = try checked(parsed, path: path, catalog: catalog)
        return (checked.answers, checked.prepared.assessment)
    }

    /// ``check(_:path:catalog:)``, also giving the assessment with its scorer and the visibility it worked
    /// out, for scoring next.
    static func checked(_ parsed: Parsed, path: String, catalog: AnswersCatalog)
        throws(CrossroadsError) -> CheckedAnswers
    {
        guard let root = parsed.root else { throw .invalid(path: path, diagnostics: parsed.diagnostics) }
        let id = root.attribute("assessment") ?? ""
        let version = root.attribute("version") ?? ""
        guard let prepared = catalog.lookup(id) else {
            throw .invalid(
                path: path,
                diagnostics: [
                    Diagnostic(
                        .error,
                        "these answers are for assessment \"\(id)\", which is not bundled; give its file with --assessment",
                        at: root.location)
                ])
        }
        let assessment = prepared.assessment
        let scorer = prepared.scorer
        var diagnostics = parsed.diagnostics
        if id != assessment.id {
            diagnostics.append(
                Diagnostic(
                    .error, "these answers are for assessment \"\(id)\", not \"\(assessment.id)\"", at: root.location))
            throw .invalid(path: path, diagnostics: diagnostics)
        }
        if version != assessment.version {
            diagnostics.append(
                Diagnostic(
                    .error,
                    "these answers are for version \(version) of \"\(id)\", but the assessment is version \(assessment.version); questions may have changed, so they are not scored",
                    at: root.location))
            throw .invalid(path: path, diagnostics: diagnostics)
        }

        var answers = Answers(for: assessment, locale: root.attribute("locale"))
        var seen: [String: SourceLocation] = [:]
        var locations: [String: SourceLocation] = [:]

        for element in root.children(named: "answer") {
            let itemID = element.attribute("item") ?? ""
            let at = element.location
            if let first = seen[itemID] {
                diagnostics.append(
                    Diagnostic(.error, "item \"\(itemID)\" is answered twice (first at line \(first.line))", at: at))
                continue
            }
            seen[itemID] = at
            guard let position = scorer.itemIndex[itemID] else {
                diagnostics.append(
                    Diagnostic(
                        .error, "\"\(itemID)\" is not a question of \"\(assessment.id)\" \(assessment.version)", at: at)
                )
                continue
            }
            let item = scorer.items[position].item
            guard let response = response(element, item: item, at: at, into: &diagnostics) else { continue }
            answers[itemID] = response
            locations[itemID] = at
        }

        // An answer to an item whose condition is false never counts; in a file it is a mistake.
        let visibility = scorer.visibility(for: answers)
        for item in scorer.items.lazy.map(\.item) {  // the assessment's items, without a new array
            guard let response = answers[item.id], response.isAnswer || response == .declined,
                !visibility.isShown(item.id), let at = locations[item.id]
            else { continue }
            diagnostics.append(
                Diagnostic(
                    .error,
                    "item \"\(item.id)\" is answered, but its condition is false for these answers, so it would not have been asked; record it as state=\"not-shown\"",
                    at: at))
        }
        // "Not shown" for an item that was shown would hide what happened to it (a declined safety question
        // would lose its notice): it is a mistake too.
        for item in scorer.items.lazy.map(\.item) {  // the assessment's items, without a new array
            guard answers[item.id] == .notShown, visibility.isShown(item.id), let at = locations[item.id] else {
                continue
            }
            let why =
                item.showIf == nil
                ? "it has no condition, so it is always shown"
                : "its condition is true for these answers, so it was shown"
            diagnostics.append(
                Diagnostic(
                    .error,
                    "item \"\(item.id)\" is recorded as state=\"not-shown\", but \(why); record what happened to it (an answer, state=\"declined\" or state=\"not-reached\")",
                    at: at))
        }
        if diagnostics.hasErrors { throw .invalid(path: path, diagnostics: AssessmentLoader.unique(diagnostics)) }
        return CheckedAnswers(answers: answers, prepared: prepared, visibility: visibility)
    }

    /// The fast path of ``checked(_:path:catalog:)`` for a set the XML layer read as plain values: the same
    /// answers, assessment and visibility when every check passes without a single diagnostic (not even a
    /// warning); `nil` otherwise, and the set then goes through the full reader for its messages. The
    /// responses are kept by item position; the ``Answers`` are made only if asked for.
    static func plainChecked(_ plain: PlainAnswerSet, catalog: AnswersCatalog) -> CheckedAnswers? {
        guard let prepared = catalog.lookup(plain.assessment) else { return nil }
        let assessment = prepared.assessment
        let scorer = prepared.scorer
        guard plain.assessment == assessment.id, plain.version == assessment.version else { return nil }

        // By the position of the first item with each id, as the full reader looks ids up.
        var responses = [Response?](repeating: nil, count: scorer.items.count)
        for answer in plain.answers {
            guard let position = scorer.itemIndex[answer.item] else { return nil }
            let item = scorer.facts[position]
            let response: Response
            switch answer.state {
            case .answered:
                if let words = answer.note ?? answer.text, words.unicodeScalars.count > Limits.maxAnswerTextLength {
                    return nil
                }
                if item.kind == .text {
                    guard let text = answer.text, answer.firstValue == nil else { return nil }
                    response = .text(text)
                } else {
                    guard answer.text == nil, answer.note == nil || item.takesNote else { return nil }
                    let values = answer.values
                    // An option value has a weight (the first option with that value).
                    for value in values where scorer.items[position].weights[value] == nil { return nil }
                    if item.kind == .multiple {
                        guard Set(values).count == values.count else { return nil }
                    } else {
                        guard values.count == 1 else { return nil }
                    }
                    response = .chosen(values, note: answer.note)
                }
            case .declined, .notShown, .notReached:
                guard answer.firstValue == nil, answer.note == nil, answer.text == nil else { return nil }
                switch answer.state {
                case .declined:
                    guard item.skippable else { return nil }  // the full reader warns
                    response = .declined
                case .notShown: response = .notShown
                default: response = .notReached
                }
            }
            // Answered twice: the full reader says where.
            guard responses[position] == nil else { return nil }
            responses[position] = response
        }

        let visibility = scorer.visibility { responses[scorer.facts[$0].first] }
        for position in responses.indices {
            guard let response = responses[position] else { continue }
            let shown = visibility.shown[position]
            if (response.isAnswer || response == .declined) && !shown { return nil }
            if response == .notShown && shown { return nil }
        }
        return CheckedAnswers(prepared: prepared, visibility: visibility, responses: responses, locale: plain.locale)
    }

    private static func response(
        _ element: SourceElement, item: Item, at: SourceLocation, into diagnostics: inout [Diagnostic]
    ) -> Response? {
        let state = element.attribute("state") ?? "answered"
        let values = element.children(named: "value").map(\.collapsedText)
        let note = element.child("note")?.text
        let text = element.child("text")?.text
        if state != "answered" {
            if !values.isEmpty || note != nil || text != nil {
                diagnostics.append(
                    Diagnostic(
                        .error,
                        "item \"\(item.id)\" is marked \(state) but also has an answer; remove one or the other", at: at
                    ))
                return nil
            }
            switch state {
            case "declined":
                if !item.skippable {
                    diagnostics.append(
                        Diagnostic(
                            .warning, "item \"\(item.id)\" cannot be skipped, but is recorded as declined", at: at))
                }
                return .declined
            case "not-shown": return .notShown
            default: return .notReached
            }
        }
        if let words = note ?? text, words.unicodeScalars.count > Limits.maxAnswerTextLength {
            diagnostics.append(
                Diagnostic(
                    .error,
                    "the words for item \"\(item.id)\" are longer than \(Limits.maxAnswerTextLength) characters", at: at
                ))
            return nil
        }
        if item.kind == .text {
            guard let text, values.isEmpty else {
                diagnostics.append(
                    Diagnostic(
                        .error,
                        "item \"\(item.id)\" is a free-text question: its answer goes in <text>, not <value> or <note>",
                        at: at))
                return nil
            }
            return .text(text)
        }
        if text != nil {
            diagnostics.append(
                Diagnostic(
                    .error, "item \"\(item.id)\" is not a free-text question: give its answer as <value>", at: at))
            return nil
        }
        if note != nil && item.notePrompt == nil {
            diagnostics.append(Diagnostic(.error, "item \"\(item.id)\" does not take a note", at: at))
            return nil
        }
        var valid = true
        for value in values where item.option(value) == nil {
            let known = item.options.map(\.value).joined(separator: ", ")
            diagnostics.append(
                Diagnostic(
                    .error, "\"\(value)\" is not an answer to item \"\(item.id)\" (its options: \(known))", at: at))
            valid = false
        }
        if item.kind == .multiple {
            if Set(values).count != values.count {
                diagnostics.append(Diagnostic(.error, "item \"\(item.id)\" lists the same value twice", at: at))
                valid = false
            }
        } else if values.count != 1 {
            diagnostics.append(
                Diagnostic(
                    .error, "item \"\(item.id)\" takes exactly one value; this answer has \(values.count)", at: at))
            valid = false
        }
        return valid ? .chosen(values, note: note) : nil
    }
}
