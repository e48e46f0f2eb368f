/// The sentences a report and `take` say that depend on what an assessment is about, in the assessment's
/// own words (its optional `<wording>` element), with a neutral engine default for each.
///
/// The engine itself never speaks of a subject: a sentence such as "You don't have to decide anything
/// about your ex right now" belongs to the assessment that asks about exes. Each message has a ``Key``
/// named after its element in `<wording>`. A message the assessment does not give falls back to
/// ``engineDefault(_:)``, which is true for any instrument, or is left out when no neutral sentence could
/// take its place.
///
/// ```swift
/// var wording = AssessmentWording()
/// wording[.privacy] = "Keep this report where only you can reach it."
/// wording.text(.notADiagnosis)  // the engine's neutral default
/// ```
public struct AssessmentWording: Sendable, Hashable {
    /// One message, named after its element in `<wording>` (and its `key` in the XML report's `<wording>`).
    public enum Key: String, Sendable, Hashable, CaseIterable {
        /// Ends the safety section's opening when a safety concern is serious, and the safety pause in
        /// `take`. No engine default: without it, nothing is added.
        case safetyReassurance = "safety-reassurance"
        /// A word about who might see the report, at the end of the safety section.
        case privacy
        /// Said in place of crisis resources when the assessment has none for the person's locale.
        case noResources = "no-resources"
        /// Said before the scales when the safety outcome was chosen: why no score changes it.
        case safetyOutranksScores = "safety-outranks-scores"
        /// Said with a safety section, before the person's own words (or before the scales when there are
        /// none). No engine default: without it, nothing is said.
        case notYourFault = "not-your-fault"
        /// Said in the highlights when the safety outcome was chosen, instead of strengths.
        case noStrengthsUnderSafety = "no-strengths-under-safety"
        /// The reflection-aid disclaimer, first in every report's closing note.
        case notADiagnosis = "not-a-diagnosis"
    }

    /// The messages the assessment gives, by key.
    public var messages: [Key: String]

    /// Creates wording from the assessment's messages; keys not given use the engine's defaults.
    public init(_ messages: [Key: String] = [:]) {
        self.messages = messages
    }

    /// The assessment's own message for a key, or `nil` when it gives none.
    public subscript(key: Key) -> String? {
        get { messages[key] }
        set { messages[key] = newValue }
    }

    /// The message to show: the assessment's own, else the engine default; `nil` when neither exists.
    public func text(_ key: Key) -> String? {
        messages[key] ?? Self.engineDefault(key)
    }

    /// The engine's neutral message for a key, true whatever an assessment is about; `nil` for the keys
    /// that are left out when an assessment gives no words of its own.
    public static func engineDefault(_ key: Key) -> String? {
        switch key {
        case .safetyReassurance, .notYourFault:
            nil
        case .privacy:
            "If anyone who might hurt you can see your phone, computer or files, keep this report where "
                + "only you can reach it, or don't keep a copy. If you take it to a counsellor, you can ask "
                + "to talk with them on your own."
        case .noResources:
            "This report has no checked contact details for where you are. Your local emergency number "
                + "works in a crisis, and a doctor or a directory of helplines can help you find support "
                + "near you."
        case .safetyOutranksScores:
            "Because of what you shared about your safety, none of these scores change the result above: "
                + "nothing else in your answers outweighs a risk to your safety."
        case .noStrengthsUnderSafety:
            "This report doesn't list strengths here: when your safety may be at risk, they are not what "
                + "matters most."
        case .notADiagnosis:
            "This report is a reflection aid. It is not a diagnosis and not a prediction. It reflects the "
                + "answers you gave, and you know your own life better than any questionnaire."
        }
    }
}
