// PLAIN BOOLEAN decoding: one bit per value, least significant bit first.

/// Cursor over PLAIN booleans.
struct PlainBooleanDecoder {
    private let base: UnsafeRawPointer
    /// Number of values available: `count` if given (capped by the bits present), else 8 per byte.
    var count: Int { cursor.count }
    private var cursor: ValueCursor

    /// Creates a decoder over PLAIN boolean bytes holding `count` values (default: every bit).
    init(_ bytes: UnsafeRawBufferPointer, count: Int? = nil) {
        base = bytes.baseOrPlaceholder
        // A buffer holds far fewer than Int.max / 8 bytes.
        let bits = bytes.count &* 8
        cursor = ValueCursor(count: min(count ?? bits, bits))
    }

    /// Values not yet decoded or skipped.
    var remaining: Int { cursor.remaining }

    /// Decodes up to `out.count` values; returns how many (fewer only when the data ends).
    mutating func decode(into out: UnsafeMutableBufferPointer<Bool>) -> Int {
        guard let dst = out.baseAddress else { return 0 }
        let index = cursor.index
        let n = cursor.advance(upTo: out.count)
        let raw = UnsafeMutableRawPointer(dst)
        var i = 0
        // Head: single bits until the source index is byte-aligned.
        while i < n && (index + i) & 7 != 0 {
            dst[i] = bit(index + i)
            i += 1
        }
        // Body: one byte gives 8 booleans at once. Spread bit k of the byte into byte k of a word,
        // then turn each nonzero byte into 1 (Bool's bit pattern for true); no carries cross bytes
        // because each byte is at most 0x80 before adding 0x7F.
        while n - i >= 8 {
            let byte = UInt64(base.load(fromByteOffset: (index + i) >> 3, as: UInt8.self))
            let spread = (byte &* 0x0101_0101_0101_0101) & 0x8040_2010_0804_0201
            let ones = ((spread &+ 0x7F7F_7F7F_7F7F_7F7F) >> 7) & 0x0101_0101_0101_0101
            raw.storeBytes(of: ones.littleEndian, toByteOffset: i, as: UInt64.self)
            i += 8
        }
        while i < n {
            dst[i] = bit(index + i)
            i += 1
        }
        return n
    }

    @inline(__always)
    private func bit(_ i: Int) -> Bool {
        base.load(fromByteOffset: i >> 3, as: UInt8.self) >> UInt8(i & 7) & 1 == 1
    }

    /// Skips up to `n` values; returns how many were skipped.
    mutating func skip(_ n: Int) -> Int { cursor.advance(upTo: n) }

    /// Bytes holding the values decoded or skipped so far (rounded up to whole bytes).
    var bytesConsumed: Int { (cursor.index + 7) / 8 }
}
