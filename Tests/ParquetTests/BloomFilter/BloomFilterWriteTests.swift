import Foundation
import Testing
@testable import Parquet

@Suite struct BloomFilterWriteTests {
    static let fields: [SchemaField] = [
        .boolean("b"), .int32("i32"), .int64("i64"), .int96("i96"), .float("f"), .double("d"),
        .byteArray("s"), .fixedLenByteArray("fx", length: 5), .date("dt"), .timestamp("ts", unit: .micros),
    ]

    /// Writes random data (two row groups) with a filter on every column.
    static func writeFile(options change: (inout ParquetWriterOptions) -> Void = { _ in }) throws -> (path: String, schema: Schema) {
        let schema = try Schema(fields: fields)
        var options = ParquetWriterOptions()
        options.bloomFilter = BloomFilterOptions()
        options.maxRowGroupRows = 3000
        change(&options)
        var rng = SeededGenerator(seed: 42)
        let batches = schema.columns.map { WriterTestSupport.flatBatch(for: $0, rows: 6000, nullFraction: 0.1, rng: &rng) }
        let bytes = try WriterTestSupport.write(schema: schema, options: options, [batches])
        return (try WriterTestSupport.temporaryFile(bytes, name: "bloom.parquet"), schema)
    }

    /// Hashes of all values of a batch.
    static func hashes(_ values: ColumnValues) -> [UInt64] {
        var out: [UInt64] = []
        SplitBlockBloomFilter.forEachHash(values, 0 ..< values.count) { out.append($0) }
        return out
    }

    /// SQL literal of value `i` for DuckDB, nil where DuckDB's probe is not comparable (NaN, ±0).
    static func literal(_ values: ColumnValues, _ i: Int, column: ColumnDescriptor) -> String? {
        switch values {
        case .int32(let a) where column.logicalType == .date:
            return a[i].magnitude < 1_000_000 ? "(DATE '1970-01-01' + (\(a[i]))::INTEGER)" : nil
        case .int64(let a) where column.logicalType != nil:
            return a[i].magnitude < 1 << 60 ? "make_timestamp((\(a[i]))::BIGINT)" : nil
        case .int32(let a): return "(\(a[i]))::INTEGER"
        case .int64(let a): return "(\(a[i]))::BIGINT"
        case .float(let a): return a[i].isNaN || a[i] == 0 ? nil : "'\(a[i])'::FLOAT"
        case .double(let a): return a[i].isNaN || a[i] == 0 ? nil : "'\(a[i])'::DOUBLE"
        case .byteArray(let a):
            return "'" + a[i].map { "\\x" + String(format: "%02X", $0) }.joined() + "'::BLOB"
        case .fixedLenByteArray(let a):
            return "'" + a[i].map { "\\x" + String(format: "%02X", $0) }.joined() + "'::BLOB"
        default: return nil
        }
    }

