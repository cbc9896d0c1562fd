import Foundation
import Testing
@testable import Parquet

/// pyarrow (and a Thrift decoder in `Tests/Oracles/check_statistics.py`) read our statistics and page
/// index, and they agree with the values.
@Suite("Writer statistics and page index against pyarrow")
struct WriterStatisticsTests {
    /// Columns whose statistics have edge cases: long text and binary (truncation), only NaN, only
    /// zeros of both signs, sorted ascending / descending (boundary order), a maximum of 0xFF bytes
    /// (cannot be rounded up), all null.
    static func edgeColumns(rows: Int, rng: inout SeededGenerator) -> [(SchemaField, (ColumnDescriptor) -> ColumnBatch)] {
        func optional(_ c: ColumnDescriptor, _ values: (Int) -> ColumnValues, nulls: Bool = true) -> ColumnBatch {
            let defs = (0 ..< rows).map { i in nulls && i % 5 == 1 ? Int16(0) : 1 }
            return ColumnBatch(column: c, values: values(defs.filter { $0 == 1 }.count), definitionLevels: defs,
                               repetitionLevels: nil, levelCount: rows, rowCount: rows)
        }
        var longText: [String] = []
        var longBlob: [[UInt8]] = []
        for i in 0 ..< rows {
            let alphabet = Array("aé日🎉zZ")
            longText.append(String((0 ..< (20 + i % 150)).map { _ in alphabet[Int.random(in: 0 ..< alphabet.count, using: &rng)] }))
            longBlob.append((0 ..< (10 + i % 120)).map { _ in [0x00, 0x7F, 0xFE, 0xFF][Int.random(in: 0 ..< 4, using: &rng)] })
        }
        return [
            (.string("long_text"), { c in optional(c) { n in .byteArray(ByteArrayBuffer(longText.prefix(n).map { Array($0.utf8) })) } }),
            (.byteArray("long_blob"), { c in optional(c) { n in .byteArray(ByteArrayBuffer(longBlob.prefix(n))) } }),
            (.byteArray("ff_blob"), { c in optional(c) { n in .byteArray(ByteArrayBuffer((0 ..< n).map { i in [UInt8](repeating: 0xFF, count: 70 + i % 3) })) } }),
            (.double("nan_only"), { c in optional(c) { n in .double(Array(repeating: .nan, count: n)) } }),
            (.float("zeros"), { c in optional(c) { n in .float((0 ..< n).map { $0 % 2 == 0 ? 0 : -0.0 }) } }),
            (.int64("ascending"), { c in optional(c, { n in .int64((0 ..< n).map { Int64($0) * 3 - 100 }) }, nulls: false) }),
            (.integer("descending", bitWidth: 32, signed: false), { c in
                optional(c, { n in .int32((0 ..< n).map { Int32(truncatingIfNeeded: UInt32.max - UInt32($0) * 7) }) }, nulls: false)
            }),
            (.int32("all_null"), { c in
                ColumnBatch(column: c, values: .int32([]), definitionLevels: Array(repeating: 0, count: rows), repetitionLevels: nil,
                            levelCount: rows, rowCount: rows)
            }),
        ]
    }

    static func check(_ files: [[String: Any]]) throws -> (problems: [String], checked: Int) {
        let input = try JSONSerialization.data(withJSONObject: ["files": files])
        let out = try TestSupport.runPython(script: "check_statistics.py", input: input)
        let result = try #require(try JSONSerialization.jsonObject(with: out) as? [String: Any])
        return (result["problems"] as? [String] ?? [], result["checked"] as? Int ?? 0)
    }

    /// Writes every interop type plus the edge columns with `options`; returns the path.
    static func writeFile(options: ParquetWriterOptions, rows: Int, seed: UInt64) throws -> String {
        var rng = SeededGenerator(seed: seed)
        let typed = [PhysicalType.boolean, .int32, .int64, .int96, .float, .double, .byteArray, .fixedLenByteArray]
            .flatMap { InteropColumn.columns(for: $0) }
        let edges = edgeColumns(rows: rows, rng: &rng)
        let schema = try Schema(fields: typed.map(\.field) + edges.map(\.0))
        var batches: [ColumnBatch] = []
        for (i, c) in typed.enumerated() { batches.append(c.batch(column: schema.columns[i], rows: rows, rng: &rng).0) }
        for (i, e) in edges.enumerated() { batches.append(e.1(schema.columns[typed.count + i])) }
        let path = WriterTestSupport.temporaryPath("stats.parquet")
        let writer = try ParquetWriter(path: path, schema: schema, options: options)
        try writer.write(batches: batches)
        try writer.close()
        return path
    }

