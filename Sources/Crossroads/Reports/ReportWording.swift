/// The few sentences reports say in their own voice. Everything else comes from the assessment's files,
/// including every sentence that depends on what the assessment is about (``AssessmentWording``): nothing
/// here names a subject.
///
/// Read these as the person who answered would: someone hurting, perhaps afraid, perhaps about to show
/// the report to a friend or a therapist. Calm, plain, never blaming, never promising.
enum ReportWording {
    // MARK: Safety

    /// The opening of the safety section; when `serious`, followed by the assessment's
    /// `safety-reassurance`, if it has one.
    static func safetyIntroduction(serious: Bool, wording: AssessmentWording) -> String {
        if serious {
            let opening =
                "Some of your answers suggest that your safety may be at risk. That matters more than "
                + "anything else in this report, so it comes first."
            return [opening, wording.text(.safetyReassurance)].compactMap { $0 }.joined(separator: " ")
        }
        return "Some of your answers touch on your safety. That matters more than anything else in this "
            + "report, so it comes first."
    }

    /// What to do in an emergency, whatever resources are listed.
    static let emergency = "If you are in danger right now, call your local emergency number."

    /// Introduces the resources a raised flag asks for at once (a crisis line).
    static let urgentResources = "Help you can reach right now, at any hour:"

    /// Introduces the tensions the assessment declares that hold: answers that pull against each other.
    static let tensionsIntroduction =
        "Some of your answers seem to pull in different directions. That is common, and it isn't a mistake:"

    // A word about who might see the report, and what to say when there are no resources for the
    // person's locale: `AssessmentWording.Key.privacy` and `.noResources`.

    // MARK: Scales

    /// How to read the bars.
    static let scalesIntroduction =
        "Each bar shows where your score falls between the lowest and the "
        + "highest score possible for the questions you saw. It is a position on a scale, not a chance "
        + "of anything."

    /// A band's kind in words, so nothing relies on colour or symbols alone.
    static func kind(_ kind: Band.Kind) -> String {
        switch kind {
        case .strength: "a strength"
        case .neutral: "neutral"
        case .concern: "a concern"
        }
    }

    /// Why a scale has no score. `withheld` are the questions of the scale left unanswered whose answer is
    /// never estimated from the others.
    static func insufficient(_ scale: ScaleResult, withheld: [String] = []) -> String {
        if !withheld.isEmpty && scale.answered > 0 {
            let which =
                withheld.count == 1
                ? "“\(withheld[0])”" : "\(withheld.count) of its questions (\(list(withheld.map { "“\($0)”" })))"
            let that = withheld.count == 1 ? "that answer" : "those answers"
            return "Not scored: you didn't answer \(which), and this score is never estimated without "
                + "\(that), so it isn't shown at all."
        }
        if scale.shown == 0 {
            return "Not scored: none of its questions were shown to you."
        }
        if scale.answered == 0 {
            return scale.shown == 1
                ? "Not scored: its question wasn't answered."
                : "Not scored: none of its \(scale.shown) questions were answered."
        }
        return "Not scored: you answered \(scale.answered) of the \(questions(scale.shown)) shown, and "
            + "at least \(scale.required) \(scale.required == 1 ? "is" : "are") needed for a fair score."
    }

    /// Said once, instead of a line per scale, when no scale could be scored.
    static let noScaleScored =
        "There are no scores to show: too few of the questions behind them were answered."

    /// A count of yes answers, for a scale made only of yes/no questions (no bar: a share of a count of
    /// harmful behaviours would read as a percentage of something small).
    static func yesCount(yes: Int, answered: Int, shown: Int) -> String {
        let yesText = yes == 0 ? "none" : String(yes)
        if answered == shown {
            return "You answered yes to \(yesText) of the \(questions(shown))."
        }
        return "You answered \(answered) of the \(questions(shown)), and yes to \(yesText) of them."
    }

    /// Why a scale's score is an estimate.
    static func prorated(_ scale: ScaleResult) -> String {
        "This is an estimate: you answered \(scale.answered) of the \(questions(scale.shown)) shown, and it "
            + "assumes the others would have gone the same way."
    }

    // Said before the scales when the safety outcome was chosen: `AssessmentWording.Key.safetyOutranksScores`.

    /// Said after the assessment's `safety-outranks-scores`: why the scores carry no verdict.
    static func scoresWithoutVerdict(exceptSafety: Bool) -> String {
        exceptSafety
            ? "So, apart from the safety questions, the scores are shown as they came out, without calling "
                + "any of them a strength or a concern."
            : "So the scores are shown as they came out, without calling any of them a strength or a concern."
    }

    // Said whenever the report has a safety section, before the person's own words (or, when they wrote
    // none, in the safety section): `AssessmentWording.Key.notYourFault`.

