/// The one definition of a locale Crossroads accepts and writes (`en_GB.UTF-8`, `en-GB`, `nb_NO@euro`):
/// what the answers schema's `Locale` type says, checked the same way in Swift.
///
/// ``pattern`` is the schema's pattern, character for character (a test reads it from `answers.xsd` and
/// compares); ``isValid(_:)`` matches exactly the strings it matches. A locale that does not fit (`en_`,
/// `Norwegian_Bokmal`, anything with a control character) is never written into an answers file, so every
/// file Crossroads saves is one it can read again.
public enum LocaleName {
    /// The `xs:pattern` of the `Locale` type in `Reports/answers.xsd`.
    public static let pattern = #"[A-Za-z]{1,8}([_\-][A-Za-z0-9]{1,8})*(\.[A-Za-z0-9\-]{1,20})?(@[A-Za-z0-9]{1,20})?"#

    /// Whether `text` matches ``pattern`` as a whole: 1–8 ASCII letters; then any number of parts, each
    /// `_` or `-` and 1–8 ASCII letters or digits; then optionally `.` and 1–20 letters, digits or `-` (a
    /// codeset); then optionally `@` and 1–20 letters or digits (a modifier).
    public static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var index = 0
        func run(_ member: (UInt8) -> Bool, _ least: Int, _ most: Int) -> Bool {
            let start = index
            while index < bytes.count && member(bytes[index]) { index += 1 }
            return (least...most).contains(index - start)
        }
        guard run(isLetter, 1, 8) else { return false }
        while index < bytes.count && (bytes[index] == UInt8(ascii: "_") || bytes[index] == UInt8(ascii: "-")) {
            index += 1
            guard run(isLetterOrDigit, 1, 8) else { return false }
        }
        if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard run({ isLetterOrDigit($0) || $0 == UInt8(ascii: "-") }, 1, 20) else { return false }
        }
        if index < bytes.count && bytes[index] == UInt8(ascii: "@") {
            index += 1
            guard run(isLetterOrDigit, 1, 20) else { return false }
        }
        return index == bytes.count
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        isLetter(byte) || (0x30...0x39).contains(byte)
    }
}
