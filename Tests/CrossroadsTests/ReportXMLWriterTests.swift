import Testing

@testable import Crossroads

@Suite("XMLWriter")
struct ReportXMLWriterTests {
    @Test func writesAnIndentedUTF8DocumentWithANamespace() throws {
        let xml = try XMLWriter.document { w in
            try w.element("root", namespace: "urn:example:1", attributes: [("id", "a"), ("skip", nil), ("n", "2")]) {
                try w.element("child", text: "text")
                try w.element("empty")
                try w.optionalElement("absent", text: nil)
            }
        }
        #expect(
            xml == """
                <?xml version="1.0" encoding="UTF-8"?>
                <root xmlns="urn:example:1" id="a" n="2">
                  <child>text</child>
                  <empty/>
                </root>

                """)
    }

    @Test func escapesMarkupInTextAndAttributes() throws {
        let xml = try XMLWriter.document { w in
            try w.element("a", attributes: [("v", "\"<&>'\n")], text: "<b>&amp;</b> ]]>")
        }
        #expect(xml.contains("<a v=\"&quot;&lt;&amp;&gt;'&#10;\">&lt;b&gt;&amp;amp;&lt;/b&gt; ]]&gt;</a>"))
    }

    @Test(
        "Characters outside XML 1.0 Char are replaced",
        arguments: [
            ("a\u{0}b", "a\u{FFFD}b"),
            ("\u{1}\u{8}\u{B}\u{C}\u{1F}", "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}"),
            ("tab\tlf\ncr\r", "tab\tlf\ncr\r"),
            ("\u{FFFE}\u{FFFF}\u{FFFD}", "\u{FFFD}\u{FFFD}\u{FFFD}"),
            ("é 🙂 \u{7F} \u{85} \u{D7FF} \u{E000} \u{10FFFF}", "é 🙂 \u{7F} \u{85} \u{D7FF} \u{E000} \u{10FFFF}"),
        ])
    func sanitized(input: String, expected: String) {
        #expect(XMLWriter.sanitized(input) == expected)
    }

    @Test func everyStringItWritesIsSanitized() throws {
        let bad = "x\u{0}\u{1}\u{1B}\u{FFFF}y"
        let xml = try XMLWriter.document { w in
            try w.element("r\u{1}", attributes: [("a", bad)]) {
                try w.text(bad)
                try w.comment("c -- \(bad) -")
            }
        }
        #expect(!xml.unicodeScalars.contains { !XMLWriter.isXMLCharacter($0) })
        #expect(xml.contains("x\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}y"))
        #expect(xml.contains("<!--c - - x"))
        // It parses (no schema is needed to be well formed; the report schema simply rejects the root).
        let problems = SafeXMLReader.validate(
            xml, path: "w.xml", schema: CompiledSchema.report,
            roots: [SafeXMLReader.Root(namespace: "", name: "r\u{FFFD}")], kind: "test")
        #expect(!problems.contains { $0.message.contains("well-formed") })
    }

    @Test(
        "Decimals are deterministic, with at most four places",
        arguments: [
            (0.0, "0"), (-0.0, "0"), (1.0, "1"), (-2.5, "-2.5"), (1.0 / 3.0, "0.3333"), (2.0 / 3.0, "0.6667"),
            (0.00004, "0"), (0.00005, "0.0001"), (-0.00005, "-0.0001"), (123456.78901, "123456.789"),
            (1e15, "1000000000000000"), (0.1 + 0.2, "0.3"), (10.05, "10.05"),
        ])
    func decimals(value: Double, expected: String) {
        #expect(XMLWriter.decimal(value) == expected)
    }

    @Test func decimalsRefuseWhatXMLSchemaCannotHold() {
        #expect(XMLWriter.decimal(.nan) == nil)
        #expect(XMLWriter.decimal(.infinity) == nil)
        #expect(XMLWriter.decimal(-.infinity) == nil)
        #expect(XMLWriter.decimal(1.23456, fractionDigits: 2) == "1.23")
        #expect(XMLWriter.decimal(7.5, fractionDigits: 0) == "8")
    }

    @Test func misuseThrowsInsteadOfCrashing() throws {
        let writer = try XMLWriter()
        #expect(throws: XMLWriter.Failure.self) { try writer.endElement() }
        try writer.startElement("a")
        _ = try writer.finish()
        #expect(throws: XMLWriter.Failure.self) { try writer.text("late") }
        #expect(throws: XMLWriter.Failure.self) { try writer.finish() }
    }

    @Test func finishClosesOpenElements() throws {
        let writer = try XMLWriter(indent: false)
        try writer.startElement("a")
        try writer.startElement("b")
        let xml = try writer.finish()
        #expect(xml == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a><b/></a>\n")
    }
}