    /// The highlights section's title when the safety outcome was chosen (no strengths are listed then).
    static let safetyHighlightsTitle = "Other things to look at"

    // Said in the highlights when the safety outcome was chosen: `AssessmentWording.Key.noStrengthsUnderSafety`.

    /// Said before the strengths in a report that opens with a safety concern but not the safety outcome.
    static let strengthsDontOutweighSafety =
        "None of the strengths below outweigh what you shared about your safety at the start of this report."

    /// Said when the highlights have nothing to show.
    static let nothingHighlighted = "Your answers did not mark any area as a clear strength or a clear concern."

    /// Said when the highlights have nothing to show because almost nothing was answered.
    static let nothingHighlightedSparse =
        "With so few answers, this report can't point to strengths or things to look at."

    /// Said when some questions about safety were left unanswered: `declined` (their questions) the person
    /// chose not to answer and `notReached` ones the session ended before, of the `shown` questions that can
    /// raise a safety flag. `resourcesAre` says where the help listed in the report is ("below", "at the end
    /// of this report"), or is `nil` when the report lists none. It never says that no warning signs came
    /// up: with a safety question unanswered, that can't be known.
    static func unansweredSafetyQuestions(
        declined: [String], notReached: [String], of shown: Int, resourcesAre: String?
    ) -> String {
        func which(_ questions: [String], all: Bool) -> String {
            if all {
                return shown == 1 ? "the question about safety" : "the questions about safety"
            } else if questions.count == 1, let question = questions.first {
                return "one of the questions about safety: “\(question)”"
            }
            return "\(questions.count) of the \(shown) questions about safety"
        }
        var parts: [String] = []
        if !declined.isEmpty {
            parts.append("You chose not to answer " + which(declined, all: declined.count >= shown))
        }
        if !notReached.isEmpty {
            let opening = parts.isEmpty ? "You stopped before " : "you stopped before "
            parts.append(opening + which(notReached, all: notReached.count >= shown && declined.isEmpty))
        }
        var first = parts.joined(separator: ", and ")
        // A quoted question usually ends in its own question mark.
        let end = first.hasSuffix("”") ? first.dropLast().last : first.last
        if end.map({ "?!.".contains($0) }) != true { first += "." }
        let choice = declined.isEmpty ? "" : " That is always your choice."
        let help = resourcesAre.map { ", or with one of the services listed \($0)" } ?? ""
        return first + choice
            + " So this report can't tell whether the warning signs those questions look for apply to you, "
            + "and nothing in it means that they don't. If a question was hard to answer, it may be worth "
            + "talking over with someone you trust\(help)."
    }

    /// Opens the outcome when most questions were left unanswered: `answered` of `reached` (answered or
    /// declined), of `shown` in all (the rest were never reached, because the session ended early).
    static func tooLittleToGoOn(answered: Int, reached: Int, shown: Int) -> String {
        let opening: String
        if reached < shown {
            let stopped = "You stopped after \(questions(reached))"
            opening =
                answered == reached
                ? stopped : answered == 0 ? stopped + " and didn't answer them" : stopped + " and answered \(answered)"
        } else {
            opening =
                answered == 0
                ? "You didn't answer any of the questions"
                : "You answered only \(answered) of the \(questions(shown)) shown"
        }
        let basis =
            answered == 0
            ? "The result below comes only from what was left unanswered"
            : "The result below rests on very few answers"
        return "\(opening), so this report can say very little about your situation. That's all right: "
            + "you can come back to them whenever you like. \(basis), so take it as a general suggestion, "
            + "not a conclusion about you."
    }

    private static func questions(_ count: Int) -> String {
        count == 1 ? "1 question" : "\(count) questions"
    }

    // MARK: Reflections and discussion

    /// Said when the person wrote nothing in their own words.
    static let noReflections = "You didn't add any notes in your own words this time."

    /// Questions offered when the outcome has none of its own.
    static let defaultDiscuss = [
        "Which parts of this report feel true to you, and which don't?",
        "What would you need to see, or feel, to be sure about your next step?",
        "Who could support you with your next steps, whatever they are?",
    ]

    // MARK: Closing

    // The reflection-aid disclaimer, in every report: `AssessmentWording.Key.notADiagnosis`.

    /// That no safety flag is no guarantee, in every report.
    static let noFlagIsNotSafe =
        "A report with no safety flag does not mean you are safe. Questions like "
        + "these can miss things, and situations can change quickly. If you ever feel afraid of someone, or "
        + "afraid for yourself, please reach out for help, whatever a report like this says."

    /// Points back to the resources in the safety section.
    static let resourcesAbove =
        "The people listed at the start of this report are there whenever you "
        + "need them."

