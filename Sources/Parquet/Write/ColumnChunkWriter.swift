/// A page ready for the file: its serialized header and (compressed) body, plus what the page index
/// and the chunk metadata need to know about it.
struct EncodedPage: Sendable {
    var header: [UInt8]
    var body: [UInt8]
    var type: PageType
    var encoding: Encoding
    /// Size of the page header plus the uncompressed body.
    var uncompressedSize: Int
    /// Index of the page's first row within the row group.
    var firstRowIndex: Int64
    var valueCount: Int
    var nullCount: Int
    var nanCount: Int
    /// Min/max of the page (nil: all null, all NaN, or no statistics).
    var bounds: ValueBounds?

    /// Bytes the page occupies in the file.
    var size: Int { header.count + body.count }
}

/// A finished column chunk: its pages in file order (dictionary first) and the metadata known before
/// its position in the file is (offsets are filled in by `ParquetWriter`).
struct FinishedColumnChunk: Sendable {
    var pages: [EncodedPage]
    var hasDictionaryPage: Bool
    var metadata: ColumnMetaData
    /// The chunk's column index, when statistics allow one.
    var columnIndex: ColumnIndex?
    /// The chunk's Bloom filter, when the column has one.
    var bloomFilter: SplitBlockBloomFilter?
}

/// Encodes the values of one leaf column into pages and collects them until the row group ends.
///
/// Levels and values are taken in steps of `writeBatchSize` levels (whole records for repeated
/// columns); after each step the page is closed when it reached its row limit or byte size, and the
/// dictionary is abandoned for the column's fallback encoding when it outgrew its limit.
final class ColumnChunkWriter {
    let column: ColumnDescriptor
    let settings: ColumnWriteSettings
    let order: StatisticsOrder
    /// Whether byte-array statistics are text (truncated at character boundaries).
    let isText: Bool
    let maxDefinitionLevel: Int
    let maxRepetitionLevel: Int

    // Chunk state.
    /// Rows written to the chunk (pages closed or open).
    private(set) var rowCount = 0
    private var levelCount: Int64 = 0
    private var dataPages: [EncodedPage] = []
    private var dictionaryPage: EncodedPage?
    private var dictionary: ColumnDictionaryEncoder
    /// Whether new values go to the dictionary (false after a fallback or when disabled).
    private var dictionaryActive: Bool
    private var statistics = StatisticsAccumulator()
    private var columnIndexPossible = true
    private var encodedBytes = 0
    private var bloomFilter: BloomFilterBuilder?
    /// ColumnMetaData `key_value_metadata` of the chunks (from the settings; `ParquetWriter` may change it).
    var keyValueMetadata: [KeyValue]?

    // Page state.
    private var pageDefinitionLevels: [Int16] = []
    private var pageRepetitionLevels: [Int16] = []
    private var pageLevelCount = 0
    private var pageRowCount = 0
    private var pageValueCount = 0
    private var pageValues: PageValueBuffer
    private var pageIndices: [UInt32] = []
    /// Min/max and NaN count of the open page, merged step by step from the caller's values.
    private var pageBounds: ValueBounds?
    private var pageNaNs = 0

    init(column: ColumnDescriptor, settings: ColumnWriteSettings) {
        self.column = column
        self.settings = settings
        order = settings.statisticsEnabled ? StatisticsOrder(column) : .undefined
        switch column.logicalType {
        case .string?, .enum?, .json?: isText = true
        default: isText = false
        }
        maxDefinitionLevel = column.maxDefinitionLevel
        maxRepetitionLevel = column.maxRepetitionLevel
        pageValues = PageValueBuffer(type: column.physicalType, width: column.typeLength)
        let initial = settings.dictionaryEnabled ? ColumnDictionaryEncoder(type: column.physicalType, width: column.typeLength) : nil
        dictionary = initial ?? .none
        dictionaryActive = initial != nil
        bloomFilter = settings.bloomFilter.map(BloomFilterBuilder.init(options:))
        keyValueMetadata = settings.keyValueMetadata
    }

