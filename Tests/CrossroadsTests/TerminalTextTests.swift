import Foundation
import Testing

@testable import Crossroads

@Suite("TerminalText: one sanitiser for everything printed; XML keeps controls as references")
struct TerminalTextTests {
    @Test(
        "Controls are rendered visibly; line feeds, tabs and CR LF are kept; clean text is returned as it is",
        arguments: [
            ("plain text, café 🙂", "plain text, café 🙂"),
            ("line\nbreak\ttab", "line\nbreak\ttab"),
            ("crlf\r\nend", "crlf\r\nend"),
            ("lone\rcr", "lone\\u{D}cr"),
            ("\u{1B}]0;owned\u{7}\u{1B}[2J", "\\u{1B}]0;owned\\u{7}\\u{1B}[2J"),
            ("nul\u{0}del\u{7F}", "nul\\u{0}del\\u{7F}"),
            ("c1\u{80}\u{85}\u{9B}\u{9F}", "c1\\u{80}\\u{85}\\u{9B}\\u{9F}"),
            ("bidi\u{200E}\u{200F}\u{202A}\u{202B}\u{202C}\u{202D}\u{202E}", "bidi\\u{200E}\\u{200F}\\u{202A}\\u{202B}\\u{202C}\\u{202D}\\u{202E}"),
            ("isolates\u{2066}\u{2067}\u{2068}\u{2069}\u{61C}", "isolates\\u{2066}\\u{2067}\\u{2068}\\u{2069}\\u{61C}"),
            ("near misses \u{2010}\u{2029}\u{202F}\u{2065}\u{206A}\u{A0}", "near misses \u{2010}\u{2029}\u{202F}\u{2065}\u{206A}\u{A0}"),
        ])
    func rendering(_ input: String, _ expected: String) {
        #expect(TerminalText.clean(input) == expected)
        #expect(TerminalText.clean(expected) == expected, "cleaning twice changes nothing")
    }

    @Test("The byte-level check agrees with the scalar rule for every scalar up to U+3000")
    func byteCheckAgreesWithTheRule() {
        for value in UInt32(0)...0x3000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "a" + String(Character(scalar)) + "b"
            let expected = value != 0x0A && value != 0x09 && TerminalText.isControl(scalar)
            if TerminalText.needsCleaning(text) != expected {
                Issue.record("U+\(String(value, radix: 16)): needsCleaning \(!expected)")
            }
        }
    }

    @Test("TextLayout (reports, take) renders controls the same way, bidirectional ones included")
    func textLayoutUsesIt() {
        #expect(TextLayout.clean("a\u{202E}b\u{1B}[2Jc\u{9B}") == "a\\u{202E}b\\u{1B}[2Jc\\u{9B}")
        #expect(TextLayout.wrap("x\u{2066}y", width: 40) == ["x\\u{2066}y"])
    }

    @Test("Diagnostics and errors describe themselves terminal-safe")
    func diagnosticsAreClean() {
        let diagnostic = Diagnostic(
            .error, "bad value '\u{9B}2J'", at: SourceLocation(file: "a\u{1B}[2J.xml", line: 1, column: 2))
        #expect(diagnostic.description == "a\\u{1B}[2J.xml:1:2: error: bad value '\\u{9B}2J'")
        let error = CrossroadsError.unwritable(path: "r\u{202E}.txt", reason: "x")
        #expect(error.description == "r\\u{202E}.txt: error: cannot write this file: x")
    }

    @Test("XML output keeps C1 and bidirectional controls as data, written as character references")
    func xmlKeepsThemAsReferences() throws {
        let note = "A\u{202E}B\u{85}C\u{2069}D"
        let xml = try XMLWriter.document { writer in
            try writer.element("r", attributes: [("a", note)], text: note)
        }
        #expect(TerminalText.clean(xml) == xml, "no control is left raw: \(xml)")
        #expect(xml.contains("A&#x202E;B&#x85;C&#x2069;D"), "\(xml)")
        // Read back, the references are the characters themselves.
        let parsed = SafeXMLReader.read(
            Array(xml.utf8), path: "r.xml", schema: CompiledSchema.report,
            roots: [SafeXMLReader.Root(namespace: "", name: "r")], kind: "test")
        let texts = parsed.diagnostics.map(\.message)
        #expect(!texts.contains { $0.contains("well-formed") }, "\(texts)")
    }
}