    /// Introduces the resources at the end of a report without a safety section.
    static let resourcesBelow = "If you ever need them, these services are there:"

    // MARK: Why

    /// One or two sentences on why the outcome was chosen, in the person's terms.
    ///
    /// `sparse` says that most questions were left unanswered; `helpAtStart`, that the report opens with
    /// services that can help with a safety concern.
    static func why(
        _ decision: OutcomeDecision, lookup: Lookup, sparse: Bool = false, helpAtStart: Bool = false
    ) -> String {
        switch decision.reason {
        case .safetyOverride(let flags):
            let titles = list(flags.map { "“\(lookup.flagTitle($0))”" }, limit: 3)
            let concern = flags.count == 1 ? "a safety concern" : "safety concerns"
            return "Your answers showed \(concern) (\(titles)). Whenever that happens, safety comes first, "
                + "whatever else you answered."
        case .fallback:
            if sparse { return "With so few answers, none of the more specific results could fit." }
            if let miss = nearMiss(decision, lookup: lookup) {
                let titles = list(miss.flags.map { "“\(lookup.flagTitle($0))”" }, limit: 3)
                let that = miss.flags.count == 1 ? "that needs" : "those need"
                let aboutSafety = miss.flags.contains { lookup.flag($0)?.category == .safety }
                let help =
                    aboutSafety && helpAtStart
                    ? " The services listed at the start of this report can help with that." : ""
                return "Many of your answers point towards “\(miss.outcome)”. But your answers also "
                    + "showed \(titles), and \(that) talking through first, so this report doesn't suggest it."
                    + help
            }
            return "No single path fits your answers clearly enough for this report to suggest it."
        case .rule:
            let evaluation = decision.evaluations.first { $0.outcomeID == decision.outcome.id && $0.matched == true }
            let facts = evaluation?.trace.map { self.facts($0, lookup: lookup) } ?? []
            let text = sentence(facts)
            return text.isEmpty ? "This is the result your answers fit." : text
        }
    }

    /// Something true about a rule's evaluation: a thing the answers showed (“A flag's title”, or
    /// “A band” in “A scale”), or a clause of its own.
    enum Fact: Hashable {
        case showed(String)
        case clause(String)
    }

    /// "Your answers showed A and B, and C didn't come up.", capitalised, or "" when there are no facts.
    static func sentence(_ facts: [Fact]) -> String {
        var showed: [String] = []
        var clauses: [String] = []
        for fact in unique(facts) {
            switch fact {
            case .showed(let text): showed.append(text)
            case .clause(let text): clauses.append(text)
            }
        }
        var parts: [String] = []
        if !showed.isEmpty { parts.append("your answers showed " + list(showed, limit: 6)) }
        parts += clauses
        guard let last = parts.last else { return "" }
        let joined = parts.count == 1 ? last : parts.dropLast().joined(separator: ", ") + ", and " + last
        // A quoted title that ends in its own question mark ends the sentence too.
        let stop = joined.hasSuffix("?”") || joined.hasSuffix("!”") ? "" : "."
        return joined.prefix(1).uppercased() + joined.dropFirst() + stop
    }

