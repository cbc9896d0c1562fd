// Shortest round-trip decimal for binary floating point (Schubfach, R. Giulietti, "The Schubfach way
// to render doubles", 2020), parameterised by the format so binary16, binary32 and binary64 share it.

/// The decimal `significand × 10^exponent` that a binary floating-point value is rendered as: the
/// shortest one that rounds back to the same value of its width, and among those the closest (ties to
/// an even digit).
@usableFromInline
struct ShortestDecimal {
    /// Decimal digits, without trailing zeros.
    @usableFromInline var significand: UInt64
    /// Power of ten of the last digit.
    @usableFromInline var exponent: Int

    @inlinable init(significand: UInt64, exponent: Int) {
        self.significand = significand
        self.exponent = exponent
    }

    /// ⌊e·log10(2)⌋ for |e| ≤ 6·10^6.
    @inlinable static func floorLog10Pow2(_ e: Int) -> Int { (e &* 661_971_961_083) &>> 41 }

    /// ⌊log10(3/4 · 2^e)⌋.
    @inlinable static func floorLog10ThreeQuartersPow2(_ e: Int) -> Int {
        (e &* 661_971_961_083 &+ -274_743_187_321) &>> 41
    }

    /// ⌊e·log2(10)⌋ for |e| ≤ 1.8·10^6.
    @inlinable static func floorLog2Pow10(_ e: Int) -> Int { (e &* 913_124_641_741) &>> 38 }

    /// Round-to-odd of `cp · g · 2^-127` where g = g1·2^63 + g0 (section 9 of the paper).
    @inline(__always)
    static func roundToOdd(_ g1: UInt64, _ g0: UInt64, _ cp: UInt64) -> UInt64 {
        let x1 = g0.multipliedFullWidth(by: cp).high  // g0 < 2^63, so x1 < 2^63
        let y = g1.multipliedFullWidth(by: cp)
        let z = (y.low >> 1) &+ x1  // both terms < 2^63: no wrap
        let vbp = y.high &+ (z >> 63)  // y.high < 2^63 since g1 < 2^63
        let mask: UInt64 = (1 << 63) - 1
        return vbp | (((z & mask) &+ mask) >> 63)
    }

    /// The shortest decimal for the positive value `c · 2^q` of a format whose normal significands
    /// start at `cMin` (2^(precision-1)) and whose smallest exponent is `qMin`.
    ///
    /// - Precondition: `0 < c < 2^53` and `-1074 ≤ q ≤ 971` (checked by the callers' bit decoding).
    static func shortest(c: UInt64, q: Int, cMin: UInt64, qMin: Int) -> ShortestDecimal {
        // Integers below 2^precision are their own shortest decimal (section 8.3 of the paper).
        let mq = -q
        if mq > 0 && mq < 64 && c < (cMin << 1) && c == (c >> mq) << mq {
            return ShortestDecimal(significand: c >> mq, exponent: 0).removingTrailingZeros()
        }
        let out = c & 1
        let cb = c << 2  // < 2^55
        let cbr = cb &+ 2
        let cbl: UInt64
        let k: Int
        if c != cMin || q == qMin {
            cbl = cb &- 2
            k = floorLog10Pow2(q)
        } else {
            // At a power of two the gap below is half the gap above.
            cbl = cb &- 1
            k = floorLog10ThreeQuartersPow2(q)
        }
        let h = q &+ floorLog2Pow10(-k) &+ 2  // in 2...5 for every binary64 exponent
        let index = (k &- tableMinK) &* 2
        let (g1, g0) = shortestDecimalPowersOfTen.withUnsafeBufferPointer { ($0[index], $0[index &+ 1]) }
        let vb = roundToOdd(g1, g0, cb << h)
        let vbl = roundToOdd(g1, g0, cbl << h)
        let vbr = roundToOdd(g1, g0, cbr << h)
        let s = vb >> 2
        // One digit less: a multiple of 10 inside the rounding interval (at most one can be).
        let sp10 = (s / 10) &* 10
        let tp10 = sp10 &+ 10
        let upin = vbl &+ out <= sp10 << 2
        let wpin = (tp10 << 2) &+ out <= vbr
        if upin != wpin {
            return ShortestDecimal(significand: upin ? sp10 : tp10, exponent: k).removingTrailingZeros()
        }
        let t = s &+ 1
        let uin = vbl &+ out <= s << 2
        let win = (t << 2) &+ out <= vbr
        if uin != win {
            return ShortestDecimal(significand: uin ? s : t, exponent: k).removingTrailingZeros()
        }
        // Both in the interval: the closer one, ties to even.
        let twice = (s &+ t) << 1
        let pick = vb < twice || (vb == twice && s & 1 == 0) ? s : t
        return ShortestDecimal(significand: pick, exponent: k).removingTrailingZeros()
    }

    @inline(__always)
    func removingTrailingZeros() -> ShortestDecimal {
        var f = significand
        var e = exponent
        guard f != 0 else { return ShortestDecimal(significand: 0, exponent: 0) }
        if f % 100_000_000 == 0 {
            f /= 100_000_000
            e &+= 8
        }
        if f % 10_000 == 0 {
            f /= 10_000
            e &+= 4
        }
        while f % 10 == 0 {
            f /= 10
            e &+= 1
        }
        return ShortestDecimal(significand: f, exponent: e)
    }

    /// Shortest decimal of the magnitude of a finite, non-zero binary64 value.
    static func of(_ value: Double) -> ShortestDecimal {
        let bits = value.bitPattern
        let t = bits & ((1 << 52) - 1)
        let bq = Int((bits >> 52) & 0x7FF)
        if bq != 0 { return shortest(c: t | (1 << 52), q: bq - 1075, cMin: 1 << 52, qMin: -1074) }
        return shortest(c: t, q: -1074, cMin: 1 << 52, qMin: -1074)
    }

    /// Shortest decimal of the magnitude of a finite, non-zero binary32 value.
    static func of(_ value: Float) -> ShortestDecimal {
        let bits = UInt64(value.bitPattern)
        let t = bits & ((1 << 23) - 1)
        let bq = Int((bits >> 23) & 0xFF)
        if bq != 0 { return shortest(c: t | (1 << 23), q: bq - 150, cMin: 1 << 23, qMin: -149) }
        return shortest(c: t, q: -149, cMin: 1 << 23, qMin: -149)
    }

    /// Shortest decimal of the magnitude of a finite, non-zero binary16 value given by its bits.
    static func ofHalf(bits: UInt16) -> ShortestDecimal {
        let t = UInt64(bits & 0x3FF)
        let bq = Int((bits >> 10) & 0x1F)
        if bq != 0 { return shortest(c: t | (1 << 10), q: bq - 25, cMin: 1 << 10, qMin: -24) }
        return shortest(c: t, q: -24, cMin: 1 << 10, qMin: -24)
    }
}
