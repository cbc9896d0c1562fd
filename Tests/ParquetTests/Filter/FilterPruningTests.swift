import Foundation
import Testing
@testable import Parquet

/// Pruning reads only what can match, and never changes the answer.
@Suite("Filter pruning")
struct FilterPruningTests {
    // MARK: Files

    static func batch(_ c: ColumnDescriptor, _ values: ColumnValues, valid: [Bool]? = nil) -> ColumnBatch {
        let n = valid?.count ?? values.count
        return ColumnBatch(column: c, values: values, definitionLevels: valid.map { $0.map { $0 ? 1 : 0 } },
                           repetitionLevels: nil, levelCount: n, rowCount: n)
    }

    /// `groups` row groups written with our writer; `columns(schema, group)` gives each group's batches.
    static func write(_ fields: [SchemaField], options: ParquetWriterOptions, groups: Int,
                      _ columns: (Schema, Int) -> [ColumnBatch]) throws -> [UInt8] {
        let schema = try SchemaBuilder(fields: fields).build()
        let sink = MemorySink()
        let writer = try ParquetWriter(schema: schema, sink: sink, options: options)
        for g in 0 ..< groups {
            try writer.write(batches: columns(schema, g))
            try writer.endRowGroup()
        }
        try writer.close()
        return sink.bytes
    }

    static let rowsPerGroup = 20_000
    static let groupCount = 10

    /// 200,000 rows sorted by `id` (required INT64), `name` (optional string, every 10th null), `x` (double):
    /// 10 row groups of 20,000 rows, pages of at most 1,000 rows, with a page index.
    static func sortedFile() throws -> [UInt8] {
        var o = ParquetWriterOptions()
        o.dataPageRowLimit = 1000
        o.compression = .snappy
        o.dictionaryEnabled = false  // unique ids and doubles: plain pages (a dictionary page would be read whole)
        return try write([.int64("id", .required), .string("name"), .double("x", .required)], options: o, groups: groupCount) { s, g in
            let ids = (0 ..< rowsPerGroup).map { Int64(g * rowsPerGroup + $0) }
            let valid = ids.map { $0 % 10 != 0 }
            let names = ByteArrayBuffer(ids.filter { $0 % 10 != 0 }.map { Array("name-\($0 % 1000)".utf8) })
            return [batch(s.columns[0], .int64(ids)), batch(s.columns[1], .byteArray(names), valid: valid),
                    batch(s.columns[2], .double(ids.map { Double($0) / 2 }))]
        }
    }

    /// Runs a scan to the end; returns the `id` column of the matches and the counters.
    static func ids(_ file: ParquetFile, _ expression: String, columns: [String] = ["id"], limit: Int? = nil,
                    prunes: Bool = true) async throws -> (ids: [Int64], stats: FilterStatistics, scan: FilteredScan) {
        var scan = try file.scan(where: expression, columns: columns, limit: limit)
        scan.prunes = prunes
        var out: [Int64] = []
        while let batches = try await scan.next() {
            guard case .int64(let v) = batches[0].values else { throw ParquetError(.corrupt, "id is not INT64") }
            out += v
        }
        return (out, scan.statistics, scan)
    }

    /// Bytes of the pages of `column` in row group `g` holding rows `rows` (group-relative), plus its dictionary page.
    static func pageBytes(_ file: ParquetFile, _ g: Int, _ column: ColumnDescriptor, rows: Range<Int64>) async throws -> (bytes: Int64, pages: Int) {
        let meta = try #require(file.metadata.rowGroups[g].columns[column.index].metaData)
        let locs = try #require(try await file.offsetIndex(rowGroup: g, column: column)).pageLocations
        let start = min(meta.dictionaryPageOffset ?? meta.dataPageOffset, meta.dataPageOffset)
        var bytes = locs[0].offset - start
        var pages = 0
        for (i, l) in locs.enumerated() {
            let end = i + 1 < locs.count ? locs[i + 1].firstRowIndex : file.metadata.rowGroups[g].numRows
            if l.firstRowIndex < rows.upperBound && end > rows.lowerBound { bytes += Int64(l.compressedPageSize); pages += 1 }
        }
        return (bytes, pages)
    }

    // MARK: Tests

