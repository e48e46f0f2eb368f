import Foundation
import PropertyBased
import Testing

@testable import Crossroads

/// The byte fast paths of the text layout and the XML writer give exactly what the scalar and character
/// definitions give, for any text: ASCII (where the fast paths run) and everything else (where they step
/// aside), with controls, bidirectional controls, CR LF, combining marks and clusters.
@Suite("Fast paths: byte scans equal the scalar and character definitions")
struct FastPathTests {
    /// Pieces random texts are made of; the first ones are what the text layout byte paths take (ASCII and a
    /// few typographic marks).
    static let plainPieces = [
        "a", "word", "B", " ", "  ", "\t", "\n", "\r", "\r\n", "\n\r", "\u{0B}", "\u{0C}", "\u{1B}", "\u{0}", "\u{7F}",
        "\u{7}", "x y", "longwordlongwordlongwordlong", ".", "\\u{1B}", "",
        // The typographic marks the byte paths take too.
        "\u{201C}", "\u{201D}", "\u{2018}", "\u{2019}", "\u{2013}", "\u{2014}", "\u{2026}", "“quoted”",
    ]
    static let otherPieces = [
        "\u{85}", "\u{2028}", "\u{2029}", "\u{202E}", "\u{200E}", "\u{2066}", "\u{61C}", "\u{9B}", "\u{80}", "\u{301}",
        "é", "e\u{301}", "—", "\u{600}", "\u{200D}", "👍🏽", "\u{FE0F}", "\u{A0}", "\u{3000}", "\u{FFFE}", "\u{FFFF}",
        "\u{FFFD}", "\u{10000}", "café", "\u{2015}", "\u{2022}", "\u{201E}", "\u{2012}", "\u{2027}", "\u{2010}",
        "\u{2011}", "\u{205F}", "\u{2009}",
    ]
    static let plainScalars: Set<Unicode.Scalar> = [
        "\u{201C}", "\u{201D}", "\u{2018}", "\u{2019}", "\u{2013}", "\u{2014}", "\u{2026}",
    ]

