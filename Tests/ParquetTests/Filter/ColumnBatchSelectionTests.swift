import Foundation
import Testing
@testable import Parquet

/// `ColumnBatch.selecting(rows:)` keeps whole records, for flat and nested columns.
@Suite("ColumnBatch selection")
struct ColumnBatchSelectionTests {
    /// A pyarrow file with lists, maps, structs of lists and nulls at every level, several row groups and pages.
    static func nestedFile(_ dir: URL) throws -> String {
        let path = dir.appendingPathComponent("nested.parquet").path
        _ = try TestSupport.python("""
            import random, pyarrow as pa, pyarrow.parquet as pq
            rng = random.Random(7)
            def maybe(v): return None if rng.random() < 0.15 else v
            rows = []
            for i in range(3000):
                rows.append({"id": i,
                  "tags": maybe([maybe(rng.choice(["a", "bb", "ccc"])) for _ in range(rng.choice([0, 1, 2, 5]))]),
                  "m": maybe([(k, maybe(rng.randint(0, 9))) for k in rng.sample(["x", "y", "z"], rng.randint(0, 3))]),
                  "st": maybe({"v": maybe(rng.random()), "l": maybe([rng.randint(0, 100) for _ in range(rng.randint(0, 3))])})})
            schema = pa.schema([("id", pa.int64()), ("tags", pa.list_(pa.string())), ("m", pa.map_(pa.string(), pa.int32())),
                                ("st", pa.struct([("v", pa.float64()), ("l", pa.list_(pa.int64()))]))])
            pq.write_table(pa.Table.from_pylist(rows, schema=schema), "\(path)", row_group_size=700, data_page_size=1024,
                           write_batch_size=50, write_page_index=True)
            """)
        return path
    }

    @Test("a filtered scan of nested columns yields exactly the selected records", arguments: [1, 2, 3])
    func nestedRecords(seed: UInt64) async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("selection-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = try await ParquetFile.open(path: try Self.nestedFile(dir))
        var all: [Value] = []
        for g in 0 ..< file.rowGroupCount { all += try await file.readRows(rowGroup: g) }
        var rng = SeededGenerator(seed: seed)
        let chosen = (0 ..< 3000).filter { _ in rng.next() % 5 == 0 }
        let list = chosen.map(String.init).joined(separator: ", ")
        for expression in ["id IN (\(list))", "NOT (id IN (\(list)))", "id BETWEEN 650 AND 1450 AND id IN (\(list))"] {
            var scan = try file.scan(where: expression)
            var got: [Value] = []
            while let batches = try await scan.next() { got += try RecordAssembler.assemble(schema: file.schema, batches: batches) }
            let p = try Predicate(parsing: expression)
            let expected = all.filter { row in
                guard case .struct(let fields) = row, case .int64(let id) = fields[0].value else { return false }
                let inList = chosen.contains(Int(id))
                switch p {
                case .not: return !inList
                case .and: return inList && (650 ... 1450).contains(id)
                default: return inList
                }
            }
            #expect(got == expected, "\(expression.prefix(40))…: \(got.count) rows vs \(expected.count)")
        }
    }

    @Test("selection keeps records at repetition level 0 boundaries and rejects bad selections")
    func handBuilt() throws {
        let schema = try SchemaBuilder(fields: [.list("l", element: .int32("element"))]).build()
        let c = schema.columns[0]  // max definition 3, max repetition 1
        // Records: [1, 2], null, [], [null], [3]
        let batch = ColumnBatch(column: c, values: .int32([1, 2, 3]), definitionLevels: [3, 3, 0, 1, 2, 3],
                                repetitionLevels: [0, 1, 0, 0, 0, 0], levelCount: 6, rowCount: 5)
        let picked = try batch.selecting(rows: [0, 3, 4])
        #expect(picked.rowCount == 3)
        #expect(picked.definitionLevels == [3, 3, 2, 3])
        #expect(picked.repetitionLevels == [0, 1, 0, 0])
        guard case .int32(let v) = picked.values else { Issue.record("type"); return }
        #expect(v == [1, 2, 3])
        #expect(try batch.selecting(rows: []).levelCount == 0)
        #expect(throws: ParquetError.self) { try batch.selecting(rows: [2, 1]) }
        #expect(throws: ParquetError.self) { try batch.selecting(rows: [5]) }
    }
}