    /// Encoded bytes buffered for the chunk so far (closed pages, compressed, plus the open page's estimate).
    var estimatedSize: Int {
        encodedBytes + (dictionaryActive ? dictionary.plainSize + pageIndices.count * 2 : pageValues.plainSize)
    }

    /// Writes `levels` of `batch` (holding `values` of its values and `rows` whole records).
    /// The caller has validated the batch against the column.
    func write(_ batch: ColumnBatch, levels: Range<Int>, values: Range<Int>, rows: Int) throws {
        var l = levels.lowerBound, v = values.lowerBound
        let maxDef = Int16(maxDefinitionLevel)
        while l < levels.upperBound {
            let budget = settings.dataPageRowLimit - pageRowCount
            let stepLevels = stepLimit(batch, values: v ..< values.upperBound)
            var end: Int, stepRows: Int
            if maxRepetitionLevel == 0 {
                end = min(levels.upperBound, l + min(stepLevels, budget))
                stepRows = end - l
            } else {
                (end, stepRows) = batch.repetitionLevels!.withUnsafeBufferPointer { reps in
                    var i = l, n = 0
                    while i < levels.upperBound {
                        if reps[i] == 0 {
                            if n == budget || i - l >= stepLevels { break }
                            n += 1
                        }
                        i += 1
                    }
                    return (i, n)
                }
                pageRepetitionLevels.append(contentsOf: batch.repetitionLevels![l ..< end])
            }
            var stepValues = end - l
            if maxDefinitionLevel > 0 {
                stepValues = batch.definitionLevels!.withUnsafeBufferPointer { defs in
                    var n = 0
                    for i in l ..< end where defs[i] == maxDef { n += 1 }
                    return n
                }
                pageDefinitionLevels.append(contentsOf: batch.definitionLevels![l ..< end])
            }
            if order != .undefined, let b = ValueBounds.of(batch.values, v ..< v + stepValues, order: order, nanCount: &pageNaNs) {
                if pageBounds == nil { pageBounds = b } else { pageBounds!.merge(b, order: order) }
            }
            bloomFilter?.insert(batch.values, v ..< v + stepValues)
            if dictionaryActive {
                dictionary.encode(batch.values, v ..< v + stepValues, into: &pageIndices)
            } else {
                pageValues.append(batch.values, v ..< v + stepValues)
            }
            pageLevelCount += end - l
            pageRowCount += stepRows
            pageValueCount += stepValues
            rowCount += stepRows
            v += stepValues
            l = end
            if dictionaryActive && dictionary.plainSize >= settings.dictionaryPageSizeLimit {
                try closePage()
                try fallBack()
            } else if pageRowCount >= settings.dataPageRowLimit || pageEncodedSizeEstimate >= settings.dataPageSize {
                try closePage()
            }
        }
        assert(v == values.upperBound, "levels and values disagree")
    }

    /// Levels to take in the next step: `writeBatchSize`, or fewer when the open PLAIN-style page is
    /// that close to `dataPageSize` (so pages end near their byte size, not only at step boundaries).
    private func stepLimit(_ batch: ColumnBatch, values: Range<Int>) -> Int {
        guard !dictionaryActive, !values.isEmpty else { return settings.writeBatchSize }
        let bitsPerValue: Int
        switch batch.values {
        case .boolean: bitsPerValue = 1
        case .int32, .float: bitsPerValue = 32
        case .int64, .double: bitsPerValue = 64
        case .int96: bitsPerValue = 96
        case .fixedLenByteArray(let f): bitsPerValue = max(8 * f.width, 1)
        case .byteArray(let b):
            // The average PLAIN size of the remaining values of this batch.
            let bytes = b.offsets[values.upperBound] - b.offsets[values.lowerBound]
            bitsPerValue = 8 * (4 + bytes / values.count)
        }
        let remainingBits = max(0, settings.dataPageSize - pageValues.plainSize) * 8
        return min(settings.writeBatchSize, max(1, (remainingBits + bitsPerValue - 1) / bitsPerValue))
    }

    /// Encoded size of the open page's values, estimated.
    private var pageEncodedSizeEstimate: Int {
        dictionaryActive ? (pageIndices.count * Self.indexBitWidth(dictionary.count) + 7) / 8 + 1 : pageValues.plainSize
    }

