import Foundation
import Testing
@testable import Parquet

/// Files written by us are read by pyarrow, DuckDB, polars and fastparquet, which must give back the
/// values we wrote (`Tests/Oracles/read_back_writer.py`, one Python process per test).
@Suite("Writer interop with pyarrow, DuckDB, polars, fastparquet")
struct WriterInteropTests {
    static let allReaders = ["pyarrow", "duckdb", "polars", "fastparquet"]

    /// A file written by the test, with what the oracle needs to check it.
    struct WrittenFile {
        var path: String
        var readers: [String]
        var columns: [[String: Any]]

        var json: [String: Any] { ["path": path, "readers": readers, "columns": columns] }
    }

    /// Writes `columns` (flat) with `options`, `rows` rows in two `write` calls.
    static func writeFlat(_ columns: [InteropColumn], rows: Int, options: ParquetWriterOptions, readers: [String],
                          seed: UInt64) throws -> WrittenFile {
        let schema = try Schema(fields: columns.map(\.field))
        var rng = SeededGenerator(seed: seed)
        let path = WriterTestSupport.temporaryPath("interop.parquet")
        let writer = try ParquetWriter(path: path, schema: schema, options: options)
        var expected = [[Any]](repeating: [], count: columns.count)
        for part in [rows / 3, rows - rows / 3] {
            var batches: [ColumnBatch] = []
            for (i, c) in columns.enumerated() {
                let (b, e) = c.batch(column: schema.columns[i], rows: part, rng: &rng)
                batches.append(b)
                expected[i].append(contentsOf: e)
            }
            try writer.write(batches: batches)
        }
        try writer.close()
        let specs = columns.enumerated().map { i, c in c.spec.merging(["values": expected[i]]) { $1 } }
        return WrittenFile(path: path, readers: readers, columns: specs)
    }

    /// Runs the oracle over the files; returns the mismatches and the number of values checked.
    static func check(_ files: [WrittenFile]) throws -> (mismatches: [[String: Any]], checked: Int) {
        let input = try JSONSerialization.data(withJSONObject: ["files": files.map(\.json)])
        if let dump = ProcessInfo.processInfo.environment["WRITER_ORACLE_DUMP"] {
            // Debugging aid: keep the oracle input (and the files, see `remove`) for a manual run.
            try input.write(to: URL(fileURLWithPath: dump))
        }
        let out = try TestSupport.runPython(script: "read_back_writer.py", input: input)
        let result = try #require(try JSONSerialization.jsonObject(with: out) as? [String: Any])
        return (result["mismatches"] as? [[String: Any]] ?? [], result["checked"] as? Int ?? 0)
    }

    static func remove(_ files: [WrittenFile]) {
        if ProcessInfo.processInfo.environment["WRITER_ORACLE_DUMP"] != nil { return }
        for f in files { try? FileManager.default.removeItem(atPath: f.path) }
    }

    /// The readers that implement what a file of this case uses. The exclusions are reader limitations,
    /// each reproduced with a file written by pyarrow itself:
    /// - fastparquet: no DELTA_BINARY_PACKED (segfaults), DELTA_*_BYTE_ARRAY, BYTE_STREAM_SPLIT; v2 data
    ///   pages with nulls fail; RLE booleans in v1 pages are misread; no Hadoop-framed LZ4; BYTE_ARRAY
    ///   chunks whose dictionary fell back to PLAIN lose the PLAIN pages' values.
    /// - polars: no DELTA_BYTE_ARRAY or BYTE_STREAM_SPLIT for FIXED_LEN_BYTE_ARRAY.
    /// - DuckDB: no BYTE_STREAM_SPLIT for FIXED_LEN_BYTE_ARRAY, no DELTA_LENGTH_BYTE_ARRAY decimals.
    static func readers(for e: EncodingCase, _ c: WriterCodecCase) -> [String] {
        var readers = allReaders
        let fastparquetOK = c.pageVersion == .v1 && c.codec != .lz4 && (e.encoding == .plain || e.encoding == .rleDictionary)
            && !(e.type == .byteArray && e.encoding == .rleDictionary)
        if !fastparquetOK { readers.removeAll { $0 == "fastparquet" } }
        if e.type == .fixedLenByteArray && (e.encoding == .deltaByteArray || e.encoding == .byteStreamSplit) {
            readers.removeAll { $0 == "polars" }
        }
        if e.type == .fixedLenByteArray && e.encoding == .byteStreamSplit { readers.removeAll { $0 == "duckdb" } }
        return readers
    }

