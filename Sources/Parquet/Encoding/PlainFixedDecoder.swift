// PLAIN decoding of fixed-width values (INT32, INT64, FLOAT, DOUBLE, INT96).

/// Cursor over PLAIN-encoded fixed-width values. Trailing bytes that do not form a whole value are
/// ignored (the value count comes from the page header).
struct PlainFixedDecoder<T: PlainFixedWidth> {
    private let base: UnsafeRawPointer
    /// Number of whole values in the data.
    var count: Int { cursor.count }
    private var cursor: ValueCursor

    /// Creates a decoder over PLAIN bytes. The memory must stay valid for the decoder's lifetime.
    init(_ bytes: UnsafeRawBufferPointer) {
        base = bytes.baseOrPlaceholder
        cursor = ValueCursor(count: bytes.count / T.plainByteWidth)
    }

    /// Values not yet decoded or skipped.
    var remaining: Int { cursor.remaining }

    /// Decodes up to `out.count` values; returns how many (fewer only when the data ends).
    mutating func decode(into out: UnsafeMutableBufferPointer<T>) -> Int {
        guard let dst = out.baseAddress else { return 0 }
        let src = base + cursor.index * T.plainByteWidth
        let n = cursor.advance(upTo: out.count)
        if T.plainIsMemoryLayout {
            UnsafeMutableRawPointer(dst).copyMemory(from: src, byteCount: n * T.plainByteWidth)
        } else {
            for i in 0 ..< n { dst[i] = T.plainLoad(from: src + i * T.plainByteWidth) }
        }
        return n
    }

    /// Skips up to `n` values; returns how many were skipped.
    mutating func skip(_ n: Int) -> Int { cursor.advance(upTo: n) }

    /// Bytes consumed by the values decoded or skipped so far.
    var bytesConsumed: Int { cursor.index * T.plainByteWidth }
}