    /// Bit width of dictionary indices: as Arrow, at least 1 once the dictionary has an entry.
    static func indexBitWidth(_ entries: Int) -> Int {
        entries <= 1 ? (entries == 0 ? 0 : 1) : Int.bitWidth - (entries - 1).leadingZeroBitCount
    }

    /// Abandons the dictionary: its page is kept for the pages already written, later pages use the fallback encoding.
    private func fallBack() throws {
        dictionaryPage = try makeDictionaryPage()
        dictionary = .none
        dictionaryActive = false
    }

    // MARK: pages

    /// Encodes, compresses and stores the open page (nothing when it is empty).
    private func closePage() throws {
        guard pageLevelCount > 0 else { return }
        let nulls = pageLevelCount - pageValueCount
        let repetition = maxRepetitionLevel > 0 ? LevelEncoder.encode(pageRepetitionLevels, maxLevel: maxRepetitionLevel) : []
        let definition = maxDefinitionLevel > 0 ? LevelEncoder.encode(pageDefinitionLevels, maxLevel: maxDefinitionLevel) : []
        // v1: levels (with length prefixes) and values share one buffer, compressed together;
        // v2: the values are encoded and compressed on their own.
        var raw: [UInt8] = []
        if settings.pageVersion == .v1 {
            raw.reserveCapacity(repetition.count + definition.count + 8 + pageValues.plainSize + pageIndices.count / 2 + 16)
            if maxRepetitionLevel > 0 {
                PageValueBuffer.appendLength(repetition.count, to: &raw)
                raw.append(contentsOf: repetition)
            }
            if maxDefinitionLevel > 0 {
                PageValueBuffer.appendLength(definition.count, to: &raw)
                raw.append(contentsOf: definition)
            }
        }
        let encoding: Encoding
        let bounds = pageBounds, nans = pageNaNs
        if dictionaryActive {
            encoding = .rleDictionary
            let width = Self.indexBitWidth(dictionary.count)
            raw.append(UInt8(width))
            var e = RLEBitPackedEncoder(bitWidth: width)
            pageIndices.withUnsafeBufferPointer { e.append($0) }
            raw.append(contentsOf: e.finish())
        } else {
            encoding = settings.encoding
            pageValues.encode(encoding, into: &raw)
        }
        var header: PageHeader
        var body: [UInt8]
        let uncompressed: Int
        let pageStatistics = settings.pageHeaderStatistics && order != .undefined
            ? Statistics.written(bounds: bounds, nullCount: nulls, nanCount: nans, distinctCount: nil, order: order,
                                 truncateLength: settings.statisticsTruncateLength, utf8: isText)
            : nil
        switch settings.pageVersion {
        case .v1:
            uncompressed = raw.count
            body = try compress(raw)
            header = PageHeader(type: .dataPage, uncompressedPageSize: 0, compressedPageSize: 0)
            header.dataPageHeader = DataPageHeader(numValues: try int32(pageLevelCount), encoding: encoding,
                                                   definitionLevelEncoding: .rle, repetitionLevelEncoding: .rle,
                                                   statistics: pageStatistics)
        case .v2:
            let valueBytes = raw
            // An empty values section (a page of nulls) is stored uncompressed: some readers (DuckDB
            // with Hadoop LZ4) fail on a compressed empty buffer.
            let compressValues = settings.codec != .uncompressed && !valueBytes.isEmpty
            let compressedValues = compressValues ? try compress(valueBytes) : valueBytes
            body = repetition
            body.append(contentsOf: definition)
            body.append(contentsOf: compressedValues)
            uncompressed = repetition.count + definition.count + valueBytes.count
            header = PageHeader(type: .dataPageV2, uncompressedPageSize: 0, compressedPageSize: 0)
            header.dataPageHeaderV2 = DataPageHeaderV2(
                numValues: try int32(pageLevelCount), numNulls: try int32(nulls), numRows: try int32(pageRowCount),
                encoding: encoding, definitionLevelsByteLength: try int32(definition.count),
                repetitionLevelsByteLength: try int32(repetition.count), isCompressed: compressValues,
                statistics: pageStatistics)
        }
        try finishHeader(&header, uncompressed: uncompressed, body: body)
        let headerBytes = header.thriftBytes()
        let page = EncodedPage(header: headerBytes, body: body, type: header.type, encoding: encoding,
                               uncompressedSize: headerBytes.count + uncompressed,
                               firstRowIndex: Int64(rowCount - pageRowCount), valueCount: pageValueCount,
                               nullCount: nulls, nanCount: nans, bounds: bounds)
        statistics.add(bounds, nulls: nulls, nans: nans, order: order)
        if pageValueCount > 0 && bounds == nil { columnIndexPossible = false }
        encodedBytes += page.size
        levelCount += Int64(pageLevelCount)
        dataPages.append(page)
        pageDefinitionLevels.removeAll(keepingCapacity: true)
        pageRepetitionLevels.removeAll(keepingCapacity: true)
        pageIndices.removeAll(keepingCapacity: true)
        pageValues.removeAll()
        pageBounds = nil
        pageNaNs = 0
        pageLevelCount = 0
        pageRowCount = 0
        pageValueCount = 0
    }

