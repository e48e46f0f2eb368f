import Testing

@testable import Crossroads

@Suite("Line and column lookups cost work linear in the document")
struct LineTableTests {
    @Test("Every element of a document written on one line: one pass over the line in all")
    func oneLineInDocumentOrder() {
        let count = 100_000
        let bytes = Array(String(repeating: "<a/>", count: count).utf8)
        var table = LineTable(bytes)
        for index in 0..<count {
            let location = table.location(ofByte: index * 4, in: "f.xml")
            #expect(location.line == 1)
            if location.column != index * 4 + 1 {
                Issue.record("column \(location.column) for byte \(index * 4)")
                break
            }
        }
        #expect(table.bytesCounted <= bytes.count, "counted \(table.bytesCounted) bytes for \(bytes.count)")
    }

    @Test("Columns count characters, lines restart the count, and a lookup backwards is still right")
    func charactersAndLines() {
        var table = LineTable(Array("ab\u{E9}c\nxy\u{1F600}z".utf8))
        #expect(table.location(ofByte: 4, in: "f").column == 4)  // c after a two-byte é
        #expect(table.location(ofByte: 7, in: "f") == SourceLocation(file: "f", line: 2, column: 2))
        #expect(table.location(ofByte: 12, in: "f") == SourceLocation(file: "f", line: 2, column: 4))
        #expect(table.location(ofByte: 1, in: "f") == SourceLocation(file: "f", line: 1, column: 2))
    }
}
