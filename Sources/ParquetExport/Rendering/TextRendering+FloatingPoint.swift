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

    /// Room ``storeDecimalForm(_:negative:to:)`` needs (the text, its word moves and the slack).
    public static let maxDecimalFormRoom = 48

    /// Lays out `significand × 10^exponent` (no trailing zeros) in Python `repr` style.
    static func appendDecimalForm(_ d: ShortestDecimal, negative: Bool, to out: inout OutputBuffer) {
        out.reserve(maxDecimalFormRoom)
        let p = out.writePointer
        out.advance(by: storeDecimalForm(d, negative: negative, to: p) - p)
    }

    /// Stores the text of a DOUBLE as ``appendDouble(_:nonFinite:to:)`` writes it, NaN and infinities as
    /// `null` (JSON); returns the end. Needs ``maxDecimalFormRoom`` bytes.
    @inline(__always)
    static func storeJSONDouble(_ value: Double, to p: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        storeDouble(value, nonFinite: .null, to: p)
    }

    /// Stores the text of a DOUBLE as ``appendDouble(_:nonFinite:to:)`` writes it; returns the end.
    /// Needs ``maxDecimalFormRoom`` bytes.
    @inline(__always)
    static func storeDouble(_ value: Double, nonFinite: NonFiniteStyle, to p: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        if value.isFinite && value != 0 { return storeDecimalForm(ShortestDecimal.of(value), negative: value < 0, to: p) }
        return storeZeroOrNonFinite(isFinite: value.isFinite, isNaN: value.isNaN, negative: value.sign == .minus, nonFinite, to: p)
    }

    /// Stores the text of a FLOAT as ``appendFloat(_:nonFinite:to:)`` writes it; returns the end.
    /// Needs ``maxDecimalFormRoom`` bytes.
    @inline(__always)
    static func storeFloat(_ value: Float, nonFinite: NonFiniteStyle, to p: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        if value.isFinite && value != 0 { return storeDecimalForm(ShortestDecimal.of(value), negative: value < 0, to: p) }
        return storeZeroOrNonFinite(isFinite: value.isFinite, isNaN: value.isNaN, negative: value.sign == .minus, nonFinite, to: p)
    }

    /// Stores `0.0` / `-0.0` for a zero, or the `nonFinite` text of NaN and infinities (one word, slack 8).
    @inline(__always)
    static func storeZeroOrNonFinite(
        isFinite: Bool, isNaN: Bool, negative: Bool, _ nonFinite: NonFiniteStyle, to p: UnsafeMutablePointer<UInt8>
    ) -> UnsafeMutablePointer<UInt8> {
        let word: UInt64
        let length: Int
        if isFinite {
            (word, length) = negative ? (0x302E_302D, 4) : (0x30_2E30, 3)  // "-0.0" / "0.0"
        } else if nonFinite == .null {
            (word, length) = (0x6C6C_756E, 4)  // "null"
        } else {
            (word, length) = isNaN ? (0x6E_616E, 3) : negative ? (0x666E_692D, 4) : (0x66_6E69, 3)  // "nan" "-inf" "inf"
        }
        storeWord(word, at: p)
        return p + length
    }

    /// Stores `significand × 10^exponent` (no trailing zeros) in Python `repr` style; returns the end.
    /// Needs ``maxDecimalFormRoom`` bytes at `p` (the text is at most 24 bytes).
    @inline(__always)
    static func storeDecimalForm(_ d: ShortestDecimal, negative: Bool, to start: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        let n = decimalDigitCount(d.significand)  // ≤ 17
        let point = n &+ d.exponent  // value = 0.DIGITS × 10^point
        start[0] = 0x2D  // '-'; overwritten below when not negative
        let p = start + (negative ? 1 : 0)
        if point > -4 && point <= 16 {
            if point <= 0 {
                // 0.000ddd: "0." and zeros, then the digits after the -point zeros.
                storeWord(0x3030_3030_3030_2E30, at: p)
                let q = p + (2 &- point)
                storeDigits(d.significand, count: n, to: q)
                return q + n
            }
            if point >= n {
                storeDigits(d.significand, count: n, to: p)
                // ddd000.0: up to 15 zeros after the digits, then ".0".
                storeWord(asciiZeros, at: p + n)
                storeWord(asciiZeros, at: p + n + 8)
                p[point] = 0x2E
                p[point &+ 1] = 0x30
                return p + (point &+ 2)
            }
            return storePointedDigits(d.significand, count: n, point: point, to: p)
        }
        // d.ddde±XX
        var q = p
        storeDigits(d.significand, count: n, to: q + 1)
        q[0] = q[1]
        if n > 1 {
            q[1] = 0x2E
            q += n &+ 1
        } else {
            q += 1
        }
        let e = point &- 1
        q[0] = 0x65  // 'e'
        q[1] = e < 0 ? 0x2D : 0x2B
        q += 2
        let magnitude = UInt64(e.magnitude)
        let digits = magnitude >= 100 ? 3 : 2
        storeDigits(magnitude, count: digits, to: q)
        return q + digits
    }

    /// Stores the `n` (2…17) digits of `value` with a decimal point after the first `point` (1 ..< n)
    /// of them; returns the end. The point goes in while the digits are in registers: storing the
    /// digits and moving the fraction in memory would reload bytes just stored (a store-forwarding stall).
    @inline(__always)
    static func storePointedDigits(_ value: UInt64, count n: Int, point: Int, to start: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        var p = start
        var digits = value
        var count = n
        var before = point
        if n == 17 {  // the first digit on its own; 16 remain for the 128-bit register
            let first = value / 10_000_000_000_000_000
            p[0] = UInt8(truncatingIfNeeded: first) &+ 0x30
            p += 1
            digits = value &- first &* 10_000_000_000_000_000
            count = 16
            before &-= 1
        }
        // The digits in reading order, first digit in the lowest byte.
        let text: UInt128
        if count <= 8 {
            text = UInt128((digitLanes8(UInt32(truncatingIfNeeded: digits)) | asciiZeros) >> ((8 &- count) &* 8))
        } else {
            let high = digits / 100_000_000
            let low = UInt32(truncatingIfNeeded: digits &- high &* 100_000_000)
            text = UInt128((digitLanes8(UInt32(truncatingIfNeeded: high)) | asciiZeros) >> ((16 &- count) &* 8))
                | (UInt128(digitLanes8(low) | asciiZeros) &<< ((count &- 8) &* 8))
        }
        // Bytes below `before` stay, the rest move up one byte, and the point fills the gap.
        let shift = before &* 8  // < 128
        let one: UInt128 = 1
        let keep: UInt128 = (one &<< shift) &- one
        let moved: UInt128 = (text &<< 8) & ~((keep &<< 8) | 0xFF)
        let dot: UInt128 = 0x2E
        let pointed: UInt128 = (text & keep) | moved | (dot &<< shift)
        storeWord(UInt64(truncatingIfNeeded: pointed), at: p)
        storeWord(UInt64(truncatingIfNeeded: pointed &>> 64), at: p + 8)
        p[16] = UInt8(truncatingIfNeeded: text &>> 120)  // the 16th digit, pushed out of the register
        return p + (count &+ 1)
    }
}
