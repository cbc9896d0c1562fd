// DELTA_BINARY_PACKED decoding (Encodings.md "Delta Encoding").
//
// Layout: header <block size> <miniblocks per block> <total value count> <first value (zigzag)>,
// then blocks of <min delta (zigzag)> <one bit-width byte per miniblock> <miniblocks>. Each value is
// the previous value + min delta + the packed delta; all arithmetic wraps in T (the spec requires
// two's-complement wrap-around, e.g. for deltas between Int64.min and Int64.max).
//
// Accepted per the spec: arbitrary bit-width bytes for miniblocks that hold no values (treated as
// width 0 with no data), arbitrary padding bits, and a final miniblock cut short after its last
// needed value. Rejected: block sizes that are not multiples of 128, miniblock sizes that are not
// multiples of 32, bit widths wider than T, value counts above Int32.max or above what the bytes can
// hold.

/// The integer types DELTA_BINARY_PACKED applies to: INT32 and INT64.
protocol DeltaBinaryPackedInteger: FixedWidthInteger, SignedInteger
where Magnitude: FixedWidthInteger & UnsignedInteger {}

extension Int32: DeltaBinaryPackedInteger {}
extension Int64: DeltaBinaryPackedInteger {}

/// Cursor over DELTA_BINARY_PACKED data. The memory behind `bytes` must stay valid for the decoder's
/// lifetime.
struct DeltaBinaryPackedDecoder<T: DeltaBinaryPackedInteger> {
    private let base: UnsafeRawPointer
    private let byteCount: Int
    /// Values per block (a multiple of 128).
    let blockSize: Int
    /// Miniblocks per block.
    let miniblocksPerBlock: Int
    /// Values per miniblock (a multiple of 32).
    let valuesPerMiniblock: Int
    /// Number of values in the data, from the header.
    let totalCount: Int
    /// Values not yet decoded or skipped.
    private(set) var remaining: Int
    private let firstValue: T
    private var firstPending: Bool
    private var lastValue: T
    private let headerEnd: Int
    private var startedBlock = false

    // Current block and miniblock.
    private var minDelta: T = 0
    private var widthsOffset = 0
    private var miniblockIndex: Int
    private var miniblockStart = 0
    private var miniblockWidth = 0
    /// Values of the current miniblock already consumed (= valuesPerMiniblock when it is exhausted).
    private var miniblockConsumed: Int
    /// Offset after the current miniblock's full data, where the next miniblock or block starts.
    private var nextMiniblockStart: Int

    /// Reads and validates the header.
    init(_ bytes: UnsafeRawBufferPointer) throws(DecodeFailure) {
        base = bytes.baseOrPlaceholder
        byteCount = bytes.count
        var position = 0
        let blockSize = try VarInt.readULEB128(base, count: byteCount, at: &position)
        let miniblocks = try VarInt.readULEB128(base, count: byteCount, at: &position)
        let total = try VarInt.readULEB128(base, count: byteCount, at: &position)
        let first = try VarInt.readZigzag(base, count: byteCount, at: &position)
        guard blockSize > 0, blockSize % 128 == 0, blockSize <= UInt64(Int32.max) else {
            throw .invalid("DELTA_BINARY_PACKED block size \(blockSize) is not a positive multiple of 128")
        }
        guard miniblocks > 0 else { throw .invalid("DELTA_BINARY_PACKED block has 0 miniblocks") }
        guard blockSize % miniblocks == 0, (blockSize / miniblocks) % 32 == 0 else {
            throw .invalid("DELTA_BINARY_PACKED miniblock size \(blockSize) / \(miniblocks) is not a multiple of 32")
        }
        guard total <= UInt64(Int32.max) else {
            throw .limit("DELTA_BINARY_PACKED value count \(total) exceeds \(Int32.max)")
        }
        self.blockSize = Int(blockSize)
        miniblocksPerBlock = Int(miniblocks)
        valuesPerMiniblock = Int(blockSize / miniblocks)
        totalCount = Int(total)
        // Every block takes at least one min-delta byte plus one width byte per miniblock.
        if totalCount > 1 {
            let blocks = (totalCount - 1 + self.blockSize - 1) / self.blockSize
            let (minimum, overflow) = blocks.multipliedReportingOverflow(by: 1 + miniblocksPerBlock)
            guard !overflow, minimum <= byteCount - position else {
                throw .truncated(needed: overflow ? Int.max : minimum, available: byteCount - position)
            }
        }
        // Values wrap modulo 2^T.bitWidth (spec), so an INT32 first value is taken modulo 2^32.
        firstValue = T(truncatingIfNeeded: first)
        lastValue = firstValue
        remaining = totalCount
        firstPending = totalCount > 0
        headerEnd = position
        nextMiniblockStart = position
        miniblockIndex = miniblocksPerBlock - 1
        miniblockConsumed = valuesPerMiniblock
    }

