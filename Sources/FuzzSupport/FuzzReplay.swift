// Shared by the fuzz targets: in a normal (non-fuzzing) build, each target replays the files named on
// its command line through the same function libFuzzer calls, so a crash file can be reproduced and
// debugged without the fuzzer.
#if canImport(Glibc)
    import Glibc
#endif

/// Replays input files through a fuzz target's entry point.
public enum FuzzReplay {
    /// Calls `body` with the bytes of each file named on the command line; exits 64 without files, 66 when
    /// one can't be opened.
    public static func run(_ body: (UnsafePointer<UInt8>, Int) -> CInt) {
        let paths = CommandLine.arguments.dropFirst()
        if paths.isEmpty {
            say(
                "usage: \(CommandLine.arguments.first ?? "fuzz") FILE...  (replays inputs through the fuzz target)\n", 2
            )
            exit(64)
        }
        for path in paths {
            let descriptor = open(path, O_RDONLY)
            guard descriptor >= 0 else {
                say("cannot open \(path)\n", 2)
                exit(66)
            }
            var bytes: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count <= 0 { break }
                bytes.append(contentsOf: chunk[0..<count])
            }
            close(descriptor)
            let size = bytes.count
            if bytes.isEmpty { bytes = [0] }
            _ = bytes.withUnsafeBufferPointer { buffer in
                buffer.baseAddress.map { body($0, size) }
            }
            say("ok \(path)\n", 1)
        }
    }

    private static func say(_ text: String, _ descriptor: Int32) {
        _ = Array(text.utf8).withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }
}
