/// Skipping printable ASCII eight bytes at a time, for the byte checks that run over whole reports and
/// outputs (``TerminalText``'s and the XML writer's): a run of printable ASCII (U+0020–U+007E) is never a
/// control character, never part of a multi-byte sequence, and never a character XML cannot hold.
enum ASCIIScan {
    /// The offset of the first 8-byte block, from `start` on, that holds a byte outside U+0020–U+007E
    /// (or the offset where fewer than eight bytes remain). Every byte before it is printable ASCII.
    static func skipPrintable(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = bytes.baseAddress else { return start }
        var offset = start
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        while offset + 8 <= bytes.count {
            let word = UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)
            // A byte below 0x20 (bit-twiddling "hasless(word, 0x20)"), or above 0x7E ("hasmore(word, 0x7E)").
            let below = (word &- ones &* 0x20) & ~word & highs
            let above = ((word &+ ones &* (127 - 0x7E)) | word) & highs
            if below | above != 0 { break }
            offset += 8
        }
        return offset
    }
}