    @Test("a 1% range on a sorted column reads only its row group's pages")
    func sortedRange() async throws {
        let bytes = try Self.sortedFile()
        let counting = CountingByteSource(MemoryByteSource(bytes))
        let file = try await ParquetFile.open(source: counting)
        counting.reset()
        let (ids, stats, _) = try await Self.ids(file, "id BETWEEN 50500 AND 52499", columns: ["id", "name", "x"])
        #expect(ids == Array(50500 ... 52499))
        #expect(stats.rowsMatched == 2000)
        #expect(stats.rowGroupsTotal == 10)
        #expect(stats.rowGroupsSkipped == 9)
        // Expected bytes from the offset indexes: the pages of rows 10,500 ..< 12,500 of row group 2, per column.
        var expected: Int64 = 0, pagesRead = 0, pagesTotal = 0
        for c in file.schema.columns {
            let (b, p) = try await Self.pageBytes(file, 2, c, rows: 10_500 ..< 12_500)
            expected += b
            pagesRead += p
            pagesTotal += try #require(try await file.offsetIndex(rowGroup: 2, column: c)).pageLocations.count
        }
        #expect(stats.bytesRead == expected)
        #expect(stats.pagesTotal == pagesTotal)
        #expect(stats.pagesSkipped == pagesTotal - pagesRead)
        #expect(pagesRead <= 3 * 3)
        // Everything fetched is accounted for: page data plus index bytes.
        #expect(Int64(counting.bytes) == stats.bytesRead + stats.indexBytesRead)
        #expect(counting.bytes < bytes.count / 20, "read \(counting.bytes) of \(bytes.count) bytes: \(stats)")
        let total = file.metadata.rowGroups.reduce(Int64(0)) { $0 + $1.columns.reduce(0) { $0 + ($1.metaData?.totalCompressedSize ?? 0) } }
        #expect(stats.bytesRead + stats.bytesSkipped == total)
    }

    @Test("a limit stops after the first rows: one page per column")
    func limitStops() async throws {
        let file = try await ParquetFile.open(source: MemoryByteSource(try Self.sortedFile()))
        let (ids, stats, scan) = try await Self.ids(file, "id >= 0", columns: ["id", "name"], limit: 10)
        #expect(ids == Array(0 ..< 10))
        #expect(scan.nextRowGroup == 1)
        #expect(stats.rowsMatched == 10)
        var expected: Int64 = 0
        for c in file.schema.columns {
            // Phase 1 reads id's pages (whole row group: no page index narrowing for id >= 0), phase 2 name's first page.
            expected += c.dottedPath == "id" ? file.metadata.rowGroups[0].columns[c.index].metaData!.totalCompressedSize
                : c.dottedPath == "name" ? try await Self.pageBytes(file, 0, c, rows: 0 ..< 10).bytes : 0
        }
        #expect(stats.bytesRead == expected)
    }

    @Test("no filter with a limit reads only the pages holding the first rows")
    func limitWithoutFilter() async throws {
        let file = try await ParquetFile.open(source: MemoryByteSource(try Self.sortedFile()))
        var scan = try file.scan(filter: nil, columns: ["id"], limit: 1500)
        var n = 0
        while let b = try await scan.next() { n += b[0].rowCount }
        #expect(n == 1500)
        #expect(scan.statistics.bytesRead == (try await Self.pageBytes(file, 0, file.schema.columns[0], rows: 0 ..< 1500)).bytes)
    }

    /// The same ids with and without pruning, for every expression; returns the pruned runs' counters.
    static func samePruned(_ bytes: [UInt8], _ expressions: [String]) async throws -> [String: ([Int64], FilterStatistics)] {
        let file = try await ParquetFile.open(source: MemoryByteSource(bytes))
        var out: [String: ([Int64], FilterStatistics)] = [:]
        for e in expressions {
            let pruned = try await ids(file, e)
            let full = try await ids(file, e, prunes: false)
            #expect(pruned.ids == full.ids, "\(e): pruned \(pruned.ids) vs unpruned \(full.ids)")
            out[e] = (pruned.ids, pruned.stats)
        }
        return out
    }

    /// Row groups of (id, optional double x): [1, 2, NaN, null], [5, 6], [NaN, NaN], [null, null].
    static func nanFile() throws -> [UInt8] {
        let groups: [[Double?]] = [[1, 2, .nan, nil], [5, 6], [.nan, .nan], [nil, nil]]
        var next: Int64 = 0
        return try write([.int64("id", .required), .double("x")], options: ParquetWriterOptions(), groups: groups.count) { s, g in
            let ids = groups[g].indices.map { _ in next += 1; return next - 1 }
            return [batch(s.columns[0], .int64(ids)),
                    batch(s.columns[1], .double(groups[g].compactMap { $0 }), valid: groups[g].map { $0 != nil })]
        }
    }

