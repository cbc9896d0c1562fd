import Foundation
import Testing
@testable import Parquet

/// The batch paths tuned for speed (output reservation, short-string copies, reused page buffers,
/// direct chunk reads, cross-row-group parallel reads) give pyarrow's values on a file built to
/// exercise them: several row groups, many small pages, a string dictionary that overflows into PLAIN
/// pages, strings of 0 to 80 bytes, 10% nulls.
@Suite("Batched and parallel reads against pyarrow")
struct BatchedReadTests {
    /// The test file, written once per test process (the suites share it read-only).
    static let sharedFile = Result {
        try TestSupport.pythonWrittenFile("batched", """
            import numpy as np, pyarrow as pa, pyarrow.parquet as pq
            rng = np.random.default_rng(7)
            n = 30000
            lengths = rng.integers(0, 81, size=n)
            text = ["".join(chr(97 + (i * 7 + k) % 26) for k in range(l)) + str(i) for i, l in enumerate(lengths)]
            words = np.array(["", "a", "bb", "category-" * 3, "x" * 40])
            mask = rng.random(n) < 0.1
            t = pa.table({
                "id": pa.array(np.arange(n, dtype=np.int64)),
                "i32": pa.array(rng.integers(-2**31, 2**31 - 1, size=n, dtype=np.int32)),
                "word": pa.array(words[rng.integers(0, len(words), size=n)]),
                "text": pa.array(text),
                "flag": pa.array(rng.random(n) < 0.5),
                "maybe": pa.array(rng.standard_normal(n), mask=mask),
                "maybe_text": pa.array(text, mask=mask),
            })
            pq.write_table(t, PATH, compression="snappy", row_group_size=12000,
                           data_page_size=8192, dictionary_pagesize_limit=64 * 1024)
            """)
    }

    /// Compares dumped columns with pyarrow through the shared oracle script.
    static func expectMatchesPyarrow(_ path: String, _ columns: [String: [Any]], _ file: ParquetFile) throws {
        var dump: [String: Any] = [:]
        for c in file.schema.columns {
            dump[c.dottedPath] = ["physical": c.physicalType.description, "values": columns[c.dottedPath] ?? []]
        }
        let input = try JSONSerialization.data(withJSONObject: ["files": [path: ["columns": dump]]])
        let out = try TestSupport.runPython(script: "compare_physical.py", input: input)
        let result = try #require(try JSONSerialization.jsonObject(with: out) as? [String: Any])
        let mismatches = result["mismatches"] as? [Any] ?? []
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
        #expect((result["checked"] as? Int ?? 0) == 30000 * file.schema.columns.count)
    }

    @Test("readRowGroups decodes all row groups in parallel", arguments: [1, 2, 4])
    func parallelRowGroups(parallelism: Int) async throws {
        let path = try Self.sharedFile.get()
        var options = ReaderOptions()
        options.parallelism = parallelism
        let file = try await ParquetFile.open(path: path, options: options)
        #expect(file.rowGroupCount == 3)
        // The string dictionary overflows, so its chunks hold dictionary-encoded and PLAIN pages.
        let text = try #require(file.schema.columns.first { $0.dottedPath == "text" })
        let encodings = try #require(file.metadata.rowGroups[0].columns[text.index].metaData?.encodings)
        #expect(encodings.contains(.plain) && encodings.contains(.rleDictionary))
        let groups = try await file.readRowGroups()
        #expect(groups.count == 3)
        var columns: [String: [Any]] = [:]
        for batches in groups {
            #expect(batches.map(\.column.index) == Array(0 ..< file.schema.columns.count))
            for b in batches { columns[b.column.dottedPath, default: []].append(contentsOf: PhysicalDump.values(b)) }
        }
        try Self.expectMatchesPyarrow(path, columns, file)
        // One row group through readRowGroup equals the same group from readRowGroups.
        let one = try await file.readRowGroup(1)
        #expect(one.map { "\(PhysicalDump.values($0))" } == groups[1].map { "\(PhysicalDump.values($0))" })
    }

    @Test("small batches cross page boundaries", arguments: [1, 777, 5000])
    func smallBatches(maxRows: Int) async throws {
        let path = try Self.sharedFile.get()
        let file = try await ParquetFile.open(path: path)
        var columns: [String: [Any]] = [:]
        for g in 0 ..< file.rowGroupCount {
            for c in file.schema.columns {
                let reader = try await file.columnReader(rowGroup: g, column: c)
                var rows = 0
                while let batch = try reader.readBatch(maxRows: maxRows) {
                    #expect(batch.rowCount <= maxRows)
                    rows += batch.rowCount
                    columns[c.dottedPath, default: []].append(contentsOf: PhysicalDump.values(batch))
                }
                #expect(Int64(rows) == file.metadata.rowGroups[g].numRows)
            }
        }
        try Self.expectMatchesPyarrow(path, columns, file)
    }

    @Test("an empty column list reads nothing and a bad row group index is an error")
    func argumentErrors() async throws {
        let path = try Self.sharedFile.get()
        var options = ReaderOptions()
        options.parallelism = 2
        let file = try await ParquetFile.open(path: path, options: options)
        let none = try await file.readRowGroups([0, 2], columns: [])
        #expect(none.count == 2 && none.allSatisfy(\.isEmpty))
        await #expect(throws: ParquetError.self) { _ = try await file.readRowGroups([0, 3]) }
    }
}
