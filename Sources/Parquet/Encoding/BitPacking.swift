// LSB-first bit packing for the encoders (RLE/bit-packing hybrid literal runs, delta miniblocks).

/// Appends values bit-packed least significant bit first, the order of the RLE/bit-packing hybrid.
enum BitPacker {
    /// Packs `count` values (their low `bitWidth` bits, 0...64) and pads the last byte with zeros.
    /// Writes whole 64-bit words into a region grown once.
    static func pack<T: FixedWidthInteger>(
        _ values: UnsafePointer<T>, count: Int, bitWidth: Int, to out: inout [UInt8]
    ) {
        let byteCount = (count * bitWidth + 7) / 8
        guard byteCount > 0 else { return }
        let mask: UInt64 = bitWidth == 64 ? .max : (1 << UInt64(bitWidth)) - 1
        out.append(growingBy: byteCount) { dst in
            let raw = UnsafeMutableRawPointer(dst)
            var accumulator: UInt64 = 0
            var bits = 0          // bits held in the accumulator, always < 64 between values
            var offset = 0
            for i in 0 ..< count {
                let v = UInt64(truncatingIfNeeded: values[i]) & mask
                accumulator |= v &<< UInt64(bits)
                bits += bitWidth
                if bits >= 64 {
                    // A full word lies within the first count * bitWidth bits: offset + 8 ≤ byteCount.
                    raw.storeBytes(of: accumulator.littleEndian, toByteOffset: offset, as: UInt64.self)
                    offset += 8
                    bits -= 64
                    // The high `bits` bits of v did not fit; 0 < bitWidth - bits ≤ bitWidth.
                    accumulator = bits == 0 ? 0 : v &>> UInt64(bitWidth - bits)
                }
            }
            var k = 0
            while offset < byteCount {
                raw.storeBytes(of: UInt8(truncatingIfNeeded: accumulator >> UInt64(8 * k)), toByteOffset: offset, as: UInt8.self)
                offset += 1
                k += 1
            }
        }
    }
}