    @Test("chunk statistics and page index of every type, v1 and v2 pages, dictionary on and off")
    func statisticsAndPageIndex() throws {
        var files: [[String: Any]] = []
        var paths: [String] = []
        defer { for p in paths { try? FileManager.default.removeItem(atPath: p) } }
        for (n, (version, dictionary)) in [(DataPageVersion.v1, true), (.v1, false), (.v2, true), (.v2, false)].enumerated() {
            var o = ParquetWriterOptions()
            o.dataPageVersion = version
            o.dictionaryEnabled = dictionary
            o.dataPageRowLimit = 64
            o.maxRowGroupRows = 300
            o.dictionaryPageSizeLimit = 2000
            o.pageChecksums = true
            let path = try Self.writeFile(options: o, rows: 700, seed: UInt64(n + 10))
            paths.append(path)
            files.append(["path": path, "pageIndex": true, "truncate": 64])
        }
        let (problems, checked) = try Self.check(files)
        #expect(problems.isEmpty, "\(problems.count) problems: \(problems.prefix(25).joined(separator: "\n"))")
        #expect(checked > 4 * 700 * 30)
    }

    @Test("no page index when disabled; untruncated statistics when truncation is off")
    func optionsRespected() throws {
        var o = ParquetWriterOptions()
        o.pageIndexEnabled = false
        o.statisticsTruncateLength = nil
        o.dataPageRowLimit = 100
        let path = try Self.writeFile(options: o, rows: 400, seed: 77)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (problems, _) = try Self.check([["path": path, "pageIndex": false, "truncate": NSNull()]])
        #expect(problems.isEmpty, "\(problems.prefix(25).joined(separator: "\n"))")
    }

    @Test("statistics can be switched off per column; created_by, key-value metadata, sorting columns, column orders")
    func footerFields() async throws {
        let schema = try Schema(fields: [.int64("id", .required), .string("name"), .double("x")])
        var o = ParquetWriterOptions()
        o.keyValueMetadata = [KeyValue(key: "origin", value: "swift test"), KeyValue(key: "empty", value: nil)]
        o.sortingColumns = [SortingColumn(columnIndex: 0, descending: false, nullsFirst: true)]
        o.columns["x"] = ColumnWriteOptions(statisticsEnabled: false)
        o.maxRowGroupRows = 40
        var rng = SeededGenerator(seed: 5)
        var batches = schema.columns.map { WriterTestSupport.flatBatch(for: $0, rows: 100, rng: &rng) }
        batches[0].values = .int64((0 ..< 100).map { Int64($0) })
        let path = WriterTestSupport.temporaryPath("footer.parquet")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try ParquetWriter(path: path, schema: schema, options: o)
        try writer.write(batches: batches)
        try writer.close()
        let script = """
        import json, sys, pyarrow.parquet as pq
        md = pq.ParquetFile(sys.argv[1]).metadata
        rgs = [md.row_group(i) for i in range(md.num_row_groups)]
        print(json.dumps({
          "created_by": md.created_by, "kv": {k.decode(): v.decode() for k, v in (md.metadata or {}).items()},
          "sorting": [[[s.column_index, s.descending, s.nulls_first] for s in g.sorting_columns] for g in rgs],
          "x_stats": [g.column(2).is_stats_set for g in rgs], "id_min": [g.column(0).statistics.min for g in rgs],
          "rows": [g.num_rows for g in rgs], "version": md.format_version}))
        """
        let out = try TestSupport.run(["python3", "-c", script, path], input: Data())
        let r = try #require(try JSONSerialization.jsonObject(with: out) as? [String: Any])
        #expect(r["created_by"] as? String == "swift-parquet version 0.1.0")
        let kv = r["kv"] as? [String: String] ?? [:]
        #expect(kv["origin"] == "swift test")
        #expect(kv.keys.contains("empty"))
        #expect((r["sorting"] as? [[[Any]]])?.count == 3)
        #expect((r["sorting"] as? [[[Any]]])?.allSatisfy { $0.count == 1 && ($0[0][0] as? Int) == 0 && ($0[0][2] as? Bool) == true } == true)
        #expect((r["x_stats"] as? [Bool]) == [false, false, false])
        #expect((r["id_min"] as? [Int]) == [0, 40, 80])
        #expect((r["rows"] as? [Int]) == [40, 40, 20])
        // Our own reader sees TYPE_DEFINED_ORDER for every column.
        let file = try await ParquetFile.open(path: path)
        #expect(file.metadata.columnOrders == Array(repeating: .typeDefinedOrder, count: 3))
    }
}
