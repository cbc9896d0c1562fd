// DELTA_BINARY_PACKED encoding, writer side. Deltas and their offsets from the block's min delta
// are computed with wrapping arithmetic in T, as the spec requires; the decoder's wrapping
// additions restore the original values.

/// Streaming DELTA_BINARY_PACKED encoder for INT32 / INT64.
struct DeltaBinaryPackedEncoder<T: DeltaBinaryPackedInteger> {
    /// Values per block (a multiple of 128).
    let blockSize: Int
    /// Miniblocks per block (blockSize / miniblocks must be a multiple of 32).
    let miniblocks: Int
    let valuesPerMiniblock: Int
    /// Encoded blocks; the header is prepended in `finish()`, once the value count is known.
    private var blocks: [UInt8] = []
    private var count = 0
    private var firstValue: T = 0
    private var previous: T = 0
    private var deltas: [T]
    private var deltaCount = 0
    private var packed: [T.Magnitude]

    /// Creates an encoder. `blockSize` must be a positive multiple of 128 and
    /// `blockSize / miniblocks` a multiple of 32.
    init(blockSize: Int = 128, miniblocks: Int = 4) {
        precondition(blockSize > 0 && blockSize % 128 == 0, "block size must be a positive multiple of 128")
        precondition(miniblocks > 0 && blockSize % miniblocks == 0 && (blockSize / miniblocks) % 32 == 0,
                     "miniblock size must be a multiple of 32")
        self.blockSize = blockSize
        self.miniblocks = miniblocks
        valuesPerMiniblock = blockSize / miniblocks
        deltas = Array(repeating: 0, count: blockSize)
        packed = Array(repeating: 0, count: valuesPerMiniblock)
    }

    /// Number of values appended since the last `finish()`.
    var valueCount: Int { count }

    /// Appends values.
    mutating func append(_ values: UnsafeBufferPointer<T>) {
        guard let source = values.baseAddress, !values.isEmpty else { return }
        var i = 0
        if count == 0 {
            firstValue = source[0]
            previous = source[0]
            count = 1
            i = 1
        }
        while i < values.count {
            // Fill the block buffer with wrapping deltas (the delta of Int64.max after Int64.min must
            // wrap like the decoder's sum).
            let take = Swift.min(blockSize - deltaCount, values.count - i)
            var last = previous
            let start = deltaCount
            deltas.withUnsafeMutableBufferPointer { buffer in
                let out = buffer.baseAddress! + start
                for k in 0 ..< take {
                    let value = source[i + k]
                    out[k] = value &- last
                    last = value
                }
            }
            previous = last
            deltaCount += take
            count += take
            i += take
            if deltaCount == blockSize { writeBlock() }
        }
    }

    private mutating func writeBlock() {
        let n = deltaCount
        let minDelta = deltas.withUnsafeBufferPointer { d in
            var m = d[0]
            for i in 1 ..< n { m = Swift.min(m, d[i]) }
            return m
        }
        VarInt.appendZigzag(Int64(minDelta), to: &blocks)
        let widthsOffset = blocks.count
        blocks.append(contentsOf: repeatElement(0, count: miniblocks))
        for m in 0 ..< miniblocks {
            let start = m * valuesPerMiniblock
            guard start < n else { break }   // unused miniblocks: width 0, no data
            let end = Swift.min(start + valuesPerMiniblock, n)
            let perMiniblock = valuesPerMiniblock   // locals: the closures must not read self
            let blockDeltas = deltas                // while self.packed is being written
            let width = blockDeltas.withUnsafeBufferPointer { d in
                packed.withUnsafeMutableBufferPointer { p in
                    var largest: T.Magnitude = 0
                    for i in start ..< end {
                        // Wrapping: the offset from the minimum is below 2^T.bitWidth as an unsigned value.
                        let offset = T.Magnitude(truncatingIfNeeded: d[i] &- minDelta)
                        p[i - start] = offset
                        largest |= offset
                    }
                    for i in (end - start) ..< perMiniblock { p[i] = 0 }
                    return T.Magnitude.bitWidth - largest.leadingZeroBitCount
                }
            }
            blocks[widthsOffset + m] = UInt8(width)
            packed.withUnsafeBufferPointer { values in
                BitPacker.pack(values.baseAddress!, count: valuesPerMiniblock, bitWidth: width, to: &blocks)
            }
        }
        deltaCount = 0
    }

    /// Returns the encoded data (header and blocks); the encoder is then empty and reusable.
    mutating func finish() -> [UInt8] {
        if deltaCount > 0 { writeBlock() }
        var out: [UInt8] = []
        out.reserveCapacity(blocks.count + 24)
        VarInt.appendULEB128(UInt64(blockSize), to: &out)
        VarInt.appendULEB128(UInt64(miniblocks), to: &out)
        VarInt.appendULEB128(UInt64(count), to: &out)
        VarInt.appendZigzag(Int64(firstValue), to: &out)
        out.append(contentsOf: blocks)
        blocks = []
        count = 0
        deltaCount = 0
        firstValue = 0
        previous = 0
        return out
    }
}
