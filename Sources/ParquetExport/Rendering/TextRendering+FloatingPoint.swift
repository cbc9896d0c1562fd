// Shortest round-trip rendering of DOUBLE, FLOAT and FLOAT16 values, formatted like Python's repr.

extension TextRendering {
    /// Appends the shortest text that reads back as the same binary64 value, formatted like Python's
    /// `repr(float)`: positional when the decimal exponent is in -4 ..< 16 (`0.0001`, `123.5`, `1e+16` is
    /// the first exponent form), otherwise `d.ddde±XX` with at least two exponent digits (`1e-05`,
    /// `1.5e+300`, `5e-324`); integral values keep `.0` (`2.0`, `-0.0`).
    ///
    /// NaN and infinities follow `nonFinite`: `null`, or `nan` / `inf` / `-inf`.
    public static func appendDouble(_ value: Double, nonFinite: NonFiniteStyle, to out: inout OutputBuffer) {
        guard value.isFinite else { return appendNonFinite(isNaN: value.isNaN, negative: value < 0, nonFinite, &out) }
        guard value != 0 else { return appendZero(negative: value.sign == .minus, &out) }
        appendDecimalForm(ShortestDecimal.of(value), negative: value < 0, to: &out)
    }

    /// Appends the shortest text that reads back as the same binary32 value (`0.1` for 0.1f), in the
    /// format of ``appendDouble(_:nonFinite:to:)``.
    public static func appendFloat(_ value: Float, nonFinite: NonFiniteStyle, to out: inout OutputBuffer) {
        guard value.isFinite else { return appendNonFinite(isNaN: value.isNaN, negative: value < 0, nonFinite, &out) }
        guard value != 0 else { return appendZero(negative: value.sign == .minus, &out) }
        appendDecimalForm(ShortestDecimal.of(value), negative: value < 0, to: &out)
    }

    /// Appends the shortest text that reads back as the same binary16 value (Parquet FLOAT16, given by
    /// its two bytes read little-endian), in the format of ``appendDouble(_:nonFinite:to:)``.
    public static func appendFloat16(bits: UInt16, nonFinite: NonFiniteStyle, to out: inout OutputBuffer) {
        let negative = bits & 0x8000 != 0
        let magnitude = bits & 0x7FFF
        if magnitude >= 0x7C00 {
            return appendNonFinite(isNaN: magnitude > 0x7C00, negative: negative, nonFinite, &out)
        }
        guard magnitude != 0 else { return appendZero(negative: negative, &out) }
        appendDecimalForm(ShortestDecimal.ofHalf(bits: magnitude), negative: negative, to: &out)
    }

    static func appendNonFinite(isNaN: Bool, negative: Bool, _ style: NonFiniteStyle, _ out: inout OutputBuffer) {
        switch style {
        case .null: out.append(ascii: "null")
        case .text:
            if isNaN { out.append(ascii: "nan") } else if negative { out.append(ascii: "-inf") } else { out.append(ascii: "inf") }
        }
    }

    static func appendZero(negative: Bool, _ out: inout OutputBuffer) {
        if negative { out.append(ascii: "-0.0") } else { out.append(ascii: "0.0") }
    }

    /// Lays out `significand × 10^exponent` (no trailing zeros) in Python `repr` style.
    static func appendDecimalForm(_ d: ShortestDecimal, negative: Bool, to out: inout OutputBuffer) {
        let n = decimalDigitCount(d.significand)  // ≤ 17
        let point = n &+ d.exponent  // value = 0.DIGITS × 10^point
        out.reserve(32)  // longest: "-0.000" + 17 digits, or "-d." + 16 digits + "e-324"
        var p = out.writePointer
        let start = p
        if negative {
            p[0] = 0x2D
            p += 1
        }
        if point > -4 && point <= 16 {
            if point <= 0 {
                // 0.000ddd
                p[0] = 0x30
                p[1] = 0x2E
                p += 2
                for _ in 0 ..< -point {
                    p[0] = 0x30
                    p += 1
                }
                writeDigits(d.significand, count: n, endingAt: p + n)
                p += n
            } else if point >= n {
                // ddd000.0
                writeDigits(d.significand, count: n, endingAt: p + n)
                p += n
                for _ in 0 ..< point &- n {
                    p[0] = 0x30
                    p += 1
                }
                p[0] = 0x2E
                p[1] = 0x30
                p += 2
            } else {
                // ddd.ddd: write the digits one place right, then pull the integer part left.
                writeDigits(d.significand, count: n, endingAt: p + n + 1)
                for i in 0 ..< point { p[i] = p[i &+ 1] }
                p[point] = 0x2E
                p += n &+ 1
            }
        } else {
            // d.ddde±XX
            writeDigits(d.significand, count: n, endingAt: p + n + 1)
            p[0] = p[1]
            if n > 1 {
                p[1] = 0x2E
                p += n &+ 1
            } else {
                p += 1
            }
            let e = point &- 1
            p[0] = 0x65  // 'e'
            p[1] = e < 0 ? 0x2D : 0x2B
            p += 2
            let magnitude = UInt64(e.magnitude)
            let digits = magnitude >= 100 ? 3 : 2
            writeDigits(magnitude, count: digits, endingAt: p + digits)
            p += digits
        }
        out.advance(by: p - start)
    }
}
