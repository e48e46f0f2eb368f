/// Builds model values from a schema-valid questionnaire or assessment element.
///
/// The schema has already guaranteed the shape, so this mostly reads; what the schema cannot check is
/// left to ``SemanticChecker``. A number the schema accepts but the engine cannot hold exactly (a whole
/// number beyond 64 bits, a decimal beyond four places) is never replaced by 0: it is reported in
/// ``problems`` with its place in the file.
struct QuestionnaireDecoder {
    /// Numbers that could not be held, collected while decoding (a box, so the reading functions can stay
    /// non-mutating).
    final class Problems {
        var diagnostics: [Diagnostic] = []
    }

    /// What decoding found wrong.
    let problems = Problems()

    /// The namespace of the questionnaire format, version 1.
    static let namespace = "urn:crossroads:questionnaire:1"
    /// The roots the questionnaire schema accepts.
    static let roots = [
        SafeXMLReader.Root(namespace: namespace, name: "assessment"),
        SafeXMLReader.Root(namespace: namespace, name: "questionnaire"),
    ]

    /// A reference from an assessment to a questionnaire kept elsewhere.
    struct Use: Sendable, Hashable {
        var id: String
        var version: String
        var location: SourceLocation
    }

    /// What a file held: one questionnaire, or an assessment with its parts in order.
    enum Document: Sendable {
        case questionnaire(Questionnaire)
        case assessment(AssessmentDraft)
    }

    /// An assessment whose `<use>` references are not yet resolved.
    struct AssessmentDraft: Sendable {
        enum Part: Sendable {
            case inline(Questionnaire)
            case use(Use)
        }

        var assessment: Assessment
        var parts: [Part]
    }

    func decode(_ root: SourceElement) -> Document {
        if root.name == "questionnaire" {
            return .questionnaire(questionnaire(root))
        }
        var parts: [AssessmentDraft.Part] = []
        for child in root.children {
            switch child.name {
            case "use":
                parts.append(
                    .use(
                        Use(
                            id: child.attribute("id") ?? "", version: child.attribute("version") ?? "",
                            location: child.location)))
            case "questionnaire":
                parts.append(.inline(questionnaire(child)))
            default:
                break
            }
        }
        var assessment = Assessment(
            id: root.attribute("id") ?? "", version: root.attribute("version") ?? "",
            title: text(root, "title"), language: root.attribute("language") ?? "en",
            description: text(root, "description"), reviewed: root.attribute("reviewed") ?? "",
            questionnaires: [], outcomes: root.children(named: "outcome").map(outcome),
            resources: root.child("resources")?.children(named: "resource").map(resource) ?? [],
            location: root.location)
        assessment.tensions = root.children(named: "tension").map(tension)
        if let wording = root.child("wording") {
            var messages: [AssessmentWording.Key: String] = [:]
            for key in AssessmentWording.Key.allCases {
                // A message of only white space says nothing: the default applies, as if it were left out.
                if let text = optionalText(wording, key.rawValue), !text.isEmpty { messages[key] = text }
            }
            assessment.wording = AssessmentWording(messages)
        }
        return .assessment(AssessmentDraft(assessment: assessment, parts: parts))
    }

    private func text(_ element: SourceElement, _ name: String) -> String {
        element.child(name)?.collapsedText ?? ""
    }

    private func optionalText(_ element: SourceElement, _ name: String) -> String? {
        element.child(name)?.collapsedText
    }

    private func bool(_ element: SourceElement, _ name: String) -> Bool {
        let value = element.attribute(name)
        return value == "true" || value == "1"
    }

    /// A decimal attribute read exactly; `nil` when absent. Out of range or too precise is reported.
    private func decimal(_ element: SourceElement, _ name: String) -> FixedDecimal? {
        guard let text = element.attribute(name) else { return nil }
        if let value = FixedDecimal(text) { return value }
        problems.diagnostics.append(
            Diagnostic(
                .error,
                "\(name)=\"\(text)\" on <\(element.name)> is not a number Crossroads can hold exactly: numbers have at most 4 decimal places and lie between \(FixedDecimal.min) and \(FixedDecimal.max)",
                at: element.location))
        return nil
    }

    /// A whole-number attribute; `nil` when absent. A value beyond what the engine holds is reported.
    private func integer(_ element: SourceElement, _ name: String) -> Int? {
        guard let text = element.attribute(name) else { return nil }
        if let value = Int(text.hasPrefix("+") ? String(text.dropFirst()) : text) { return value }
        problems.diagnostics.append(
            Diagnostic(
                .error,
                "\(name)=\"\(text)\" on <\(element.name)> is out of range: whole numbers must lie between \(Int.min) and \(Int.max)",
                at: element.location))
        return nil
    }

