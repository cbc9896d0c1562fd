// PLAIN FIXED_LEN_BYTE_ARRAY decoding: values stored back to back, `width` bytes each.

/// Cursor over PLAIN fixed-length byte arrays.
struct PlainFixedLenByteArrayDecoder {
    private let base: UnsafeRawPointer
    /// Bytes per value.
    let width: Int
    /// Number of whole values in the data (0 for a width ≤ 0).
    let count: Int
    /// Index of the next value.
    private var index = 0

    /// Creates a decoder over PLAIN bytes of `width`-byte values.
    init(_ bytes: UnsafeRawBufferPointer, width: Int) {
        base = bytes.baseOrPlaceholder
        self.width = width
        count = width > 0 ? bytes.count / width : 0
    }

    /// Values not yet decoded or skipped.
    var remaining: Int { count - index }

    /// Decodes up to `count` values, appending them to `out` (whose width must be `width`, or which
    /// must be empty and then takes this width); returns how many (fewer only when the data ends).
    mutating func decode(count requested: Int, into out: inout FixedLenByteArrayBuffer) -> Int {
        if out.bytes.isEmpty { out.width = width }
        precondition(out.width == width, "FixedLenByteArrayBuffer width \(out.width) differs from column width \(width)")
        let n = max(0, min(requested, count - index))
        guard n > 0 else { return 0 }
        out.bytes.append(contentsOf: UnsafeRawBufferPointer(start: base + index * width, count: n * width))
        index += n
        return n
    }

    /// Skips up to `n` values; returns how many were skipped.
    mutating func skip(_ n: Int) -> Int {
        let k = max(0, min(n, count - index))
        index += k
        return k
    }

    /// Bytes consumed by the values decoded or skipped so far.
    var bytesConsumed: Int { index * width }
}