    /// Sizes and checksum of a page header whose body is complete.
    private func finishHeader(_ header: inout PageHeader, uncompressed: Int, body: [UInt8]) throws {
        header.uncompressedPageSize = try int32(uncompressed)
        header.compressedPageSize = try int32(body.count)
        if settings.pageChecksums { header.crc = Int32(bitPattern: PageChecksum.crc32(body)) }
    }

    private func compress(_ raw: [UInt8]) throws -> [UInt8] {
        if settings.codec == .uncompressed { return raw }
        // Hadoop's LZ4 stream writes nothing for empty input; DuckDB fails on a framed empty block.
        if raw.isEmpty && settings.codec == .lz4 { return [] }
        let result = raw.withUnsafeBytes { b in
            Result { () throws(DecodeFailure) -> [UInt8] in try Codecs.compress(settings.codec, b, level: settings.compressionLevel) }
        }
        switch result {
        case .success(let bytes): return bytes
        case .failure(let error): throw error.parquetError(columnPath: column.dottedPath)
        }
    }

    private func int32(_ n: Int) throws -> Int32 {
        guard n <= Int(Int32.max) else {
            throw ParquetError(.limitExceeded, "page of \(n) bytes or values exceeds the format's 2^31 - 1 limit",
                               columnPath: column.dottedPath)
        }
        return Int32(n)
    }

    /// The dictionary page of the current dictionary.
    private func makeDictionaryPage() throws -> EncodedPage {
        let raw = dictionary.plainEncoded()
        let body = try compress(raw)
        var header = PageHeader(type: .dictionaryPage, uncompressedPageSize: 0, compressedPageSize: 0)
        header.dictionaryPageHeader = DictionaryPageHeader(numValues: try int32(dictionary.count), encoding: .plain)
        try finishHeader(&header, uncompressed: raw.count, body: body)
        let headerBytes = header.thriftBytes()
        encodedBytes += headerBytes.count + body.count
        return EncodedPage(header: headerBytes, body: body, type: .dictionaryPage, encoding: .plain,
                           uncompressedSize: headerBytes.count + raw.count, firstRowIndex: 0,
                           valueCount: dictionary.count, nullCount: 0, nanCount: 0, bounds: nil)
    }

    // MARK: chunk