    func questionnaire(_ element: SourceElement) -> Questionnaire {
        // Option sets are declared once at the top and copied into each item that names one.
        var sets: [String: [Option]] = [:]
        for set in element.children(named: "option-set") {
            let id = set.attribute("id") ?? ""
            if sets[id] != nil {
                problems.diagnostics.append(
                    Diagnostic(.error, "the option set \"\(id)\" is declared twice in this questionnaire", at: set.location))
                continue
            }
            sets[id] = set.children(named: "option").map(option)
        }
        return Questionnaire(
            id: element.attribute("id") ?? "", version: element.attribute("version") ?? "",
            title: text(element, "title"), language: element.attribute("language") ?? "en",
            description: text(element, "description"), reviewed: element.attribute("reviewed") ?? "",
            sections: element.children(named: "section").map { section($0, sets: sets) },
            scales: element.children(named: "scale").map(scale),
            flags: element.children(named: "flag").map(flag),
            location: element.location)
    }

    private func section(_ element: SourceElement, sets: [String: [Option]]) -> Section {
        Section(
            id: element.attribute("id") ?? "", title: text(element, "title"), intro: optionalText(element, "intro"),
            items: element.children(named: "item").map { item($0, sets: sets) }, location: element.location)
    }

    private func option(_ option: SourceElement) -> Option {
        var decoded = Option(
            value: option.attribute("value") ?? "", label: text(option, "label"),
            weight: decimal(option, "weight") ?? 0)
        decoded.invitesNote = option.attribute("invites-note").map { $0 == "true" || $0 == "1" } ?? false
        return decoded
    }

    private func item(_ element: SourceElement, sets: [String: [Option]]) -> Item {
        let kind = Item.Kind(rawValue: element.attribute("kind") ?? "") ?? .text
        var options = element.children(named: "option").map(option)
        if let name = element.attribute("options") {
            if !options.isEmpty {
                problems.diagnostics.append(
                    Diagnostic(
                        .error,
                        "item \"\(element.attribute("id") ?? "")\" names the option set \"\(name)\" and also lists its own options; use one or the other",
                        at: element.location))
            } else if let set = sets[name] {
                options = set
            } else {
                let known = sets.keys.sorted().joined(separator: ", ")
                problems.diagnostics.append(
                    Diagnostic(
                        .error,
                        "item \"\(element.attribute("id") ?? "")\" uses the option set \"\(name)\", which this questionnaire does not declare (\(known.isEmpty ? "it declares none" : "its option sets: " + known)); declare it with <option-set id=\"\(name)\"> before the first section",
                        at: element.location))
            }
        }
        return Item(
            id: element.attribute("id") ?? "", kind: kind, text: text(element, "text"),
            help: optionalText(element, "help"),
            showIf: element.child("show-if")?.children.first.map(condition),
            options: options,
            notePrompt: optionalText(element, "note"),
            skippable: element.attribute("skippable").map { $0 == "true" || $0 == "1" } ?? true,
            neverImpute: element.attribute("never-impute").map { $0 == "true" || $0 == "1" } ?? false,
            location: element.location)
    }

    func condition(_ element: SourceElement) -> Condition {
        let item = element.attribute("item") ?? ""
        switch element.name {
        case "equals": return .equals(item: item, value: element.attribute("value") ?? "")
        case "not-equals": return .notEquals(item: item, value: element.attribute("value") ?? "")
        case "one-of": return .oneOf(item: item, values: words(element.attribute("values")))
        case "answered": return .answered(item: item)
        case "at-least": return .atLeast(item: item, value: integer(element, "value") ?? 0)
        case "at-most": return .atMost(item: item, value: integer(element, "value") ?? 0)
        case "any-of": return .anyOf(element.children.map(condition))
        default: return .allOf(element.children.map(condition))
        }
    }