    static let nanExpressions = ["x > 3", "x >= 2", "x < 3", "x = NaN", "x != 5", "NOT (x < 3)", "x <= NaN", "x > NaN",
                                 "x IS NULL", "x IS NOT NULL", "x = 1 OR x IS NULL", "NOT (x = 1)", "x IN (5, NaN)", "x BETWEEN 0 AND Infinity"]

    @Test("NaN and all-null chunks: pruning never drops a matching row")
    func nanAndNulls() async throws {
        let bytes = try Self.nanFile()
        let r = try await Self.samePruned(bytes, Self.nanExpressions)
        // NaN is above every number and equal to itself.
        #expect(r["x > 3"]?.0 == [2, 4, 5, 6, 7])
        #expect(r["x = NaN"]?.0 == [2, 6, 7])
        #expect(r["x < 3"]?.0 == [0, 1])
        #expect(r["x IS NULL"]?.0 == [3, 8, 9])
        // Statistics prune: the NaN-free group [5, 6] for x < 3, and the all-null group for comparisons.
        #expect(r["x < 3"]?.1.rowGroupsSkipped == 3)
        #expect(r["NOT (x = 1)"]?.1.rowGroupsSkipped == 1)
        #expect(r["x IS NOT NULL"]?.1.rowGroupsSkipped == 1)
    }

    @Test("statistics without nan_count, with NaN bounds, or without null counts are used conservatively")
    func legacyFloatStatistics() async throws {
        let bytes = try Self.nanFile()
        let file = try await ParquetFile.open(source: MemoryByteSource(bytes))
        for variant in 0 ..< 3 {
            var meta = file.metadata
            for g in meta.rowGroups.indices {
                guard var s = meta.rowGroups[g].columns[1].metaData?.statistics else { continue }
                switch variant {
                case 0: s.nanCount = nil
                case 1: if s.maxValue != nil { s.maxValue = withUnsafeBytes(of: Double.nan.bitPattern.littleEndian) { Array($0) } }
                default: s.nullCount = nil
                }
                meta.rowGroups[g].columns[1].metaData!.statistics = s
                // Without nan counts in the column index either.
                meta.rowGroups[g].columns[1].columnIndexOffset = nil
                meta.rowGroups[g].columns[1].columnIndexLength = nil
            }
            let crafted = BloomFilterTestSupport.withFooter(bytes, file: file, meta)
            let r = try await Self.samePruned(crafted, Self.nanExpressions)
            #expect(r["x > 3"]?.0 == [2, 4, 5, 6, 7], "variant \(variant)")
        }
    }

    @Test("truncated byte-array statistics and column indexes are bounds, legacy byte-array min/max are ignored")
    func truncatedBinary() async throws {
        var o = ParquetWriterOptions()
        o.statisticsTruncateLength = 4
        o.columnIndexTruncateLength = 4
        o.dataPageRowLimit = 10
        let prefix = "common-prefix-"
        let bytes = try Self.write([.int64("id", .required), .string("s", .required)], options: o, groups: 3) { s, g in
            let ids = (0 ..< 50).map { Int64(g * 50 + $0) }
            return [Self.batch(s.columns[0], .int64(ids)),
                    Self.batch(s.columns[1], .byteArray(ByteArrayBuffer(ids.map { Array("\(prefix)\(1000 + $0)".utf8) })))]
        }
        let file = try await ParquetFile.open(source: MemoryByteSource(bytes))
        let stats = try #require(file.metadata.rowGroups[1].columns[1].metaData?.statistics)
        #expect(stats.isMaxValueExact == false)
        #expect((stats.maxValue?.count ?? 0) <= 4)
        let exprs = ["s = '\(prefix)1149'", "s >= '\(prefix)1149'", "s > '\(prefix)1148'", "s < '\(prefix)1001'",
                     "s <= 'common'", "s > 'common-prefix-2'", "s IN ('\(prefix)1075', 'x')", "s = 'common'"]
        let r = try await Self.samePruned(bytes, exprs)
        #expect(r["s = '\(prefix)1149'"]?.0 == [149])
        #expect(r["s > '\(prefix)1148'"]?.0 == [149])
        #expect(r["s < '\(prefix)1001'"]?.0 == [0])
        #expect(r["s IN ('\(prefix)1075', 'x')"]?.0 == [75])
        // Legacy-only statistics with (wrong, signed-order) bounds: ignored for byte arrays.
        var meta = file.metadata
        for g in meta.rowGroups.indices {
            var s = Statistics()
            s.min = Array("zzzz".utf8)
            s.max = Array("zzzz".utf8)
            meta.rowGroups[g].columns[1].metaData!.statistics = s
            meta.rowGroups[g].columns[1].columnIndexOffset = nil
        }
        let legacy = try await Self.samePruned(BloomFilterTestSupport.withFooter(bytes, file: file, meta), exprs)
        #expect(legacy["s = '\(prefix)1149'"]?.0 == [149])
        #expect(legacy["s = '\(prefix)1149'"]?.1.rowGroupsSkipped == 0)
    }

