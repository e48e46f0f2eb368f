import Foundation
import PropertyBased
import Testing

@testable import Crossroads

/// A batch reads most answer sets on a fast path (``PlainAnswerExtractor`` straight from libxml2's tree,
/// then ``AnswersReader/plainChecked(_:catalog:)``, then ``Scorer/summary(visibility:)`` for a table).
/// Whatever a set holds, the batch gives exactly what reading and scoring it alone as a file gives; the
/// fast path takes the sets it can, and leaves the others, untouched, to the full reader.
@Suite("Batch: the fast path equals reading each set alone")
struct BatchFastPathTests {
    static let assessment: Assessment? = try? Assessment.bundled()

    /// A change to one answer set, and whether the fast path may still take the set afterwards.
    struct Mutation: Sendable, CustomStringConvertible {
        let description: String
        /// `true`: the set still plainly obeys the schema, so the batch reader reads it on the fast path
        /// (the check may still refuse it, and the full reader then gives its messages); `false`: its
        /// spelling or shape is one the fast path leaves to the schema (valid or not).
        let plain: Bool
        let apply: @Sendable (String, Assessment) -> String
    }

    /// The first `<answer>` line of a set that gives a value, replaced by what `change` makes of it.
    static func firstAnswer(_ document: String, _ change: (String) -> String) -> String {
        var lines = document.components(separatedBy: "\n")
        guard let index = lines.firstIndex(where: { $0.hasPrefix("  <answer ") && $0.contains("<value>") }) else {
            return document
        }
        lines[index] = change(lines[index])
        return lines.joined(separator: "\n")
    }

    /// A line inserted before `</answers>`.
    static func appending(_ document: String, _ line: String) -> String {
        document.replacingOccurrences(of: "</answers>", with: line + "\n</answers>")
    }

    static func item(_ assessment: Assessment, _ test: (Item) -> Bool) -> Item? {
        assessment.items.first(where: test)
    }

