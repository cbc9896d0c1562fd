extension ColumnChunkReader {
    /// Advances to the next data page, decoding a dictionary page on the way. Returns false at the end.
    func loadNextDataPage() throws -> Bool {
        while true {
            guard let page = try pages.next() else {
                pageBuffer = nil
                valueDecoder = .none
                pageLevelCount = 0
                pageCursor = 0
                return false
            }
            pageOffset = page.fileOffset
            switch page.header.type {
            case .dictionaryPage:
                guard let dh = page.header.dictionaryPageHeader else {
                    throw error(.corrupt, "dictionary page without a dictionary page header")
                }
                guard dictionary == nil else { throw error(.corrupt, "second dictionary page in one column chunk") }
                let body = try decompress(page.body, uncompressedSize: Int(page.header.uncompressedPageSize))
                try loadDictionary(dh, body)
            case .dataPage:
                guard let h = page.header.dataPageHeader else { throw error(.corrupt, "data page without a data page header") }
                let body = try decompress(page.body, uncompressedSize: Int(page.header.uncompressedPageSize))
                try startDataPageV1(h, body)
                return true
            case .dataPageV2:
                guard let h = page.header.dataPageHeaderV2 else { throw error(.corrupt, "data page v2 without its header") }
                try startDataPageV2(h, page)
                return true
            default:
                continue  // index pages and unknown page types are skipped
            }
        }
    }

    /// Decompresses (or, uncompressed, references) a page body; returns the owner and the usable range.
    func decompress(_ range: Range<Int>, uncompressedSize: Int) throws -> (OwnedBuffer, Range<Int>) {
        if codec == .uncompressed {
            guard range.count == uncompressedSize else {
                throw error(.corrupt, "uncompressed page of \(range.count) bytes declares \(uncompressedSize)")
            }
            return (pages.chunk, range)
        }
        let out = pageScratch(uncompressedSize)
        if uncompressedSize == 0 && range.isEmpty { return (out, 0 ..< 0) }
        do throws(DecodeFailure) {
            try Codecs.decompress(codec, pages.chunk.slice(range),
                                  into: UnsafeMutableRawBufferPointer(rebasing: out.bytes[0 ..< uncompressedSize]))
        } catch {
            throw convert(error)
        }
        return (out, 0 ..< uncompressedSize)
    }

    /// The reader's reusable decompression buffer, grown to hold `size` bytes. Pages are decoded one at
    /// a time and dictionary pages are copied out when loaded, so the previous page's bytes are dead by
    /// the time the next page is decompressed over them.
    func pageScratch(_ size: Int) -> OwnedBuffer {
        if let buffer = decompressionBuffer, buffer.count >= size { return buffer }
        // Round up to 64 KiB so pages of slightly varying sizes share one allocation.
        let buffer = OwnedBuffer(count: (size + 0xFFFF) & ~0xFFFF)
        decompressionBuffer = buffer
        return buffer
    }

    private func checkLevelCount(_ n: Int32) throws -> Int {
        guard n >= 0 else { throw error(.corrupt, "negative value count \(n) in a data page") }
        // The limit bounds the level arrays (and values) hostile `num_values` can make us allocate.
        guard Int(n) <= options.maxPageValues else {
            throw error(.limitExceeded, "data page declares \(n) values, over the limit of \(options.maxPageValues) (ReaderOptions.maxPageValues)")
        }
        return Int(n)
    }

    static func bitWidth(_ maxLevel: Int) -> Int {
        maxLevel == 0 ? 0 : Int.bitWidth - maxLevel.leadingZeroBitCount
    }

    /// Decodes `count` levels of the given encoding from `bytes` (v1 layout), returning bytes consumed.
    private func decodeLevelsV1(_ encoding: Encoding, maxLevel: Int, count: Int, bytes: UnsafeRawBufferPointer,
                                into out: inout [Int16]) throws -> Int {
        let width = Self.bitWidth(maxLevel)
        switch encoding {
        case .rle:
            guard bytes.count >= 4 else { throw error(.corrupt, "levels length prefix truncated") }
            let length = Int(bytes.loadUnaligned(as: UInt32.self).littleEndian)
            guard length <= bytes.count - 4 else {
                throw error(.corrupt, "levels of \(length) bytes overrun the page (\(bytes.count - 4) left)")
            }
            try decodeRLELevels(UnsafeRawBufferPointer(rebasing: bytes[4 ..< 4 + length]), width: width, maxLevel: maxLevel,
                                count: count, into: &out)
            return 4 + length
        case .bitPacked:
            do throws(DecodeFailure) {
                var d = try BitPackedLevelDecoder(bytes, bitWidth: width, count: count)
                Self.resize(&out, to: count)
                let got = try out.withUnsafeMutableBufferPointer { (b) throws(DecodeFailure) -> Int in try d.decode(into: b) }
                guard got == count else { throw DecodeFailure.invalid("only \(got) of \(count) bit-packed levels present") }
                try checkLevels(out, maxLevel: maxLevel)
                return d.byteCount
            } catch {
                throw convert(error)
            }
        default:
            throw error(.unsupported, "level encoding \(encoding)")
        }
    }

    func decodeRLELevels(_ bytes: UnsafeRawBufferPointer, width: Int, maxLevel: Int, count: Int, into out: inout [Int16]) throws {
        do throws(DecodeFailure) {
            var d = try RLEBitPackedDecoder(bytes, bitWidth: width)
            // Walk the runs first (O(runs)): a page declaring millions of levels it does not hold fails
            // here, before `count` level slots are allocated.
            var probe = d
            let present = try probe.skip(count)
            guard present == count else { throw DecodeFailure.invalid("only \(present) of \(count) levels present") }
            Self.resize(&out, to: count)
            let got = try out.withUnsafeMutableBufferPointer { (b) throws(DecodeFailure) -> Int in try d.decode(into: b) }
            guard got == count else { throw DecodeFailure.invalid("only \(got) of \(count) levels present") }
            try checkLevels(out, maxLevel: maxLevel)
        } catch {
            throw convert(error)
        }
    }

    /// Makes `levels` hold `count` entries, reusing its storage (the page's levels are overwritten).
    @inline(__always)
    static func resize(_ levels: inout [Int16], to count: Int) {
        if levels.count > count {
            levels.removeLast(levels.count - count)
        } else if levels.count < count {
            levels.append(contentsOf: repeatElement(0, count: count - levels.count))
        }
    }

    /// Levels above the column's maximum are corrupt (and would index past arrays later).
    private func checkLevels(_ levels: [Int16], maxLevel: Int) throws(DecodeFailure) {
        // Decoded levels fit the bit width, so when the maximum is all ones no level can exceed it.
        if maxLevel == (1 << Self.bitWidth(maxLevel)) - 1 { return }
        let m = Int16(maxLevel)
        var bad = false
        levels.withUnsafeBufferPointer { b in
            for l in b where l > m || l < 0 { bad = true; break }
        }
        if bad { throw DecodeFailure.invalid("a level exceeds the column's maximum level \(maxLevel)") }
    }

    private func startDataPageV1(_ h: DataPageHeader, _ body: (OwnedBuffer, Range<Int>)) throws {
        let n = try checkLevelCount(h.numValues)
        let bytes = body.0.slice(body.1)
        var pos = 0
        if maxRep > 0 {
            pos += try decodeLevelsV1(h.repetitionLevelEncoding, maxLevel: maxRep, count: n, bytes: bytes, into: &pageRepetitionLevels)
        }
        if maxDef > 0 {
            pos += try decodeLevelsV1(h.definitionLevelEncoding, maxLevel: maxDef, count: n,
                                      bytes: UnsafeRawBufferPointer(rebasing: bytes[pos...]), into: &pageDefinitionLevels)
        }
        pageBuffer = body.0
        pageLevelCount = n
        pageCursor = 0
        try startValues(h.encoding, UnsafeRawBufferPointer(rebasing: bytes[pos...]), levelCount: n)
    }

    private func startDataPageV2(_ h: DataPageHeaderV2, _ page: RawPage) throws {
        let n = try checkLevelCount(h.numValues)
        let repLen = Int(h.repetitionLevelsByteLength), defLen = Int(h.definitionLevelsByteLength)
        guard repLen >= 0, defLen >= 0, repLen + defLen <= page.body.count else {
            throw error(.corrupt, "data page v2 level lengths \(repLen) + \(defLen) exceed the page body of \(page.body.count) bytes")
        }
        let raw = pages.chunk.slice(page.body)
        if maxRep > 0 {
            try decodeRLELevels(UnsafeRawBufferPointer(rebasing: raw[0 ..< repLen]), width: Self.bitWidth(maxRep),
                                maxLevel: maxRep, count: n, into: &pageRepetitionLevels)
        }
        if maxDef > 0 {
            try decodeRLELevels(UnsafeRawBufferPointer(rebasing: raw[repLen ..< repLen + defLen]), width: Self.bitWidth(maxDef),
                                maxLevel: maxDef, count: n, into: &pageDefinitionLevels)
        }
        let valuesRange = (page.body.lowerBound + repLen + defLen) ..< page.body.upperBound
        let valuesSize = Int(page.header.uncompressedPageSize) - repLen - defLen
        guard valuesSize >= 0 else {
            throw error(.corrupt, "data page v2 uncompressed size \(page.header.uncompressedPageSize) is smaller than its levels")
        }
        let body: (OwnedBuffer, Range<Int>)
        if h.isCompressed && codec != .uncompressed && !(valuesRange.isEmpty && valuesSize == 0) {
            body = try decompress(valuesRange, uncompressedSize: valuesSize)
        } else {
            body = (pages.chunk, valuesRange)
        }
        pageBuffer = body.0
        pageLevelCount = n
        pageCursor = 0
        try startValues(h.encoding, body.0.slice(body.1), levelCount: n)
    }
}