    static func isPlain(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.isASCII || plainScalars.contains($0) }
    }
    static let allPieces = plainPieces + otherPieces
    static let prefixes = ["", "  ", "- ", "    - ", "• ", "\u{600}", "é "]

    static func text(_ choices: [Int], from pieces: [String]) -> String {
        choices.map { pieces[$0 % pieces.count] }.joined()
    }

    static func checkClean(_ text: String) {
        for keep in [false, true] {
            let slow = TextLayout.cleanScalars(text, keepLineBreaks: keep)
            #expect(TextLayout.clean(text, keepLineBreaks: keep) == slow, "\(Array(text.unicodeScalars)) keep \(keep)")
            #expect((TextLayout.cleanASCII(text, keepLineBreaks: keep) != nil) == isPlain(text))
        }
    }

    static func checkTerminal(_ text: String) {
        #expect(TerminalText.clean(text) == TerminalText.cleanScalars(text), "\(Array(text.unicodeScalars))")
        let isASCII = text.utf8.allSatisfy { $0 < 0x80 }
        #expect((TerminalText.cleanASCII(text) != nil) == isASCII)
    }

    static func checkWrap(_ text: String, choices: [Int]) {
        let seed = choices.reduce(choices.count) { $0 &* 31 &+ $1 }
        let width = 20 + abs(seed % 23)
        let first = prefixes[abs(seed / 23) % prefixes.count]
        let rest = prefixes[abs(seed / 7) % prefixes.count]
        // The paragraphs `wrap` hands on (cleaned text), and raw text as it is.
        for keep in [false, true] {
            let cleaned = TextLayout.cleanScalars(text, keepLineBreaks: keep)
            let paragraphs =
                keep ? cleaned.split(separator: "\n", omittingEmptySubsequences: false) : [Substring(cleaned)]
            for paragraph in paragraphs + [Substring(text), Substring(text).dropFirst()] {
                let fast = TextLayout.wrapParagraph(
                    paragraph, width: width, first: first, rest: rest, keepSpacing: keep)
                let slow = TextLayout.wrapParagraphCharacters(
                    paragraph, width: width, first: first, rest: rest, keepSpacing: keep)
                #expect(fast == slow, "\(Array(paragraph.unicodeScalars)) width \(width) keep \(keep)")
            }
        }
    }

    static func checkSanitized(_ text: String) {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            scalars.append(XMLWriter.isXMLCharacter(scalar) ? scalar : XMLWriter.replacementCharacter)
        }
        #expect(XMLWriter.sanitized(text) == String(scalars), "\(Array(text.unicodeScalars))")
    }

    @Test func cleanMatchesTheScalarDefinitionOnPlainText() async {
        await propertyCheck(count: 2000, input: Gen<Int>.value(in: 0...(Self.plainPieces.count - 1)).array(of: 0...24))
        {
            choices in
            Self.checkClean(Self.text(choices, from: Self.plainPieces))
        }
    }

    @Test func cleanMatchesTheScalarDefinitionOnAnyText() async {
        await propertyCheck(count: 2000, input: Gen<Int>.value(in: 0...(Self.allPieces.count - 1)).array(of: 0...24)) {
            choices in
            Self.checkClean(Self.text(choices, from: Self.allPieces))
        }
    }

    @Test func terminalTextMatchesTheScalarDefinition() async {
        await propertyCheck(count: 2000, input: Gen<Int>.value(in: 0...(Self.plainPieces.count - 1)).array(of: 0...24))
        {
            choices in
            Self.checkTerminal(Self.text(choices, from: Self.plainPieces))
        }
        await propertyCheck(count: 2000, input: Gen<Int>.value(in: 0...(Self.allPieces.count - 1)).array(of: 0...24)) {
            choices in
            Self.checkTerminal(Self.text(choices, from: Self.allPieces))
        }
    }

    /// Pieces for the whole-text byte checks: printable ASCII runs of every length around a block of eight,
    /// and the multi-byte sequences the checks look for, with near misses.
    static let scanPieces = [
        "a", "ab", "abc", "abcdefg", "abcdefgh", "abcdefghijklmno", " ", "~", "\u{7E}", "\u{7F}", "\t", "\n", "\r",
        "\u{0}", "\u{1F}", "\u{80}", "\u{9C}", "\u{9F}", "\u{A0}", "é", "\u{61B}", "\u{61C}", "\u{200D}", "\u{200E}",
        "\u{200F}", "\u{2010}", "\u{2029}", "\u{202A}", "\u{202E}", "\u{202F}", "\u{2065}", "\u{2066}", "\u{2069}",
        "\u{206A}", "\u{EFFF}", "\u{FFFD}", "\u{FFFE}", "\u{FFFF}", "\u{1F642}",
    ]

    @Test func wholeTextByteChecksMatchTheByteDefinitions() async {
        await propertyCheck(count: 4000, input: Gen<Int>.value(in: 0...(Self.scanPieces.count - 1)).array(of: 0...30)) {
            choices in
            let text = Self.text(choices, from: Self.scanPieces)
            let scalars = Array(text.unicodeScalars)
            #expect(TerminalText.needsCleaning(text) == TerminalText.needsCleaningBytewise(text), "\(scalars)")
            #expect(
                XMLWriter.mayHoldNonXMLCharacters(text) == XMLWriter.mayHoldNonXMLCharactersBytewise(text), "\(scalars)"
            )
        }
        // Every scalar of the first planes at every offset within a block of eight.
        for value in UInt32(0)...0x3000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            for lead in 0..<9 {
                let text = String(repeating: "x", count: lead) + String(Character(scalar)) + "yz"
                #expect(
                    TerminalText.needsCleaning(text) == TerminalText.needsCleaningBytewise(text), "U+\(value) @\(lead)")
                #expect(
                    XMLWriter.mayHoldNonXMLCharacters(text) == XMLWriter.mayHoldNonXMLCharactersBytewise(text),
                    "U+\(value) @\(lead)")
            }
        }
    }

    @Test func wrapMatchesTheCharacterDefinitionOnPlainText() async {
        await propertyCheck(count: 1500, input: Gen<Int>.value(in: 0...(Self.plainPieces.count - 1)).array(of: 0...40))
        {
            choices in
            Self.checkWrap(Self.text(choices, from: Self.plainPieces), choices: choices)
        }
    }

    @Test func wrapMatchesTheCharacterDefinitionOnAnyText() async {
        await propertyCheck(count: 1500, input: Gen<Int>.value(in: 0...(Self.allPieces.count - 1)).array(of: 0...40)) {
            choices in
            Self.checkWrap(Self.text(choices, from: Self.allPieces), choices: choices)
        }
    }

    @Test func xmlSanitizingMatchesTheScalarDefinition() async {
        await propertyCheck(count: 2000, input: Gen<Int>.value(in: 0...(Self.allPieces.count - 1)).array(of: 0...24)) {
            choices in
            Self.checkSanitized(Self.text(choices, from: Self.allPieces))
        }
        for value in UInt32(0)...0x3000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            Self.checkSanitized("a" + String(Character(scalar)) + "b")
        }
        for value in UInt32(0xFFF0)...0x1_0010 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            Self.checkSanitized(String(Character(scalar)))
        }
    }

    @Test("Examples: the fast paths keep the sanitising guarantees")
    func examples() {
        #expect(TextLayout.clean("  a \t b\r\nc\u{1B}[2J  ") == "a b c\\u{1B}[2J")
        #expect(TextLayout.clean("a\r\nb\rc\u{0B}d\u{7F}", keepLineBreaks: true) == "a\nb\nc d\\u{7F}")
        #expect(TextLayout.clean("plain words") == "plain words")
        #expect(
            TextLayout.wrap("one two three four five six seven", width: 20, first: "- ", rest: "  ")
                == ["- one two three four", "  five six seven"])
        #expect(TerminalText.clean("a,b\r\nc\rd\u{1B}[0m\r") == "a,b\r\nc\\u{D}d\\u{1B}[0m\\u{D}")
        #expect(XMLWriter.sanitized("a\u{0}b\u{FFFE}c\tok") == "a\u{FFFD}b\u{FFFD}c\tok")
    }
}
