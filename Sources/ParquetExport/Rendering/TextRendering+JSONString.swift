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
        let hex = hexDigits
        var i = 0
        while i < n {
            // Bound the reservation: at most 6 output bytes per input byte, and a multi-byte sequence
            // may run up to 3 bytes past the chunk.
            let chunkEnd = min(n, i + 4096)
            out.reserve((chunkEnd - i + 3) * 6)
            var d = out.writePointer
            let start = d
            while i < chunkEnd {
                if i + 8 <= chunkEnd {
                    let w = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    let special = (w & ByteScan.highs) | ByteScan.controlMask(w)
                        | ByteScan.equalMask(w, 0x22) | ByteScan.equalMask(w, 0x5C)
                    if special == 0 {
                        UnsafeMutableRawPointer(d).storeBytes(of: w, as: UInt64.self)
                        d += 8
                        i += 8
                        continue
                    }
                }
                let b = src[i]
                if b >= 0x80 {
                    let (consumed, written) = UTF8Validation.copyOrReplace(src, at: i, end: n, to: d)
                    i += consumed
                    d += written
                    continue
                }
                i += 1
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
                    d[4] = hex[Int(b >> 4)]
                    d[5] = hex[Int(b & 15)]
                    d += 6
                    continue
                }
                d += 2
            }
            out.advance(by: d - start)
        }
    }
}
