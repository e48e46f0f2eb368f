/// A decimal number with at most four places, held exactly as a whole number of ten-thousandths.
///
/// Every weight, score, band bound and flag threshold is one of these, so sums and comparisons are exact:
/// `0.7 + 0.1 == 0.8` holds, and ten weights of `0.1` add up to exactly `1`. The questionnaire schema allows
/// at most 12 digits with 4 after the point, so no sum a valid file can produce comes near the limits of the
/// representation; arithmetic on values built in code beyond ±``FixedDecimal/max`` saturates at the limit
/// rather than wrapping or trapping.
public struct FixedDecimal: Sendable, Hashable, Comparable, CustomStringConvertible, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral
{
    /// How many units make one: 10 000 (four decimal places).
    public static let unitsPerOne: Int64 = 10_000
    /// The number of decimal places held.
    public static let places = 4
    /// The largest value held: 922 337 203 685 477.5807.
    public static let max = FixedDecimal(units: Int64.max)
    /// The smallest value held (the negative of ``max``).
    public static let min = FixedDecimal(units: -Int64.max)
    /// Zero.
    public static let zero = FixedDecimal(units: 0)

    /// The value in ten-thousandths (`0.8` is `8000`).
    public let units: Int64

    /// Creates a value from a count of ten-thousandths, clamped to ±``max``.
    public init(units: Int64) {
        self.units = units == Int64.min ? -Int64.max : units
    }

    /// Creates a whole number, clamped to ±``max``.
    public init(_ integer: Int) {
        let (product, overflow) = Int64(integer).multipliedReportingOverflow(by: Self.unitsPerOne)
        self.init(units: overflow ? (integer < 0 ? -Int64.max : Int64.max) : product)
    }

    /// Creates a whole number from an integer literal.
    public init(integerLiteral value: Int) {
        self.init(value)
    }

    /// Creates a value from a decimal literal such as `0.1`, rounded to four places (half away from zero).
    ///
    /// A literal with at most four decimal places is held exactly.
    public init(floatLiteral value: Double) {
        self.init(rounding: value)
    }

    /// Creates a value from a binary floating-point number, rounded to four places (half away from zero);
    /// NaN is 0 and infinities are clamped to ±``max``.
    public init(rounding value: Double) {
        guard !value.isNaN else {
            self.init(units: 0)
            return
        }
        let scaled = (value * Double(Self.unitsPerOne)).rounded(.toNearestOrAwayFromZero)
        if scaled >= 9.2e18 {
            self.init(units: Int64.max)
        } else if scaled <= -9.2e18 {
            self.init(units: -Int64.max)
        } else {
            self.init(units: Int64(scaled))
        }
    }

    /// Reads decimal text exactly: an optional sign, digits, and optionally a point with at most four digits
    /// (`12`, `-0.25`, `+3.`, `.5`). `nil` for anything else, for more than four decimal places, or for a
    /// value beyond ±``max``.
    public init?(_ text: String) {
        var scalars = Substring(text)
        var negative = false
        if let first = scalars.first, first == "-" || first == "+" {
            negative = first == "-"
            scalars = scalars.dropFirst()
        }
        let parts = scalars.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts.first ?? ""
        var fraction = parts.count > 1 ? parts[1] : ""
        guard !(whole.isEmpty && fraction.isEmpty), whole.allSatisfy(\.isASCIIDigit),
            fraction.allSatisfy(\.isASCIIDigit)
        else { return nil }
        // Trailing zeros beyond the fourth place change nothing.
        while fraction.count > Self.places, fraction.last == "0" { fraction = fraction.dropLast() }
        guard fraction.count <= Self.places else { return nil }
        var units: Int64 = 0
        for digit in whole.drop(while: { $0 == "0" }) {
            let (times, overflow1) = units.multipliedReportingOverflow(by: 10)
            let (plus, overflow2) = times.addingReportingOverflow(Int64(digit.asciiValue ?? 48) - 48)
            guard !overflow1, !overflow2 else { return nil }
            units = plus
        }
        let padded = fraction + String(repeating: "0", count: Self.places - fraction.count)
        let (scaled, overflow1) = units.multipliedReportingOverflow(by: Self.unitsPerOne)
        let (total, overflow2) = scaled.addingReportingOverflow(Int64(padded) ?? 0)
        guard !overflow1, !overflow2 else { return nil }
        self.init(units: negative ? -total : total)
    }

