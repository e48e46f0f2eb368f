import Crossroads
import Foundation
import Testing

// Scenario tests: each persona in Reports/examples/ is a full answers file to the shipped assessment,
// with the outcome it must get and why. The answers are read from Reports/examples/NAME.answers.xml;
// ExampleTests checks that its reports there are exactly what the tool makes.

/// Where a persona lives, which decides the crisis resources the report shows.
enum ScenarioRegion: String, Sendable, CaseIterable {
    case us, gb, au, elsewhere

    /// The resources the shipped assessment gives for this region, in order.
    var resourceIDs: [String] {
        switch self {
        case .us: ["us.ndvh", "us.loveisrespect", "us.988", "us.emergency"]
        case .gb: ["gb.helpline", "gb.samaritans", "gb.mens-advice-line", "gb.emergency"]
        case .au: ["au.1800respect", "au.lifeline", "au.mensline", "au.emergency"]
        case .elsewhere: ["any.emergency", "any.helplines"]
        }
    }

    /// Lines the text report must contain for this region (as wrapped at 80 columns).
    var mustShow: [String] {
        switch self {
        case .us: ["- Talk with an advocate: 1-800-799-7233", "- Police, fire or ambulance: 911"]
        case .gb: ["- Talk with an adviser: 0808 2000 247", "- Police, fire or ambulance: 999"]
        case .au: ["- Talk with a counsellor: 1800 737 732", "- Police, fire or ambulance: 000"]
        case .elsewhere: ["Your local emergency number", "A domestic-violence helpline where you are"]
        }
    }

    /// Numbers that belong to other regions and must not appear.
    var mustNotShow: [String] {
        let all = ["1-800-799-7233", "0808 2000 247", "1800 737 732", "Police, fire or ambulance"]
        switch self {
        case .us: return ["0808 2000 247", "1800 737 732"]
        case .gb: return ["1-800-799-7233", "1800 737 732"]
        case .au: return ["1-800-799-7233", "0808 2000 247"]
        case .elsewhere: return all
        }
    }
}

/// One persona: the outcome it must get, why, and the facts that show the engine got there the right way.
struct Persona: Sendable, CustomTestStringConvertible {
    var name: String
    var outcome: String
    var why: String
    var region: ScenarioRegion
    var facts: @Sendable (ScoreResult) -> Void

    var testDescription: String { "\(name) → \(outcome)" }
}

// MARK: Small readers of a result

extension ScoreResult {
    fileprivate var raisedFlagIDs: Set<String> { Set(flags.map(\.flag.id)) }

    fileprivate func scenarioScale(_ id: String) -> ScaleResult? { scales.first { $0.scale.id == id } }

    fileprivate func scenarioBand(_ scale: String) -> String? { scenarioScale(scale)?.band?.id }

    fileprivate func scenarioEvaluation(_ outcome: String) -> RuleEvaluation? {
        decision.evaluations.first { $0.outcomeID == outcome }
    }

    /// Whether the part of `outcome`'s rule trace for `condition` held (searching the whole trace).
    fileprivate func scenarioPart(_ outcome: String, _ condition: RuleCondition) -> Bool? {
        func find(_ trace: RuleTrace) -> Bool? {
            if trace.condition == condition { return trace.holds }
            for part in trace.parts { if let found = find(part) { return found } }
            return nil
        }
        return scenarioEvaluation(outcome)?.trace.flatMap(find)
    }

    /// The evidence of a raised flag.
    fileprivate func scenarioEvidence(_ flag: String) -> [RaisedFlag.Evidence] {
        flags.first { $0.flag.id == flag }?.evidence ?? []
    }
}

/// Every flag raised that is about safety (any severity).
private func scenarioSafetyFlagIDs(_ result: ScoreResult) -> Set<String> {
    Set(result.flags.filter { $0.flag.category == .safety }.map(\.flag.id))
}

private func scenarioFlat(_ text: String) -> String {
    text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
}

// MARK: The personas

