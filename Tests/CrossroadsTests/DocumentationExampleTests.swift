import Testing

@testable import Crossroads

/// The embedding example in README.md and the DocC article, run as written, so its ids and calls stay real.
@Suite("The documented embedding example works as written")
struct DocumentationExampleTests {
    @Test func readmeExampleRuns() throws {
        let assessment = try Assessment.bundled()
        var answers = Answers(for: assessment, locale: "en_GB.UTF-8")
        answers["safety.hurt"] = .no
        answers["good.healthier-version"] = .choice("3", note: "Less scorekeeping, more talking.")
        answers["sure.support"] = .declined

        // Every id the example uses is a real item, and each response is one the item accepts.
        for (id, response) in answers.responses {
            let item = try #require(assessment.items.first { $0.id == id }, "\(id) is not an item")
            if response.isAnswer { #expect(item.accepts(response), "\(id)") }
            if response.words != nil { #expect(item.notePrompt != nil, "\(id) takes no note") }
        }

        let result = assessment.score(answers)
        #expect(result.items.first { $0.item.id == "good.healthier-version" }?.status == .answered)
        let text = TextReport(result, date: "2026-11-27").render(width: 72)
        #expect(text.contains("Less scorekeeping, more talking."))
        let xml = try XMLReport(result, date: "2026-11-27").render()
        #expect(Validator.checkReport(xml).isEmpty)

        // Scoring many answer sets with one scorer gives the same result.
        #expect(Scorer(assessment).score(answers) == result)
    }
}
