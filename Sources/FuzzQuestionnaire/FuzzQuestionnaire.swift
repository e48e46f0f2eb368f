// libFuzzer target: the questionnaire/assessment reader with its semantic checks.
// Build and run with .ci/fuzz; a normal build makes a replayer: FuzzQuestionnaire FILE...
import Crossroads
import FuzzSupport

/// One loader for the whole run: making one reads the bundled questionnaires, which `<use>` resolves against.
private let loader = AssessmentLoader()

/// libFuzzer's entry point: loads the bytes as an assessment and, when valid, scores empty answers.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzQuestionnaire(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let assessment = try? loader.load(bytes: bytes, path: "fuzz.xml") {
        // A valid assessment must also survive scoring an empty set of answers.
        _ = assessment.score(Answers(for: assessment))
    }
    return 0
}

#if !FUZZING
    @main
    enum Replay {
        static func main() { FuzzReplay.run(fuzzQuestionnaire) }
    }
#endif
