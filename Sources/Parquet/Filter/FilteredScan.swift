/// Answers, for one column chunk, whether its Bloom filter may contain a value given PLAIN-encoded
/// (the bytes a Parquet Bloom filter hashes: little-endian numbers, raw byte-array contents).
/// Returns nil when the chunk has no Bloom filter.
public typealias BloomFilterLookup = @Sendable (_ file: ParquetFile, _ rowGroup: Int, _ column: ColumnDescriptor)
    async throws -> (@Sendable (_ plainValue: [UInt8]) -> Bool)?

/// A filtered, projected scan of a file, one row group at a time.
///
/// For each row group: statistics rule it out when no row can match; Bloom filters (through
/// `bloomFilterLookup`) rule it out for `=` / `IN` on absent values; the ColumnIndex / OffsetIndex of the
/// filter columns narrow it to row ranges, and only the pages holding those rows (plus dictionary pages)
/// are fetched, in one `ByteSource.read(ranges:)` per phase. The filter columns are read and evaluated
/// first; the other output columns are then read only for row groups with matches, and only their pages
/// holding matched rows. Stops once `limit` rows were produced.
public struct FilteredScan: Sendable {
    public let file: ParquetFile
    public let filter: Predicate?
    /// Output columns, in schema order.
    public let columns: [ColumnDescriptor]
    public let limit: Int?
    /// Counters so far.
    public private(set) var statistics = FilterStatistics()
    /// The next row group to examine.
    public private(set) var nextRowGroup = 0
    /// Consulted for `=` / `IN` filter columns of chunks that have a Bloom filter; nil = Bloom filters
    /// are not used. Defaults to `FilteredScan.fileBloomFilters` (the split-block filters stored in the file).
    public var bloomFilterLookup: BloomFilterLookup? = FilteredScan.fileBloomFilters

    /// The Bloom filters stored in the file (`ParquetFile.bloomFilter(rowGroup:column:)`), probed with
    /// the xxHash of the value's PLAIN bytes.
    public static let fileBloomFilters: BloomFilterLookup = { file, rowGroup, column in
        guard file.metadata.rowGroups[rowGroup].columns[column.index].metaData?.bloomFilterOffset != nil,
              let filter = try await file.bloomFilter(rowGroup: rowGroup, column: column) else { return nil }
        return { plain in filter.mightContain(hash: SplitBlockBloomFilter.hash(bytes: plain)) }
    }

    let bound: BoundPredicate?
    var produced = 0
    /// Whether statistics, Bloom filters and page indexes are used (tests turn it off to compare).
    var prunes = true

    /// Binds `filter` to the file's schema and resolves `columns` (nil = all; dotted paths, groups select
    /// their leaves). Throws for unknown columns, repeated filter columns and type mismatches.
    public init(file: ParquetFile, filter: Predicate?, columns: [String]? = nil, limit: Int? = nil) throws {
        if let limit, limit < 0 { throw ParquetError(.invalidArgument, "limit must not be negative (got \(limit))") }
        self.file = file
        self.filter = filter
        self.columns = try file.resolveColumns(columns)
        self.limit = limit
        self.bound = try filter.map { try BoundPredicate($0, schema: file.schema) }
        statistics.rowGroupsTotal = file.rowGroupCount
    }

    /// The next row group's matching rows of the output columns (one batch per column, all with the same
    /// row count, at least one row); nil when the file or the limit is exhausted.
    public mutating func next() async throws -> [ColumnBatch]? {
        while nextRowGroup < file.rowGroupCount {
            try Task.checkCancellation()
            if let limit, produced >= limit { return nil }
            let g = nextRowGroup
            nextRowGroup += 1
            if let batches = try await scanRowGroup(g) { return batches }
        }
        return nil
    }

    /// All remaining matching rows as an async stream of per-row-group batches.
    public func stream() -> AsyncThrowingStream<[ColumnBatch], any Error> {
        let box = ScanBox(self)
        return AsyncThrowingStream { try await box.next() }
    }

    /// Owns a scan for `stream()` (its unfolding closure must be `Sendable`).
    private actor ScanBox {
        var scan: FilteredScan
        init(_ scan: FilteredScan) { self.scan = scan }
        func next() async throws -> [ColumnBatch]? {
            var s = scan
            defer { scan = s }
            return try await s.next()
        }
    }

    // MARK: One row group

