// Exact rendering of DECIMAL(p, s) values from INT32/INT64 unscaled values and from big-endian two's
// complement bytes of any length (FIXED_LEN_BYTE_ARRAY / BYTE_ARRAY decimals).

extension TextRendering {
    /// Largest |scale| laid out positionally. Beyond it (only reachable with a nonsensical schema) the
    /// value is written exactly in exponent form, `<unscaled>e<-scale>`, which keeps the output bounded.
    public static let maxPositionalScale = 1_000

    /// Appends `unscaled × 10^-scale` exactly, with `scale` fraction digits (`123.4500`, `-0.01`); scale 0
    /// gives an integer; a negative scale appends `-scale` zeros (`5` with scale -2 is `500`, zero stays `0`).
    public static func appendDecimal(unscaled: Int64, scale: Int, to out: inout OutputBuffer) {
        let magnitude = unscaled.magnitude
        let n = decimalDigitCount(magnitude)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            let p = digits.baseAddress!
            writeDigits(magnitude, count: n, endingAt: p + n)
            appendScaledDigits(UnsafePointer(p), count: n, negative: unscaled < 0, scale: scale, to: &out)
        }
    }

    /// Appends `unscaled × 10^-scale` exactly (see ``appendDecimal(unscaled:scale:to:)-(Int64,_,_)``).
    public static func appendDecimal(unscaled: Int32, scale: Int, to out: inout OutputBuffer) {
        appendDecimal(unscaled: Int64(unscaled), scale: scale, to: &out)
    }

    /// Longest unscaled value (in bytes) converted to decimal digits: 256 bytes is 616 digits, far beyond
    /// any real DECIMAL precision; the conversion is quadratic in the length, so longer (invalid) values
    /// are not converted (see ``appendDecimal(bigEndian:scale:to:)``).
    public static let maxDecimalBytes = 256

    /// Appends the decimal whose unscaled value is the big-endian two's complement integer `bytes`
    /// (empty means zero), with `scale` fraction digits.
    ///
    /// Values longer than ``maxDecimalBytes`` are written as a quoted base64 string of their bytes, so
    /// hostile input cannot make rendering quadratic.
    public static func appendDecimal(bigEndian bytes: UnsafeRawBufferPointer, scale: Int, to out: inout OutputBuffer) {
        let n = bytes.count
        if n > maxDecimalBytes {
            out.append(0x22)
            appendBase64(bytes, to: &out)
            out.append(0x22)
            return
        }
        if n <= 8 {
            var v: Int64 = 0
            if n > 0 {
                v = bytes[0] & 0x80 != 0 ? -1 : 0
                for b in bytes { v = (v << 8) | Int64(b) }
            }
            return appendDecimal(unscaled: v, scale: scale, to: &out)
        }
        let negative = bytes[0] & 0x80 != 0
        if n <= 16 { return appendDecimal128(bytes, negative: negative, scale: scale, to: &out) }
        let limbCount = (n + 7) / 8
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: limbCount) { limbs in
            // limbs[0] is the least significant 64 bits; missing high bytes take the sign.
            for l in 0 ..< limbCount {
                var limb: UInt64 = 0
                for j in stride(from: 7, through: 0, by: -1) {
                    let index = n - 1 - (l * 8 + j)
                    let byte: UInt8 = index >= 0 ? bytes[index] : (negative ? 0xFF : 0)
                    limb = (limb << 8) | UInt64(byte)
                }
                limbs[l] = limb
            }
            if negative {  // magnitude = ~x + 1
                var carry: UInt64 = 1
                for l in 0 ..< limbCount {
                    let (sum, overflow) = (~limbs[l]).addingReportingOverflow(carry)
                    limbs[l] = sum
                    carry = overflow ? 1 : 0
                }
            }
            // Base 10^19 chunks, least significant first: 8n bits need at most ⌈8n·log10(2)/19⌉ + 1.
            let chunkCapacity = (n * 8 * 30103 / 100_000) / 19 + 2
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: chunkCapacity) { chunks in
                let base: UInt64 = 10_000_000_000_000_000_000
                var top = limbCount
                while top > 0 && limbs[top - 1] == 0 { top -= 1 }
                var chunkCount = 0
                while top > 0 {
                    var remainder: UInt64 = 0
                    for l in stride(from: top - 1, through: 0, by: -1) {
                        let (q, r) = base.dividingFullWidth((high: remainder, low: limbs[l]))  // remainder < base
                        limbs[l] = q
                        remainder = r
                    }
                    chunks[chunkCount] = remainder
                    chunkCount += 1
                    while top > 0 && limbs[top - 1] == 0 { top -= 1 }
                }
                if chunkCount == 0 {
                    chunks[0] = 0
                    chunkCount = 1
                }
                let leading = decimalDigitCount(chunks[chunkCount - 1])
                let total = leading + 19 * (chunkCount - 1)
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: total) { digits in
                    let p = digits.baseAddress!
                    writeDigits(chunks[chunkCount - 1], count: leading, endingAt: p + leading)
                    var end = leading
                    for c in stride(from: chunkCount - 2, through: 0, by: -1) {
                        end += 19
                        writeDigits(chunks[c], count: 19, endingAt: p + end)
                    }
                    appendScaledDigits(UnsafePointer(p), count: total, negative: negative, scale: scale, to: &out)
                }
            }
        }
    }

    /// Fast path for 9…16 bytes (DECIMAL up to precision 38): two 64-bit limbs.
    static func appendDecimal128(_ bytes: UnsafeRawBufferPointer, negative: Bool, scale: Int, to out: inout OutputBuffer) {
        let n = bytes.count
        var high: UInt64 = negative ? ~0 : 0  // sign extension of both words
        var low: UInt64 = negative ? ~0 : 0
        for i in 0 ..< n {  // shift the big-endian bytes in, 128 bits wide
            high = (high << 8) | (low >> 56)
            low = (low << 8) | UInt64(bytes[i])
        }
        if negative {  // magnitude = ~x + 1
            high = ~high
            low = ~low
            let (sum, carry) = low.addingReportingOverflow(1)
            low = sum
            if carry { high &+= 1 }
        }
        let base: UInt64 = 10_000_000_000_000_000_000
        // magnitude < 2^128 < 10^39: at most three base-10^19 chunks.
        let (q1, r1) = high.quotientAndRemainder(dividingBy: base)  // q1 ≤ 1 since high < 2^64 < 2·10^19
        let (q0, chunk0) = base.dividingFullWidth((high: r1, low: low))  // r1 < base
        let (chunk2, chunk1Final) = base.dividingFullWidth((high: q1, low: q0))  // q1 < base; chunk2 < 4
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { digits in
            let p = digits.baseAddress!
            var count: Int
            if chunk2 != 0 {
                let lead = decimalDigitCount(chunk2)
                writeDigits(chunk2, count: lead, endingAt: p + lead)
                writeDigits(chunk1Final, count: 19, endingAt: p + lead + 19)
                writeDigits(chunk0, count: 19, endingAt: p + lead + 38)
                count = lead + 38
            } else if chunk1Final != 0 {
                let lead = decimalDigitCount(chunk1Final)
                writeDigits(chunk1Final, count: lead, endingAt: p + lead)
                writeDigits(chunk0, count: 19, endingAt: p + lead + 19)
                count = lead + 19
            } else {
                count = decimalDigitCount(chunk0)
                writeDigits(chunk0, count: count, endingAt: p + count)
            }
            appendScaledDigits(UnsafePointer(p), count: count, negative: negative, scale: scale, to: &out)
        }
    }

    /// Lays out the magnitude digits `digits[0..<count]` (no leading zeros; "0" for zero) as a decimal
    /// with `scale` fraction digits.
    static func appendScaledDigits(
        _ digits: UnsafePointer<UInt8>, count n: Int, negative: Bool, scale: Int, to out: inout OutputBuffer
    ) {
        let isZero = n == 1 && digits[0] == 0x30
        if negative && !isZero { out.append(0x2D) }
        if scale.magnitude > UInt(maxPositionalScale) {
            out.append(bytes: UnsafeRawBufferPointer(start: digits, count: n))
            out.append(0x65)  // 'e'
            appendInteger(Int64(-scale), to: &out)
            return
        }
        if scale <= 0 {
            out.append(bytes: UnsafeRawBufferPointer(start: digits, count: n))
            if !isZero {
                let zeros = -scale
                out.reserve(zeros)
                out.writePointer.initialize(repeating: 0x30, count: zeros)
                out.advance(by: zeros)
            }
            return
        }
        out.reserve(n + scale + 2)
        let p = out.writePointer
        if n > scale {
            let integerDigits = n - scale
            p.initialize(from: digits, count: integerDigits)
            p[integerDigits] = 0x2E
            (p + integerDigits + 1).initialize(from: digits + integerDigits, count: scale)
            out.advance(by: n + 1)
        } else {
            p[0] = 0x30
            p[1] = 0x2E
            (p + 2).initialize(repeating: 0x30, count: scale - n)
            (p + 2 + scale - n).initialize(from: digits, count: n)
            out.advance(by: scale + 2)
        }
    }
}
