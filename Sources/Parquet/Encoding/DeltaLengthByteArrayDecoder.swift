// DELTA_LENGTH_BYTE_ARRAY decoding (Encodings.md "Delta-length byte array"): the value lengths as
// DELTA_BINARY_PACKED INT32, then all value bytes concatenated.
//
// The start of the value bytes is found by walking the length blocks' headers (no unpacking); the
// lengths are then decoded lazily in chunks alongside the bytes, so nothing is allocated in
// proportion to the value count the header claims.

/// Cursor over DELTA_LENGTH_BYTE_ARRAY data. The memory behind `bytes` must stay valid for the
/// decoder's lifetime.
struct DeltaLengthByteArrayDecoder {
    private var lengths: DeltaBinaryPackedDecoder<Int32>
    private let data: UnsafeRawPointer
    private let dataCount: Int
    /// Offset, within the value bytes, of the next value.
    private var dataPosition = 0
    /// Offset of the value bytes within the encoded data.
    let lengthsByteCount: Int

    /// Number of values, from the lengths header.
    var totalCount: Int { lengths.totalCount }
    /// Values not yet decoded or skipped.
    var remaining: Int { lengths.remaining }
    /// Bytes of the encoded data consumed so far (lengths plus the bytes of the values decoded).
    var bytesConsumed: Int { lengthsByteCount + dataPosition }

    /// Reads the lengths header and locates the value bytes.
    init(_ bytes: UnsafeRawBufferPointer) throws(DecodeFailure) {
        lengths = try DeltaBinaryPackedDecoder<Int32>(bytes)
        var walker = lengths
        _ = try walker.skip(walker.totalCount)
        lengthsByteCount = walker.bytesConsumed
        data = bytes.baseOrPlaceholder + lengthsByteCount
        dataCount = bytes.count - lengthsByteCount
    }

    /// Decodes up to `max` lengths into `scratch`, checking each is non-negative and that their bytes
    /// are present. Returns the number of lengths and their sum; the bytes start at `currentData`.
    mutating func nextLengths(
        into scratch: UnsafeMutablePointer<Int32>, max: Int
    ) throws(DecodeFailure) -> (count: Int, byteCount: Int) {
        let n = try lengths.decode(into: UnsafeMutableBufferPointer(start: scratch, count: max))
        var total = 0
        for i in 0 ..< n {
            let length = Int(scratch[i])
            guard length >= 0 else { throw .invalid("negative byte array length \(length)") }
            total += length   // ≤ max * Int32.max: no overflow for chunk-sized `max`
        }
        let available = dataCount - dataPosition
        guard total <= available else { throw .truncated(needed: total, available: available) }
        return (n, total)
    }

    /// Pointer to the bytes of the next value.
    var currentData: UnsafeRawPointer { data + dataPosition }

    /// Readable value bytes from `currentData` on.
    var availableData: Int { dataCount - dataPosition }

    /// Moves past `byteCount` value bytes (a sum returned by `nextLengths`).
    mutating func advanceData(_ byteCount: Int) { dataPosition += byteCount }

    /// Decodes up to `count` values, appending them to `out`; returns how many (fewer only when the
    /// data ends).
    mutating func decode(count: Int, into out: inout ByteArrayBuffer) throws(DecodeFailure) -> Int {
        var done = 0
        try withUnsafeTemporaryAllocation(of: Int32.self, capacity: Self.chunk) { (scratch) throws(DecodeFailure) in
            let lengthsPointer = scratch.baseAddress!
            while done < count {
                let (n, total) = try nextLengths(into: lengthsPointer, max: min(Self.chunk, count - done))
                if n == 0 { break }
                out.bytes.append(contentsOf: UnsafeRawBufferPointer(start: currentData, count: total))
                var end = out.offsets[out.offsets.count - 1]
                out.offsets.append(growingBy: n) { offsets in
                    for i in 0 ..< n {
                        end += Int(lengthsPointer[i])
                        offsets[i] = end
                    }
                }
                advanceData(total)
                done += n
            }
        }
        return done
    }

    /// Skips up to `n` values; returns how many were skipped.
    mutating func skip(_ n: Int) throws(DecodeFailure) -> Int {
        var done = 0
        try withUnsafeTemporaryAllocation(of: Int32.self, capacity: Self.chunk) { (scratch) throws(DecodeFailure) in
            while done < n {
                let (k, total) = try nextLengths(into: scratch.baseAddress!, max: min(Self.chunk, n - done))
                if k == 0 { break }
                advanceData(total)
                done += k
            }
        }
        return done
    }

    /// Values per internal batch.
    static let chunk = 512
}
