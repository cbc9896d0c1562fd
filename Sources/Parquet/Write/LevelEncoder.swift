/// Encodes repetition/definition levels as RLE/bit-packed hybrid runs (without the v1 length prefix).
enum LevelEncoder {
    /// Bits needed for levels up to `maxLevel`.
    static func bitWidth(_ maxLevel: Int) -> Int {
        maxLevel == 0 ? 0 : Int.bitWidth - maxLevel.leadingZeroBitCount
    }

    /// The runs of `levels` (each in 0...maxLevel). A page whose levels are all equal (no nulls, the
    /// common case) becomes a single RLE run without going through the general encoder.
    static func encode(_ levels: [Int16], maxLevel: Int) -> [UInt8] {
        guard let first = levels.first else { return [] }
        let width = bitWidth(maxLevel)
        var out: [UInt8] = []
        if levels.allSatisfy({ $0 == first }) {
            VarInt.appendULEB128(UInt64(levels.count) << 1, to: &out)
            for i in 0 ..< (width + 7) / 8 { out.append(UInt8(truncatingIfNeeded: Int(first) >> (8 * i))) }
            return out
        }
        var e = RLEBitPackedEncoder(bitWidth: width)
        levels.withUnsafeBufferPointer { e.append($0) }
        return e.finish()
    }
}