    @Test("every physical and logical type × encoding × codec × page version, with nulls and empty values")
    func typeMatrix() throws {
        var files: [WrittenFile] = []
        defer { Self.remove(files) }
        var seed: UInt64 = 1
        for e in EncodingCase.all {
            for c in WriterCodecCase.all {
                var o = ParquetWriterOptions()
                o.compression = c.codec
                o.dataPageVersion = c.pageVersion
                o.dataPageRowLimit = 90
                o.dictionaryPageSizeLimit = 300
                var columns = InteropColumn.columns(for: e.type)
                for col in columns { o.columns[col.field.name] = ColumnWriteOptions(encoding: e.encoding) }
                if e.encoding == .deltaLengthByteArray, let i = columns.firstIndex(where: { $0.field.name == "dec_ba" }) {
                    // DuckDB: "Delta Length Byte Array encoding is only supported for string/blob data".
                    columns[i].spec["skipReaders"] = ["duckdb"]
                }
                seed += 1
                files.append(try Self.writeFlat(columns, rows: 240, options: o, readers: Self.readers(for: e, c), seed: seed))
            }
        }
        let (mismatches, checked) = try Self.check(files)
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches: \(mismatches.prefix(30))")
        #expect(checked > 300_000)
    }

    @Test("default options (dictionary, SNAPPY, v1 pages), several row groups, every type, all four readers")
    func defaultOptions() throws {
        let columns = [PhysicalType.boolean, .int32, .int64, .int96, .float, .double, .byteArray, .fixedLenByteArray]
            .flatMap { InteropColumn.columns(for: $0) }
        var o = ParquetWriterOptions()
        o.maxRowGroupRows = 1000
        let file = try Self.writeFlat(columns, rows: 2500, options: o, readers: Self.allReaders, seed: 99)
        defer { Self.remove([file]) }
        let (mismatches, checked) = try Self.check([file])
        #expect(mismatches.isEmpty, "\(mismatches.prefix(30))")
        #expect(checked == 4 * 2500 * columns.count)
    }

    /// Nested columns every reader here understands: lists (of nullable and required elements, of
    /// structs, of lists), structs with lists, maps, optional and required at each level.
    static let nestedFields: [SchemaField] = [
        .int64("id", .required),
        .list("ints", element: .int32("element", .optional)),
        .list("names", .required, element: .string("element", .required)),
        .group("point", .optional, [.int64("x", .required), .double("y"), .list("tags", element: .string("element"))]),
        .map("attrs", key: .string("key", .required), value: .int32("value")),
        .list("people", element: .group("element", .optional, [.int32("age"), .string("name", .required)])),
        .list("matrix", element: .list("element", element: .int64("element"))),
        .group("outer", .required, [.group("inner", .optional, [.boolean("flag"), .double("score", .required)])]),
    ]