    /// Offset just past the data consumed so far; once every value has been decoded or skipped, the
    /// size of the encoded data (the end of the last block, counting its unused miniblocks as empty).
    var bytesConsumed: Int { startedBlock ? min(nextMiniblockStart, byteCount) : headerEnd }

    // MARK: Blocks

    /// Moves to the next miniblock, reading a block header when the block is exhausted, and checks
    /// that the bytes for the values still to decode in it are present.
    private mutating func nextMiniblock() throws(DecodeFailure) {
        if miniblockIndex + 1 >= miniblocksPerBlock {
            var position = nextMiniblockStart
            // Values wrap modulo 2^T.bitWidth (spec), so an INT32 min delta is taken modulo 2^32.
            minDelta = T(truncatingIfNeeded: try VarInt.readZigzag(base, count: byteCount, at: &position))
            guard byteCount - position >= miniblocksPerBlock else {
                throw .truncated(needed: miniblocksPerBlock, available: byteCount - position)
            }
            widthsOffset = position
            nextMiniblockStart = position + miniblocksPerBlock
            miniblockIndex = 0
            startedBlock = true
        } else {
            miniblockIndex += 1
        }
        let width = Int(base.load(fromByteOffset: widthsOffset + miniblockIndex, as: UInt8.self))
        guard width <= T.bitWidth else {
            throw .invalid("DELTA_BINARY_PACKED bit width \(width) exceeds \(T.bitWidth)")
        }
        miniblockStart = nextMiniblockStart
        miniblockWidth = width
        miniblockConsumed = 0
        // valuesPerMiniblock ≤ Int32.max and width ≤ 64: no overflow. A multiple of 32 values fills
        // whole bytes.
        let needed = min(valuesPerMiniblock, remaining)
        let neededBytes = (needed * width + 7) / 8
        guard neededBytes <= byteCount - miniblockStart else {
            throw .truncated(needed: neededBytes, available: byteCount - miniblockStart)
        }
        nextMiniblockStart = miniblockStart + valuesPerMiniblock * width / 8
    }

    // MARK: Decoding

    /// Decodes up to `out.count` values; returns how many (fewer only when all values are decoded).
    mutating func decode(into out: UnsafeMutableBufferPointer<T>) throws(DecodeFailure) -> Int {
        let n = min(out.count, remaining)
        guard n > 0, let dst = out.baseAddress else { return 0 }
        var done = 0
        if firstPending {
            dst[0] = firstValue
            lastValue = firstValue
            firstPending = false
            remaining -= 1
            done = 1
        }
        while done < n {
            if miniblockConsumed == valuesPerMiniblock { try nextMiniblock() }
            let take = min(valuesPerMiniblock - miniblockConsumed, n - done)
            let chunk = dst + done
            // Unpack packed value + min delta (wrapping) as running sums from the previous value, in
            // place: T and T.Magnitude are layout-compatible. Wrapping additions restore values whose
            // deltas overflowed when encoded (spec).
            var last = T.Magnitude(truncatingIfNeeded: lastValue)
            BitUnpacking.unpack(
                RunningSum.self, base + miniblockStart, available: byteCount - miniblockStart,
                bitWidth: miniblockWidth, first: miniblockConsumed, count: take,
                into: UnsafeMutableRawPointer(chunk).assumingMemoryBound(to: T.Magnitude.self),
                bias: T.Magnitude(truncatingIfNeeded: minDelta), sum: &last)
            lastValue = T(truncatingIfNeeded: last)
            miniblockConsumed += take
            remaining -= take
            done += take
        }
        return n
    }

    /// Skips up to `n` values; returns how many were skipped. Skipping to the end only walks the
    /// block headers (no unpacking), which is how byte-array decoders find the data after the lengths.
    mutating func skip(_ n: Int) throws(DecodeFailure) -> Int {
        let k = max(0, min(n, remaining))
        if k == 0 { return 0 }
        if k < remaining {
            var skipped = 0
            try withUnsafeTemporaryAllocation(of: T.self, capacity: 256) { (scratch) throws(DecodeFailure) in
                while skipped < k {
                    let got = try decode(into: UnsafeMutableBufferPointer(rebasing: scratch[0 ..< min(256, k - skipped)]))
                    if got == 0 { break }
                    skipped += got
                }
            }
            return skipped
        }
        if firstPending {
            firstPending = false
            remaining -= 1
        }
        while remaining > 0 {
            if miniblockConsumed == valuesPerMiniblock { try nextMiniblock() }
            let take = min(valuesPerMiniblock - miniblockConsumed, remaining)
            miniblockConsumed += take
            remaining -= take
        }
        return k
    }
}