    static let mutations: [Mutation] = [
        Mutation(description: "none", plain: true) { document, _ in document },
        Mutation(description: "a character reference in a value", plain: true) { document, _ in
            firstAnswer(document) { $0.replacingOccurrences(of: "<value>", with: "<value>&#x41;") }
        },
        Mutation(description: "white space around a value", plain: false) { document, _ in
            firstAnswer(document) {
                $0.replacingOccurrences(of: "<value>", with: "<value> ").replacingOccurrences(of: "</value>", with: "\n</value>")
            }
        },
        Mutation(description: "a comment among the answers", plain: false) { document, _ in
            appending(document, "  <!-- a comment -->")
        },
        Mutation(description: "a processing instruction in an answer", plain: false) { document, _ in
            firstAnswer(document) { $0.replacingOccurrences(of: "\"><", with: "\"><?pi x?><") }
        },
        Mutation(description: "free text in CDATA", plain: false) { document, assessment in
            guard let text = item(assessment, { $0.kind == .text && $0.showIf == nil }) else { return document }
            let cleaned = document.components(separatedBy: "\n").filter { !$0.contains("item=\"\(text.id)\"") }
            return appending(
                cleaned.joined(separator: "\n"), "  <answer item=\"\(text.id)\"><text><![CDATA[a < b]]></text></answer>")
        },
        Mutation(description: "an unknown attribute", plain: false) { document, _ in
            firstAnswer(document) { $0.replacingOccurrences(of: "<answer ", with: "<answer colour=\"red\" ") }
        },
        Mutation(description: "an xml:lang attribute", plain: false) { document, _ in
            firstAnswer(document) { $0.replacingOccurrences(of: "<answer ", with: "<answer xml:lang=\"en\" ") }
        },
        Mutation(description: "a state that does not exist", plain: false) { document, _ in
            firstAnswer(document) { $0.replacingOccurrences(of: "<answer ", with: "<answer state=\"maybe\" ") }
        },
        Mutation(description: "a value with a space inside", plain: false) { document, _ in
            firstAnswer(document) { $0.replacingOccurrences(of: "<value>", with: "<value>a b") }
        },
        Mutation(description: "an empty value", plain: false) { document, _ in
            firstAnswer(document) { line in
                guard let open = line.range(of: "<value>"), let close = line.range(of: "</value>") else { return line }
                return line.replacingCharacters(in: open.lowerBound..<close.upperBound, with: "<value/>")
            }
        },
        Mutation(description: "an element inside a value", plain: false) { document, _ in
            firstAnswer(document) { $0.replacingOccurrences(of: "<value>", with: "<value><b/>") }
        },
        Mutation(description: "words between answers", plain: false) { document, _ in
            appending(document, "  stray words")
        },
        Mutation(description: "a respondent id with white space around it", plain: false) { document, _ in
            document.replacingOccurrences(of: " id=\"r", with: " id=\" r")
        },
        Mutation(description: "an assessment id with white space around it", plain: false) { document, assessment in
            document.replacingOccurrences(of: "assessment=\"\(assessment.id)\"", with: "assessment=\" \(assessment.id) \"")
        },
        Mutation(description: "a locale the schema refuses", plain: false) { document, _ in
            document.replacingOccurrences(of: "locale=\"en_GB\"", with: "locale=\"12\"")
        },
        Mutation(description: "a locale with an encoding and a modifier", plain: true) { document, _ in
            document.replacingOccurrences(of: "locale=\"en_GB\"", with: "locale=\"en_GB.UTF-8@euro\"")
        },
        Mutation(description: "free text over 10,000 characters", plain: false) { document, assessment in
            guard let text = item(assessment, { $0.kind == .text && $0.showIf == nil }) else { return document }
            let cleaned = document.components(separatedBy: "\n").filter { !$0.contains("item=\"\(text.id)\"") }
            return appending(
                cleaned.joined(separator: "\n"),
                "  <answer item=\"\(text.id)\"><text>\(String(repeating: "é", count: 10_001))</text></answer>")
        },
        Mutation(description: "a note after a value, where none is taken", plain: true) { document, _ in
            firstAnswer(document) { $0.replacingOccurrences(of: "</value>", with: "</value><note>n</note>") }
        },
        Mutation(description: "a value after a note", plain: false) { document, _ in
            firstAnswer(document) { $0.replacingOccurrences(of: "<value>", with: "<note>n</note><value>") }
        },
        Mutation(description: "an answer given twice", plain: true) { document, _ in
            firstAnswer(document) { $0 + "\n" + $0 }
        },
        Mutation(description: "an item the assessment does not have", plain: true) { document, _ in
            appending(document, "  <answer item=\"no.such.item\" state=\"declined\"/>")
        },
        Mutation(description: "two values for a one-answer question", plain: true) { document, _ in
            firstAnswer(document) { $0.replacingOccurrences(of: "</value>", with: "</value><value>yes</value>") }
        },
        Mutation(description: "another version", plain: true) { document, assessment in
            document.replacingOccurrences(of: "version=\"\(assessment.version)\"", with: "version=\"99.1\"")
        },
        Mutation(description: "declined, where it cannot be skipped", plain: true) { document, assessment in
            guard let item = item(assessment, { !$0.skippable && $0.showIf == nil }) else { return document }
            let cleaned = document.components(separatedBy: "\n").filter { !$0.contains("item=\"\(item.id)\"") }
            return appending(cleaned.joined(separator: "\n"), "  <answer item=\"\(item.id)\" state=\"declined\"/>")
        },
        Mutation(description: "not shown, for a question always shown", plain: true) { document, _ in
            firstAnswer(document) { line in
                guard let start = line.range(of: "item=\""),
                    let end = line.range(of: "\"", range: start.upperBound..<line.endIndex)
                else { return line }
                return String(line[..<end.upperBound]) + " state=\"not-shown\"/>"
            }
        },
        Mutation(description: "an answer to a follow-up question whose condition is false", plain: true) {
            document, assessment in
            guard let item = item(assessment, { $0.showIf != nil && !$0.options.isEmpty }) else { return document }
            // The random sets answer every question without a condition; a follow-up's condition may hold.
            return appending(document, "  <answer item=\"\(item.id)\"><value>\(item.options[0].value)</value></answer>")
        },
        Mutation(description: "a multiple-choice value twice", plain: true) { document, assessment in
            guard let item = item(assessment, { $0.kind == .multiple && $0.showIf == nil && !$0.options.isEmpty }) else {
                return document
            }
            let value = item.options[0].value
            let cleaned = document.components(separatedBy: "\n").filter { !$0.contains("item=\"\(item.id)\"") }
            return appending(
                cleaned.joined(separator: "\n"),
                "  <answer item=\"\(item.id)\"><value>\(value)</value><value>\(value)</value></answer>")
        },
    ]

