import Testing
@testable import Crossroads

@Test func bundledFilesAreEmbedded() {
    #expect(Bundled.text("Questionnaires/questionnaire.xsd") != nil)
}