    private func words(_ value: String?) -> [String] {
        (value ?? "").split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).map(String.init)
    }

    private func scale(_ element: SourceElement) -> Scale {
        Scale(
            id: element.attribute("id") ?? "", title: text(element, "title"),
            description: optionalText(element, "description"),
            members: element.children(named: "item").map { member in
                Scale.Member(
                    item: member.attribute("ref") ?? "", reverse: bool(member, "reverse"),
                    location: member.location)
            },
            minimumAnswered: element.child("missing-data").flatMap { integer($0, "min-answered") },
            rounding: element.child("missing-data")?.attribute("round").flatMap(FixedDecimal.Rounding.init)
                ?? .none,
            bands: element.children(named: "band").map { band in
                Band(
                    id: band.attribute("id") ?? "", label: text(band, "label"),
                    meaning: optionalText(band, "meaning"), from: decimal(band, "from") ?? 0,
                    kind: Band.Kind(rawValue: band.attribute("kind") ?? "") ?? .neutral, location: band.location)
            },
            location: element.location)
    }

    private func flag(_ element: SourceElement) -> Flag {
        let trigger: Flag.Trigger
        var skipsUnscored = false
        if let scale = element.child("when-scale") {
            trigger = .scale(
                id: scale.attribute("scale") ?? "", atLeast: decimal(scale, "at-least"),
                atMost: decimal(scale, "at-most"))
            skipsUnscored = scale.attribute("if-unscored") == "stay-down"
        } else if let value = element.child("when-value") {
            trigger = .value(
                item: value.attribute("item") ?? "", atLeast: integer(value, "at-least"),
                atMost: integer(value, "at-most"))
        } else if let band = element.child("when-band") {
            trigger = .band(scale: band.attribute("scale") ?? "", bands: words(band.attribute("bands")))
        } else {
            trigger = .answers(
                element.children(named: "when-answer").map { match in
                    Flag.AnswerMatch(
                        item: match.attribute("item") ?? "", value: match.attribute("value") ?? "",
                        location: match.location)
                })
        }
        var flag = Flag(
            id: element.attribute("id") ?? "", title: text(element, "title"), message: text(element, "message"),
            severity: Flag.Severity(rawValue: element.attribute("severity") ?? "") ?? .note,
            category: Flag.Category(rawValue: element.attribute("category") ?? "") ?? .other,
            trigger: trigger, skipsUnscoredScale: skipsUnscored, location: element.location)
        flag.interrupts = element.attribute("interrupt").map { $0 == "true" || $0 == "1" } ?? false
        flag.resourceTopic = element.attribute("resource-topic")
        return flag
    }

    private func tension(_ element: SourceElement) -> Tension {
        Tension(
            id: element.attribute("id") ?? "", title: text(element, "title"), message: text(element, "message"),
            flags: element.children(named: "when-flag").map { $0.attribute("flag") ?? "" },
            answers: element.children(named: "when-answers").map { test in
                Tension.AnswerTest(
                    item: test.attribute("item") ?? "", values: words(test.attribute("values")), location: test.location)
            },
            location: element.location)
    }

    private func outcome(_ element: SourceElement) -> Outcome {
        var outcome = Outcome(
            id: element.attribute("id") ?? "", title: text(element, "title"), summary: text(element, "summary"),
            meaning: text(element, "meaning"), upside: optionalText(element, "upside"),
            downside: optionalText(element, "downside"),
            nextSteps: element.child("next-steps")?.children(named: "step").map(\.collapsedText) ?? [],
            discuss: element.child("discuss")?.children(named: "step").map(\.collapsedText) ?? [],
            rule: element.child("rule")?.children.first.map(rule),
            priority: integer(element, "priority") ?? 0,
            isSafety: bool(element, "safety"), isFallback: bool(element, "fallback"), location: element.location)
        outcome.nextStepConditions = element.child("next-steps")?.children(named: "step").map(stepCondition) ?? []
        outcome.discussConditions = element.child("discuss")?.children(named: "step").map(stepCondition) ?? []
        return outcome
    }

    /// A step's `if-flags` and `unless-flags`, or `nil` when it has neither.
    private func stepCondition(_ element: SourceElement) -> StepCondition? {
        let ifFlags = words(element.attribute("if-flags"))
        let unlessFlags = words(element.attribute("unless-flags"))
        guard !ifFlags.isEmpty || !unlessFlags.isEmpty else { return nil }
        return StepCondition(ifFlags: ifFlags, unlessFlags: unlessFlags, location: element.location)
    }

    func rule(_ element: SourceElement) -> RuleCondition {
        switch element.name {
        case "flag-raised": return .flagRaised(element.attribute("flag") ?? "")
        case "band": return .band(scale: element.attribute("scale") ?? "", bands: words(element.attribute("bands")))
        case "insufficient": return .insufficient(scale: element.attribute("scale") ?? "")
        case "any-flag":
            return .anyFlag(
                category: element.attribute("category").flatMap(Flag.Category.init),
                severity: element.attribute("severity").flatMap(Flag.Severity.init))
        case "any-of": return .anyOf(element.children.map(rule))
        case "none-of": return .noneOf(element.children.map(rule))
        default: return .allOf(element.children.map(rule))
        }
    }

    private func resource(_ element: SourceElement) -> CrisisResource {
        var resource = CrisisResource(
            id: element.attribute("id") ?? "", locale: element.attribute("locale") ?? "*",
            checked: element.attribute("checked") ?? "", name: text(element, "name"), about: text(element, "about"),
            contacts: element.children(named: "contact").map { contact in
                CrisisResource.Contact(
                    kind: CrisisResource.Contact.Kind(rawValue: contact.attribute("kind") ?? "") ?? .web,
                    value: contact.attribute("value") ?? "", label: contact.collapsedText)
            },
            location: element.location)
        resource.topic = element.attribute("topic")
        resource.source = element.attribute("source")
        return resource
    }
}
