import Foundation
import Testing
@testable import Parquet

@Suite struct BloomFilterReadTests {
    /// Corpus files with bloom filters (the second also records `bloom_filter_length`).
    @Test(arguments: ["data_index_bloom_encoding_stats.parquet", "data_index_bloom_encoding_with_length.parquet"])
    func corpusFilters(name: String) async throws {
        let path = TestSupport.corpusFile(name)
        let file = try await ParquetFile.open(path: path)
        let column = try #require(file.schema.column(path: ["String"]))
        let filter = try #require(try await file.bloomFilter(rowGroup: 0, column: column))
        let batch = try await file.readColumn(rowGroup: 0, column: column)
        guard case .byteArray(let values) = batch.values else { Issue.record("not a byte array column"); return }
        #expect(values.count > 0)
        for i in 0 ..< values.count {
            #expect(filter.mightContain(hash: SplitBlockBloomFilter.hash(bytes: values[i])), "value \(i)")
            #expect(filter.mightContain(.string(Array(values[i])), column: column) == true)
        }
        var rng = SeededGenerator(seed: 99)
        let absent = BloomFilterTestSupport.absentStrings(10_000, rng: &rng)
        let falsePositives = absent.filter { filter.mightContain(hash: SplitBlockBloomFilter.hash(bytes: $0)) }.count
        // 14 values in a 2 KiB filter: the expected rate is far below 0.1%; a broken filter (all bits
        // set, wrong block choice) answers yes to most of these.
        #expect(falsePositives < 50, "\(falsePositives) false positives in 10,000")
        // DuckDB's verdict agrees with ours on present and absent values.
        let probes = (0 ..< values.count).map { Array(values[$0]) } + absent.prefix(300)
        let literals = probes.map { "'" + String(decoding: $0, as: UTF8.self).replacingOccurrences(of: "'", with: "''") + "'" }
        let excludes = try BloomFilterTestSupport.duckdbExcludes(path: path, column: "String", literals: literals)
        for (p, ex) in zip(probes, excludes) {
            #expect(filter.mightContain(hash: SplitBlockBloomFilter.hash(bytes: p)) == !ex, "\(String(decoding: p, as: UTF8.self))")
        }
    }

