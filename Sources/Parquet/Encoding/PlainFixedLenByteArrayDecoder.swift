// PLAIN FIXED_LEN_BYTE_ARRAY decoding: values stored back to back, `width` bytes each.

/// Cursor over PLAIN fixed-length byte arrays.
struct PlainFixedLenByteArrayDecoder {
    private let base: UnsafeRawPointer
    /// Bytes per value.
    let width: Int
    /// Number of whole values in the data (0 for a width ≤ 0).
    var count: Int { cursor.count }
    private var cursor: ValueCursor

    /// Creates a decoder over PLAIN bytes of `width`-byte values.
    init(_ bytes: UnsafeRawBufferPointer, width: Int) {
        base = bytes.baseOrPlaceholder
        self.width = width
        cursor = ValueCursor(count: width > 0 ? bytes.count / width : 0)
    }

    /// Values not yet decoded or skipped.
    var remaining: Int { cursor.remaining }

    /// Decodes up to `count` values, appending them to `out` (whose width must be `width`, or which
    /// must be empty and then takes this width); returns how many (fewer only when the data ends).
    mutating func decode(count requested: Int, into out: inout FixedLenByteArrayBuffer) -> Int {
        if out.bytes.isEmpty { out.width = width }
        precondition(out.width == width, "FixedLenByteArrayBuffer width \(out.width) differs from column width \(width)")
        let start = cursor.index
        let n = cursor.advance(upTo: requested)
        if n > 0 { out.bytes.append(contentsOf: UnsafeRawBufferPointer(start: base + start * width, count: n * width)) }
        return n
    }

    /// Skips up to `n` values; returns how many were skipped.
    mutating func skip(_ n: Int) -> Int { cursor.advance(upTo: n) }

    /// Bytes consumed by the values decoded or skipped so far.
    var bytesConsumed: Int { cursor.index * width }
}
