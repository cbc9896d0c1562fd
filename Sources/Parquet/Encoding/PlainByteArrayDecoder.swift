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
    ///
    /// Two passes: the first walks the length prefixes (a dependent chain of loads) and writes the
    /// output offsets; the second copies the bytes, each value's source position following from its
    /// output offset, so the copies are independent of each other.
    mutating func decode(count: Int, into out: inout ByteArrayBuffer) throws(DecodeFailure) -> Int {
        let start = bytesConsumed
        // Every value takes at least its 4-byte length, which bounds the offsets to reserve.
        let bound = min(count, (byteCount - start) / 4 + 1)
        guard bound > 0 else { return 0 }
        let outBase = out.bytes.count
        let firstOffset = out.offsets.count
        let src = base, byteCount = byteCount
        var failure: DecodeFailure? = nil
        let (n, end) = out.offsets.append(growingBy: bound) { offsets -> (Int, Int) in
            var position = start
            var offset = outBase
            var values = 0
            while values < bound && position < byteCount {
                let available = byteCount - position
                guard available >= 4 else {
                    failure = .truncated(needed: 4, available: available)
                    break
                }
                let length = UInt32(littleEndian: src.loadUnaligned(fromByteOffset: position, as: UInt32.self))
                guard length <= UInt32(Int32.max) else {
                    failure = .invalid("negative BYTE_ARRAY length \(Int32(bitPattern: length))")
                    break
                }
                guard Int(length) <= available - 4 else {
                    failure = .truncated(needed: Int(length), available: available - 4)
                    break
                }
                position += 4 + Int(length)
                offset += Int(length)
                offsets[values] = offset
                values += 1
            }
            return (values, position)
        }
        out.offsets.removeLast(bound - n)
        if let failure {
            out.offsets.removeLast(n)
            throw failure
        }
        guard n > 0 else { return 0 }
        let payload = out.offsets[firstOffset + n - 1] - outBase
        out.bytes.append(growingBy: payload) { dst in
            out.offsets.withUnsafeBufferPointer { offsets in
                var valueStart = outBase
                for i in 0 ..< n {
                    let valueEnd = offsets[firstOffset + i]
                    let length = valueEnd - valueStart
                    let written = valueStart - outBase
                    // Value i's bytes follow i + 1 length prefixes and the bytes of the values before it.
                    let source = src + start + 4 * (i + 1) + written
                    let target = UnsafeMutableRawPointer(dst + written)
                    if length <= 32 && source + 32 <= src + byteCount && written + 32 <= payload {
                        // Short value with slack on both sides: copy 32 bytes with two vector moves;
                        // the extra bytes are overwritten by the values that follow.
                        target.copy32Bytes(from: source)
                    } else {
                        target.copyMemory(from: source, byteCount: length)
                    }
                    valueStart = valueEnd
                }
            }
        }
        bytesConsumed = end
        return n
    }

    /// Skips up to `n` values; returns how many were skipped.
    mutating func skip(_ n: Int) throws(DecodeFailure) -> Int {
        let (k, _, end) = try scan(n)
        bytesConsumed = end
        return k
    }
}
