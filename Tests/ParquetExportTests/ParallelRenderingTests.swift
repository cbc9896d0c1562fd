import Foundation
import Testing
import Parquet
@testable import ParquetExport

/// Row groups rendered in parallel slices (`renderInParallel`) against the one-thread renderer and
/// against pyarrow's values (Tests/Oracles/check_export.py), and bad batches refused with a typed error.
@Suite("Parallel rendering")
struct ParallelRenderingTests {
    /// A pyarrow file of 150,000 rows in row groups of 100,000 (sliced in parallel) and 50,000 (one
    /// thread): nullable numbers, strings that need CSV quoting or JSON escaping, temporals, a list.
    static func writeSample(to path: String) throws {
        let script = """
        import sys, random, datetime, pyarrow as pa, pyarrow.parquet as pq
        rng = random.Random(7)
        n = 150_000
        words = ['plain', 'with,comma', 'with "quote"', 'line\\nbreak', 'tab\\t', 'caf\\u00e9', '=formula', '', ' spaced ']
        def maybe(v, p=0.15):
            return None if rng.random() < p else v
        t = pa.table({
            'id': pa.array(range(n), pa.int64()),
            'small': pa.array([maybe(rng.randint(-2**31, 2**31 - 1)) for _ in range(n)], pa.int32()),
            'x': pa.array([maybe(rng.gauss(0, 1e3)) for _ in range(n)], pa.float64()),
            's': pa.array([maybe(rng.choice(words) + str(rng.randint(0, 99))) for _ in range(n)], pa.string()),
            'ts': pa.array([maybe(rng.randint(0, 2**50)) for _ in range(n)], pa.timestamp('us')),
            'b': pa.array([maybe(rng.random() < 0.5) for _ in range(n)], pa.bool_()),
            'd': pa.array([maybe(rng.randint(-20000, 20000)) for _ in range(n)], pa.date32()),
            'l': pa.array([maybe([rng.randint(0, 9) for _ in range(rng.randint(0, 3))]) for _ in range(n)], pa.list_(pa.int64())),
        })
        pq.write_table(t, sys.argv[1], row_group_size=100_000)
        """
        _ = try PythonOracle.run(script, arguments: [path])
    }

