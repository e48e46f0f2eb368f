import Crossroads

/// The state of one `take` session: the answers so far and which items they show.
///
/// Visibility is worked out again from the answers after every change, so conditional items appear and
/// disappear as answers change, including after going back. A response to an item that became hidden is
/// recorded as not shown (it never counts); an item that becomes shown again is asked again.
struct TakeSession {
    /// Where an item sits: its questionnaire and its section within it.
    struct Place: Hashable {
        var questionnaire: Int
        var section: Int
    }

    let assessment: Assessment
    let scorer: Scorer
    /// Every item, in the order a person meets them.
    let items: [Item]
    /// Each item's place, by position.
    let places: [Place]
    private(set) var answers: Answers
    private(set) var visibility: Visibility

    init(assessment: Assessment, answers: Answers) {
        self.assessment = assessment
        scorer = Scorer(assessment)
        var items: [Item] = []
        var places: [Place] = []
        for (q, questionnaire) in assessment.questionnaires.enumerated() {
            for (s, section) in questionnaire.sections.enumerated() {
                for item in section.items {
                    items.append(item)
                    places.append(Place(questionnaire: q, section: s))
                }
            }
        }
        self.items = items
        self.places = places
        var answers = answers
        // "Not reached" is the same as no response while the session runs.
        for (id, response) in answers.responses where response == .notReached { answers[id] = nil }
        self.answers = answers
        visibility = scorer.visibility(for: answers)
        normalise()
    }

    /// Whether the item at a position is shown for the answers so far.
    func isShown(_ position: Int) -> Bool { visibility.isShown(items[position].id) }

    /// The response recorded for the item at a position.
    func response(at position: Int) -> Response? { answers[items[position].id] }

    /// Whether the item at a position has been dealt with (answered or declined).
    func isAnswered(_ position: Int) -> Bool {
        guard let response = response(at: position) else { return false }
        return response.isAnswer || response == .declined
    }

    /// The positions of the items shown, in order.
    var shownPositions: [Int] { items.indices.filter(isShown) }

    /// The first shown item not yet answered or declined.
    var firstUnanswered: Int? { items.indices.first { isShown($0) && !isAnswered($0) } }

    /// How many shown items have been answered or declined.
    var answeredCount: Int { items.indices.filter { isShown($0) && isAnswered($0) }.count }

    /// The next shown item after a position.
    func next(after position: Int) -> Int? {
        items.indices.first { $0 > position && isShown($0) }
    }

    /// The shown item before a position.
    func previous(before position: Int) -> Int? {
        items.indices.last { $0 < position && isShown($0) }
    }

    /// Records a response to the item at a position and works out again what is shown.
    mutating func set(_ response: Response, at position: Int) {
        answers[items[position].id] = response
        normalise()
    }

    /// Makes the responses agree with what is shown: a response to a hidden item becomes "not shown", and a
    /// "not shown" item that is shown again has no response, so it is asked.
    private mutating func normalise() {
        visibility = scorer.visibility(for: answers)
        for item in items {
            let shown = visibility.isShown(item.id)
            switch answers[item.id] {
            case .some(.notShown) where shown:
                answers[item.id] = nil
            case .some(let response) where !shown && response != .notShown:
                answers[item.id] = .notShown
            default:
                break
            }
        }
        // A hidden item's response never counts, so this cannot change what is shown.
        visibility = scorer.visibility(for: answers)
    }

    /// The answers to save or score: every hidden item recorded as not shown; items not reached left out.
    var finalAnswers: Answers {
        var result = answers
        for item in items where !visibility.isShown(item.id) && result[item.id] == nil {
            result[item.id] = .notShown
        }
        return result
    }

    /// The ids of the critical safety flags the answers so far raise.
    var criticalSafetyFlags: [Flag] {
        scorer.score(answers).safetyFlags.map(\.flag)
    }

    /// The raised flags that stop a session at once: every critical safety flag, and any flag that says
    /// `interrupt` (an ex threatening to harm themselves).
    var interruptingFlags: [Flag] {
        scorer.score(answers).flags.map(\.flag).filter { $0.isSafetyCritical || $0.interrupts }
    }

    /// Progress at a position: the part (questionnaire) among those with a shown item, and the question among
    /// the items shown now.
    func progress(at position: Int) -> (part: Int, parts: Int, question: Int, questions: Int) {
        let shown = shownPositions
        let partsShown = Array(Set(shown.map { places[$0].questionnaire })).sorted()
        let part = (partsShown.firstIndex(of: places[position].questionnaire) ?? 0) + 1
        let question = (shown.firstIndex(of: position) ?? 0) + 1
        return (part, partsShown.count, question, shown.count)
    }
}
