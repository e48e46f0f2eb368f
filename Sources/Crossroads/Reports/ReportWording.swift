/// The few sentences reports say in their own voice. Everything else comes from the assessment's files.
///
/// Read these as the person who answered would: someone hurting, perhaps afraid, perhaps about to show
/// the report to a friend or a therapist. Calm, plain, never blaming, never promising.
enum ReportWording {
    // MARK: Safety

    /// The opening of the safety section.
    static func safetyIntroduction(serious: Bool) -> String {
        if serious {
            return "Some of your answers suggest that your safety may be at risk. That matters more than "
                + "anything else in this report, so it comes first. You don't have to decide anything about "
                + "your ex right now."
        }
        return "Some of your answers touch on your safety. That matters more than anything else in this "
            + "report, so it comes first."
    }

    /// What to do in an emergency, whatever resources are listed.
    static let emergency = "If you are in danger right now, call your local emergency number."

    /// A word about who might see the report.
    static let privacy =
        "If your ex, or anyone who might hurt you, can see your phone, computer or files, "
        + "keep this report where only you can reach it, or don't keep a copy. If you take it to a "
        + "counsellor, you can ask to talk with them on your own."

    /// Said when the assessment has no crisis resources for the person's locale.
    static let noResources =
        "This report has no checked contact details for where you are. Your local "
        + "emergency number works in a crisis, and a local domestic abuse service, a doctor or a directory "
        + "of helplines can help you find support near you."

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
        case .neutral: "neither a strength nor a concern"
        case .concern: "a concern"
        }
    }

    /// Why a scale has no score.
    static func insufficient(_ scale: ScaleResult) -> String {
        if scale.shown == 0 {
            return "Not scored: none of its questions were shown to you."
        }
        return "Not scored: you answered \(scale.answered) of the \(questions(scale.shown)) shown, and "
            + "at least \(scale.required) \(scale.required == 1 ? "is" : "are") needed for a fair score."
    }

    /// Why a scale's score is an estimate.
    static func prorated(_ scale: ScaleResult) -> String {
        "This is an estimate: you answered \(scale.answered) of the \(questions(scale.shown)) shown, and it "
            + "assumes the others would have gone the same way."
    }

    /// Said before the scales and highlights when the safety outcome was chosen.
    static let safetyOutranksScores =
        "Because of what you shared about your safety, none of these scores "
        + "change the result above. Good signs in a relationship don't outweigh a risk to your safety."

    /// Said when some questions about safety were declined.
    static func declinedSafetyQuestions(_ count: Int) -> String {
        "You chose not to answer \(count == 1 ? "one" : String(count)) of the questions about safety. That is "
            + "always your choice. If a question was hard to answer, it may be worth talking over with someone "
            + "you trust."
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
        "Who can support you while you decide, whatever you decide?",
    ]

    // MARK: Closing

    /// The reflection-aid disclaimer, in every report.
    static let notADiagnosis =
        "This report is a reflection aid. It is not a diagnosis and not a "
        + "prediction: it can't tell you what your ex will do, or whether getting back together would work. "
        + "It reflects the answers you gave, and you know your own life better than any questionnaire."

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

    /// One or two sentences on why the outcome was chosen.
    static func why(_ decision: OutcomeDecision, lookup: Lookup) -> String {
        switch decision.reason {
        case .safetyOverride(let flags):
            let titles = list(flags.map { "“\(lookup.flagTitle($0))”" }, limit: 3)
            let raised = flags.count == 1 ? "a safety concern" : "safety concerns"
            return "Your answers raised \(raised) (\(titles)). Whenever that happens, safety comes first, "
                + "whatever else you answered."
        case .fallback:
            return "None of the more specific results matched your answers, so this is the one that applies "
                + "when no other does."
        case .rule:
            let evaluation = decision.evaluations.first { $0.outcomeID == decision.outcome.id && $0.matched == true }
            let facts = evaluation?.trace.map { unique(self.facts($0, lookup: lookup)) } ?? []
            if facts.isEmpty {
                return "This is the first result, in order of priority, whose conditions your answers meet."
            }
            return "This is the first result, in order of priority, whose conditions your answers meet: "
                + "\(list(facts, limit: 6))."
        }
    }

    /// True statements about a rule's evaluation: for a combinator, the parts that decided it.
    static func facts(_ trace: RuleTrace, lookup: Lookup) -> [String] {
        switch trace.condition {
        case .flagRaised(let id):
            let title = lookup.flagTitle(id)
            return [trace.holds ? "your answers raised “\(title)”" : "your answers did not raise “\(title)”"]
        case .band(let scaleID, let bands):
            let title = lookup.scaleTitle(scaleID)
            if let scale = lookup.scale(scaleID) {
                if let band = scale.band { return ["“\(title)” is “\(band.label)”"] }
                if scale.isInsufficient { return ["“\(title)” did not have enough answers for a score"] }
            }
            let labels = list(bands.map { "“\(lookup.bandLabel(scale: scaleID, band: $0))”" }, limit: 4, or: true)
            return [trace.holds ? "“\(title)” is \(labels)" : "“\(title)” is not \(labels)"]
        case .insufficient(let scaleID):
            let title = lookup.scaleTitle(scaleID)
            return [
                trace.holds
                    ? "“\(title)” did not have enough answers for a score"
                    : "“\(title)” had enough answers for a score"
            ]
        case .allOf:
            let deciding = trace.holds ? trace.parts : trace.parts.filter { !$0.holds }
            return deciding.flatMap { facts($0, lookup: lookup) }
        case .anyOf:
            let deciding = trace.holds ? trace.parts.filter(\.holds) : trace.parts
            return deciding.flatMap { facts($0, lookup: lookup) }
        case .noneOf where trace.holds && trace.parts.count > 2:
            // Listing every sign that did not come up would bury the point.
            let allFlags = trace.parts.allSatisfy {
                if case .flagRaised = $0.condition { return true }
                return false
            }
            return [
                allFlags
                    ? "none of the \(trace.parts.count) warning signs it checks for came up"
                    : "none of the \(trace.parts.count) things it rules out applied"
            ]
        case .noneOf:
            let deciding = trace.holds ? trace.parts : trace.parts.filter(\.holds)
            return deciding.flatMap { facts($0, lookup: lookup) }
        }
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

    private static func unique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }
}