    /// The value as text with no exponent, no trailing zeros and `-` for negatives (`0.8`, `-12`, `1.0625`).
    public var description: String {
        if units == 0 { return "0" }
        let magnitude = units.magnitude
        let whole = magnitude / UInt64(Self.unitsPerOne)
        let fraction = magnitude % UInt64(Self.unitsPerOne)
        var text = (units < 0 ? "-" : "") + String(whole)
        if fraction != 0 {
            var digits = String(fraction)
            digits = String(repeating: "0", count: Self.places - digits.count) + digits
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        return text
    }

    /// The nearest binary floating-point number (for positions on a bar, never for decisions).
    public var doubleValue: Double { Double(units) / Double(Self.unitsPerOne) }

    /// Whether the value is a whole number.
    public var isWhole: Bool { units % Self.unitsPerOne == 0 }

    /// The sum, clamped to ±``max``.
    public static func + (lhs: FixedDecimal, rhs: FixedDecimal) -> FixedDecimal {
        let (sum, overflow) = lhs.units.addingReportingOverflow(rhs.units)
        if overflow { return rhs.units > 0 ? .max : .min }
        return FixedDecimal(units: sum)
    }

    /// The difference, clamped to ±``max``.
    public static func - (lhs: FixedDecimal, rhs: FixedDecimal) -> FixedDecimal {
        lhs + (-rhs)
    }

    /// The negative.
    public static prefix func - (value: FixedDecimal) -> FixedDecimal {
        FixedDecimal(units: -value.units)
    }

    /// Adds in place, clamped to ±``max``.
    public static func += (lhs: inout FixedDecimal, rhs: FixedDecimal) {
        lhs = lhs + rhs
    }

    /// Subtracts in place, clamped to ±``max``.
    public static func -= (lhs: inout FixedDecimal, rhs: FixedDecimal) {
        lhs = lhs - rhs
    }

    /// Orders by value.
    public static func < (lhs: FixedDecimal, rhs: FixedDecimal) -> Bool {
        lhs.units < rhs.units
    }

    /// The sum of a sequence, clamped to ±``max``.
    static func sum<S: Sequence>(_ values: S) -> FixedDecimal where S.Element == FixedDecimal {
        values.reduce(.zero, +)
    }

    /// `base + numerator × factor ÷ divisor`, computed exactly and rounded once by `rule` (to four places
    /// for ``Rounding/none``, to a whole number otherwise). `divisor` must be positive.
    static func affine(
        base: FixedDecimal, numerator: FixedDecimal, factor: FixedDecimal, divisor: FixedDecimal, rule: Rounding
    ) -> FixedDecimal {
        let scale = Int128(unitsPerOne)
        let divisorUnits = Int128(divisor.units)
        guard divisorUnits > 0 else { return base }
        // Everything in units: base·d + n·f, over d, is the result in units.
        let top = Int128(base.units) * divisorUnits + Int128(numerator.units) * Int128(factor.units)
        let units: Int128
        switch rule {
        case .none:
            units = rule.divide(top, divisorUnits)
        default:
            units = rule.divide(top, divisorUnits * scale) * scale
        }
        if units > Int128(Int64.max) { return .max }
        if units < -Int128(Int64.max) { return .min }
        return FixedDecimal(units: Int64(units))
    }
}

extension FixedDecimal {
    /// How a prorated score is rounded.
    public enum Rounding: String, Sendable, Hashable, CaseIterable {
        /// Not to a whole number: the exact value kept to four decimal places, the fifth rounded half to even.
        case none
        /// To a whole number; a half goes up, toward the higher number (`4.5` → `5`, `-4.5` → `-4`).
        case halfUp = "half-up"
        /// To a whole number; a half goes to the even neighbour (`4.5` → `4`, `5.5` → `6`).
        case halfEven = "half-even"
        /// To a whole number; always down, toward the lower number (`4.9` → `4`, `-4.1` → `-5`).
        case down

        /// `numerator ÷ denominator` rounded to an integer by this rule (`none` rounds half to even).
        func divide(_ numerator: Int128, _ denominator: Int128) -> Int128 {
            var quotient = numerator / denominator
            var remainder = numerator % denominator
            // Make the remainder non-negative so the quotient is the floor.
            if remainder < 0 {
                quotient -= 1
                remainder += denominator
            }
            let twice = remainder * 2
            switch self {
            case .down:
                return quotient
            case .halfUp:
                return twice >= denominator ? quotient + 1 : quotient
            case .halfEven, .none:
                if twice > denominator { return quotient + 1 }
                if twice < denominator { return quotient }
                return quotient % 2 == 0 ? quotient : quotient + 1
            }
        }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) && isASCII }
}
