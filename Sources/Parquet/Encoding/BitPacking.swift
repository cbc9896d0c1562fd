// LSB-first bit packing for the encoders (RLE/bit-packing hybrid literal runs, delta miniblocks).

/// Appends values bit-packed least significant bit first, the order of the RLE/bit-packing hybrid.
struct BitPacker {
    /// Pending bits not yet written (fewer than 8 between calls).
    private var accumulator: UInt64 = 0
    private var pendingBits = 0

    init() {}

    /// Appends the low `bitWidth` bits (0...64) of `value`.
    @inline(__always)
    mutating func append(_ value: UInt64, bitWidth: Int, to out: inout [UInt8]) {
        if bitWidth > 32 {
            appendSmall(value & 0xFFFF_FFFF, bitWidth: 32, to: &out)
            appendSmall(value >> 32, bitWidth: bitWidth - 32, to: &out)
        } else {
            appendSmall(value, bitWidth: bitWidth, to: &out)
        }
    }

    @inline(__always)
    private mutating func appendSmall(_ value: UInt64, bitWidth: Int, to out: inout [UInt8]) {
        // bitWidth ≤ 32 and pendingBits < 8, so the accumulator never holds more than 39 bits.
        let masked = bitWidth == 0 ? 0 : value & ((1 &<< UInt64(bitWidth)) &- 1)
        accumulator |= masked &<< UInt64(pendingBits)
        pendingBits += bitWidth
        while pendingBits >= 8 {
            out.append(UInt8(truncatingIfNeeded: accumulator))
            accumulator >>= 8
            pendingBits -= 8
        }
    }

    /// Writes the final partial byte, zero-padded, if any.
    mutating func flush(to out: inout [UInt8]) {
        if pendingBits > 0 {
            out.append(UInt8(truncatingIfNeeded: accumulator))
        }
        accumulator = 0
        pendingBits = 0
    }

    /// Packs `count` values (converted to their bit patterns) and pads the last byte with zeros.
    static func pack<T: FixedWidthInteger>(
        _ values: UnsafePointer<T>, count: Int, bitWidth: Int, to out: inout [UInt8]
    ) {
        out.reserveCapacity(out.count + (count * bitWidth + 7) / 8)
        var packer = BitPacker()
        for i in 0 ..< count {
            packer.append(UInt64(truncatingIfNeeded: values[i]), bitWidth: bitWidth, to: &out)
        }
        packer.flush(to: &out)
    }
}