    /// A fresh directory holding the sample file.
    static func sampleFile() throws -> (dir: URL, path: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("parallel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let input = dir.appendingPathComponent("sample.parquet").path
        try writeSample(to: input)
        return (dir, input)
    }

    /// The same rows rendered on one thread, row group by row group, as the exporter did before.
    static func sequential<W: RowWriter & ~Copyable>(_ path: String, into w: inout W, drain: (inout W) -> Void) async throws {
        let file = try await ParquetFile.open(path: path)
        let leaves = try file.resolveColumns(nil)
        for g in 0 ..< file.rowGroupCount {
            var r = try RowGroupRenderer(schema: file.schema, batches: try await file.readRowGroup(g, columns: leaves))
            try r.render(rows: 0 ..< Int(file.metadata.rowGroups[g].numRows), into: &w)
            drain(&w)
        }
    }

    @Test("parallel slices give the one-thread bytes and pyarrow's values", arguments: [ExportFormat.csv, .ndjson, .json])
    func parallelEqualsSequential(format: ExportFormat) async throws {
        let (dir, input) = try Self.sampleFile()
        defer { try? FileManager.default.removeItem(at: dir) }

        let r = await ParquetExporter.export(.file(input), options: ExportOptions(format: format, outputDirectory: dir.path))
        #expect(r.success, "\(r.error ?? "")")
        let exported = try [UInt8](Data(contentsOf: URL(fileURLWithPath: try #require(r.filePath))))

        var expected: [UInt8] = []
        let file = try await ParquetFile.open(path: input)
        let names = RowGroupRenderer.columnNames(schema: file.schema, leaves: try file.resolveColumns(nil))
        switch format {
        case .csv:
            var w = try CSVWriter(columns: names)
            w.writeHeader()
            try await Self.sequential(input, into: &w) { w in expected += w.buffer.copyBytes(); w.buffer.removeAll() }
            expected += w.buffer.copyBytes()
        default:
            var w = JSONWriter(columns: names, style: format == .json ? .array : .ndjson)
            try await Self.sequential(input, into: &w) { w in expected += w.buffer.copyBytes(); w.buffer.removeAll() }
            w.finish()
            expected += w.buffer.copyBytes()
        }
        #expect(exported.count == expected.count)
        #expect(exported == expected)

        let checks: [[String: Any]] = [["parquet": input, "format": format.rawValue, "output": r.filePath!]]
        let oracle = try ExportPipelineTests.python(script: "check_export.py", input: try JSONSerialization.data(withJSONObject: ["checks": checks]))
        #expect((oracle["mismatches"] as? [Any] ?? ["missing"]).isEmpty, "\(oracle["mismatches"] ?? "")")
        #expect((oracle["checked"] as? Int ?? 0) > 100_000)
    }

    @Test("slices of a row group concatenate to the one-thread text for any thread count", arguments: [1, 2, 3, 5])
    func threadCounts(threads: Int) async throws {
        let (dir, input) = try Self.sampleFile()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = try await ParquetFile.open(path: input)
        let leaves = try file.resolveColumns(nil)
        let names = RowGroupRenderer.columnNames(schema: file.schema, leaves: leaves)
        let batches = try await file.readRowGroup(0, columns: leaves)

        var one = JSONWriter(columns: names, style: .array)
        var r1 = try RowGroupRenderer(schema: file.schema, batches: batches)
        try r1.render(rows: 0 ..< 70_000, into: &one)
        try r1.render(rows: 70_000 ..< 100_000, into: &one)
        one.finish()

        var many = JSONWriter(columns: names, style: .array)
        var r2 = try RowGroupRenderer(schema: file.schema, batches: batches)
        var text: [UInt8] = []
        // Two calls: the second starts mid-batch, after rows (a JSON array needs its comma).
        try r2.renderInParallel(rows: 0 ..< 70_000, into: &many, threads: threads) { text += $0 }
        try r2.renderInParallel(rows: 70_000 ..< 100_000, into: &many, threads: threads) { text += $0 }
        many.finish()
        text += many.buffer.copyBytes()
        #expect(many.rowCount == 100_000)
        #expect(text == one.buffer.copyBytes())
    }

    @Test("batches with fewer values than non-null rows, or broken offsets, are a typed error")
    func badBatchesThrow() throws {
        let schema = try Schema(elements: [
            SchemaElement(name: "schema", numChildren: 1),
            SchemaElement(name: "s", type: .byteArray, repetitionType: .optional, logicalType: .string),
        ])
        let column = try #require(schema.columns.first)
        let missing = ColumnBatch(column: column, values: .byteArray(ByteArrayBuffer([[0x61]])),
                                  definitionLevels: [1, 1, 0], repetitionLevels: nil, levelCount: 3, rowCount: 3)
        #expect(throws: ParquetError.self) { _ = try RowGroupRenderer(schema: schema, batches: [missing]) }
        var broken = ByteArrayBuffer([[0x61], [0x62]])
        broken.offsets[1] = 5  // past the end of the bytes
        let offsets = ColumnBatch(column: column, values: .byteArray(broken), definitionLevels: [1, 1],
                                  repetitionLevels: nil, levelCount: 2, rowCount: 2)
        #expect(throws: ParquetError.self) { _ = try RowGroupRenderer(schema: schema, batches: [offsets]) }
        let fine = ColumnBatch(column: column, values: .byteArray(ByteArrayBuffer([[0x61]])), definitionLevels: [0, 1],
                               repetitionLevels: nil, levelCount: 2, rowCount: 2)
        var r = try RowGroupRenderer(schema: schema, batches: [fine])
        var w = JSONWriter(columns: ["s"], style: .ndjson)
        #expect(throws: ParquetError.self) { try r.render(rows: 0 ..< 3, into: &w) }  // more rows than the batch
        try r.render(rows: 0 ..< 2, into: &w)
        #expect(String(decoding: w.buffer.copyBytes(), as: UTF8.self) == "{\"s\":null}\n{\"s\":\"a\"}\n")
    }
}