    /// Closes the open page and returns the chunk; the writer is then reset for the next row group.
    func finish() throws -> FinishedColumnChunk {
        try closePage()
        let usedDictionary = dictionaryPage != nil || (dictionaryActive && !dataPages.isEmpty)
        if dictionaryPage == nil && dictionaryActive && !dataPages.isEmpty {
            dictionaryPage = try makeDictionaryPage()
        }
        let distinct = dictionaryActive && usedDictionary && column.physicalType != .float
            && column.physicalType != .double ? dictionary.count : nil
        var pages = dataPages
        if let dictionaryPage { pages.insert(dictionaryPage, at: 0) }

        var encodings: [Encoding] = []
        func note(_ e: Encoding) { if !encodings.contains(e) { encodings.append(e) } }
        if usedDictionary { note(.plain) }
        if maxDefinitionLevel > 0 || maxRepetitionLevel > 0 { note(.rle) }
        var stats: [PageEncodingStats] = []
        for p in pages {
            note(p.encoding)
            if let i = stats.firstIndex(where: { $0.pageType == p.type && $0.encoding == p.encoding }) {
                stats[i].count += 1
            } else {
                stats.append(PageEncodingStats(pageType: p.type, encoding: p.encoding, count: 1))
            }
        }
        var meta = ColumnMetaData(
            type: column.physicalType, encodings: encodings, pathInSchema: column.path, codec: settings.codec,
            numValues: levelCount, totalUncompressedSize: Int64(pages.reduce(0) { $0 + $1.uncompressedSize }),
            totalCompressedSize: Int64(pages.reduce(0) { $0 + $1.size }), dataPageOffset: 0)
        meta.encodingStats = stats
        meta.keyValueMetadata = keyValueMetadata
        if settings.statisticsEnabled {
            meta.statistics = Statistics.written(
                bounds: order == .undefined ? nil : statistics.bounds, nullCount: statistics.nullCount,
                nanCount: statistics.nanCount, distinctCount: distinct, order: order,
                truncateLength: settings.statisticsTruncateLength, utf8: isText)
        }
        let chunk = FinishedColumnChunk(pages: pages, hasDictionaryPage: dictionaryPage != nil, metadata: meta,
                                        columnIndex: makeColumnIndex(), bloomFilter: bloomFilter?.finish())
        reset()
        return chunk
    }

    /// The column index of the chunk's data pages, or nil when a page has values but no min/max
    /// (undefined order, statistics off, only NaNs) or the page index is off.
    private func makeColumnIndex() -> ColumnIndex? {
        guard settings.pageIndexEnabled, order != .undefined, columnIndexPossible, !dataPages.isEmpty else { return nil }
        var nullPages: [Bool] = [], mins: [[UInt8]] = [], maxs: [[UInt8]] = [], nulls: [Int64] = []
        for p in dataPages {
            nulls.append(Int64(p.nullCount))
            guard let b = p.bounds else {
                nullPages.append(true)
                mins.append([])
                maxs.append([])
                continue
            }
            nullPages.append(false)
            var lo = b.min, hi = b.max
            if order.isTruncatable, let limit = settings.columnIndexTruncateLength {
                lo = StatisticsTruncation.truncatedMin(lo, limit: limit, utf8: isText) ?? lo
                hi = StatisticsTruncation.truncatedMax(hi, limit: limit, utf8: isText) ?? hi
            }
            mins.append(lo)
            maxs.append(hi)
        }
        var index = ColumnIndex(nullPages: nullPages, minValues: mins, maxValues: maxs,
                                boundaryOrder: boundaryOrder(nullPages: nullPages, mins: mins, maxs: maxs))
        index.nullCounts = nulls
        return index
    }

    /// Ascending / descending when the non-null pages' mins and maxes both are, else unordered.
    private func boundaryOrder(nullPages: [Bool], mins: [[UInt8]], maxs: [[UInt8]]) -> BoundaryOrder {
        var ascending = true, descending = true
        var previous: Int?
        for i in nullPages.indices where !nullPages[i] {
            if let p = previous {
                let a = order.compare(mins[p], mins[i]), b = order.compare(maxs[p], maxs[i])
                if a > 0 || b > 0 { ascending = false }
                if a < 0 || b < 0 { descending = false }
            }
            previous = i
        }
        if ascending { return .ascending }
        if descending { return .descending }
        return .unordered
    }

    /// Empties the chunk state for the next row group (a new dictionary, the dictionary tried again).
    private func reset() {
        rowCount = 0
        levelCount = 0
        dataPages = []
        dictionaryPage = nil
        statistics = StatisticsAccumulator()
        columnIndexPossible = true
        encodedBytes = 0
        if settings.dictionaryEnabled, let d = ColumnDictionaryEncoder(type: column.physicalType, width: column.typeLength) {
            dictionary = d
            dictionaryActive = true
        }
    }
}