    @Test("unsigned integers prune in unsigned order")
    func unsigned() async throws {
        let values: [[UInt32]] = [[1, 2], [2_147_483_648, 4_294_967_295], [7, 2_147_483_647]]
        let bytes = try Self.write([.int64("id", .required), .integer("u", bitWidth: 32, signed: false, .required)],
                                   options: ParquetWriterOptions(), groups: 3) { s, g in
            [Self.batch(s.columns[0], .int64([Int64(2 * g), Int64(2 * g + 1)])),
             Self.batch(s.columns[1], .int32(values[g].map { Int32(bitPattern: $0) }))]
        }
        let r = try await Self.samePruned(bytes, ["u > 2147483647", "u < 3", "u = 4294967295", "u >= 0", "u > 4294967295", "u < -1"])
        #expect(r["u > 2147483647"]?.0 == [2, 3])
        #expect(r["u > 2147483647"]?.1.rowGroupsSkipped == 2)
        #expect(r["u < 3"]?.0 == [0, 1])
        #expect(r["u = 4294967295"]?.0 == [3])
        #expect(r["u >= 0"]?.0 == [0, 1, 2, 3, 4, 5])
        #expect(r["u > 4294967295"]?.0 == [])
    }

    @Test("Bloom filters skip the row groups DuckDB's own probe excludes, and never a matching one")
    func bloomFilters() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("filter-bloom-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("bloom.parquet").path
        // Keys spread over every row group so min/max cannot rule values out; DuckDB writes Bloom filters for
        // dictionary-encoded columns.
        _ = try TestSupport.python("""
            import duckdb
            duckdb.sql("COPY (SELECT i AS id, 'k' || ((i * 7919) % 1000) AS key FROM range(40000) t(i)) TO '\(path)' (FORMAT parquet, ROW_GROUP_SIZE 10000)")
            """)
        let file = try await ParquetFile.open(path: path)
        #expect(file.metadata.rowGroups.allSatisfy { $0.columns[1].metaData?.bloomFilterOffset != nil })
        let absent = ["k1001", "k5x", "k123456", "k00", "k77777"]  // all inside every row group's min/max
        var skippedByBloom = 0
        // excluded[g][v]: DuckDB's verdict for value v in row group g.
        let excluded = try (0 ..< file.rowGroupCount).map { g in
            try BloomFilterTestSupport.duckdbExcludes(path: path, column: "key", literals: absent.map { "'\($0)'" }, rowGroup: g)
        }
        for (v, value) in absent.enumerated() {
            let (ids, stats, _) = try await Self.ids(file, "key = '\(value)'")
            #expect(ids.isEmpty)
            #expect(stats.rowGroupsSkippedByBloomFilter == excluded.filter { $0[v] }.count, "\(value)")
            skippedByBloom += stats.rowGroupsSkippedByBloomFilter
        }
        #expect(skippedByBloom > 0)
        // Present values are never skipped.
        let present = try await Self.samePruned(Array(try Data(contentsOf: URL(fileURLWithPath: path))),
                                                ["key IN ('k919', 'k0') OR key = 'k838'"])
        #expect(present.first?.value.0.count == 120)
        // The lookup can be replaced (here: off).
        var scan = try file.scan(where: "key = 'k1001'", columns: ["id"])
        scan.bloomFilterLookup = nil
        while try await scan.next() != nil {}
        #expect(scan.statistics.rowGroupsSkippedByBloomFilter == 0)
    }
}
