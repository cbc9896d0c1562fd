// Cell text for SpreadsheetML: XML-escaped, XML-forbidden characters removed, length-limited.

enum XMLCellText {
    /// Excel's limit on the characters (UTF-16 code units) of one cell.
    static let excelCellLimit = 32_767

    /// Whether `p[i...]` is `_xHHHH_`: an OOXML escape that Excel would decode, so a literal one must
    /// have its `_` written as `_x005F_`.
    @inline(__always)
    static func startsOOXMLEscape(_ p: UnsafePointer<UInt8>, at i: Int, end: Int) -> Bool {
        guard i + 7 <= end, p[i + 1] == 0x78, p[i + 6] == 0x5F else { return false }
        for j in 2 ... 5 {
            let c = p[i + j]
            let isHex = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)
            if !isHex { return false }
        }
        return true
    }

    /// Appends `bytes` as the character data of a `<t>` element: `&`, `<`, `>`, `"` escaped, CR kept as
    /// `&#13;` (a literal CR would be normalised away), tab and LF kept, other control characters and
    /// U+FFFE/U+FFFF (forbidden in XML 1.0) removed, invalid UTF-8 replaced by U+FFFD, and a literal
    /// `_xHHHH_` protected as `_x005F_xHHHH_`.
    ///
    /// Stops before the character that would exceed `limit` UTF-16 code units (never splitting a
    /// surrogate pair) and returns true when it did.
    static func append(_ bytes: UnsafeRawBufferPointer, limit: Int, to out: inout OutputBuffer) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let src = base.assumingMemoryBound(to: UInt8.self)
        let n = bytes.count
        var units = 0
        var i = 0
        while i < n {
            let chunkEnd = min(n, i + 4096)
            out.reserve((chunkEnd - i + 3) * 7)  // ≤ 7 output bytes per input byte (`_x005F_`)
            var d = out.writePointer
            let start = d
            defer { out.advance(by: d - start) }
            while i < chunkEnd {
                if i + 8 <= chunkEnd && units + 8 <= limit {
                    let w = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    let special = (w & ByteScan.highs) | ByteScan.controlMask(w)
                        | ByteScan.equalMask(w, 0x26) | ByteScan.equalMask(w, 0x3C) | ByteScan.equalMask(w, 0x3E)
                        | ByteScan.equalMask(w, 0x22) | ByteScan.equalMask(w, 0x5F)
                    if special == 0 {
                        UnsafeMutableRawPointer(d).storeBytes(of: w, as: UInt64.self)
                        d += 8
                        i += 8
                        units += 8
                        continue
                    }
                }
                let b = src[i]
                if b < 0x80 {
                    if b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D {
                        i += 1  // forbidden in XML 1.0: removed, not counted
                        continue
                    }
                    if units + 1 > limit { return true }
                    units += 1
                    i += 1
                    switch b {
                    case 0x26: d = put(d, "&amp;")
                    case 0x3C: d = put(d, "&lt;")
                    case 0x3E: d = put(d, "&gt;")
                    case 0x22: d = put(d, "&quot;")
                    case 0x0D: d = put(d, "&#13;")
                    case 0x5F:
                        if startsOOXMLEscape(src, at: i - 1, end: n) { d = put(d, "_x005F_") } else {
                            d[0] = b
                            d += 1
                        }
                    default:
                        d[0] = b
                        d += 1
                    }
                    continue
                }
                let length = UTF8Validation.sequenceLength(src, at: i, end: n)
                if length < 0 {
                    if units + 1 > limit { return true }
                    units += 1
                    d = put(d, "\u{FFFD}")
                    i -= length
                    continue
                }
                if length == 3 && b == 0xEF && src[i + 1] == 0xBF && src[i + 2] >= 0xBE {
                    i += 3  // U+FFFE, U+FFFF: not XML characters
                    continue
                }
                let width = length == 4 ? 2 : 1  // UTF-16 code units
                if units + width > limit { return true }
                units += width
                d.initialize(from: src + i, count: length)
                d += length
                i += length
            }
        }
        return false
    }

    @inline(__always)
    static func put(_ d: UnsafeMutablePointer<UInt8>, _ text: StaticString) -> UnsafeMutablePointer<UInt8> {
        d.initialize(from: text.utf8Start, count: text.utf8CodeUnitCount)
        return d + text.utf8CodeUnitCount
    }
}