    mutating func scanRowGroup(_ g: Int) async throws -> [ColumnBatch]? {
        let group = file.metadata.rowGroups[g]
        let n = group.numRows
        let remaining = Int64(limit.map { $0 - produced } ?? Int.max)
        var reader = RowGroupReader(file: file, rowGroup: g)
        let predicateColumns = bound?.columns ?? []
        let outputOnly = columns.filter { c in !predicateColumns.contains { $0.index == c.index } }
        let needed = predicateColumns + outputOnly
        func skipAll(bloom: Bool = false) -> [ColumnBatch]? {
            statistics.rowGroupsSkipped += 1
            if bloom { statistics.rowGroupsSkippedByBloomFilter += 1 }
            statistics.bytesSkipped += needed.reduce(0) { $0 + reader.chunkSize($1) }
            return nil
        }
        guard n > 0 else { return nil }
        guard let bound else {
            let rows = min(n, remaining)
            let batches = try await reader.read(columns, ranges: [0 ..< rows], statistics: &statistics)
            statistics.rowsScanned += rows
            return finish(batches, rows: Int(rows))
        }

        // Statistics, then Bloom filters.
        var facts = predicateColumns.map { c in
            group.columns[c.index].metaData.map { ColumnFacts(chunk: $0, column: c) } ?? ColumnFacts(order: StatisticsOrder(c))
        }
        guard !prunes || bound.possibility(facts).mayBeTrue else { return skipAll() }
        if prunes, let lookup = bloomFilterLookup {
            var consulted = false
            for (i, c) in predicateColumns.enumerated() {
                let keys = bound.equalityKeys(column: i).filter(Self.isBloomHashable)
                guard !keys.isEmpty, let probe = try await lookup(file, g, c) else { continue }
                facts[i].mightContain = { key in !Self.isBloomHashable(key) || probe(key.plain) }
                statistics.indexBytesRead += Int64(group.columns[c.index].metaData?.bloomFilterLength ?? 0)
                consulted = true
            }
            if consulted, !bound.possibility(facts).mayBeTrue { return skipAll(bloom: true) }
        }

        // Page index of the filter columns → row ranges that may match. The offset indexes of every
        // output column and the column indexes of the filter columns come in one ranged read (one round
        // trip over S3 instead of one per index).
        if prunes {
            try await file.prefetchPageIndexes(rowGroup: g, offsetIndexesOf: predicateColumns + outputOnly,
                                               columnIndexesOf: predicateColumns)
        }
        var pages: [(ColumnIndex, OffsetIndex)?] = []
        for c in predicateColumns {
            pages.append(prunes ? try await reader.pageIndex(c, statistics: &statistics) : nil)
        }
        let kept = pages.contains { $0 != nil }
            ? bound.keptRowRanges(rowCount: n, pages: pages, chunkFacts: facts) : [0 ..< n]
        if kept.isEmpty {
            for p in pages { if let (_, oi) = p { statistics.pagesTotal += oi.pageLocations.count; statistics.pagesSkipped += oi.pageLocations.count } }
            return skipAll()
        }

        // Phase 1: the filter columns over the kept ranges.
        let filterBatches = try await reader.read(predicateColumns, ranges: kept, statistics: &statistics)
        let scanned = kept.reduce(0) { $0 + $1.count }
        statistics.rowsScanned += Int64(scanned)
        let mask = try bound.evaluate(filterBatches, rowCount: scanned)
        var positions: [Int] = []
        mask.withUnsafeBufferPointer { m in
            for i in 0 ..< m.count where m[i] != 0 {
                if positions.count == remaining { break }
                positions.append(i)
            }
        }
        guard !positions.isEmpty else {
            statistics.bytesSkipped += outputOnly.reduce(0) { $0 + reader.chunkSize($1) }
            return nil
        }

        // Phase 2: the other output columns, only where rows matched.
        let matchedRanges = Self.absoluteRanges(positions, within: kept)
        let others = try await reader.read(outputOnly, ranges: matchedRanges, statistics: &statistics)
        var out: [ColumnBatch] = []
        out.reserveCapacity(columns.count)
        var next = 0
        for c in columns {
            if let i = predicateColumns.firstIndex(where: { $0.index == c.index }) {
                out.append(try filterBatches[i].selecting(rows: positions))
            } else {
                out.append(others[next])
                next += 1
            }
        }
        return finish(out, rows: positions.count)
    }

    mutating func finish(_ batches: [ColumnBatch], rows: Int) -> [ColumnBatch]? {
        guard rows > 0 else { return nil }
        produced += rows
        statistics.rowsMatched += Int64(rows)
        return batches
    }

    /// Row-group row ranges of the selected positions, where position `p` is the `p`-th row of `kept`.
    static func absoluteRanges(_ positions: [Int], within kept: [Range<Int64>]) -> [Range<Int64>] {
        var out: [Range<Int64>] = []
        var r = 0
        var base = 0  // positions before kept[r]
        for p in positions {
            while p >= base + kept[r].count { base += kept[r].count; r += 1 }
            let row = kept[r].lowerBound + Int64(p - base)
            if let last = out.last, last.upperBound == row {
                out[out.count - 1] = last.lowerBound ..< row + 1
            } else {
                out.append(row ..< row + 1)
            }
        }
        return out
    }

    /// Whether a Bloom filter lookup of the key's PLAIN bytes is meaningful: decimals in byte arrays may be
    /// stored with other widths, and ±0.0 have two bit patterns.
    static func isBloomHashable(_ k: FilterKey) -> Bool {
        switch k {
        case .decimal: false
        case .float(let f): f != 0
        case .double(let d): d != 0
        default: true
        }
    }
}

extension ParquetFile {
    /// A filtered, projected scan (see `FilteredScan`). `filter` nil reads every row.
    public func scan(filter: Predicate?, columns: [String]? = nil, limit: Int? = nil) throws -> FilteredScan {
        try FilteredScan(file: self, filter: filter, columns: columns, limit: limit)
    }

    /// A scan filtered by an expression of the `--where` language.
    public func scan(where expression: String, columns: [String]? = nil, limit: Int? = nil) throws -> FilteredScan {
        try FilteredScan(file: self, filter: try Predicate(parsing: expression), columns: columns, limit: limit)
    }
}
