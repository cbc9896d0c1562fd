// RLE / bit-packing hybrid decoding (Encodings.md "Run Length Encoding / Bit-Packing Hybrid"),
// used for repetition and definition levels, dictionary indices and RLE booleans.
//
// Leniencies shared with arrow-rs / Arrow C++:
// - a run header of 0 ends the data (fastparquet pads pages with zero bytes);
// - a final bit-packed run whose bytes are cut short yields only the values whose bits are present
//   ("writers which truncate the final block").
// Strictness: a repeated value wider than `bitWidth` is rejected, so decoded values always fit
// `bitWidth` bits.

/// Cursor over RLE/bit-packed hybrid run data (without any length prefix).
///
/// The memory behind `bytes` must stay valid for the decoder's lifetime.
struct RLEBitPackedDecoder {
    private let base: UnsafeRawPointer
    private let byteCount: Int
    /// Bits per value, 0...32 (0: every value is 0).
    let bitWidth: Int
    /// Offset of the next run header.
    private var position = 0
    /// Values left in the current repeated (RLE) run.
    private var repeatRemaining = 0
    private var repeatValue: UInt32 = 0
    /// Values left in the current bit-packed run (already limited to the bits present).
    private var literalRemaining = 0
    /// Offset of the current bit-packed run's first value byte.
    private var literalStart = 0
    /// Index, within the current bit-packed run, of the next value.
    private var literalIndex = 0

    /// Creates a decoder over run data. `bitWidth` must be 0...32.
    init(_ bytes: UnsafeRawBufferPointer, bitWidth: Int) throws(DecodeFailure) {
        guard (0 ... 32).contains(bitWidth) else {
            throw .invalid("RLE/bit-packed bit width \(bitWidth) is outside 0...32")
        }
        base = bytes.baseOrPlaceholder
        byteCount = bytes.count
        self.bitWidth = bitWidth
    }

    /// Bytes consumed so far: the offset just past the last run header and value read.
    var bytesConsumed: Int { position }

    // MARK: Runs

    /// Reads the next run header. Returns false when the data ends.
    private mutating func nextRun() throws(DecodeFailure) -> Bool {
        while position < byteCount {
            let header = try VarInt.readULEB128(base, count: byteCount, at: &position)
            if header == 0 {
                // Zero padding after the last run (fastparquet): treat as the end of the data.
                position = byteCount
                return false
            }
            if header & 1 == 1 {
                let groups = header >> 1
                let available = byteCount - position
                // A group of 8 values of `bitWidth` bits takes exactly `bitWidth` bytes.
                let (declaredBytes, bytesOverflow) = Int(clamping: groups).multipliedReportingOverflow(by: bitWidth)
                let (declaredValues, valuesOverflow) = Int(clamping: groups).multipliedReportingOverflow(by: 8)
                guard groups <= UInt64(Int.max), !valuesOverflow else {
                    throw .invalid("bit-packed run of \(groups) groups is too long")
                }
                literalStart = position
                literalIndex = 0
                if bytesOverflow || declaredBytes > available {
                    // Truncated final run: keep the values whose bits are all present. `available`
                    // is a buffer size, far below Int.max / 8.
                    literalRemaining = min(declaredValues, available &* 8 / bitWidth)
                    position = byteCount
                } else {
                    literalRemaining = declaredValues
                    position += declaredBytes
                }
                if literalRemaining > 0 { return true }
            } else {
                let runLength = header >> 1
                guard runLength <= UInt64(Int.max) else {
                    throw .invalid("RLE run length \(runLength) is too long")
                }
                let valueBytes = (bitWidth + 7) / 8
                let available = byteCount - position
                guard available >= valueBytes else {
                    throw .truncated(needed: valueBytes, available: available)
                }
                var value: UInt32 = 0
                for i in 0 ..< valueBytes {
                    value |= UInt32(base.load(fromByteOffset: position + i, as: UInt8.self)) << (8 * i)
                }
                position += valueBytes
                if bitWidth < 32 && value >> bitWidth != 0 {
                    throw .invalid("RLE run value \(value) does not fit in bit width \(bitWidth)")
                }
                repeatValue = value
                repeatRemaining = Int(runLength)
                return true
            }
        }
        return false
    }

    /// Unpacks `count` values of the current bit-packed run into `dst` and advances within the run.
    @inline(__always)
    private mutating func takeLiteral(_ count: Int, into dst: UnsafeMutablePointer<UInt32>) {
        var unused: UInt32 = 0
        BitUnpacking.unpack(
            PlainValues.self, base + literalStart, available: byteCount - literalStart, bitWidth: bitWidth,
            first: literalIndex, count: count, into: dst, sum: &unused)
        literalIndex += count
        literalRemaining -= count
    }

    // MARK: Decoding

