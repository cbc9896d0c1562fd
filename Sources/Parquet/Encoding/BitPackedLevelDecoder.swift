// Deprecated BIT_PACKED level encoding (Encodings.md "Bit-packed (Deprecated)"): values packed back
// to back from the most significant bit of each byte, no run headers, last byte zero-padded.

/// Cursor over BIT_PACKED levels. Knows its value count, since the format does not store it.
struct BitPackedLevelDecoder {
    private let base: UnsafeRawPointer
    let bitWidth: Int
    /// Number of levels encoded.
    var count: Int { cursor.count }
    /// Bytes the `count` levels occupy: `ceil(count * bitWidth / 8)`.
    let byteCount: Int
    private var cursor: ValueCursor

    /// Creates a decoder for `count` levels of `bitWidth` bits (0...32). Throws if `bytes` is shorter
    /// than the levels need.
    init(_ bytes: UnsafeRawBufferPointer, bitWidth: Int, count: Int) throws(DecodeFailure) {
        guard (0 ... 32).contains(bitWidth) else {
            throw .invalid("BIT_PACKED bit width \(bitWidth) is outside 0...32")
        }
        guard count >= 0 else { throw .invalid("negative BIT_PACKED level count \(count)") }
        let (bits, overflow) = count.multipliedReportingOverflow(by: bitWidth)
        guard !overflow else { throw .limit("BIT_PACKED level count \(count) is too large") }
        let needed = bits / 8 + (bits % 8 == 0 ? 0 : 1)
        guard needed <= bytes.count else { throw .truncated(needed: needed, available: bytes.count) }
        base = bytes.baseOrPlaceholder
        self.bitWidth = bitWidth
        cursor = ValueCursor(count: count)
        byteCount = needed
    }

    /// Decodes up to `out.count` levels; returns how many (fewer only after all `count` levels).
    mutating func decode<T: FixedWidthInteger>(into out: UnsafeMutableBufferPointer<T>) throws(DecodeFailure) -> Int {
        guard T.bitWidth >= bitWidth else {
            throw .invalid("bit width \(bitWidth) does not fit in \(T.self)")
        }
        let index = cursor.index
        let n = cursor.advance(upTo: out.count)
        if bitWidth == 0 {
            out.baseAddress?.update(repeating: 0, count: n)
            return n
        }
        let w = UInt64(bitWidth)
        for i in 0 ..< n {
            // Bit position of the level; all its bytes lie below byteCount (checked in init).
            let bit = (index + i) * bitWidth
            let first = bit >> 3
            let last = (bit + bitWidth - 1) >> 3
            var window: UInt64 = 0
            for b in first ... last {
                window = window << 8 | UInt64(base.load(fromByteOffset: b, as: UInt8.self))
            }
            // `window` holds (last - first + 1) * 8 ≤ 40 bits; drop the bits after the level.
            let trailing = UInt64((last + 1) * 8 - (bit + bitWidth))
            out[i] = T(truncatingIfNeeded: (window >> trailing) & ((1 << w) - 1))
        }
        return n
    }

    /// Skips up to `n` levels; returns how many were skipped.
    mutating func skip(_ n: Int) -> Int { cursor.advance(upTo: n) }
}
