import Crossroads

/// What a line typed at a question means.
enum TakeInputMeaning: Equatable {
    /// An answer: option values (for a choice item) or words (for a free-text item).
    case choose([String])
    case words(String)
    /// An empty line where there is already an answer: keep it.
    case keep
    case help
    case back
    case skip
    case quit
    /// Not understood; the hint says what to type.
    case invalid(String)
}

/// How questions are shown and how typed lines are read as answers.
enum TakePrompter {
    /// The keys every question takes, besides its answer.
    static let commandWords: [String: TakeInputMeaning] = [
        "?": .help, "h": .help, "help": .help,
        "b": .back, "back": .back,
        "s": .skip, "skip": .skip,
        "q": .quit, "quit": .quit, "exit": .quit,
    ]

    /// The words a question shows.
    static func lines(for item: Item, output: TakeOutput) -> [String] {
        var lines = TextLayout.wrap(item.text, width: output.width).map { output.styled($0, .bold) }
        lines.append("")
        switch item.kind {
        case .text:
            break
        default:
            let marks = item.options.indices.map { "\($0 + 1). " }
            let markWidth = marks.map(\.count).max() ?? 3
            for (index, option) in item.options.enumerated() {
                let mark = String(repeating: " ", count: markWidth - marks[index].count) + marks[index]
                lines += TextLayout.wrap(
                    option.label, width: output.width, first: "  " + mark,
                    rest: String(repeating: " ", count: 2 + markWidth))
            }
            lines.append("")
        }
        return lines
    }

    /// The line saying what to type.
    static func keysHint(for item: Item, hasAnswer: Bool) -> String {
        var answer: String
        let count = item.options.count
        switch item.kind {
        case .yesNo where hasYesNo(item):
            answer = "Type y or n (or 1-\(count))"
        case .multiple:
            answer = "Type the numbers of all that fit, separated by spaces or commas (for example: 1 3), or 0 for none"
        case .text:
            answer = "Type your answer on one line"
        default:
            answer = count == 1 ? "Type 1" : "Type a number from 1 to \(count)"
        }
        var keys = ["? help", "b back"]
        if item.skippable { keys.append("s skip") }
        keys.append("q quit")
        if hasAnswer { answer += ", or press Enter to keep your answer" }
        return answer + ". Keys: " + keys.joined(separator: ", ") + "."
    }

    /// A response already recorded, in words.
    static func describe(_ response: Response, for item: Item) -> String? {
        switch response {
        case .chosen(let values, let note):
            var text: String
            if values.isEmpty {
                text = "none of these"
            } else {
                text = values.map { value in
                    guard let index = item.options.firstIndex(where: { $0.value == value }) else { return value }
                    return "\(index + 1). \(TextLayout.clean(item.options[index].label))"
                }.joined(separator: "; ")
            }
            if let note, !note.isEmpty { text += " (note: “\(TextLayout.clean(note))”)" }
            return text
        case .text(let words):
            return "“\(TextLayout.clean(words))”"
        case .declined:
            return "skipped"
        case .notShown, .notReached:
            return nil
        }
    }

    /// Reads a typed line as an answer to an item.
    static func meaning(of line: String, for item: Item, hasAnswer: Bool) -> TakeInputMeaning {
        let typed = line.takeTrimmed
        let lowered = typed.lowercased()
        if typed.isEmpty {
            if hasAnswer { return .keep }
            return .invalid(emptyHint(for: item))
        }
        if let command = commandWords[lowered] { return command }
        if typed.unicodeScalars.contains(where: { $0.value == 0 }) {
            return .invalid("That could not be read as an answer. " + emptyHint(for: item))
        }
        switch item.kind {
        case .text:
            if typed.unicodeScalars.count > Limits.maxAnswerTextLength {
                return .invalid("That is longer than \(Limits.maxAnswerTextLength) characters; please shorten it.")
            }
            return .words(typed)
        case .multiple:
            if lowered == "0" || lowered == "none" { return .choose([]) }
            let parts = lowered.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" })
            var chosen: Set<Int> = []
            for part in parts {
                guard let number = Int(part), item.options.indices.contains(number - 1) else {
                    return .invalid(
                        "Please type numbers from 1 to \(item.options.count), separated by spaces or commas, or 0 for none."
                    )
                }
                chosen.insert(number - 1)
            }
            return .choose(chosen.sorted().map { item.options[$0].value })
        case .yesNo, .likert, .single:
            if let number = Int(lowered) {
                guard item.options.indices.contains(number - 1) else {
                    return .invalid("There is no choice \(number). " + emptyHint(for: item))
                }
                return .choose([item.options[number - 1].value])
            }
            if lowered == "y" || lowered == "yes", item.option("yes") != nil { return .choose(["yes"]) }
            if lowered == "n" || lowered == "no", item.option("no") != nil { return .choose(["no"]) }
            if let option = item.options.first(where: {
                $0.value.lowercased() == lowered || TextLayout.clean($0.label).lowercased() == lowered
            }) {
                return .choose([option.value])
            }
            return .invalid(
                "“\(TextLayout.clean(String(typed.prefix(40))))” is not one of the choices. " + emptyHint(for: item))
        }
    }

    /// What to type, in a few words, for a hint.
    static func emptyHint(for item: Item) -> String {
        switch item.kind {
        case .yesNo where hasYesNo(item): return "Type y or n, or ? for help."
        case .multiple: return "Type the numbers of all that fit (for example: 1 3), or 0 for none."
        case .text:
            return item.skippable ? "Type your answer on one line, or s to skip." : "Type your answer on one line."
        default: return "Type a number from 1 to \(item.options.count), or ? for help."
        }
    }

    private static func hasYesNo(_ item: Item) -> Bool {
        item.option("yes") != nil && item.option("no") != nil
    }
}

extension String {
    /// The string without leading and trailing whitespace.
    var takeTrimmed: String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[start...end])
    }
}