    /// True statements about a rule's evaluation: for a combinator, the parts that decided it.
    static func facts(_ trace: RuleTrace, lookup: Lookup) -> [Fact] {
        switch trace.condition {
        case .flagRaised(let id):
            let title = lookup.flagTitle(id)
            if !trace.holds && lookup.isUndetermined(flag: id) {
                return [.clause("“\(title)” can't be ruled out, because a question about it wasn't answered")]
            }
            return [trace.holds ? .showed("“\(title)”") : .clause("“\(title)” didn't come up")]
        case .band(let scaleID, let bands):
            let title = lookup.scaleTitle(scaleID)
            if let scale = lookup.scale(scaleID) {
                if let band = scale.band, !scale.isInsufficient {
                    return [
                        trace.holds
                            ? .showed("“\(band.label)” in “\(title)”")
                            : .clause("“\(title)” came out as “\(band.label)”")
                    ]
                }
                return [.clause(tooFewAnswers(scale, title: title))]
            }
            let labels = list(bands.map { "“\(lookup.bandLabel(scale: scaleID, band: $0))”" }, limit: 4, or: true)
            return [.clause(trace.holds ? "“\(title)” came out as \(labels)" : "“\(title)” wasn't \(labels)")]
        case .insufficient(let scaleID):
            let title = lookup.scaleTitle(scaleID)
            guard trace.holds else { return [.clause("“\(title)” could be scored")] }
            if let scale = lookup.scale(scaleID) { return [.clause(tooFewAnswers(scale, title: title))] }
            return [.clause("“\(title)” couldn't be scored")]
        case .anyFlag(let category, let severity):
            guard trace.holds else {
                let kind = [severity?.rawValue, category?.rawValue].compactMap { $0 }.joined(separator: " ")
                return [.clause("no \(kind.isEmpty ? "" : kind + " ")flag came up")]
            }
            return trace.parts.flatMap { facts($0, lookup: lookup) }
        case .allOf:
            let deciding = trace.holds ? trace.parts : trace.parts.filter { !$0.holds }
            return deciding.flatMap { facts($0, lookup: lookup) }
        case .anyOf:
            let deciding = trace.holds ? trace.parts.filter(\.holds) : trace.parts
            return deciding.flatMap { facts($0, lookup: lookup) }
        case .noneOf where trace.holds && (trace.parts.count > 2 || trace.parts.contains(where: \.isAnyFlag)):
            // Listing every sign that did not come up would bury the point.
            let allFlags = trace.parts.allSatisfy {
                if case .flagRaised = $0.condition { return true }
                return $0.isAnyFlag
            }
            // With a question behind one of them unanswered, it can't be said that none came up.
            let undetermined = trace.parts.contains {
                if case .flagRaised(let id) = $0.condition { return lookup.isUndetermined(flag: id) }
                return false
            }
            if allFlags && (undetermined || !lookup.result.safetyQuestionsAllAnswered) {
                return [
                    .clause(
                        "none of the warning signs that would call for caution showed in the answers you gave, "
                            + "but not every question behind them was answered, so they can't be ruled out")
                ]
            }
            return [
                .clause(
                    allFlags
                        ? "none of the warning signs that would call for caution came up"
                        : "none of the things that would rule it out applied")
            ]
        case .noneOf:
            let deciding = trace.holds ? trace.parts : trace.parts.filter(\.holds)
            return deciding.flatMap { facts($0, lookup: lookup) }
        }
    }

    /// Why a scale has no score, as a clause.
    private static func tooFewAnswers(_ scale: ScaleResult, title: String) -> String {
        scale.shown == 0
            ? "none of the questions behind “\(title)” were shown"
            : "too few of the questions behind “\(title)” were answered to say much about it yet"
    }

    /// When no rule matched: the first outcome, in the order tried, that most of the answers fit but that
    /// warning signs it rules out kept from matching, with those flags. That is an `all-of` with a failing
    /// `none-of` over raised flags, whose other parts mostly hold (more of them hold than fail). The
    /// warning signs are enough on their own to rule it out, so naming them is true whatever else failed.
    static func nearMiss(_ decision: OutcomeDecision, lookup: Lookup) -> (outcome: String, flags: [String])? {
        for evaluation in decision.evaluations where evaluation.matched == false {
            guard let trace = evaluation.trace, case .allOf = trace.condition else { continue }
            let isNoneOf: (RuleTrace) -> Bool = {
                if case .noneOf = $0.condition { return true }
                return false
            }
            let failing = trace.parts.filter { !$0.holds && isNoneOf($0) }
            let others = trace.parts.filter { !isNoneOf($0) }
            let holding = others.filter(\.holds).count
            guard !failing.isEmpty, holding > 0, holding > others.count - holding else { continue }
            // A raised `any-flag` part stands for the flags that matched it.
            let raised = failing.flatMap { $0.parts.filter(\.holds) }.flatMap { $0.isAnyFlag ? $0.parts : [$0] }
            let flags = raised.compactMap { part -> String? in
                if case .flagRaised(let id) = part.condition { return id }
                return nil
            }
            guard !flags.isEmpty, flags.count == raised.count else { continue }
            let title = lookup.outcomes[evaluation.outcomeID]?.title ?? evaluation.outcomeID
            return (title, unique(flags))
        }
        return nil
    }

    // MARK: Lists

    /// "a", "a and b", "a, b and c"; beyond `limit`, "a, b, c and 2 more".
    static func list(_ parts: [String], limit: Int = .max, or: Bool = false) -> String {
        let joiner = or ? " or " : " and "
        var shown = parts
        var rest = 0
        if parts.count > limit {
            shown = Array(parts.prefix(limit))
            rest = parts.count - limit
        }
        if rest > 0 { return shown.joined(separator: ", ") + joiner + "\(rest) more" }
        switch shown.count {
        case 0: return ""
        case 1: return shown[0]
        default: return shown.dropLast().joined(separator: ", ") + joiner + (shown.last ?? "")
        }
    }

    private static func unique<T: Hashable>(_ items: [T]) -> [T] {
        var seen = Set<T>()
        return items.filter { seen.insert($0).inserted }
    }
}

extension RuleTrace {
    /// Whether this is an `any-flag` condition (its parts are the raised flags that matched).
    var isAnyFlag: Bool {
        if case .anyFlag = condition { return true }
        return false
    }
}
