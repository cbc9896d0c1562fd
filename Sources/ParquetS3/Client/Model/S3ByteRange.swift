/// A byte range of an object, as in the HTTP `Range` header.
public enum S3ByteRange: Sendable, Hashable, CustomStringConvertible {
    /// The bytes `lowerBound ..< upperBound` (non-empty).
    case bounded(Range<Int64>)
    /// The last `n` bytes (`bytes=-n`); the whole object when it is smaller.
    case suffix(Int64)
    /// From an offset to the end (`bytes=o-`).
    case from(Int64)

    /// The `Range` header value.
    public var headerValue: String {
        switch self {
        case .bounded(let r): return "bytes=\(r.lowerBound)-\(r.upperBound - 1)"
        case .suffix(let n): return "bytes=-\(n)"
        case .from(let o): return "bytes=\(o)-"
        }
    }

    public var description: String { headerValue }

    /// The bytes this range selects in an object of `size` bytes, nil when none.
    func resolved(objectSize size: Int64) -> Range<Int64>? {
        switch self {
        case .bounded(let r):
            guard r.lowerBound < size else { return nil }
            return r.lowerBound ..< min(r.upperBound, size)
        case .suffix(let n):
            guard size > 0 else { return nil }
            return max(0, size - n) ..< size
        case .from(let o):
            guard o < size else { return nil }
            return o ..< size
        }
    }

    /// The most bytes a response to this range can hold (nil: unbounded by the range).
    var maxLength: Int64? {
        switch self {
        case .bounded(let r): return r.upperBound - r.lowerBound
        case .suffix(let n): return n
        case .from: return nil
        }
    }
}

/// A parsed `Content-Range: bytes first-last/total` header.
struct ContentRange: Hashable {
    /// The bytes sent (`first ..< last + 1`), nil for `bytes */total`.
    var range: Range<Int64>?
    /// The object size, nil when the server wrote `*`.
    var total: Int64?

    init?(_ text: String) {
        let trimmed = text.drop { $0 == " " }
        guard trimmed.lowercased().hasPrefix("bytes ") else { return nil }
        let spec = trimmed.dropFirst(6).drop { $0 == " " }
        let halves = spec.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard halves.count == 2 else { return nil }
        if halves[1] == "*" {
            total = nil
        } else {
            guard let t = Int64(halves[1]), t >= 0 else { return nil }
            total = t
        }
        if halves[0] == "*" {
            range = nil
        } else {
            let ends = halves[0].split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
            guard ends.count == 2, let first = Int64(ends[0]), let last = Int64(ends[1]), first >= 0, last >= first,
                last < Int64.max
            else { return nil }
            if let total, last >= total { return nil }
            range = first ..< last + 1
        }
    }
}
