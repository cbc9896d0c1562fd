// UTF-8 well-formedness (Unicode table 3-7) with "maximal subpart" replacement, shared by the JSON, CSV
// and XML text writers.

/// UTF-8 checks over raw bytes.
enum UTF8Validation {
    /// The bytes of U+FFFD REPLACEMENT CHARACTER.
    static let replacement: (UInt8, UInt8, UInt8) = (0xEF, 0xBF, 0xBD)

    /// Classifies the sequence starting at the non-ASCII byte `p[i]` (`i < end`).
    ///
    /// Returns its length (2…4) when well formed; otherwise `-k`, where `k` ≥ 1 is the length of the
    /// maximal subpart (the longest prefix of a well-formed sequence, or 1) that one U+FFFD replaces —
    /// the policy Unicode recommends and Python's `errors="replace"` and WHATWG follow.
    @inline(__always)
    static func sequenceLength(_ p: UnsafePointer<UInt8>, at i: Int, end: Int) -> Int {
        let lead = p[i]
        var trailing: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2 ... 0xDF: trailing = 1
        case 0xE0: trailing = 2; low = 0xA0  // no overlongs
        case 0xE1 ... 0xEC, 0xEE ... 0xEF: trailing = 2
        case 0xED: trailing = 2; high = 0x9F  // no surrogates
        case 0xF0: trailing = 3; low = 0x90  // no overlongs
        case 0xF1 ... 0xF3: trailing = 3
        case 0xF4: trailing = 3; high = 0x8F  // nothing above U+10FFFF
        default: return -1  // 80…C1, F5…FF never start a sequence
        }
        guard i + 1 < end, p[i + 1] >= low, p[i + 1] <= high else { return -1 }
        var j = 2
        while j <= trailing {
            guard i + j < end, p[i + j] & 0xC0 == 0x80 else { return -j }
            j += 1
        }
        return trailing + 1
    }

    /// Copies the well-formed sequence starting at the non-ASCII byte `src[i]` to `d`, or writes U+FFFD
    /// for its maximal ill-formed subpart. Returns the input bytes consumed and output bytes written
    /// (`d` needs room for 4).
    @inline(__always)
    static func copyOrReplace(
        _ src: UnsafePointer<UInt8>, at i: Int, end: Int, to d: UnsafeMutablePointer<UInt8>
    ) -> (consumed: Int, written: Int) {
        let length = sequenceLength(src, at: i, end: end)
        if length > 0 {
            d.initialize(from: src + i, count: length)
            return (length, length)
        }
        d[0] = 0xEF
        d[1] = 0xBF
        d[2] = 0xBD
        return (-length, 3)
    }

    /// Whether all of `bytes` is well-formed UTF-8.
    static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let p = base.assumingMemoryBound(to: UInt8.self)
        let n = bytes.count
        var i = 0
        while i < n {
            if i + 8 <= n, base.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
                continue
            }
            if p[i] < 0x80 {
                i += 1
                continue
            }
            let length = sequenceLength(p, at: i, end: n)
            if length < 0 { return false }
            i += length
        }
        return true
    }
}

/// SWAR helpers over 8 bytes loaded as a `UInt64`.
enum ByteScan {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highs: UInt64 = 0x8080_8080_8080_8080

    /// High bit set in each byte lane that equals `byte` (exact for "any"; lanes above a hit may be
    /// flagged too).
    @inline(__always)
    static func equalMask(_ w: UInt64, _ byte: UInt8) -> UInt64 {
        let x = w ^ (ones &* UInt64(byte))
        return (x &- ones) & ~x & highs
    }

    /// High bit set in lanes below 0x20 (exact for "any" among ASCII lanes).
    @inline(__always)
    static func controlMask(_ w: UInt64) -> UInt64 {
        (w &- ones &* 0x20) & ~w & highs
    }
}