    /// What one entry gives: its rendered part of the output, or its messages without their locations
    /// (and without the line numbers some messages cite, which count from the start of their document).
    static func outcome(_ result: Result<String, CrossroadsError>) -> BatchTests.Outcome {
        switch result {
        case .success(let text): .report(text)
        case .failure(.invalid(_, let diagnostics)):
            .refused(diagnostics.map { $0.message.replacing(/at line [0-9]+/, with: "at line N") })
        case .failure(let error): .refused([error.description])
        }
    }

    /// Property: with any one of the mutations applied to some of the sets, the batch gives, for every set
    /// and in every format, exactly what the set alone gives, on one thread or two; the fast path takes
    /// exactly the sets it should.
    @Test(arguments: mutations)
    func aBatchGivesWhatEachSetAloneGives(mutation: Mutation) async throws {
        let assessment = try #require(Self.assessment)
        await propertyCheck(count: 3, input: Gen<UInt64>.value(), Gen<Int>.value(in: 1...3)) { seed, count in
            var random = RandomAnswerSets.SplitMix(state: seed)
            var mutated: [Bool] = []
            let documents = RandomAnswerSets.documents(assessment, seed: seed, count: count).map { document in
                let changed = random.below(2) == 0 ? mutation.apply(document, assessment) : document
                mutated.append(changed != document)
                return changed
            }
            guard let file = try? BatchTests.temporaryFile(RandomAnswerSets.batch(documents)) else {
                Issue.record("could not write a temporary file")
                return
            }
            defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }

            // Which sets the fast path took: every set as generated, and a mutated one only if still plain.
            let plainSets = AnswersBatch([file.path]).map { entry -> Bool in
                if case .set(let document) = entry.content { return document.plain() != nil }
                return false
            }
            #expect(plainSets == mutated.map { !$0 || mutation.plain }, "\(mutation), seed \(seed)")

            // CSV rows come from the summary, text reports from the full result.
            for format in [BatchReport.Format.csv, .text] {
                let report = BatchReport(format: format, date: "2026-11-27", width: 72, assessments: [assessment])
                let alone = documents.enumerated().map { offset, document in
                    Self.outcome(
                        Result { () throws(CrossroadsError) -> String in
                            let (answers, assessment) = try AnswersReader.read(text: document, path: file.path)
                            return try report.render(
                                assessment.score(answers), source: file.path, index: offset + 1, id: "r\(offset + 1)")
                        })
                }
                for jobs in [1, 2] {
                    var batched: [BatchTests.Outcome] = []
                    AnswersBatch([file.path]).process(
                        jobs: jobs, transform: { Self.outcome(report.render($0)) },
                        deliver: { _, outcome in
                            batched.append(outcome)
                            return true
                        })
                    #expect(batched == alone, "\(mutation), \(format), jobs \(jobs), seed \(seed)")
                }
            }
        }
    }

    /// A set the fast path took and the check then refused is located, like any other, in the batch
    /// document: the `<answer>` at fault, by line and column.
    @Test func aRefusedPlainSetIsLocatedAtItsAnswer() throws {
        let assessment = try #require(Self.assessment)
        var documents = RandomAnswerSets.documents(assessment, seed: 9, count: 2)
        documents[1] = Self.appending(documents[1], "    <answer item=\"no.such.item\" state=\"declined\"/>")
        let text = RandomAnswerSets.batch(documents)
        let file = try BatchTests.temporaryFile(text)
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let lines = text.components(separatedBy: "\n")
        let line = try #require(lines.firstIndex { $0.contains("no.such.item") }) + 1
        let entries = Array(AnswersBatch([file.path]))
        guard case .set(let document) = entries[1].content else {
            Issue.record("the second set is not an answer set")
            return
        }
        #expect(document.plain() != nil)
        guard case .failure(.invalid(_, let diagnostics)) = entries[1].score() else {
            Issue.record("the second set was not refused")
            return
        }
        #expect(diagnostics.map(\.location) == [SourceLocation(file: file.path, line: line, column: 5)])
    }

    /// Property: over random assessments (adversarial ones too: every other outcome's rule always holds,
    /// with a huge priority) and random answers, the summary a table row is made from chooses what the full
    /// result chooses, so a raised critical safety flag puts safety first in a CSV row as in a report.
    @Test func theSummaryEqualsTheFullResultForRandomAssessments() async {
        await propertyCheck(count: 1500, input: RandomAssessments.cases(adversarial: true)) { testCase in
            let scorer = Scorer(testCase.assessment)
            let result = scorer.score(testCase.answers)
            let summary = scorer.summary(visibility: scorer.visibility(for: testCase.answers))
            #expect(summary.outcome == result.outcome)
            #expect(summary.outcome.isSafety == result.flags.contains(where: \.flag.isSafetyCritical))
            #expect(summary.flags == result.flags)
            #expect(summary.scales.map(\.score) == result.scales.map(\.score))
            #expect(summary.scales.map(\.status) == result.scales.map(\.status))
            let table = CSVReport(assessments: [testCase.assessment])
            #expect(table.row(summary, source: "s", index: nil, id: nil) == table.row(result, source: "s"))
        }
        await propertyCheck(count: 1500, input: RandomAssessments.mixedCases) { testCase in
            let scorer = Scorer(testCase.assessment)
            let result = scorer.score(testCase.answers)
            let summary = scorer.summary(visibility: scorer.visibility(for: testCase.answers))
            #expect(summary.outcome == result.outcome)
            #expect(summary.scales.map(\.band) == result.scales.map(\.band))
            let table = CSVReport(assessments: [testCase.assessment])
            #expect(table.row(summary, source: "s", index: nil, id: nil) == table.row(result, source: "s"))
        }
    }

    /// The summary a table row is made from is the full result's, part for part, for random answers.
    @Test func theSummaryEqualsTheFullResult() async throws {
        let assessment = try #require(Self.assessment)
        let scorer = Scorer(assessment)
        let table = CSVReport(assessments: [assessment])
        await propertyCheck(count: 200, input: Gen<UInt64>.value()) { seed in
            for document in RandomAnswerSets.documents(assessment, seed: seed, count: 3) {
                guard let (answers, _) = try? AnswersReader.read(text: document, for: assessment) else { continue }
                let visibility = scorer.visibility(for: answers)
                let summary = scorer.summary(visibility: visibility)
                let result = scorer.score(answers)
                #expect(summary.outcome == result.outcome)
                #expect(summary.flags == result.flags)
                #expect(summary.scales.map(\.score) == result.scales.map(\.score))
                #expect(summary.scales.map(\.status) == result.scales.map(\.status))
                #expect(summary.scales.map(\.band) == result.scales.map(\.band))
                #expect(summary.scales.map(\.raw) == result.scales.map(\.raw))
                #expect(
                    table.row(summary, source: "s", index: 1, id: "i") == table.row(result, source: "s", index: 1, id: "i"))
            }
        }
    }
}
