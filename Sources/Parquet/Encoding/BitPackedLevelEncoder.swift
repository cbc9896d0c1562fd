// Deprecated BIT_PACKED level encoding, writer side (MSB-first packing, see BitPackedLevelDecoder).

/// Encoder for the deprecated BIT_PACKED level encoding (for tests and legacy writers).
enum BitPackedLevelEncoder {
    /// Packs `values` MSB-first with `bitWidth` bits each, zero-padding the last byte.
    static func encode<T: FixedWidthInteger>(_ values: UnsafeBufferPointer<T>, bitWidth: Int) -> [UInt8] {
        precondition((0 ... 32).contains(bitWidth))
        var out: [UInt8] = []
        out.reserveCapacity((values.count * bitWidth + 7) / 8)
        var accumulator: UInt64 = 0
        var bits = 0
        let mask: UInt64 = (1 << UInt64(bitWidth)) - 1
        for value in values {
            // bits < 8 before the shift and bitWidth ≤ 32: at most 40 bits are held.
            accumulator = accumulator << UInt64(bitWidth) | (UInt64(truncatingIfNeeded: value) & mask)
            bits += bitWidth
            while bits >= 8 {
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt64(bits - 8)))
                bits -= 8
            }
            accumulator &= (1 << UInt64(bits)) - 1
        }
        if bits > 0 { out.append(UInt8(truncatingIfNeeded: accumulator << UInt64(8 - bits))) }
        return out
    }
}
