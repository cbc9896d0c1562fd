// PLAIN BYTE_ARRAY decoding: each value is a 4-byte little-endian length followed by its bytes.

/// Cursor over PLAIN byte arrays.
struct PlainByteArrayDecoder {
    private let base: UnsafeRawPointer
    private let byteCount: Int
    /// Offset of the next value's length prefix.
    private(set) var bytesConsumed = 0

    /// Creates a decoder over PLAIN bytes. The memory must stay valid for the decoder's lifetime.
    init(_ bytes: UnsafeRawBufferPointer) {
        base = bytes.baseOrPlaceholder
        byteCount = bytes.count
    }

    /// Walks up to `count` values from `bytesConsumed`, validating their lengths. Returns the number of
    /// values, their total payload bytes and the offset after them.
    @inline(__always)
    private func scan(_ count: Int) throws(DecodeFailure) -> (values: Int, payload: Int, end: Int) {
        var position = bytesConsumed
        var values = 0
        var payload = 0
        while values < count && position < byteCount {
            let available = byteCount - position
            guard available >= 4 else { throw .truncated(needed: 4, available: available) }
            let length = UInt32(littleEndian: base.loadUnaligned(fromByteOffset: position, as: UInt32.self))
            guard length <= UInt32(Int32.max) else {
                throw .invalid("negative BYTE_ARRAY length \(Int32(bitPattern: length))")
            }
            guard Int(length) <= available - 4 else {
                throw .truncated(needed: Int(length), available: available - 4)
            }
            position += 4 + Int(length)
            payload += Int(length)
            values += 1
        }
        return (values, payload, position)
    }

    /// Decodes up to `count` values, appending them to `out`; returns how many (fewer only when the
    /// data ends). Throws on a length running past the data.
    mutating func decode(count: Int, into out: inout ByteArrayBuffer) throws(DecodeFailure) -> Int {
        let (n, payload, end) = try scan(count)
        guard n > 0 else { return 0 }
        let src = base
        let limit = byteCount
        let start = bytesConsumed
        let offsetBase = out.bytes.count
        _ = out.offsets.appendUninitialized(n) { offsets in
            out.bytes.appendWithSlack(payload) { dst in
                var position = start
                var written = 0
                for i in 0 ..< n {
                    // Lengths were validated by scan(), so position + 4 + length <= limit.
                    let length = Int(UInt32(littleEndian: src.loadUnaligned(fromByteOffset: position, as: UInt32.self)))
                    let from = position &+ 4
                    ByteCopy.copy(dst + written, src + from, count: length, wide: from &+ ByteCopy.slack <= limit)
                    // written + length <= payload <= byteCount (scan validated every length).
                    written &+= length
                    offsets[i] = offsetBase &+ written
                    position = from &+ length
                }
            }
            return n
        }
        bytesConsumed = end
        return n
    }

    /// Bytes not yet decoded or skipped (an upper bound on the payload of the remaining values).
    var remainingByteCount: Int { byteCount - bytesConsumed }

    /// Skips up to `n` values; returns how many were skipped.
    mutating func skip(_ n: Int) throws(DecodeFailure) -> Int {
        let (k, _, end) = try scan(n)
        bytesConsumed = end
        return k
    }
}