    @Test("nested lists, structs and maps × codecs × page versions × dictionary on/off")
    func nestedMatrix() throws {
        var files: [WrittenFile] = []
        defer { Self.remove(files) }
        var seed: UInt64 = 500
        for c in WriterCodecCase.all {
            for dictionary in [true, false] {
                seed += 1
                var o = ParquetWriterOptions()
                o.compression = c.codec
                o.dataPageVersion = c.pageVersion
                o.dictionaryEnabled = dictionary
                o.dataPageRowLimit = 37
                o.maxRowGroupRows = 150
                // fastparquet does not read structs holding lists ("KeyError: 'point'").
                files.append(try Self.writeNested(rows: 400, options: o, readers: ["pyarrow", "duckdb", "polars"], seed: seed))
            }
        }
        let (mismatches, checked) = try Self.check(files)
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches: \(mismatches.prefix(20))")
        #expect(checked > 100_000)
    }

    static func writeNested(rows: Int, options: ParquetWriterOptions, readers: [String], seed: UInt64) throws -> WrittenFile {
        var rng = SeededGenerator(seed: seed)
        let all = try RecordShredder(fields: nestedFields)
        let path = WriterTestSupport.temporaryPath("nested.parquet")
        let writer = try ParquetWriter(path: path, schema: all.schema, options: options)
        var expected = [[Any]](repeating: [], count: nestedFields.count)
        for part in [rows / 4, rows - rows / 4] {
            var shredder = try RecordShredder(fields: nestedFields)
            for r in 0 ..< part {
                var record = RecordShredder.randomNonNull(.group("r", .required, nestedFields), rng: &rng) as! [String: Any]
                // Map keys must be unique within a map.
                if var attrs = record["attrs"] as? [String: Any], let kv = attrs["key_value"] as? [Any] {
                    attrs["key_value"] = kv.enumerated().map { i, e -> Any in
                        var pair = e as! [String: Any]
                        pair["key"] = "k\(i)_\(r % 3)"
                        return pair
                    }
                    record["attrs"] = attrs
                }
                shredder.append(record)
                for (i, f) in nestedFields.enumerated() { expected[i].append(RecordShredder.logical(f, record[f.name])) }
            }
            try writer.write(batches: shredder.batches())
        }
        try writer.close()
        let specs = nestedFields.enumerated().map { i, f in RecordShredder.spec(f).merging(["values": expected[i]]) { $1 } }
        return WrittenFile(path: path, readers: readers, columns: specs)
    }

    @Test("all-null columns, empty strings and empty lists × codecs × page versions")
    func nullsAndEmpties() throws {
        var files: [WrittenFile] = []
        defer { Self.remove(files) }
        let fields: [SchemaField] = [
            .int32("null_int"), .string("null_text"), .double("null_double"), .list("null_list", element: .int32("element")),
            .string("empty_text", .required), .list("empty_list", .required, element: .int64("element")),
        ]
        for c in WriterCodecCase.all {
            var o = ParquetWriterOptions()
            o.compression = c.codec
            o.dataPageVersion = c.pageVersion
            o.dataPageRowLimit = 40
            var shredder = try RecordShredder(fields: fields)
            var expected = [[Any]](repeating: [], count: fields.count)
            for _ in 0 ..< 100 {
                let record: [String: Any] = ["empty_text": "", "empty_list": RecordShredder.listValue([])]
                shredder.append(record)
                for (i, f) in fields.enumerated() { expected[i].append(RecordShredder.logical(f, record[f.name])) }
            }
            let path = WriterTestSupport.temporaryPath("nulls.parquet")
            let writer = try ParquetWriter(path: path, schema: shredder.schema, options: o)
            try writer.write(batches: shredder.batches())
            try writer.close()
            var readers = ["pyarrow", "duckdb", "polars"]
            // fastparquet also fails ("an integer is required") on pyarrow's own UNCOMPRESSED all-null columns.
            if c.pageVersion == .v1 && c.codec != .lz4 && c.codec != .uncompressed { readers.append("fastparquet") }
            let specs = fields.enumerated().map { i, f in RecordShredder.spec(f).merging(["values": expected[i]]) { $1 } }
            files.append(WrittenFile(path: path, readers: readers, columns: specs))
        }
        let (mismatches, checked) = try Self.check(files)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20))")
        #expect(checked > 10_000)
    }
}
