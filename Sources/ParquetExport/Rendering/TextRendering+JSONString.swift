// RFC 8259 string escaping from raw bytes, with invalid UTF-8 replaced by U+FFFD.

extension TextRendering {
    /// Appends `bytes` as a JSON string literal (with the quotes).
    ///
    /// `"` and `\` are escaped, control characters become `\b \f \n \r \t` or `\u00XX`, everything else
    /// is copied as UTF-8; each maximal ill-formed subpart becomes U+FFFD (as Python's
    /// `decode("utf-8", errors="replace")`). ASCII runs are copied 8 bytes at a time.
    public static func appendJSONString(_ bytes: UnsafeRawBufferPointer, to out: inout OutputBuffer) {
        out.append(0x22)
        appendJSONStringContent(bytes, to: &out)
        out.append(0x22)
    }

    /// Appends the escaped content of a JSON string literal, without the quotes.
    public static func appendJSONStringContent(_ bytes: UnsafeRawBufferPointer, to out: inout OutputBuffer) {
        guard let base = bytes.baseAddress else { return }
        let src = base.assumingMemoryBound(to: UInt8.self)
        let n = bytes.count
        var i = 0
        while i < n {
            // Bound the reservation: chunks of 4096 input bytes (a sequence may run 3 bytes past one).
            let stop = min(n, i + 4096)
            out.reserve(jsonEscapedRoom(stop - i + 3))
            let d = out.writePointer
            let (next, end) = storeJSONEscaped(src, from: i, stop: stop, end: n, overread: false, to: d)
            i = next
            out.advance(by: end - d)
        }
    }

    /// Room ``storeJSONEscaped(_:from:stop:end:overread:to:)`` needs for `count` input bytes.
    @inline(__always)
    static func jsonEscapedRoom(_ count: Int) -> Int { count &* 6 &+ storeSlack }

    /// Escapes the bytes `src[start ..< stop]` into `d` (a multi-byte sequence starting before `stop`
    /// may run to `end`); returns the next input index (≥ `stop`) and the output end. `d` needs
    /// ``jsonEscapedRoom(_:)`` of `stop - start + 3` bytes.
    ///
    /// Eight bytes are tested and copied at a time; when `overread` is true the caller guarantees that
    /// the eight bytes at any index below `stop` may be loaded, so the last, partial word of the string
    /// is handled the same way (its lanes past `stop` are ignored).
    @inline(__always)
    static func storeJSONEscaped(
        _ src: UnsafePointer<UInt8>, from start: Int, stop: Int, end: Int, overread: Bool, to out: UnsafeMutablePointer<UInt8>
    ) -> (next: Int, end: UnsafeMutablePointer<UInt8>) {
        var i = start
        var d = out
        while i < stop {
            let remaining = stop &- i
            if remaining >= 8 || overread {
                let w = loadWord(at: src + i)
                var special = (w & ByteScan.highs) | ByteScan.controlMask(w)
                    | ByteScan.equalMask(w, 0x22) | ByteScan.equalMask(w, 0x5C)
                if remaining < 8 { special &= (1 &<< (UInt64(remaining) &* 8)) &- 1 }  // remaining ≥ 1: shift < 64
                storeWord(w, at: d)  // the lanes before the first special byte are kept
                if special == 0 {
                    let k = min(remaining, 8)
                    i &+= k
                    d += k
                    continue
                }
                // The lowest flagged lane is exact (false hits only appear above a real one).
                let k = special.trailingZeroBitCount &>> 3
                i &+= k
                d += k
            }
            let b = src[i]
            if b >= 0x80 {
                let (consumed, written) = UTF8Validation.copyOrReplace(src, at: i, end: end, to: d)
                i &+= consumed
                d += written
                continue
            }
            i &+= 1
            if b >= 0x20 && b != 0x22 && b != 0x5C {
                d[0] = b
                d += 1
                continue
            }
            d[0] = 0x5C
            switch b {
            case 0x22: d[1] = 0x22
            case 0x5C: d[1] = 0x5C
            case 0x08: d[1] = 0x62  // b
            case 0x0C: d[1] = 0x66  // f
            case 0x0A: d[1] = 0x6E  // n
            case 0x0D: d[1] = 0x72  // r
            case 0x09: d[1] = 0x74  // t
            default:
                d[1] = 0x75  // u00XX
                d[2] = 0x30
                d[3] = 0x30
                d[4] = hexDigits[Int(b >> 4)]
                d[5] = hexDigits[Int(b & 15)]
                d += 6
                continue
            }
            d += 2
        }
        return (i, d)
    }
}
