/// Turns byte offsets in a UTF-8 document into 1-based lines and character columns.
///
/// - Complexity: building the table is linear in the document. A lookup finds its line by binary search and
///   counts characters from the nearest known point on that line: the line's start, or the previous lookup
///   when it was earlier on the same line. A parser asks in document order, so the columns of every
///   element of a document written on one line cost one pass over that line, not one pass per element.
struct LineTable: Sendable {
    private let bytes: [UInt8]
    private let lineStarts: [Int]
    /// The previous lookup: its byte offset, line index and column.
    private var cursor: (offset: Int, line: Int, column: Int) = (0, 0, 1)
    /// How many bytes lookups have counted over, in all (what `LineTableTests` checks is linear).
    private(set) var bytesCounted = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(index + 1)
        }
        self.lineStarts = starts
    }

    /// The location of the byte at `offset`.
    mutating func location(ofByte offset: Int, in file: String) -> SourceLocation {
        let offset = min(max(offset, 0), bytes.count)
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        var column = 1
        var index = lineStarts[low]
        if cursor.line == low && cursor.offset <= offset {
            column = cursor.column
            index = cursor.offset
        }
        bytesCounted += offset - index
        bytes.withUnsafeBufferPointer { buffer in
            while index < offset {
                if buffer[index] & 0b1100_0000 != 0b1000_0000 { column += 1 }
                index += 1
            }
        }
        cursor = (offset, low, column)
        return SourceLocation(file: file, line: low + 1, column: column)
    }

    /// The index of the last `byte` strictly before `offset` (the bytes looked at count in ``bytesCounted``).
    mutating func lastIndex(of byte: UInt8, before offset: Int) -> Int? {
        let end = max(min(offset, bytes.count), 0)
        let found = bytes.withUnsafeBufferPointer { buffer -> Int? in
            var index = end - 1
            while index >= 0 {
                if buffer[index] == byte { return index }
                index -= 1
            }
            return nil
        }
        // Every byte looked at: from just before `offset` down to the one found, or all of them.
        bytesCounted += end - (found ?? 0)
        return found
    }
}