    /// Decodes up to `out.count` values; returns how many (fewer only when the data ends).
    ///
    /// Throws `.invalid` if `T` is narrower than `bitWidth`.
    mutating func decode<T: FixedWidthInteger>(into out: UnsafeMutableBufferPointer<T>) throws(DecodeFailure) -> Int {
        guard T.bitWidth >= bitWidth else {
            throw .invalid("bit width \(bitWidth) does not fit in \(T.self)")
        }
        guard let dst = out.baseAddress else { return 0 }
        if MemoryLayout<T>.size == 4 {
            // Int32 / UInt32 share UInt32's layout: unpack straight into the output.
            return try decodeUInt32(into: UnsafeMutableRawPointer(dst).assumingMemoryBound(to: UInt32.self),
                                    count: out.count, below: nil)
        }
        var done = 0
        while done < out.count {
            if repeatRemaining > 0 {
                let take = min(repeatRemaining, out.count - done)
                (dst + done).update(repeating: T(truncatingIfNeeded: repeatValue), count: take)
                repeatRemaining -= take
                done += take
            } else if literalRemaining > 0 {
                let take = min(literalRemaining, out.count - done, 256)
                withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 256) { scratch in
                    let tmp = scratch.baseAddress!
                    takeLiteral(take, into: tmp)
                    for i in 0 ..< take { dst[done + i] = T(truncatingIfNeeded: tmp[i]) }
                }
                done += take
            } else if try !nextRun() {
                break
            }
        }
        return done
    }

    /// Decodes dictionary indices, checking each is `< dictionaryCount`; returns how many were decoded
    /// (fewer only when the data ends). Throws `.invalid` naming the first out-of-range index.
    mutating func decodeIndices(
        into out: UnsafeMutableBufferPointer<UInt32>, dictionaryCount: Int
    ) throws(DecodeFailure) -> Int {
        guard let dst = out.baseAddress else { return 0 }
        return try decodeUInt32(into: dst, count: out.count, below: dictionaryCount)
    }

    /// Decodes up to `count` values into `dst`; with `limit`, checks each value is below it (once per
    /// RLE run, once per unpacked chunk of a bit-packed run).
    @inline(__always)
    private mutating func decodeUInt32(
        into dst: UnsafeMutablePointer<UInt32>, count: Int, below limit: Int?
    ) throws(DecodeFailure) -> Int {
        var done = 0
        while done < count {
            if repeatRemaining > 0 {
                if let limit, Int(repeatValue) >= limit { throw Self.indexOutOfRange(repeatValue, limit) }
                let take = min(repeatRemaining, count - done)
                (dst + done).update(repeating: repeatValue, count: take)
                repeatRemaining -= take
                done += take
            } else if literalRemaining > 0 {
                let take = min(literalRemaining, count - done)
                let chunk = dst + done
                takeLiteral(take, into: chunk)
                if let limit {
                    // Branch-free maximum (vectorizes), then one comparison per chunk.
                    var largest: UInt32 = 0
                    for i in 0 ..< take { largest = max(largest, chunk[i]) }
                    if Int(largest) >= limit {
                        let bad = UnsafeBufferPointer(start: chunk, count: take).first { Int($0) >= limit } ?? largest
                        throw Self.indexOutOfRange(bad, limit)
                    }
                }
                done += take
            } else if try !nextRun() {
                break
            }
        }
        return done
    }

    private static func indexOutOfRange(_ index: UInt32, _ dictionaryCount: Int) -> DecodeFailure {
        .invalid("dictionary index \(index) is out of range (dictionary has \(dictionaryCount) entries)")
    }

    /// Decodes bit width 1 values as booleans (RLE-encoded BOOLEAN pages). Throws `.invalid` if the
    /// decoder's bit width is not 1.
    mutating func decodeBooleans(into out: UnsafeMutableBufferPointer<Bool>) throws(DecodeFailure) -> Int {
        guard bitWidth == 1 else { throw .invalid("boolean RLE data must have bit width 1, not \(bitWidth)") }
        // Values are 0 or 1 (bit width 1, run values checked in nextRun), which are Bool's bit patterns.
        return try out.withMemoryRebound(to: UInt8.self) { (bytes) throws(DecodeFailure) -> Int in
            try decode(into: bytes)
        }
    }

    /// Skips up to `n` values without materialising them; returns how many were skipped.
    mutating func skip(_ n: Int) throws(DecodeFailure) -> Int {
        var done = 0
        while done < n {
            if repeatRemaining > 0 {
                let take = min(repeatRemaining, n - done)
                repeatRemaining -= take
                done += take
            } else if literalRemaining > 0 {
                let take = min(literalRemaining, n - done)
                literalIndex += take
                literalRemaining -= take
                done += take
            } else if try !nextRun() {
                break
            }
        }
        return done
    }
}
