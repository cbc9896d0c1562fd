// Position bookkeeping shared by the decoders whose value count is known up front (PLAIN fixed
// width, booleans, fixed-length byte arrays, BYTE_STREAM_SPLIT, BIT_PACKED levels).

/// Index of the next value among `count`, advanced by decode and skip calls.
struct ValueCursor {
    /// Number of values.
    let count: Int
    /// Index of the next value.
    private(set) var index = 0

    init(count: Int) { self.count = max(0, count) }

    /// Values not yet decoded or skipped.
    var remaining: Int { count - index }

    /// Advances by up to `n` values; returns how many (fewer only at the end, 0 for n ≤ 0).
    mutating func advance(upTo n: Int) -> Int {
        let k = max(0, min(n, count - index))
        index += k
        return k
    }
}
