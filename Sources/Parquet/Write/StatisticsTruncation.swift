/// Shortening of long byte-string min/max values: a truncated minimum is a prefix (still ≤ every value),
/// a truncated maximum is a prefix whose last byte (or, for UTF-8 text, last character) is incremented
/// (still ≥ every value). Text is cut at character boundaries so the bounds stay valid UTF-8.
enum StatisticsTruncation {
    /// A lower bound of at most `limit` bytes, or nil when `value` is short enough already or
    /// cannot be cut (a first UTF-8 character longer than the limit).
    static func truncatedMin(_ value: [UInt8], limit: Int, utf8: Bool) -> [UInt8]? {
        guard limit >= 0, value.count > limit else { return nil }
        let cut = utf8 ? characterBoundary(value, atMost: limit) : limit
        guard cut > 0 || limit == 0 else { return nil }
        return Array(value[0 ..< cut])
    }

    /// An upper bound of at most `limit` bytes (for UTF-8 text, possibly a few bytes more when the
    /// incremented character needs a longer encoding), or nil when `value` is short enough already or no
    /// shorter upper bound exists (all bytes 0xFF).
    static func truncatedMax(_ value: [UInt8], limit: Int, utf8: Bool) -> [UInt8]? {
        guard limit > 0, value.count > limit else { return nil }
        if utf8, let text = incrementedText(value, limit: limit) { return text }
        var prefix = Array(value[0 ..< limit])
        while let last = prefix.last {
            if last < 0xFF {
                prefix[prefix.count - 1] = last + 1
                return prefix
            }
            prefix.removeLast()
        }
        return nil
    }

    /// Largest index ≤ `limit` that starts a UTF-8 character (or is the end).
    static func characterBoundary(_ value: [UInt8], atMost limit: Int) -> Int {
        var cut = min(limit, value.count)
        while cut > 0 && cut < value.count && value[cut] & 0xC0 == 0x80 { cut -= 1 }
        return cut
    }

    /// The text prefix (cut at a character boundary ≤ `limit`) with its last incrementable character
    /// replaced by the next Unicode scalar; nil when the bytes are not valid UTF-8 or nothing can be incremented.
    private static func incrementedText(_ value: [UInt8], limit: Int) -> [UInt8]? {
        let cut = characterBoundary(value, atMost: limit)
        guard cut > 0 else { return nil }
        var scalars: [Unicode.Scalar] = []
        var decoder = UTF8()
        var it = value[0 ..< cut].makeIterator()
        loop: while true {
            switch decoder.decode(&it) {
            case .scalarValue(let s): scalars.append(s)
            case .emptyInput: break loop
            case .error: return nil
            }
        }
        while let last = scalars.popLast() {
            var next = last.value + 1
            if next == 0xD800 { next = 0xE000 }  // skip the surrogate range
            if let s = Unicode.Scalar(next) {
                scalars.append(s)
                var out: [UInt8] = []
                for s in scalars { UTF8.encode(s) { out.append($0) } }
                return out
            }
        }
        return nil
    }
}