    /// Our filters, read back by our reader, hold every written value and reject most others; DuckDB's
    /// `parquet_bloom_probe` gives the same verdict as ours on present and absent values; pyarrow reads the file.
    @Test func writtenFiltersOnEveryPhysicalType() async throws {
        let (path, _) = try Self.writeFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try await ParquetFile.open(path: path)
        #expect(file.rowGroupCount == 2)
        var rng = SeededGenerator(seed: 77)
        for g in 0 ..< file.rowGroupCount {
            for column in file.schema.columns {
                let name = column.dottedPath
                let meta = try #require(file.metadata.rowGroups[g].columns[column.index].metaData)
                #expect(meta.bloomFilterOffset != nil && meta.bloomFilterLength != nil, "\(name)")
                let filter = try #require(try await file.bloomFilter(rowGroup: g, column: column), "\(name)")
                let batch = try await file.readColumn(rowGroup: g, column: column)
                let present = Self.hashes(batch.values)
                #expect(present.allSatisfy { filter.mightContain(hash: $0) }, "\(name): a written value is missing")
                // Sized from the counted distinct values at fpp 0.05.
                #expect(filter.numBytes == SplitBlockBloomFilter.optimalNumBytes(distinctValues: Set(present).count, fpp: 0.05), "\(name)")
                guard column.physicalType != .boolean else { continue }
                let presentSet = Set(present)
                let probes = WriterTestSupport.randomValues(for: column, count: 4000, rng: &rng)
                let absent = Self.hashes(probes).filter { !presentSet.contains($0) }
                let rate = Double(absent.filter { filter.mightContain(hash: $0) }.count) / Double(max(absent.count, 1))
                #expect(absent.count > 100 && rate < 0.1, "\(name): false-positive rate \(rate) of \(absent.count)")

                // DuckDB's verdict on 60 present and up to 200 random values.
                var literals: [String] = [], ours: [Bool] = []
                for (values, count) in [(batch.values, min(60, batch.values.count)), (probes, 200)] {
                    let h = Self.hashes(values)
                    for i in 0 ..< count { if let l = Self.literal(values, i, column: column) { literals.append(l); ours.append(!filter.mightContain(hash: h[i])) } }
                }
                guard !literals.isEmpty else { continue }
                let theirs = try BloomFilterTestSupport.duckdbExcludes(path: path, column: name, literals: literals, rowGroup: g)
                #expect(theirs == ours, "\(name): DuckDB disagrees on \(zip(theirs, ours).filter { $0 != $1 }.count) of \(ours.count)")
            }
        }
        let out = try TestSupport.python("""
        import pyarrow.parquet as pq, sys
        f = pq.ParquetFile(sys.argv[1])
        t = f.read()
        m = f.metadata
        print(t.num_rows, all(m.row_group(g).column(c).bloom_filter_offset is not None for g in range(m.num_row_groups) for c in range(m.num_columns)))
        """.replacingOccurrences(of: "sys.argv[1]", with: "'\(path)'"))
        #expect(String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) == "6000 True")
    }

    @Test func fixedDistinctCountSizesEveryChunk() async throws {
        let (path, _) = try Self.writeFile { o in
            o.bloomFilter = nil
            o.columns["s"] = ColumnWriteOptions(bloomFilter: BloomFilterOptions(distinctValues: 100_000, fpp: 0.01))
            o.columns["i32"] = ColumnWriteOptions(bloomFilter: BloomFilterOptions(fpp: 0.2))
        }
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try await ParquetFile.open(path: path)
        for g in 0 ..< file.rowGroupCount {
            for column in file.schema.columns {
                let filter = try await file.bloomFilter(rowGroup: g, column: column)
                switch column.dottedPath {
                case "s": #expect(filter?.numBytes == SplitBlockBloomFilter.optimalNumBytes(distinctValues: 100_000, fpp: 0.01))
                case "i32":
                    let batch = try await file.readColumn(rowGroup: g, column: column)
                    #expect(filter?.numBytes == SplitBlockBloomFilter.optimalNumBytes(distinctValues: Set(Self.hashes(batch.values)).count, fpp: 0.2))
                default: #expect(filter == nil)
                }
            }
        }
    }

    @Test func badOptionsAreRejected() throws {
        let schema = try Schema(fields: Self.fields)
        for bad in [BloomFilterOptions(fpp: 0), BloomFilterOptions(fpp: 1), BloomFilterOptions(distinctValues: 0)] {
            var o = ParquetWriterOptions()
            o.columns["s"] = ColumnWriteOptions(bloomFilter: bad)
            #expect(throws: ParquetError.self) { try ParquetWriter(schema: schema, sink: MemorySink(), options: o) }
        }
        #expect(throws: ParquetError.self) { try ParquetRewriter.Options.parse(bloomFilters: ["s:0"]) }
        #expect(throws: ParquetError.self) { try ParquetRewriter.Options.parse(bloomFilters: ["s"], bloomFilterFPP: 1.5) }
        let parsed = try ParquetRewriter.Options.parse(bloomFilters: ["a.b:500", "c"], bloomFilterFPP: 0.01, keepBloomFilters: true)
        #expect(parsed.writer.columns["a.b"]?.bloomFilter == BloomFilterOptions(distinctValues: 500, fpp: 0.01))
        #expect(parsed.writer.columns["c"]?.bloomFilter == BloomFilterOptions(fpp: 0.01))
        #expect(parsed.keepBloomFilters == BloomFilterOptions(fpp: 0.01))
    }

