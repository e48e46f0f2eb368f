// libFuzzer target: the answers reader, checked against the bundled assessment.
// Build and run with .ci/fuzz; a normal build makes a replayer: FuzzAnswers FILE...
import Crossroads
import FuzzSupport

private let assessment = try? Assessment.bundled()

/// libFuzzer's entry point: reads the bytes as an answers file for the bundled assessment.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAnswers(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? AnswersReader.read(bytes: bytes, path: "fuzz.xml", for: assessment)
    return 0
}

#if !FUZZING
    @main
    enum Replay {
        static func main() { FuzzReplay.run(fuzzAnswers) }
    }
#endif
