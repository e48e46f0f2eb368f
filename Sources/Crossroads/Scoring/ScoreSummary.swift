/// What a table row needs from scoring one answer set; see ``Scorer/summary(visibility:)``.
struct ScoreSummary: Sendable {
    let assessment: Assessment
    let scales: [ScaleResult]
    let flags: [RaisedFlag]
    let outcome: Outcome
    let visibility: Visibility
}
