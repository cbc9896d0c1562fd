import Foundation
import Testing
@testable import Parquet

/// Batched reads of nested columns: records never split between batches, no batch holds more rows
/// than asked, and the batches together equal one whole-chunk read (whose values the nested oracle
/// tests compare with pyarrow). Pages are small, so records cross page boundaries and one page holds
/// many records: both the whole-page take and the walk to a record boundary run.
@Suite("Nested columns read in batches")
struct NestedBatchTests {
    static let sharedFile = Result {
        try TestSupport.pythonWrittenFile("nested-batches", """
            import numpy as np, pyarrow as pa, pyarrow.parquet as pq
            rng = np.random.default_rng(11)
            n = 20000
            def items(i):
                k = int(rng.integers(0, 6))
                if k == 5: return None
                return [{"a": int(i * 10 + j), "b": None if j == 2 else "s" * j} for j in range(k)]
            def grid(i):
                k = int(rng.integers(0, 4))
                return [[int(j)] * int(rng.integers(0, 3)) for j in range(k)]
            t = pa.table({
                "items": pa.array([items(i) for i in range(n)],
                                  pa.list_(pa.struct([("a", pa.int64()), ("b", pa.string())]))),
                "attrs": pa.array([[(str(j), float(j)) for j in range(i % 4)] for i in range(n)],
                                  pa.map_(pa.string(), pa.float64())),
                "grid": pa.array([grid(i) for i in range(n)], pa.list_(pa.list_(pa.int32()))),
            })
            pq.write_table(t, PATH, row_group_size=12000, data_page_size=2048, write_batch_size=500)
            """)
    }

    @Test("batches of any size join to the whole chunk", arguments: [7, 100, 4096, 1 << 16, 1 << 20])
    func batchesJoinToWhole(maxRows: Int) async throws {
        let file = try await ParquetFile.open(path: try Self.sharedFile.get())
        #expect(file.rowGroupCount == 2)
        var checkedColumns = 0
        for g in 0 ..< file.rowGroupCount {
            let numRows = file.metadata.rowGroups[g].numRows
            for c in file.schema.columns where c.maxRepetitionLevel > 0 {
                let whole = try await file.columnReader(rowGroup: g, column: c).readAll()
                let reader = try await file.columnReader(rowGroup: g, column: c)
                var defs: [Int16] = [], reps: [Int16] = []
                var rows = 0, batches = 0
                while let batch = try reader.readBatch(maxRows: maxRows) {
                    batches += 1
                    #expect(batch.rowCount <= maxRows && batch.rowCount > 0)
                    #expect(batch.repetitionLevels?.first == 0, "a batch of \(c.dottedPath) starts inside a record")
                    #expect(batch.repetitionLevels?.count == batch.levelCount)
                    #expect(batch.repetitionLevels?.filter { $0 == 0 }.count == batch.rowCount)
                    rows += batch.rowCount
                    defs += batch.definitionLevels ?? []
                    reps += batch.repetitionLevels ?? []
                }
                #expect(Int64(rows) == numRows)
                #expect(batches == (Int(numRows) + maxRows - 1) / maxRows)
                #expect(defs == whole.definitionLevels ?? [])
                #expect(reps == whole.repetitionLevels ?? [])
                // Values joined: each batch's dump is a list, so compare the flattened dumps.
                let joined = try await Self.joinedValues(file, g, c, maxRows)
                #expect(joined == "\(PhysicalDump.values(whole))")
                checkedColumns += 1
            }
        }
        #expect(checkedColumns == 2 * 5)
    }

    static func joinedValues(_ file: ParquetFile, _ g: Int, _ c: ColumnDescriptor, _ maxRows: Int) async throws -> String {
        let reader = try await file.columnReader(rowGroup: g, column: c)
        var total: ColumnBatch?
        while let b = try reader.readBatch(maxRows: maxRows) {
            if total == nil { total = b } else { total!.append(b) }
        }
        return "\(PhysicalDump.values(try #require(total)))"
    }
}