enum Personas {
    static let all: [Persona] = [
        // Safety first
        Persona(
            name: "warm-one-act-of-violence", outcome: "safety-first",
            why:
                "one act of physical harm is a critical safety flag; warm, hopeful answers everywhere else cannot outweigh it",
            region: .gb
        ) { result in
            #expect(result.decision.reason == .safetyOverride(flags: ["safety.physical-harm"]))
            #expect(result.scenarioEvidence("safety.physical-harm") == [.answer(item: "safety.hurt", value: "yes")])
            // Everything else looks like a second chance: the good signs are strong and the let-go signs few.
            #expect(result.scenarioBand("signs.good") == "good.strong")
            #expect(result.scenarioBand("signs.let-go") == "letgo.few")
            #expect(scenarioSafetyFlagIDs(result) == ["safety.physical-harm"])
        },
        Persona(
            name: "warm-phone-monitoring-cut-off-friends", outcome: "safety-first",
            why:
                "checking the phone and cutting off friends are two controlling behaviours; two or more together are a critical pattern, even when everything else is warm",
            region: .au
        ) { result in
            #expect(result.decision.reason == .safetyOverride(flags: ["safety.coercive-pattern"]))
            #expect(result.scenarioEvidence("safety.coercive-pattern") == [.scale(id: "safety.pattern-count", raw: 2)])
            #expect(result.scenarioScale("safety.pattern-count")?.raw == 2)
            // Each behaviour alone is only a warning; it is the two together that are critical.
            #expect(
                scenarioSafetyFlagIDs(result) == [
                    "safety.coercive-pattern", "safety.phone-control", "safety.isolating",
                ])
            #expect(result.scenarioBand("signs.good") == "good.strong")
        },
        Persona(
            name: "abuse-yes-in-let-go", outcome: "safety-first",
            why:
                "answering yes to emotional or physical abuse among the let-go signs is critical on its own, even though no single behaviour in the safety screen was ticked",
            region: .gb
        ) { result in
            #expect(result.decision.reason == .safetyOverride(flags: ["letgo.abuse-reported"]))
            #expect(result.scenarioEvidence("letgo.abuse-reported") == [.answer(item: "letgo.abuse", value: "2")])
            #expect(result.scenarioScale("safety.pattern-count")?.raw == 0)
        },
        Persona(
            name: "unsafe-right-now", outcome: "safety-first",
            why:
                "not feeling safe from the ex right now is critical on its own: today's danger matters more than the history",
            region: .us
        ) { result in
            #expect(result.decision.reason == .safetyOverride(flags: ["safety.unsafe-now"]))
            #expect(result.scenarioEvidence("safety.unsafe-now") == [.answer(item: "safety.safe-now", value: "no")])
        },
        Persona(
            name: "control-worse", outcome: "safety-first",
            why:
                "one controlling behaviour alone is a warning, but it getting worse since the breakup is escalation, which is critical",
            region: .au
        ) { result in
            #expect(result.decision.reason == .safetyOverride(flags: ["safety.escalation"]))
            #expect(result.raisedFlagIDs.contains("safety.money-control"))
            #expect(!result.raisedFlagIDs.contains("safety.coercive-pattern"))
            #expect(result.scenarioScale("safety.pattern-count")?.raw == 1)
        },
        Persona(
            name: "afraid-fears-for-life", outcome: "safety-first",
            why:
                "fearing the ex might seriously hurt or kill you is critical; the follow-up question only appears after saying you were afraid of them",
            region: .elsewhere
        ) { result in
            #expect(result.decision.reason == .safetyOverride(flags: ["safety.fear-of-death"]))
            #expect(result.raisedFlagIDs.isSuperset(of: ["safety.fear-of-ex", "safety.fear-of-death"]))
            #expect(result.items.first { $0.item.id == "safety.fear-for-life" }?.status == .answered)
            #expect(result.answers.locale == "de_DE.UTF-8")
        },

