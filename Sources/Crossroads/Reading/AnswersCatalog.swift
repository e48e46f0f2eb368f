/// The assessments answers may be checked and scored against, each with its ``Scorer``: one given
/// assessment, or the bundled assessment an answers file names.
///
/// A single file loads the bundled assessment it names when it is read; a batch loads every bundled
/// assessment once, up front, so that its answer sets (read on any thread) share them.
struct AnswersCatalog: Sendable {
    /// An assessment with its scorer, shared by reference: handing it to each answer set (on any thread)
    /// costs one reference count, not a copy of the scorer's and the assessment's storage.
    final class Prepared: Sendable {
        let assessment: Assessment
        let scorer: Scorer

        init(_ assessment: Assessment) {
            self.assessment = assessment
            scorer = Scorer(assessment)
        }
    }

    private let given: Prepared?
    private let preloaded: [String: Prepared]
    private let loadsOnDemand: Bool

    /// Answers are checked against `given`, or the bundled assessment they name, loaded when asked for.
    init(given: Assessment?) {
        self.given = given.map(Prepared.init)
        preloaded = [:]
        loadsOnDemand = given == nil
    }

    /// Answers are checked against `given`, or else every bundled assessment, loaded now.
    init(preloading given: Assessment?) {
        self.given = given.map(Prepared.init)
        var preloaded: [String: Prepared] = [:]
        if given == nil {
            let catalog = BundledCatalog()
            for id in catalog.assessments.keys.sorted() {
                if let assessment = try? Assessment.bundled(id, from: catalog) {
                    preloaded[id] = Prepared(assessment)
                }
            }
        }
        self.preloaded = preloaded
        loadsOnDemand = false
    }

    /// The assessments answers can be scored against: the given one, or every bundled one (once preloaded).
    var assessments: [Assessment] {
        if let given { return [given.assessment] }
        return preloaded.keys.sorted().compactMap { preloaded[$0]?.assessment }
    }

    /// The assessment for answers naming assessment `id`, with its scorer; `nil` when it is not bundled.
    func lookup(_ id: String) -> Prepared? {
        if let given { return given }
        if let found = preloaded[id] { return found }
        guard loadsOnDemand else { return nil }
        do throws(CrossroadsError) {
            let assessment = try Assessment.bundled(id)
            return Prepared(assessment)
        } catch {
            return nil
        }
    }
}
