/// An exact decimal number of any size: sign, decimal digits and scale (digits after the point).
/// Used for numeric literals, so `0.1`, `18446744073709551615` and `12345678901234567890.5` compare exactly
/// with integer and DECIMAL columns.
public struct DecimalNumber: Sendable, Hashable, CustomStringConvertible {
    /// Whether the number is below zero (false for zero).
    public private(set) var isNegative: Bool
    /// Decimal digits (0…9) of the unscaled magnitude, most significant first, without leading zeros
    /// (empty for zero).
    public private(set) var digits: [UInt8]
    /// Digits after the decimal point (trailing fractional zeros are removed).
    public private(set) var scale: Int

    init(isNegative: Bool, digits: [UInt8], scale: Int) {
        var d = ArraySlice(digits)
        while d.first == 0 { d = d.dropFirst() }
        var s = scale
        while s > 0, d.last == 0 { d = d.dropLast(); s -= 1 }
        if d.isEmpty { s = 0 }
        self.digits = Array(d)
        self.scale = s
        self.isNegative = isNegative && !d.isEmpty
    }

    public init<T: BinaryInteger>(_ value: T) {
        var digits: [UInt8] = []
        var m = value.magnitude
        while m > 0 {
            let (q, r) = m.quotientAndRemainder(dividingBy: 10)
            digits.append(UInt8(r))
            m = q
        }
        self.init(isNegative: value < 0, digits: digits.reversed(), scale: 0)
    }

    /// Parses `[+-]digits[.digits]` (at most 1,000 digits).
    public init?(_ text: String) {
        var bytes = Substring(text).utf8[...]
        var negative = false
        if let f = bytes.first, f == UInt8(ascii: "-") || f == UInt8(ascii: "+") {
            negative = f == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        var digits: [UInt8] = []
        var scale = 0
        var seenPoint = false
        var any = false
        for b in bytes {
            if b == UInt8(ascii: ".") {
                guard !seenPoint else { return nil }
                seenPoint = true
            } else if b >= 0x30 && b <= 0x39 {
                digits.append(b - 0x30)
                any = true
                if seenPoint { scale += 1 }
            } else {
                return nil
            }
        }
        guard any, digits.count <= 1000 else { return nil }
        self.init(isNegative: negative, digits: digits, scale: scale)
    }

    public var description: String {
        var s = digits.map { String($0) }.joined()
        if s.isEmpty { return "0" }
        if scale > 0 {
            if s.count <= scale { s = String(repeating: "0", count: scale - s.count + 1) + s }
            s.insert(".", at: s.index(s.endIndex, offsetBy: -scale))
        }
        return (isNegative ? "-" : "") + s
    }

    /// The nearest Double.
    var doubleValue: Double { Double(description) ?? (isNegative ? -.infinity : .infinity) }

    /// `floor(self × 10^newScale)` as an integer (scale 0), and whether no digits were lost.
    func floorScaled(to newScale: Int) -> (value: DecimalNumber, exact: Bool) {
        let shift = newScale - scale
        if shift >= 0 {
            guard !digits.isEmpty else { return (self, true) }
            return (DecimalNumber(isNegative: isNegative, digits: digits + Array(repeating: 0, count: shift), scale: 0), true)
        }
        let drop = -shift
        let keep = max(0, digits.count - drop)
        var kept = Array(digits[0 ..< keep])
        let exact = digits[keep...].allSatisfy { $0 == 0 }
        if !exact && isNegative {
            // floor of a negative inexact value: one more in magnitude.
            var i = kept.count - 1
            while i >= 0 && kept[i] == 9 { kept[i] = 0; i -= 1 }
            if i >= 0 { kept[i] += 1 } else { kept.insert(1, at: 0) }
        }
        return (DecimalNumber(isNegative: isNegative, digits: kept, scale: 0), exact)
    }

    /// The value of an integer (scale 0) number as Int64, nil when out of range.
    var int64Value: Int64? {
        guard scale == 0, digits.count <= 19 else { return nil }
        var m: UInt64 = 0
        for d in digits { m = m * 10 + UInt64(d) }  // at most 19 digits: < 10^19 < 2^64
        if isNegative { return m <= UInt64(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- m) : nil }
        return m <= UInt64(Int64.max) ? Int64(m) : nil
    }

    /// The value of a non-negative integer (scale 0) number as UInt64, nil when out of range or negative.
    var uint64Value: UInt64? {
        guard scale == 0, !isNegative, digits.count <= 20 else { return nil }
        var m: UInt64 = 0
        for d in digits {
            let (a, o1) = m.multipliedReportingOverflow(by: 10)
            let (b, o2) = a.addingReportingOverflow(UInt64(d))
            if o1 || o2 { return nil }
            m = b
        }
        return m
    }

    /// Minimal big-endian two's-complement bytes of an integer (scale 0) number (at least one byte).
    var twosComplement: [UInt8] {
        // Magnitude in base 256, little-endian, by repeated multiply-add.
        var mag: [UInt8] = []
        for d in digits {
            var carry = Int(d)
            for i in mag.indices {
                let v = Int(mag[i]) * 10 + carry
                mag[i] = UInt8(v & 0xFF)
                carry = v >> 8
            }
            while carry > 0 { mag.append(UInt8(carry & 0xFF)); carry >>= 8 }
        }
        if mag.isEmpty { return [0] }
        if isNegative {
            // Two's complement: invert and add one.
            var carry = 1
            for i in mag.indices {
                let v = Int(~mag[i]) + carry
                mag[i] = UInt8(v & 0xFF)
                carry = v >> 8
            }
            if mag.last! & 0x80 == 0 { mag.append(0xFF) }
        } else if mag.last! & 0x80 != 0 {
            mag.append(0)
        }
        return mag.reversed()
    }
}