        // Let go
        Persona(
            name: "repeated-cheating-never-changed", outcome: "let-go",
            why:
                "lying or cheating that never truly changed is decisive on its own, because only the ex could change it; the let-go total alone is only 'some'",
            region: .us
        ) { result in
            #expect(result.decision.reason == .rule)
            #expect(result.scenarioPart("let-go", .flagRaised("letgo.betrayal-unchanged")) == true)
            #expect(result.scenarioPart("let-go", .band(scale: "signs.let-go", bands: ["letgo.strong"])) == false)
            #expect(result.scenarioBand("signs.let-go") == "letgo.some")
            #expect(
                result.scenarioEvidence("letgo.betrayal-unchanged") == [.answer(item: "letgo.betrayal", value: "4")])
        },
        Persona(
            name: "weak-good-many-their-patterns", outcome: "let-go",
            why:
                "few good signs together with many difficult patterns on their side: trying again would mean fixing it alone",
            region: .us
        ) { result in
            #expect(result.decision.reason == .rule)
            #expect(result.scenarioBand("signs.good") == "good.weak")
            #expect(result.scenarioBand("honest.their-patterns") == "their-patterns.many")
            #expect(
                result.scenarioPart(
                    "let-go",
                    .allOf([
                        .band(scale: "signs.good", bands: ["good.weak"]),
                        .band(scale: "honest.their-patterns", bands: ["their-patterns.many"]),
                    ])) == true)
            #expect(!result.raisedFlagIDs.contains("letgo.betrayal-unchanged"))
            #expect(!result.raisedFlagIDs.contains("letgo.no-willingness"))
        },

        // Try again, slowly
        Persona(
            name: "both-see-their-part-healthier-version", outcome: "try-again-slowly",
            why:
                "strong good signs, few let-go signs, a clear view of their own part, real change under way, and no warning signs at all",
            region: .gb
        ) { result in
            #expect(result.decision.reason == .rule)
            #expect(result.scenarioBand("signs.good") == "good.strong")
            #expect(result.scenarioBand("signs.let-go") == "letgo.few")
            #expect(result.scenarioBand("honest.ownership") == "ownership.clear")
            #expect(result.scenarioBand("honest.change") == "change.likely")
            #expect(scenarioSafetyFlagIDs(result).isEmpty)
            #expect(result.scenarioEvaluation("let-go")?.matched == false)
            #expect(result.scenarioEvaluation("not-yet")?.matched == false)
        },

        // Not yet
        Persona(
            name: "mostly-not-wanting-to-be-alone", outcome: "not-yet",
            why:
                "the pull comes mostly from not wanting to be alone, rejected or uncertain rather than from them, so a decision now would come from the fear",
            region: .au
        ) { result in
            #expect(result.decision.reason == .rule)
            #expect(result.scenarioBand("motive.loneliness") == "motive.about-fear")
            #expect(
                result.scenarioPart("not-yet", .band(scale: "motive.loneliness", bands: ["motive.about-fear"])) == true)
            // Not too soon and not chasing: it is the motive alone.
            #expect(!result.raisedFlagIDs.contains("now.too-soon"))
            #expect(!result.raisedFlagIDs.contains("now.still-chasing"))
        },
        Persona(
            name: "two-weeks-calling-daily", outcome: "not-yet",
            why: "two weeks after the breakup and still calling and checking every day: too soon, and still chasing",
            region: .us
        ) { result in
            #expect(result.decision.reason == .rule)
            #expect(result.raisedFlagIDs.isSuperset(of: ["now.too-soon", "now.still-chasing", "now.little-space"]))
            #expect(
                result.scenarioEvidence("now.too-soon") == [
                    .answer(item: "now.breakup-time", value: "one-to-three-weeks")
                ])
            #expect(
                result.scenarioEvidence("now.still-chasing").contains(.answer(item: "now.reaching-out", value: "4")))
            // Checking on them is its own flag since 1.1.0, so "still reaching for them" means contacting them.
            #expect(!result.scenarioEvidence("now.still-chasing").contains(.answer(item: "now.checking", value: "4")))
            #expect(result.scenarioEvidence("now.still-checking") == [.answer(item: "now.checking", value: "4")])
        },
        Persona(
            name: "skipped-most-honest-questions", outcome: "not-yet",
            why:
                "most of the honest look back was skipped, so the reflection is not done yet, however good the rest looks",
            region: .gb
        ) { result in
            #expect(result.decision.reason == .rule)
            #expect(result.scenarioScale("honest.reflection")?.isInsufficient == true)
            #expect(result.scenarioScale("honest.reflection")?.answered == 2)
            #expect(result.scenarioPart("not-yet", .insufficient(scale: "honest.reflection")) == true)
        },
        Persona(
            name: "running-on-empty", outcome: "not-yet",
            why:
                "hardly sleeping, eating or seeing anyone: looking after the basics comes before any decision about them",
            region: .us
        ) { result in
            #expect(result.decision.reason == .rule)
            #expect(result.scenarioBand("now.rebuilding") == "rebuilding.low")
            #expect(result.raisedFlagIDs.contains("now.running-on-empty"))
        },
        Persona(
            name: "rosy-nothing-went-wrong", outcome: "not-yet",
            why: "nothing named as having gone wrong on either side: the breakup itself is not yet understood",
            region: .gb
        ) { result in
            #expect(result.decision.reason == .rule)
            #expect(result.scenarioBand("honest.reflection") == "reflection.little")
            #expect(result.scenarioScale("honest.reflection")?.raw == 0)
            // Choosing none of "how you sometimes were" is an answer ("or none"), not a skip.
            let patterns = result.items.first { $0.item.id == "honest.your-patterns" }
            #expect(patterns?.status == .answered)
            #expect(patterns?.response == .chosen([]))
        },
        Persona(
            name: "skips-everything", outcome: "not-yet",
            why:
                "every question declined: declining is never a safety yes, and with the honest look back skipped the answer is not yet",
            region: .elsewhere
        ) { result in
            #expect(result.decision.reason == .rule)
            #expect(result.items.allSatisfy { $0.status == .declined || $0.status == .notShown })
            #expect(result.flags.allSatisfy { $0.flag.id == "sure.conflict" })
            #expect(result.answers.locale == nil)
            #expect(result.scenarioPart("not-yet", .insufficient(scale: "honest.reflection")) == true)
        },

        // Unclear
        Persona(
            name: "mixed", outcome: "unclear",
            why:
                "some good signs, some let-go signs, partly about them and partly about not being alone: no rule fits, so it is worth talking through",
            region: .us
        ) { result in
            #expect(result.decision.reason == .fallback)
            #expect(result.scenarioBand("signs.good") == "good.mixed")
            #expect(result.scenarioBand("signs.let-go") == "letgo.some")
            #expect(result.scenarioBand("motive.loneliness") != "motive.about-fear")
        },
        Persona(
            name: "one-control-item-only", outcome: "unclear",
            why:
                "one controlling behaviour (money) is a warning, not critical: it is shown first, and it keeps a warm set of answers from being told to reach out",
            region: .au
        ) { result in
            #expect(result.decision.reason == .fallback)
            #expect(scenarioSafetyFlagIDs(result) == ["safety.money-control"])
            #expect(result.scenarioPart("try-again-slowly", .flagRaised("safety.money-control")) == true)
            #expect(result.scenarioEvaluation("try-again-slowly")?.matched == false)
            #expect(result.scenarioBand("signs.good") == "good.strong")
        },
        Persona(
            name: "abuse-not-sure", outcome: "unclear",
            why:
                "'not sure' about abuse is a warning, not critical: it is shown first, and it rules out 'try again, slowly'",
            region: .us
        ) { result in
            #expect(result.decision.reason == .fallback)
            #expect(scenarioSafetyFlagIDs(result) == ["letgo.abuse-unsure"])
            #expect(result.scenarioPart("try-again-slowly", .flagRaised("letgo.abuse-unsure")) == true)
            #expect(result.scenarioEvaluation("try-again-slowly")?.matched == false)
        },

        // Safety edge cases (issue 10)
        Persona(
            name: "declines-every-safety-question", outcome: "unclear",
            why:
                "declining is never a safety yes and never an all clear; the let-go scale is not scored without the abuse answer, so 'try again, slowly' can't be reached",
            region: .us
        ) { result in
            #expect(result.decision.reason == .fallback)
            #expect(scenarioSafetyFlagIDs(result).isEmpty)
            #expect(!result.safetyQuestionsAllAnswered)
            #expect(result.unansweredSafetyQuestions.contains("safety.hurt"))
            #expect(result.unansweredSafetyQuestions.contains("letgo.abuse"))
            let letGo = result.scenarioScale("signs.let-go")
            #expect(letGo?.isInsufficient == true)
            #expect(letGo?.withheld == ["letgo.abuse"])
            #expect(letGo?.band == nil)
        },
        Persona(
            name: "ex-threatens-self-harm", outcome: "let-go",
            why:
                "a threat of self-harm by the ex is its own concern, shown first with a crisis line; it is a warning, not the safety outcome, and the let-go signs decide the result",
            region: .us
        ) { result in
            #expect(result.decision.reason == .rule)
            #expect(scenarioSafetyFlagIDs(result) == ["safety.self-harm-threat"])
            #expect(result.flags.first { $0.flag.id == "safety.self-harm-threat" }?.flag.interrupts == true)
            #expect(!result.flags.contains { $0.flag.id == "safety.fear-of-ex" })
            #expect(result.safetyQuestionsAllAnswered)
        },
        Persona(
            name: "choked-years-ago-says-changed", outcome: "safety-first",
            why:
                "choking is critical however long ago it was and whatever has changed since; the follow-up answers never lower it",
            region: .gb
        ) { result in
            #expect(result.decision.reason == .safetyOverride(flags: ["safety.strangulation"]))
            #expect(result.answers["safety.choked-when"] == .chosen(["over-five-years"], note: nil))
            #expect(result.tensions.map(\.id) == ["tension.choked-but-not-harmful"])
        },
        Persona(
            name: "hit-but-rates-not-harmful", outcome: "safety-first",
            why:
                "physical harm is critical; rating the relationship as not harmful doesn't change that, and the tension is named",
            region: .au
        ) { result in
            #expect(result.decision.reason == .safetyOverride(flags: ["safety.physical-harm"]))
            #expect(result.tensions.map(\.id) == ["tension.hurt-but-not-harmful"])
        },
        Persona(
            name: "was-the-controlling-one", outcome: "not-yet",
            why:
                "harm on their own side is never the safety outcome for them; it keeps 'try again' away until the change has lasted",
            region: .gb
        ) { result in
            #expect(result.decision.reason == .rule)
            #expect(scenarioSafetyFlagIDs(result).isEmpty)
            #expect(result.scenarioPart("not-yet", .flagRaised("honest.own-harm")) == true)
            #expect(result.flags.contains { $0.flag.id == "honest.controlling-jealous" })
        },
        Persona(
            name: "never-choked-safety-first", outcome: "safety-first",
            why: "a threat to kill is critical on its own; choking was not disclosed, so its advice is not given",
            region: .us
        ) { result in
            #expect(result.decision.reason == .safetyOverride(flags: ["safety.threat-to-kill"]))
            #expect(!result.flags.contains { $0.flag.id == "safety.strangulation" })
        },
    ]

    static func named(_ name: String) -> Persona? { all.first { $0.name == name } }
}

