// Decimal integer rendering and the shared digit tables of `TextRendering`.

/// Allocation-free text renderers for every Parquet value, appending into an ``OutputBuffer``.
///
/// The rules are those of `shared/RENDERING.md`: exact integers, shortest round-trip floating point,
/// exact decimals, ISO 8601 dates and times with the unit's fraction digits, RFC 8259 strings, RFC 4180
/// CSV fields, base64 and lowercase UUIDs. No function allocates per value.
public enum TextRendering {}

/// The unit of a TIME or TIMESTAMP value.
public enum TimeUnit: Sendable, Hashable {
    case milliseconds
    case microseconds
    case nanoseconds

    /// Units in one second.
    @inlinable public var perSecond: Int64 {
        switch self {
        case .milliseconds: 1_000
        case .microseconds: 1_000_000
        case .nanoseconds: 1_000_000_000
        }
    }

    /// Fraction digits written for this unit (3, 6 or 9).
    @inlinable public var fractionDigits: Int {
        switch self {
        case .milliseconds: 3
        case .microseconds: 6
        case .nanoseconds: 9
        }
    }
}

/// How NaN and infinities are written.
public enum NonFiniteStyle: Sendable, Hashable {
    /// JSON: `null` for NaN and both infinities.
    case null
    /// CSV: `nan`, `inf`, `-inf` (as DuckDB and pyarrow write them).
    case text
}

extension TextRendering {
    /// "00" "01" … "99": two ASCII digits per entry.
    @inlinable static var digitPairs: UnsafePointer<UInt8> {
        let table: StaticString = "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"
        return table.utf8Start
    }

    /// Number of decimal digits of `value` (1 for 0), without a loop: the bit length gives
    /// ⌊log10⌋ or one less (1233 / 4096 ≈ log10 2), and one comparison decides.
    @inlinable @inline(__always)
    static func decimalDigitCount(_ value: UInt64) -> Int {
        let v = value | 1  // same digit count; zero counts as one digit
        let guess = ((64 &- v.leadingZeroBitCount) &* 1233) &>> 12  // 0 ... 19
        return guess &+ (v >= powerOfTen(guess) ? 1 : 0)
    }

    /// 10^`exponent` for 0 ... 19 (a switch of constants, compiled to a table lookup).
    @inlinable @inline(__always)
    static func powerOfTen(_ exponent: Int) -> UInt64 {
        switch exponent {
        case 0: 1
        case 1: 10
        case 2: 100
        case 3: 1_000
        case 4: 10_000
        case 5: 100_000
        case 6: 1_000_000
        case 7: 10_000_000
        case 8: 100_000_000
        case 9: 1_000_000_000
        case 10: 10_000_000_000
        case 11: 100_000_000_000
        case 12: 1_000_000_000_000
        case 13: 10_000_000_000_000
        case 14: 100_000_000_000_000
        case 15: 1_000_000_000_000_000
        case 16: 10_000_000_000_000_000
        case 17: 100_000_000_000_000_000
        case 18: 1_000_000_000_000_000_000
        default: 10_000_000_000_000_000_000
        }
    }

    /// Writes exactly `count` decimal digits of `value` ending at `end` (exclusive), zero-padded.
    /// `value` must be below 10^count.
    @inlinable @inline(__always)
    static func writeDigits(_ value: UInt64, count: Int, endingAt end: UnsafeMutablePointer<UInt8>) {
        var v = value
        var p = end
        var remaining = count
        let pairs = digitPairs
        // Eight digits at a time with 32-bit arithmetic.
        while remaining >= 8 && v >= 100 {
            let high = v / 100_000_000
            var low = UInt32(truncatingIfNeeded: v &- high &* 100_000_000)  // < 10^8
            for _ in 0 ..< 4 {
                let r = Int(low % 100) &* 2
                low /= 100
                p -= 2
                p[0] = pairs[r]
                p[1] = pairs[r &+ 1]
            }
            v = high
            remaining &-= 8
        }
        var w = UInt32(truncatingIfNeeded: v)  // the remaining < 8 digits (or v < 100) fit
        while remaining >= 2 {
            let r = Int(w % 100) &* 2
            w /= 100
            p -= 2
            p[0] = pairs[r]
            p[1] = pairs[r &+ 1]
            remaining &-= 2
        }
        if remaining == 1 {
            p -= 1
            p[0] = UInt8(truncatingIfNeeded: w % 10) &+ 0x30
        }
    }

    /// Appends `value` zero-padded to at least `width` digits.
    @inlinable
    public static func appendPadded(_ value: UInt64, width: Int, to out: inout OutputBuffer) {
        let n = max(decimalDigitCount(value), width)
        out.reserve(n)
        writeDigits(value, count: n, endingAt: out.writePointer + n)
        out.advance(by: n)
    }

    /// Appends the decimal digits of `value`.
    @inlinable
    public static func appendInteger(_ value: UInt64, to out: inout OutputBuffer) {
        out.reserve(20 &+ storeSlack)
        let p = out.writePointer
        out.advance(by: storeInteger(value, to: p) - p)
    }

    /// Appends `value` in decimal, with a leading `-` when negative.
    @inlinable
    public static func appendInteger(_ value: Int64, to out: inout OutputBuffer) {
        out.reserve(21 &+ storeSlack)
        let p = out.writePointer
        out.advance(by: storeInteger(value, to: p) - p)
    }

    /// Appends `value` in decimal.
    @inlinable
    public static func appendInteger(_ value: Int32, to out: inout OutputBuffer) {
        appendInteger(Int64(value), to: &out)
    }

    /// Appends `value` in decimal.
    @inlinable
    public static func appendInteger(_ value: UInt32, to out: inout OutputBuffer) {
        appendInteger(UInt64(value), to: &out)
    }

    /// Appends `true` or `false`.
    @inlinable
    public static func appendBool(_ value: Bool, to out: inout OutputBuffer) {
        if value { out.append(ascii: "true") } else { out.append(ascii: "false") }
    }
}
