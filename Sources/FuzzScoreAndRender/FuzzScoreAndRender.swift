// libFuzzer target: read answers, score them, render the text report (at a width taken from the input)
// and the XML report, check the XML report against the report schema, and make the HTML page from it.
// Build and run with .ci/fuzz; a normal build makes a replayer: FuzzScoreAndRender FILE...
import Crossroads
import FuzzSupport

private let assessment = try? Assessment.bundled()

/// libFuzzer's entry point: reads answers, scores them, renders both reports and checks the invariants.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScoreAndRender(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let (answers, assessment) = try? AnswersReader.read(bytes: bytes, path: "fuzz.xml", for: assessment) else {
        return 0
    }
    let result = assessment.score(answers)
    let width = 20 + Int(bytes.last ?? 60) % 120
    let text = TextReport(result, date: "2026-11-27").render(width: width)
    precondition(!text.isEmpty, "empty text report")
    if result.isSafetyFirst {
        precondition(result.outcome.isSafety, "safety flag without the safety outcome")
    }
    if let xml = try? XMLReport(result, date: "2026-11-27").render() {
        let problems = Validator.checkReport(xml)
        precondition(problems.isEmpty, "XML report does not match report.xsd: \(problems)")
        // The page made from it: made, with no script, and opening with safety whenever the report does.
        guard let page = try? HTMLReport(xml: xml).render() else {
            preconditionFailure("the HTML page could not be made from a valid XML report")
        }
        precondition(!page.lowercased().contains("<script"), "the HTML page holds a script element")
        if result.isSafetyFirst {
            precondition(page.contains("<h1 id=\"safety-heading\">"), "safety-first page without its safety section")
        }
    } else {
        preconditionFailure("the XML report could not be rendered")
    }
    return 0
}

#if !FUZZING
    @main
    enum Replay {
        static func main() { FuzzReplay.run(fuzzScoreAndRender) }
    }
#endif