// MARK: Tests

@Suite("Scenarios: personas and the outcome each must get")
struct ScenarioTests {
    static let safetyTitle = "Before anything else: your safety\n"
    static let heading = "Should we get back together?\n============================\n"

    @Test("The table covers at least ten personas and every example in Reports/examples/, each with a reason")
    func tableCoversExamples() {
        #expect(Personas.all.count >= 10)
        #expect(Personas.all.map(\.name).sorted() == ExampleFiles.names)
        #expect(Set(Personas.all.map(\.name)).count == Personas.all.count)
        for persona in Personas.all { #expect(persona.why.count > 20, "\(persona.name) needs a reason") }
        let outcomes = Set(Personas.all.map(\.outcome))
        #expect(outcomes == ["safety-first", "let-go", "not-yet", "try-again-slowly", "unclear"])
        #expect(Set(Personas.all.map(\.region)) == Set(ScenarioRegion.allCases))
    }

    @Test("Each persona gets its outcome, for its reason", arguments: Personas.all)
    func outcome(persona: Persona) throws {
        let result = try ExampleFiles.result(persona.name)
        #expect(result.outcome.id == persona.outcome, "\(persona.name): \(persona.why)")
        #expect(result.isSafetyFirst == (persona.outcome == "safety-first"))
        #expect(result.safetyFlags.isEmpty == !result.isSafetyFirst)
        // Only the personas who decline them leave safety questions unanswered.
        let declinesSafety = ["declines-every-safety-question", "skips-everything", "afraid-fears-for-life"].contains(persona.name)
        #expect(result.safetyQuestionsAllAnswered == !declinesSafety, "\(result.unansweredSafetyQuestions)")

        // The decision explains itself: rules tried in priority order, and the one that chose it.
        let evaluations = result.decision.evaluations
        switch result.decision.reason {
        case .safetyOverride(let flags):
            #expect(Set(flags) == Set(result.safetyFlags.map(\.flag.id)))
            #expect(evaluations.allSatisfy { $0.matched == nil }, "no rule is tried once safety decides")
        case .rule:
            let chosen = try #require(evaluations.firstIndex { $0.outcomeID == persona.outcome })
            #expect(evaluations[chosen].matched == true)
            for earlier in evaluations[..<chosen] where earlier.trace != nil {
                #expect(earlier.matched == false, "\(earlier.outcomeID) outranks \(persona.outcome) and must not match")
            }
            for later in evaluations[(chosen + 1)...] { #expect(later.matched == nil) }
        case .fallback:
            #expect(evaluations.filter { $0.trace != nil }.allSatisfy { $0.matched == false })
        }

        persona.facts(result)
    }

    @Test(
        "Each report opens with safety exactly when safety was raised, with the resources for the person's locale",
        arguments: Personas.all)
    func safetyAndResources(persona: Persona) throws {
        let result = try ExampleFiles.result(persona.name)
        let text = TextReport(result, date: ExampleFiles.date).render(width: ExampleFiles.width)
        let resources = result.assessment.resources(forLocale: result.answers.locale).map(\.id)
        #expect(resources == persona.region.resourceIDs)

        let opensWithSafety = text.hasPrefix(Self.safetyTitle)
        #expect(opensWithSafety == !scenarioSafetyFlagIDs(result).isEmpty)
        if persona.outcome == "safety-first" {
            #expect(opensWithSafety, "a safety-first report must open with the safety section")
        }
        let heading = try #require(text.range(of: Self.heading))
        let closing = try #require(text.range(of: "A note about this report\n"))
        for line in persona.region.mustShow {
            let found = try #require(text.range(of: line), "\(line) is missing")
            if opensWithSafety {
                #expect(
                    found.lowerBound < heading.lowerBound, "\(line) must be in the safety section, before anything else"
                )
            } else {
                #expect(found.lowerBound > closing.lowerBound, "\(line) belongs in the closing note")
            }
        }
        for other in persona.region.mustNotShow { #expect(!text.contains(other), "\(other) is for another region") }
        // Every report, safe or not, says that no safety flag does not mean safe.
        #expect(scenarioFlat(text).contains("A report with no safety flag does not mean you are safe."))
    }

    @Test("Each report quotes the person's own words exactly", arguments: Personas.all)
    func ownWords(persona: Persona) throws {
        let result = try ExampleFiles.result(persona.name)
        let text = TextReport(result, date: ExampleFiles.date).render(width: ExampleFiles.width)
        let notes = result.items.compactMap { $0.status == .answered ? $0.response?.words : nil }
        for note in notes { #expect(scenarioFlat(text).contains(scenarioFlat("“" + note + "”")), "missing: \(note)") }
        if notes.isEmpty { #expect(text.contains("You didn't add any notes in your own words this time.")) }
        // Line breaks the person typed are kept.
        for note in notes where note.contains("\n") {
            for line in note.split(separator: "\n") { #expect(text.contains(line), "line lost: \(line)") }
        }
    }

    @Test(
        "Each answer behind a safety flag is quoted once, and a count of yes answers is not shown as a bar",
        arguments: Personas.all)
    func safetyAnswersQuotedOnce(persona: Persona) throws {
        let result = try ExampleFiles.result(persona.name)
        let text = scenarioFlat(TextReport(result, date: ExampleFiles.date).render(width: ExampleFiles.width))
        for raised in result.flags where raised.flag.category == .safety {
            for case .answer(let item, _) in raised.evidence {
                let question = try #require(result.items.first { $0.item.id == item }?.item.text)
                #expect(text.components(separatedBy: scenarioFlat(question)).count == 2, "\(item) quoted once")
            }
        }
        // The pattern of control lists its behaviours once, under the pattern.
        if result.flags.contains(where: { $0.flag.id == "safety.coercive-pattern" }) {
            #expect(text.contains("You answered “Yes” to these questions:"))
            for item in ["safety.phone", "safety.isolation"] where result.answers[item] == .yes {
                let question = try #require(result.items.first { $0.item.id == item }?.item.text)
                #expect(text.components(separatedBy: scenarioFlat(question)).count == 2, "\(item) quoted once")
            }
        }
        if let count = result.scenarioScale("safety.pattern-count"), !count.isInsufficient {
            #expect(text.contains("Control, fear and put-downs You answered yes to"))
            #expect(!text.contains("Control, fear and put-downs ["))
        }
    }

    @Test("A safety-first report lists no strengths and blames no one", arguments: Personas.all)
    func safetyFirstHasNoStrengths(persona: Persona) throws {
        let result = try ExampleFiles.result(persona.name)
        let text = TextReport(result, date: ExampleFiles.date).render(width: ExampleFiles.width)
        guard persona.outcome == "safety-first" else {
            #expect(!text.contains("Other things to look at\n"))
            return
        }
        #expect(!text.contains("Going well:"))
        #expect(!text.contains("(a strength)"))
        #expect(!text.contains("That kind of honesty is what makes real change possible."))
        #expect(text.contains("Other things to look at\n"))
        #expect(scenarioFlat(text).contains("Control and harm are never the fault of the person on the receiving end."))
        #expect(scenarioFlat(text).contains("none of these scores change the result above"))
    }

    /// The sentences that matter for each safety edge case (issue 10): what must be said, what must not.
    static let edgeSentences: [(name: String, must: [String], mustNot: [String])] = [
        (
            "declines-every-safety-question",
            [
                "You chose not to answer the questions about safety. That is always your choice. So this report "
                    + "can't tell whether the warning signs those questions look for apply to you",
                "Not scored: you didn't answer “Thinking about the whole relationship",
            ],
            ["call for caution came up", "didn't come up", "Few signs to let go", "Signs to let go: "]
        ),
        (
            "ex-threatens-self-harm",
            [
                "Help you can reach right now, at any hour: 988 Suicide and Crisis Lifeline - Talk with a crisis "
                    + "counsellor: 988",
                "You are not responsible for keeping them safe by staying",
                "Next steps: 1. If your ex threatens to hurt themselves",
            ],
            ["You have been afraid of your ex", "Next steps: 1. Give yourself real distance"]
        ),
        (
            "choked-years-ago-says-changed",
            [
                "it stays one however long ago it happened and whatever has changed since",
                "You answered “More than five years ago” to: When did it last happen?",
                "You answered “Once” to: How many times has it happened?",
                "Because your ex has choked you or pressed on your neck, see a doctor",
                "Pressure on your neck, and a relationship that \"wasn't harmful\"",
            ],
            ["Band: Real change under way", "(a strength)"]
        ),
        (
            "hit-but-rates-not-harmful",
            [
                "Physical harm, and a relationship that \"wasn't harmful\"",
                "Being hurt physically is harm, even once",
                "You answered “A few times” to: How many times has it happened?",
            ],
            ["see a doctor, even if you feel fine and even if it was long ago", "Band: Strong good signs"]
        ),
        (
            "was-the-controlling-one",
            [
                "Harm on your side: You said that you sometimes frightened, controlled or hurt them.",
                "Start with your own part",
                "Why this result: Your answers showed “Harm on your side”.",
            ],
            ["Before anything else: your safety", "Your safety comes first"]
        ),
        (
            "never-choked-safety-first",
            ["Your ex has threatened to kill you"],
            ["choked", "doctor", "Band: Strong good signs"]
        ),
    ]

    @Test("Each safety edge case says what matters to the person who answered", arguments: 0..<6)
    func edgeSentences(index: Int) throws {
        let (name, must, mustNot) = Self.edgeSentences[index]
        let result = try ExampleFiles.result(name)
        let text = scenarioFlat(TextReport(result, date: ExampleFiles.date).render(width: ExampleFiles.width))
        for sentence in must { #expect(text.contains(scenarioFlat(sentence)), "\(name): missing “\(sentence)”") }
        for sentence in mustNot { #expect(!text.contains(scenarioFlat(sentence)), "\(name): must not say “\(sentence)”") }
        // The first screen (the first 24 lines) of the self-harm report has the crisis line and "not responsible".
        if name == "ex-threatens-self-harm" {
            let raw = TextReport(result, date: ExampleFiles.date).render(width: ExampleFiles.width)
            let firstScreen = scenarioFlat(raw.split(separator: "\n", omittingEmptySubsequences: false).prefix(24)
                .joined(separator: "\n"))
            #expect(firstScreen.contains("988"))
            #expect(firstScreen.contains("You are not responsible for keeping them safe by staying"))
        }
        // Without a safety section, the notice about unanswered safety questions comes before the result.
        if name == "declines-every-safety-question" {
            let notice = try #require(text.range(of: "You chose not to answer the questions about safety"))
            let resultLine = try #require(text.range(of: "Result: "))
            #expect(notice.lowerBound < resultLine.lowerBound)
        }
    }

    @Test("Declining every question gives an honest, short report")
    func skipsEverythingSaysThereWasTooLittle() throws {
        let result = try ExampleFiles.result("skips-everything")
        let text = scenarioFlat(TextReport(result, date: ExampleFiles.date).render(width: ExampleFiles.width))
        let note = try #require(
            text.range(of: "You didn't answer any of the questions, so this report can say very little"))
        let outcome = try #require(text.range(of: "Result: "))
        #expect(note.lowerBound < outcome.lowerBound)
        #expect(!text.contains("Not scored:"))
        #expect(text.contains("There are no scores to show"))
        #expect(
            !text.contains("Still unsure about the decision"), "a flag raised only by skipped questions says nothing")
        #expect(text.contains("You chose not to answer the questions about safety. That is always your choice."))
        // It comes right after the result, before the scores, not at the end.
        let declined = try #require(text.range(of: "You chose not to answer the questions about safety."))
        let scales = try #require(text.range(of: "How your answers add up"))
        #expect(declined.lowerBound < scales.lowerBound)
    }

    @Test(
        "When one warning sign is all that kept 'try again, slowly' away, the report names it",
        arguments: [
            ("one-control-item-only", "Control over money"), ("abuse-not-sure", "Not sure whether it was abuse"),
        ])
    func fallbackNamesTheWarningSign(name: String, title: String) throws {
        let result = try ExampleFiles.result(name)
        let text = scenarioFlat(TextReport(result, date: ExampleFiles.date).render(width: ExampleFiles.width))
        #expect(
            text.contains(
                "Why this result: Many of your answers point towards “Trying again, slowly, could make sense”. "
                    + "But your answers also showed “\(title)”, and that needs talking through first, "
                    + "so this report doesn't suggest it."))
        let mixed = scenarioFlat(
            TextReport(try ExampleFiles.result("mixed"), date: ExampleFiles.date).render(width: ExampleFiles.width))
        #expect(mixed.contains("Why this result: No single path fits your answers clearly"))
    }

    @Test("The warm persona with one act of violence would otherwise have been told to try again")
    func safetyOutranksAWarmResult() throws {
        // The same answers without the one yes to physical harm: the engine must not have been
        // choosing safety for some other reason.
        let result = try ExampleFiles.result("warm-one-act-of-violence")
        var answers = result.answers
        answers["safety.hurt"] = .no
        answers["safety.worse"] = .notShown
        let without = result.assessment.score(answers)
        #expect(without.outcome.id == "try-again-slowly")
        #expect(!TextReport(without, date: ExampleFiles.date).render(width: 80).hasPrefix(Self.safetyTitle))
    }

    @Test("Phone monitoring alone, or cutting off friends alone, is a warning; both together are safety-first")
    func controlCountThreshold() throws {
        let result = try ExampleFiles.result("warm-phone-monitoring-cut-off-friends")
        for single in ["safety.phone", "safety.isolation"] {
            var answers = result.answers
            answers[single] = .no
            let one = result.assessment.score(answers)
            #expect(!one.isSafetyFirst, "\(single) alone")
            #expect(one.outcome.id == "unclear")
            #expect(one.hasSafetyConcern)
        }
    }
}
