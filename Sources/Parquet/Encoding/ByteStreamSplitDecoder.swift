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
    var count: Int { cursor.count }
    private var cursor: ValueCursor

    /// Creates a decoder; `bytes.count` must be a multiple of `width` (> 0).
    init(_ bytes: UnsafeRawBufferPointer, width: Int) throws(DecodeFailure) {
        guard width > 0 else { throw .invalid("BYTE_STREAM_SPLIT width \(width) must be positive") }
        guard bytes.count % width == 0 else {
            throw .invalid("BYTE_STREAM_SPLIT data of \(bytes.count) bytes is not a multiple of the width \(width)")
        }
        base = bytes.baseOrPlaceholder
        self.width = width
        cursor = ValueCursor(count: bytes.count / width)
    }

    /// Values not yet decoded or skipped.
    var remaining: Int { cursor.remaining }

    /// Decodes up to `out.count` values of a type whose size is `width`; returns how many (fewer only
    /// when the data ends).
    mutating func decode<T: BitwiseCopyable>(into out: UnsafeMutableBufferPointer<T>) throws(DecodeFailure) -> Int {
        guard MemoryLayout<T>.size == width, MemoryLayout<T>.stride == width else {
            throw .invalid("BYTE_STREAM_SPLIT width \(width) does not match \(T.self)")
        }
        guard let dst = out.baseAddress else { return 0 }
        let start = cursor.index
        let n = cursor.advance(upTo: out.count)
        gather(n, from: start, into: UnsafeMutableRawPointer(dst))
        return n
    }

    /// Decodes up to `count` fixed-length byte arrays, appending them to `out` (whose width must be
    /// `width`, or which must be empty and then takes this width); returns how many.
    mutating func decode(count requested: Int, into out: inout FixedLenByteArrayBuffer) throws(DecodeFailure) -> Int {
        if out.bytes.isEmpty { out.width = width }
        guard out.width == width else {
            throw .invalid("BYTE_STREAM_SPLIT width \(width) differs from the buffer width \(out.width)")
        }
        let start = cursor.index
        let n = cursor.advance(upTo: requested)
        if n > 0 { out.bytes.append(growingBy: n * width) { dst in gather(n, from: start, into: UnsafeMutableRawPointer(dst)) } }
        return n
    }

    /// Skips up to `n` values; returns how many were skipped.
    mutating func skip(_ n: Int) -> Int { cursor.advance(upTo: n) }

    /// Writes values `index ..< index + n` as contiguous `width`-byte values at `dst`.
    private func gather(_ n: Int, from index: Int, into dst: UnsafeMutableRawPointer) {
        let src = base + index
        let stride = cursor.count
        var i = 0
        switch width {
        case 8:
            // Blocks of 8 values: one 8-byte load per stream, then an 8x8 byte transpose in registers.
            while n - i >= 8 {
                Self.transpose8x8(src + i, stride: stride, into: dst + 8 * i)
                i += 8
            }
        case 4:
            // Blocks of 8 values: one 8-byte load per stream, then two 4x4 byte transposes at once.
            while n - i >= 8 {
                Self.transpose4x8(src + i, stride: stride, into: dst + 4 * i)
                i += 8
            }
        default:
            break
        }
        // The rest (and other widths): byte by byte.
        if i < n {
            for k in 0 ..< width {
                let stream = src + k * stride
                for j in i ..< n {
                    dst.storeBytes(of: stream.load(fromByteOffset: j, as: UInt8.self), toByteOffset: j * width + k, as: UInt8.self)
                }
            }
        }
    }

    /// Rows r = stream r (bytes = values 0...7); swaps blocks so that row r becomes value r.
    @inline(__always)
    private static func transpose8x8(_ src: UnsafeRawPointer, stride: Int, into dst: UnsafeMutableRawPointer) {
        var r0 = UInt64(littleEndian: src.loadUnaligned(as: UInt64.self))
        var r1 = UInt64(littleEndian: src.loadUnaligned(fromByteOffset: stride, as: UInt64.self))
        var r2 = UInt64(littleEndian: src.loadUnaligned(fromByteOffset: 2 * stride, as: UInt64.self))
        var r3 = UInt64(littleEndian: src.loadUnaligned(fromByteOffset: 3 * stride, as: UInt64.self))
        var r4 = UInt64(littleEndian: src.loadUnaligned(fromByteOffset: 4 * stride, as: UInt64.self))
        var r5 = UInt64(littleEndian: src.loadUnaligned(fromByteOffset: 5 * stride, as: UInt64.self))
        var r6 = UInt64(littleEndian: src.loadUnaligned(fromByteOffset: 6 * stride, as: UInt64.self))
        var r7 = UInt64(littleEndian: src.loadUnaligned(fromByteOffset: 7 * stride, as: UInt64.self))
        // 4x4 blocks, then 2x2 blocks of 16-bit pairs, then single bytes.
        swapBlocks(&r0, &r4, shift: 32, mask: 0x0000_0000_FFFF_FFFF)
        swapBlocks(&r1, &r5, shift: 32, mask: 0x0000_0000_FFFF_FFFF)
        swapBlocks(&r2, &r6, shift: 32, mask: 0x0000_0000_FFFF_FFFF)
        swapBlocks(&r3, &r7, shift: 32, mask: 0x0000_0000_FFFF_FFFF)
        swapBlocks(&r0, &r2, shift: 16, mask: 0x0000_FFFF_0000_FFFF)
        swapBlocks(&r1, &r3, shift: 16, mask: 0x0000_FFFF_0000_FFFF)
        swapBlocks(&r4, &r6, shift: 16, mask: 0x0000_FFFF_0000_FFFF)
        swapBlocks(&r5, &r7, shift: 16, mask: 0x0000_FFFF_0000_FFFF)
        swapBlocks(&r0, &r1, shift: 8, mask: 0x00FF_00FF_00FF_00FF)
        swapBlocks(&r2, &r3, shift: 8, mask: 0x00FF_00FF_00FF_00FF)
        swapBlocks(&r4, &r5, shift: 8, mask: 0x00FF_00FF_00FF_00FF)
        swapBlocks(&r6, &r7, shift: 8, mask: 0x00FF_00FF_00FF_00FF)
        dst.storeBytes(of: r0.littleEndian, toByteOffset: 0, as: UInt64.self)
        dst.storeBytes(of: r1.littleEndian, toByteOffset: 8, as: UInt64.self)
        dst.storeBytes(of: r2.littleEndian, toByteOffset: 16, as: UInt64.self)
        dst.storeBytes(of: r3.littleEndian, toByteOffset: 24, as: UInt64.self)
        dst.storeBytes(of: r4.littleEndian, toByteOffset: 32, as: UInt64.self)
        dst.storeBytes(of: r5.littleEndian, toByteOffset: 40, as: UInt64.self)
        dst.storeBytes(of: r6.littleEndian, toByteOffset: 48, as: UInt64.self)
        dst.storeBytes(of: r7.littleEndian, toByteOffset: 56, as: UInt64.self)
    }

    /// Rows r = stream r (bytes = values 0...7) for 4 streams; afterwards the low half of row r is
    /// value r and the high half value r + 4.
    @inline(__always)
    private static func transpose4x8(_ src: UnsafeRawPointer, stride: Int, into dst: UnsafeMutableRawPointer) {
        var r0 = UInt64(littleEndian: src.loadUnaligned(as: UInt64.self))
        var r1 = UInt64(littleEndian: src.loadUnaligned(fromByteOffset: stride, as: UInt64.self))
        var r2 = UInt64(littleEndian: src.loadUnaligned(fromByteOffset: 2 * stride, as: UInt64.self))
        var r3 = UInt64(littleEndian: src.loadUnaligned(fromByteOffset: 3 * stride, as: UInt64.self))
        swapBlocks(&r0, &r2, shift: 16, mask: 0x0000_FFFF_0000_FFFF)
        swapBlocks(&r1, &r3, shift: 16, mask: 0x0000_FFFF_0000_FFFF)
        swapBlocks(&r0, &r1, shift: 8, mask: 0x00FF_00FF_00FF_00FF)
        swapBlocks(&r2, &r3, shift: 8, mask: 0x00FF_00FF_00FF_00FF)
        storeHalves(r0, dst, 0)
        storeHalves(r1, dst, 4)
        storeHalves(r2, dst, 8)
        storeHalves(r3, dst, 12)
    }

    /// Stores the low half of `row` as value `offset / 4` and the high half 4 values later.
    @inline(__always)
    private static func storeHalves(_ row: UInt64, _ dst: UnsafeMutableRawPointer, _ offset: Int) {
        dst.storeBytes(of: UInt32(truncatingIfNeeded: row).littleEndian, toByteOffset: offset, as: UInt32.self)
        dst.storeBytes(of: UInt32(truncatingIfNeeded: row >> 32).littleEndian, toByteOffset: 16 + offset, as: UInt32.self)
    }

    /// One transpose step on a pair of rows: `a` keeps its `mask` lanes and takes `b`'s `mask` lanes
    /// shifted up; `b` takes `a`'s upper lanes shifted down and keeps its own upper lanes.
    @inline(__always)
    private static func swapBlocks(_ a: inout UInt64, _ b: inout UInt64, shift: UInt64, mask: UInt64) {
        let newA = (a & mask) | ((b & mask) << shift)
        let newB = ((a >> shift) & mask) | (b & ~mask)
        a = newA
        b = newB
    }
}
