// BYTE_STREAM_SPLIT decoding (Encodings.md "Byte Stream Split"): for N values of K bytes, K streams
// of N bytes; stream k holds byte k of every value. Used for FLOAT/INT32 (K = 4), DOUBLE/INT64
// (K = 8) and FIXED_LEN_BYTE_ARRAY (any K, e.g. 2 for FLOAT16).

/// Cursor over BYTE_STREAM_SPLIT data. The memory behind `bytes` must stay valid for the decoder's
/// lifetime.
struct ByteStreamSplitDecoder {
    private let base: UnsafeRawPointer
    /// Bytes per value (K).
    let width: Int
    /// Number of values (N).
    let count: Int
    /// Index of the next value.
    private var index = 0

    /// Creates a decoder; `bytes.count` must be a multiple of `width` (> 0).
    init(_ bytes: UnsafeRawBufferPointer, width: Int) throws(DecodeFailure) {
        guard width > 0 else { throw .invalid("BYTE_STREAM_SPLIT width \(width) must be positive") }
        guard bytes.count % width == 0 else {
            throw .invalid("BYTE_STREAM_SPLIT data of \(bytes.count) bytes is not a multiple of the width \(width)")
        }
        base = bytes.baseOrPlaceholder
        self.width = width
        count = bytes.count / width
    }

    /// Values not yet decoded or skipped.
    var remaining: Int { count - index }

    /// Decodes up to `out.count` values of a type whose size is `width`; returns how many (fewer only
    /// when the data ends).
    mutating func decode<T: BitwiseCopyable>(into out: UnsafeMutableBufferPointer<T>) throws(DecodeFailure) -> Int {
        guard MemoryLayout<T>.size == width, MemoryLayout<T>.stride == width else {
            throw .invalid("BYTE_STREAM_SPLIT width \(width) does not match \(T.self)")
        }
        let n = min(out.count, count - index)
        guard n > 0, let dst = out.baseAddress else { return 0 }
        gather(n, into: UnsafeMutableRawPointer(dst))
        index += n
        return n
    }

    /// Decodes up to `count` fixed-length byte arrays, appending them to `out` (whose width must be
    /// `width`, or which must be empty and then takes this width); returns how many.
    mutating func decode(count requested: Int, into out: inout FixedLenByteArrayBuffer) throws(DecodeFailure) -> Int {
        if out.bytes.isEmpty { out.width = width }
        guard out.width == width else {
            throw .invalid("BYTE_STREAM_SPLIT width \(width) differs from the buffer width \(out.width)")
        }
        let n = max(0, min(requested, count - index))
        guard n > 0 else { return 0 }
        out.bytes.append(growingBy: n * width) { dst in gather(n, into: UnsafeMutableRawPointer(dst)) }
        index += n
        return n
    }

    /// Skips up to `n` values; returns how many were skipped.
    mutating func skip(_ n: Int) -> Int {
        let k = max(0, min(n, count - index))
        index += k
        return k
    }

    /// Writes values `index ..< index + n` as contiguous `width`-byte values at `dst`.
    private func gather(_ n: Int, into dst: UnsafeMutableRawPointer) {
        let src = base + index
        let stride = count
        switch width {
        case 4:
            for i in 0 ..< n {
                let b0 = UInt32(src.load(fromByteOffset: i, as: UInt8.self))
                let b1 = UInt32(src.load(fromByteOffset: stride + i, as: UInt8.self))
                let b2 = UInt32(src.load(fromByteOffset: 2 * stride + i, as: UInt8.self))
                let b3 = UInt32(src.load(fromByteOffset: 3 * stride + i, as: UInt8.self))
                let v = b0 | b1 << 8 | b2 << 16 | b3 << 24
                dst.storeBytes(of: v.littleEndian, toByteOffset: 4 * i, as: UInt32.self)
            }
        case 8:
            for i in 0 ..< n {
                var v: UInt64 = 0
                for k in 0 ..< 8 {
                    v |= UInt64(src.load(fromByteOffset: k * stride + i, as: UInt8.self)) << UInt64(8 * k)
                }
                dst.storeBytes(of: v.littleEndian, toByteOffset: 8 * i, as: UInt64.self)
            }
        default:
            for k in 0 ..< width {
                let stream = src + k * stride
                for i in 0 ..< n {
                    dst.storeBytes(of: stream.load(fromByteOffset: i, as: UInt8.self), toByteOffset: i * width + k, as: UInt8.self)
                }
            }
        }
    }
}