    /// `parquet rewrite --bloom-filter` adds filters; `--keep-bloom-filters` keeps the corpus file's.
    @Test func rewriteAddsAndKeepsFilters() async throws {
        let input = TestSupport.corpusFile("data_index_bloom_encoding_with_length.parquet")
        let out = WriterTestSupport.temporaryPath("kept.parquet")
        defer { try? FileManager.default.removeItem(atPath: out) }
        try await ParquetRewriter.rewrite(inputPath: input, outputPath: out, options: try .parse(keepBloomFilters: true))
        let file = try await ParquetFile.open(path: out)
        let column = file.schema.columns[0]
        let filter = try #require(try await file.bloomFilter(rowGroup: 0, column: column))
        let batch = try await file.readColumn(rowGroup: 0, column: column)
        #expect(Self.hashes(batch.values).allSatisfy { filter.mightContain(hash: $0) })
        // Without the flag the filter is dropped.
        try await ParquetRewriter.rewrite(inputPath: input, outputPath: out, options: try .parse())
        let plain = try await ParquetFile.open(path: out)
        #expect(try await plain.bloomFilter(rowGroup: 0, column: plain.schema.columns[0]) == nil)

        // A corpus file without filters gets one for the named column, with the given NDV.
        let other = TestSupport.corpusFile("alltypes_plain.parquet")
        try await ParquetRewriter.rewrite(inputPath: other, outputPath: out, options: try .parse(bloomFilters: ["string_col:64", "id"]))
        let added = try await ParquetFile.open(path: out)
        for column in added.schema.columns {
            let f = try await added.bloomFilter(rowGroup: 0, column: column)
            #expect((f != nil) == ["string_col", "id"].contains(column.dottedPath), "\(column.dottedPath)")
            if let f {
                if column.dottedPath == "string_col" { #expect(f.numBytes == SplitBlockBloomFilter.optimalNumBytes(distinctValues: 64, fpp: 0.05)) }
                let batch = try await added.readColumn(rowGroup: 0, column: column)
                #expect(Self.hashes(batch.values).allSatisfy { f.mightContain(hash: $0) })
            }
        }
        await #expect(throws: ParquetError.self) {
            try await ParquetRewriter.rewrite(inputPath: other, outputPath: out, options: try .parse(bloomFilters: ["nope"]))
        }
    }
}

extension BloomFilterWriteTests {
    /// `.end` puts every filter after the last row group and before the page index; readers find them.
    @Test func filtersAtTheEnd() async throws {
        let (path, _) = try Self.writeFile { $0.bloomFilterPosition = .end }
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try await ParquetFile.open(path: path)
        let groups = file.metadata.rowGroups
        let dataEnd = groups.flatMap(\.columns).map { ($0.metaData!.dictionaryPageOffset ?? $0.metaData!.dataPageOffset) + $0.metaData!.totalCompressedSize }.max()!
        let indexStart = groups.flatMap(\.columns).compactMap(\.columnIndexOffset).min()!
        for g in groups.indices {
            for column in file.schema.columns {
                let meta = groups[g].columns[column.index].metaData!
                let offset = try #require(meta.bloomFilterOffset)
                #expect(offset >= dataEnd && offset + Int64(meta.bloomFilterLength!) <= indexStart, "\(column.dottedPath)")
                let filter = try #require(try await file.bloomFilter(rowGroup: g, column: column))
                let batch = try await file.readColumn(rowGroup: g, column: column)
                #expect(Self.hashes(batch.values).allSatisfy { filter.mightContain(hash: $0) })
                if column.dottedPath == "i64" {
                    guard case .int64(let values) = batch.values else { continue }
                    let probes = Array(values.prefix(20)) + [123_456_789, -42]
                    let ours = probes.map { !filter.mightContain(hash: SplitBlockBloomFilter.hash(int64: $0)) }
                    let theirs = try BloomFilterTestSupport.duckdbExcludes(path: path, column: "i64", literals: probes.map { "(\($0))::BIGINT" }, rowGroup: g)
                    #expect(ours == theirs)
                }
            }
        }
    }
}
