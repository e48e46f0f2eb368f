import Foundation
import Testing

@testable import Crossroads

@Suite("LocaleName: one definition, the same as answers.xsd's")
struct LocaleNameTests {
    /// The `xs:pattern` of the `Locale` type, read from `Reports/answers.xsd`.
    static func schemaPattern() throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let xsd = try String(contentsOf: root.appendingPathComponent("Reports/answers.xsd"), encoding: .utf8)
        let type = try #require(xsd.range(of: "<xs:simpleType name=\"Locale\">"))
        let rest = xsd[type.upperBound...]
        let start = try #require(rest.range(of: "<xs:pattern value=\""))
        let end = try #require(rest[start.upperBound...].firstIndex(of: "\""))
        return String(rest[start.upperBound..<end])
    }

    @Test("The Swift rule's pattern is the schema's, character for character")
    func sameTextAsTheSchema() throws {
        #expect(try Self.schemaPattern() == LocaleName.pattern)
    }

    /// Strings near the edges of the rule: lengths 0–10 of each part, every separator, bad characters.
    static var samples: [String] {
        var samples = ["", "C", "POSIX", "en", "en_", "en-", "en_GB", "en-GB", "en_GB.UTF-8", "en_GB.utf8@euro",
            "nb_NO@euro", "Norwegian_Bokmal", "Norwegian", "abcdefgh", "abcdefghi", "en__GB", "en_GB_", "en.UTF-8",
            "en.", "en@", "en@x", "en_GB.", ".UTF-8", "_GB", "1en", "en_1", "en_GB.UTF-8.x", "en@a@b", "en\u{202E}",
            "en GB", "en_GB\n", "ä", "en_GÄ", "sr_RS@latin", "zh-Hant-TW", "x-private", "en_GB.ISO-8859-15"]
        for letters in 0...10 {
            let language = String(repeating: "a", count: letters)
            samples.append(language)
            for part in 0...10 {
                samples.append(language + "_" + String(repeating: "B", count: part))
                samples.append(language + "." + String(repeating: "u", count: part * 2 + 1))
                samples.append(language + "@" + String(repeating: "m", count: part * 2 + 1))
            }
        }
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("aZ9_-.@ é")
        for _ in 0..<3000 {
            let count = Int.random(in: 1...14, using: &generator)
            samples.append(String((0..<count).map { _ in alphabet.randomElement(using: &generator) ?? "a" }))
        }
        return samples
    }

    @Test("The Swift rule accepts exactly what the schema's pattern accepts, and the schema itself agrees")
    func sameVerdicts() throws {
        let regex = try Regex("^(?:" + Self.schemaPattern() + ")$")
        var disagreements: [String] = []
        for sample in Self.samples {
            let byRegex = (try? regex.wholeMatch(in: sample)) != nil
            if byRegex != LocaleName.isValid(sample) { disagreements.append(sample) }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(20))")
        // And the schema itself, through the writer and the reader, for a few.
        for locale in ["en_", "Norwegian_Bokmal", "en_GB.UTF-8", "nb_NO@euro", "en-GB"] {
            let valid = LocaleName.isValid(locale)
            var answers = Answers(assessmentID: "should-we-get-back-together", assessmentVersion: "1.1.0")
            answers.locale = locale
            let assessment = try Assessment.bundled()
            let text = try AnswersWriter(answers, for: assessment).render()
            #expect(text.contains("locale=") == valid, "\(locale): \(text)")
            let read = try AnswersReader.read(text: text, path: "p.xml")
            #expect(read.answers.locale == (valid ? locale : nil))
        }
    }
}