    /// Files DuckDB writes with bloom filters (dictionary-encoded columns of several types): every
    /// stored value is contained, and for present and absent probes our verdict equals DuckDB's.
    @Test func duckdbWrittenFilters() async throws {
        let path = WriterTestSupport.temporaryPath("duckdb-bloom.parquet")
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try TestSupport.python("""
        import duckdb
        duckdb.sql(\"\"\"copy (select (i % 300)::int as i32, ((i % 300) * 1000003)::bigint as i64, 'v' || (i % 300) as s,
            (i % 300)::double / 7 as d, (i % 300)::float / 3 as f, (i % 200)::utinyint as u8,
            date '2000-01-01' + (i % 300)::int as dt from range(20000) t(i)) to '\(path)' (format parquet, row_group_size 10000)\"\"\")
        """)
        let file = try await ParquetFile.open(path: path)
        #expect(file.rowGroupCount == 2)
        let rows = try await file.readAllRows()
        var rng = SeededGenerator(seed: 1234)
        for column in file.schema.columns {
            let name = column.path[0]
            let filter = try #require(try await file.bloomFilter(rowGroup: 0, column: column), "no filter for \(name)")
            var present: [Value] = []
            var seen = Set<Value>()
            for row in rows.prefix(10_000) {
                guard case .struct(let fields) = row, let v = fields.first(where: { $0.name == name })?.value else { continue }
                if seen.insert(v).inserted { present.append(v) }
            }
            #expect(present.count > 100)
            for v in present { #expect(filter.mightContain(v, column: column) == true, "\(name) \(v)") }
            let absent: [Value] = (0 ..< 300).map { _ in
                let k = Int.random(in: 1000 ... 1_000_000, using: &rng)
                switch name {
                case "i32": return .int32(Int32(k))
                case "i64": return .int64(Int64(k) * 1_000_003 + 1)
                case "s": return .string(Array("w\(k)".utf8))
                case "d": return .double(Double(k) / 7)
                case "f": return .float(Float(k) / 3)
                case "u8": return .uint32(UInt32(200 + k % 56))
                default: return .date(Int32(12000 + k % 10000))
                }
            }
            let probes = Array(present.prefix(100)) + absent
            let excludes = try BloomFilterTestSupport.duckdbExcludes(path: path, column: name, literals: probes.map(Self.sqlLiteral))
            var mismatches = 0
            for (p, ex) in zip(probes, excludes) where filter.mightContain(p, column: column) != !ex { mismatches += 1 }
            #expect(mismatches == 0, "\(name): \(mismatches) verdicts differ from DuckDB")
            let falsePositives = absent.filter { filter.mightContain($0, column: column) == true }.count
            #expect(falsePositives < 60, "\(name): \(falsePositives) false positives in 300")
        }
    }

    /// A SQL literal of the type DuckDB stores for `v`.
    static func sqlLiteral(_ v: Value) -> String {
        switch v {
        case .int32(let x): "\(x)::INTEGER"
        case .int64(let x): "\(x)::BIGINT"
        case .uint32(let x): "\(x)::UTINYINT"
        case .double(let x): "'\(x)'::DOUBLE"
        case .float(let x): "'\(x)'::FLOAT"
        case .string(let b): "'" + String(decoding: b, as: UTF8.self) + "'"
        case .date(let d): "(DATE '1970-01-01' + \(d)::INTEGER)"
        default: "NULL"
        }
    }

    // MARK: bad input

    static func corpusWithLength() async throws -> ([UInt8], ParquetFile) {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: TestSupport.corpusFile("data_index_bloom_encoding_with_length.parquet"))))
        return (bytes, try await ParquetFile.open(source: MemoryByteSource(bytes)))
    }

    static func expectError(_ code: ParquetError.Code, _ bytes: [UInt8]) async throws {
        let file = try await ParquetFile.open(source: MemoryByteSource(bytes))
        do {
            _ = try await file.bloomFilter(rowGroup: 0, column: file.schema.columns[0])
            Issue.record("expected \(code)")
        } catch let e as ParquetError {
            #expect(e.code == code, "\(e)")
        }
    }

    @Test func unsupportedHeaderIsTyped() async throws {
        let (bytes, file) = try await Self.corpusWithLength()
        let offset = Int(file.metadata.rowGroups[0].columns[0].metaData!.bloomFilterOffset!)
        // Header: 15 <numBytes varint, 2 bytes> 1C <algorithm union: 1C 00> 00 ...; member id 1 → 2.
        #expect(Array(bytes[offset + 3 ..< offset + 5]) == [0x1C, 0x1C])
        var patched = bytes
        patched[offset + 4] = 0x2C
        try await Self.expectError(.unsupported, patched)
        // Hash union member XXHASH → 2.
        patched = bytes
        patched[offset + 8] = 0x2C
        try await Self.expectError(.unsupported, patched)
    }

    @Test func corruptSizesAndOffsetsAreTyped() async throws {
        let (bytes, file) = try await Self.corpusWithLength()
        let offset = Int(file.metadata.rowGroups[0].columns[0].metaData!.bloomFilterOffset!)
        var patched = bytes
        patched[offset + 1] = 0x82  // numBytes 2049: not a multiple of 32
        patched[offset + 2] = 0x20
        try await Self.expectError(.corrupt, patched)
        patched = bytes
        patched[offset] = 0x00  // STOP right away: numBytes missing
        try await Self.expectError(.corrupt, patched)

        func withChunk(_ change: (inout ColumnMetaData) -> Void) -> [UInt8] {
            var meta = file.metadata
            change(&meta.rowGroups[0].columns[0].metaData!)
            return BloomFilterTestSupport.withFooter(bytes, file: file, meta)
        }
        try await Self.expectError(.corrupt, withChunk { $0.bloomFilterOffset = Int64(file.footerOffset) })
        try await Self.expectError(.corrupt, withChunk { $0.bloomFilterOffset = 2 })
        try await Self.expectError(.corrupt, withChunk { $0.bloomFilterOffset = -5 })
        try await Self.expectError(.corrupt, withChunk { $0.bloomFilterLength = 1 << 30 })
        try await Self.expectError(.corrupt, withChunk { $0.bloomFilterLength = -1 })
        try await Self.expectError(.corrupt, withChunk { $0.bloomFilterLength = 100 })
        // Without the length the reader reads ahead and still finds the filter.
        let noLength = try await ParquetFile.open(source: MemoryByteSource(withChunk { $0.bloomFilterLength = nil }))
        let a = try await noLength.bloomFilter(rowGroup: 0, column: noLength.schema.columns[0])
        let b = try await file.bloomFilter(rowGroup: 0, column: file.schema.columns[0])
        #expect(a != nil && a == b)
        let none = try await ParquetFile.open(source: MemoryByteSource(withChunk { $0.bloomFilterOffset = nil }))
        #expect(try await none.bloomFilter(rowGroup: 0, column: none.schema.columns[0]) == nil)
    }
}
