// RLE / bit-packing hybrid encoding.
//
// Values are considered in groups of 8. A group whose 8 values are equal and that starts a repeat
// becomes (or extends) an RLE run; other groups are bit-packed into literal runs of at most 63
// groups, so that a literal run header always fits in the one byte reserved for it. The final
// partial group is written as a short RLE run when all its values are equal and no literal run is
// open, otherwise zero-padded to 8 values (readers know the value count).

/// Streaming encoder producing RLE/bit-packed hybrid run data (without a length prefix).
struct RLEBitPackedEncoder {
    /// Bits per value, 0...32.
    let bitWidth: Int
    private var output: [UInt8] = []
    /// Values of the group being collected (fewer than 8 between calls).
    private var group: [UInt64] = Array(repeating: 0, count: 8)
    private var groupCount = 0
    /// The last value seen and how many times in a row it was seen since the last group boundary
    /// that ended a literal group. Above 8 the values are not stored in `group` any more.
    private var currentValue: UInt64 = 0
    private var repeatCount = 0
    /// Index in `output` of the reserved header byte of the open literal run, or -1.
    private var literalHeaderIndex = -1
    private var literalGroups = 0

    private static let maxLiteralGroups = 63
    private static let maxRunLength = Int(Int32.max)

    /// Creates an encoder for values of `bitWidth` bits (0...32).
    init(bitWidth: Int) {
        precondition((0 ... 32).contains(bitWidth), "RLE bit width must be 0...32")
        self.bitWidth = bitWidth
    }

    /// Appends values; each must fit in `bitWidth` bits (extra high bits are dropped).
    mutating func append<T: FixedWidthInteger>(_ values: UnsafeBufferPointer<T>) {
        let mask: UInt64 = bitWidth == 0 ? 0 : (1 << UInt64(bitWidth)) - 1
        for value in values {
            // The bit pattern at T's own width, so that e.g. Int32(-1) is 0xFFFF_FFFF, not 64 ones.
            let v = UInt64(truncatingIfNeeded: T.Magnitude(truncatingIfNeeded: value))
            assert(v & ~mask == 0, "value \(value) does not fit in \(bitWidth) bits")
            put(v & mask)
        }
    }

    /// Appends booleans as values of bit width 1 (RLE-encoded BOOLEAN pages).
    mutating func append(_ values: UnsafeBufferPointer<Bool>) {
        precondition(bitWidth == 1, "booleans need bit width 1")
        for value in values { put(value ? 1 : 0) }
    }

    @inline(__always)
    private mutating func put(_ v: UInt64) {
        if v == currentValue && repeatCount > 0 {
            repeatCount += 1
            if repeatCount > 8 {
                // Inside an RLE run: nothing to store.
                if repeatCount == Self.maxRunLength {
                    writeRepeatedRun()
                }
                return
            }
        } else {
            if repeatCount >= 8 { writeRepeatedRun() }
            currentValue = v
            repeatCount = 1
        }
        group[groupCount] = v
        groupCount += 1
        if groupCount == 8 { completeGroup() }
    }

    /// Handles a full group of 8: either the start of an RLE run or one more literal group.
    private mutating func completeGroup() {
        groupCount = 0
        if repeatCount >= 8 {
            // A repeat only reaches 8 when it started at the group's first value, so the whole group
            // belongs to the RLE run; close the literal run before it.
            closeLiteralRun()
            return
        }
        if literalHeaderIndex < 0 {
            literalHeaderIndex = output.count
            output.append(0)
        }
        group.withUnsafeBufferPointer { BitPacker.pack($0.baseAddress!, count: 8, bitWidth: bitWidth, to: &output) }
        literalGroups += 1
        repeatCount = 0
        if literalGroups == Self.maxLiteralGroups { closeLiteralRun() }
    }

    private mutating func closeLiteralRun() {
        if literalHeaderIndex >= 0 {
            // literalGroups ≤ 63, so the header (groups << 1 | 1) fits in the reserved byte.
            output[literalHeaderIndex] = UInt8(literalGroups << 1 | 1)
            literalHeaderIndex = -1
            literalGroups = 0
        }
    }

    private mutating func writeRepeatedRun() {
        writeRepeatedRun(value: currentValue, count: repeatCount)
        repeatCount = 0
        groupCount = 0
    }

    private mutating func writeRepeatedRun(value: UInt64, count: Int) {
        VarInt.appendULEB128(UInt64(count) << 1, to: &output)
        for i in 0 ..< (bitWidth + 7) / 8 {
            output.append(UInt8(truncatingIfNeeded: value >> UInt64(8 * i)))
        }
    }

    /// Flushes pending values and returns the run data; the encoder is then empty and reusable.
    mutating func finish() -> [UInt8] {
        if repeatCount >= 8 {
            writeRepeatedRun()
        } else if groupCount > 0 {
            if literalHeaderIndex < 0 && repeatCount == groupCount {
                writeRepeatedRun(value: currentValue, count: groupCount)
                groupCount = 0
            } else {
                for i in groupCount ..< 8 { group[i] = 0 }
                repeatCount = 0
                groupCount = 8
                completeGroup()
            }
        }
        closeLiteralRun()
        let result = output
        output = []
        groupCount = 0
        repeatCount = 0
        currentValue = 0
        return result
    }
}
