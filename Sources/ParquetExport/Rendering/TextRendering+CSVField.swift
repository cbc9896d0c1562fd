// RFC 4180 CSV fields: quoted only when needed, quotes doubled, optional formula-injection guard.

extension TextRendering {
    /// Whether a string cell starting with `byte` could be read as a formula by a spreadsheet
    /// (`=`, `+`, `-`, `@`, tab, CR).
    @inlinable
    public static func startsFormula(_ byte: UInt8) -> Bool {
        byte == 0x3D || byte == 0x2B || byte == 0x2D || byte == 0x40 || byte == 0x09 || byte == 0x0D
    }

    /// Appends text as one CSV field (RFC 4180).
    ///
    /// Quoting follows Python's `csv.QUOTE_MINIMAL`: the field is enclosed in `"` only when it contains
    /// the delimiter, `"`, CR or LF (or `forceQuotes` is set, e.g. to tell an empty string from an empty
    /// null); inner quotes are doubled; leading and trailing spaces are kept as they are.
    /// With `formulaGuard`, a field starting with `=`, `+`, `-`, `@`, tab or CR gets a `'` prefix
    /// (inside the quotes). Invalid UTF-8 is replaced by U+FFFD, so the output is always UTF-8.
    public static func appendCSVField(
        _ bytes: UnsafeRawBufferPointer, delimiter: UInt8, formulaGuard: Bool = false, forceQuotes: Bool = false,
        to out: inout OutputBuffer
    ) {
        let n = bytes.count
        let guarded = formulaGuard && n > 0 && startsFormula(bytes[0])
        guard let base = bytes.baseAddress else {
            if forceQuotes { out.append(ascii: "\"\"") }
            return
        }
        let src = base.assumingMemoryBound(to: UInt8.self)
        // Scan: does the field need quotes, does it have non-ASCII bytes?
        var needsQuotes = forceQuotes
        var nonASCII = false
        var i = 0
        while i < n && !(needsQuotes && nonASCII) {
            if i + 8 <= n {
                let w = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let special = csvSpecialMask(w, delimiter: delimiter)
                if w & ByteScan.highs != 0 { nonASCII = true }
                if special != 0 { needsQuotes = true }
                i += 8
                continue
            }
            let b = src[i]
            if b >= 0x80 { nonASCII = true }
            if isCSVSpecial(b, delimiter: delimiter) { needsQuotes = true }
            i += 1
        }
        if !needsQuotes && (!nonASCII || UTF8Validation.isValid(bytes)) {
            if guarded { out.append(0x27) }
            out.append(bytes: bytes)
            return
        }
        if needsQuotes { out.append(0x22) }
        if guarded { out.append(0x27) }
        i = 0
        while i < n {
            let chunkEnd = min(n, i + 4096)
            out.reserve((chunkEnd - i + 3) * 3)  // ≤ 3 output bytes per input byte (U+FFFD, "")
            var d = out.writePointer
            let start = d
            while i < chunkEnd {
                let b = src[i]
                if b < 0x80 {
                    d[0] = b
                    d += 1
                    if b == 0x22 {
                        d[0] = 0x22
                        d += 1
                    }
                    i += 1
                    continue
                }
                let (consumed, written) = UTF8Validation.copyOrReplace(src, at: i, end: n, to: d)
                i += consumed
                d += written
            }
            out.advance(by: d - start)
        }
        if needsQuotes { out.append(0x22) }
    }
}

extension TextRendering {
    /// Whether `b` makes a CSV field need quotes: the delimiter, `"`, LF or CR.
    @inline(__always)
    static func isCSVSpecial(_ b: UInt8, delimiter: UInt8) -> Bool {
        b == delimiter || b == 0x22 || b == 0x0A || b == 0x0D
    }

    /// The bytes of the word `w` that make a CSV field need quotes (see ``isCSVSpecial(_:delimiter:)``),
    /// as ``ByteScan/equalMask(_:_:)`` marks them.
    @inline(__always)
    static func csvSpecialMask(_ w: UInt64, delimiter: UInt8) -> UInt64 {
        ByteScan.equalMask(w, delimiter) | ByteScan.equalMask(w, 0x22) | ByteScan.equalMask(w, 0x0A)
            | ByteScan.equalMask(w, 0x0D)
    }

    /// Copies the `n` bytes at `src` to `d` as an unquoted CSV field, eight bytes at a time while checking
    /// that they need no quotes; returns the end, or nil when the field holds `delimiter`, `"`, CR or LF
    /// or is not valid UTF-8 (then ``appendCSVField(_:delimiter:formulaGuard:forceQuotes:to:)`` must
    /// write it; `d` then holds scratch). The formula guard and the null text are the caller's.
    ///
    /// `d` needs `n + storeSlack` bytes. When `overread` is true the caller guarantees that the eight
    /// bytes at any index below `n` may be loaded (their lanes past `n` are ignored); otherwise the last
    /// word of a field of eight or more bytes is the one ending at `n` (overlapping the previous one).
    @inline(__always)
    static func storeUnquotedCSVField(
        _ src: UnsafePointer<UInt8>, count n: Int, delimiter: UInt8, overread: Bool, to d: UnsafeMutablePointer<UInt8>
    ) -> UnsafeMutablePointer<UInt8>? {
        var high: UInt64 = 0
        if n < 8 && !overread {
            for i in 0 ..< n {
                let b = src[i]
                d[i] = b
                if isCSVSpecial(b, delimiter: delimiter) { return nil }
                high |= UInt64(b)
            }
        } else {
            var i = 0
            while i < n {
                let remaining = n &- i
                // Without read-ahead, the last part-word is the word ending at n (n ≥ 8 here).
                let at = remaining < 8 && !overread ? n &- 8 : i
                let w = loadWord(at: src + at)
                var special = csvSpecialMask(w, delimiter: delimiter)
                var nonASCII = w & ByteScan.highs
                if remaining < 8 && overread {
                    // Lanes past n are ignored; a false hit of `equalMask` only follows a real one, so
                    // the masked test is exact. remaining ≥ 1, so the shift is below 64.
                    let kept: UInt64 = (1 &<< (UInt64(remaining) &* 8)) &- 1
                    special &= kept
                    nonASCII &= kept
                }
                storeWord(w, at: d + at)
                if special != 0 { return nil }
                high |= nonASCII
                i &+= 8
            }
        }
        if high & ByteScan.highs != 0 && !UTF8Validation.isValid(UnsafeRawBufferPointer(start: src, count: n)) { return nil }
        return d + n
    }
}
