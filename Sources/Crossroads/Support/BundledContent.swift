/// What ships inside Crossroads: the bundled assessments and questionnaires.
public enum BundledContent {
    /// One bundled questionnaire or assessment, for listing.
    public struct Entry: Sendable, Hashable {
        /// `assessment` or `questionnaire`.
        public var kind: String
        /// Its id.
        public var id: String
        /// Its version.
        public var version: String
        /// Its title.
        public var title: String
        /// How many questions it has (an assessment counts those of every questionnaire it uses).
        public var questionCount: Int
    }

    /// Every bundled assessment, then every bundled questionnaire, each sorted by id.
    public static func entries() -> [Entry] {
        let catalog = BundledCatalog()
        var result: [Entry] = []
        for id in catalog.assessments.keys.sorted() {
            if let assessment = try? Assessment.bundled(id, from: catalog) {
                result.append(
                    Entry(
                        kind: "assessment", id: assessment.id, version: assessment.version,
                        title: assessment.title, questionCount: assessment.items.count))
            }
        }
        let questionnaires = catalog.questionnaires.values.map(\.questionnaire)
            .sorted { ($0.id, $0.version) < ($1.id, $1.version) }
        for questionnaire in questionnaires {
            result.append(
                Entry(
                    kind: "questionnaire", id: questionnaire.id, version: questionnaire.version,
                    title: questionnaire.title, questionCount: questionnaire.items.count))
        }
        return result
    }

    /// Problems loading the bundled files (empty in a correct build).
    public static var problems: [String] {
        BundledCatalog().failures.map(\.description)
    }
}
