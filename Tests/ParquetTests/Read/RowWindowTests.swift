import Foundation
import Testing
@testable import Parquet

/// Row windows equal pyarrow's slices and, with a page index, read only the pages that hold them.
@Suite("Row windows")
struct RowWindowTests {
    /// Writes the same seeded table with and without a page index (small pages, 3 row groups).
    static func makeFiles() throws -> (withIndex: String, without: String, dir: URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("windows-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let a = dir.appendingPathComponent("indexed.parquet").path, b = dir.appendingPathComponent("plain.parquet").path
        _ = try TestSupport.python("""
            import random, pyarrow as pa, pyarrow.parquet as pq
            rng = random.Random(7)
            n = 20000
            t = pa.table({
                "id": pa.array(range(n), pa.int64()),
                "name": pa.array([None if rng.random() < 0.1 else "n%d" % rng.randint(0, 500) for _ in range(n)]),
                "xs": pa.array([[rng.randint(0, 9) for _ in range(rng.randint(0, 3))] if rng.random() > 0.1 else None for _ in range(n)]),
                "s": pa.array([{"a": rng.random(), "b": str(i)} for i in range(n)]),
            })
            pq.write_table(t, "\(a)", row_group_size=7000, data_page_size=2048, write_page_index=True, compression="snappy", use_dictionary=["name"])
            pq.write_table(t, "\(b)", row_group_size=7000, data_page_size=2048, write_page_index=False, compression="snappy", use_dictionary=["name"])
            """)
        return (a, b, dir)
    }

    static let windows: [(Int64, Int)] = [(0, 10), (6990, 20), (13999, 2), (7000, 7000), (19950, 100), (20000, 5), (123, 0),
                                          (4321, 777), (0, 2500)]

    @Test func windowsEqualPyarrowSlices() async throws {
        let files = try Self.makeFiles()
        defer { try? FileManager.default.removeItem(at: files.dir) }
        var request: [String: Any] = [:]
        for path in [files.withIndex, files.without] {
            let f = try await ParquetFile.open(path: path)
            for (off, lim) in Self.windows {
                let rows = try await f.rowWindowValues(offset: off, limit: lim)
                request["\(path)#\(off)#\(lim)"] = rows.map(NestedOracleTests.row)
            }
            // Projection with a nested path.
            let projected = try await f.rowWindowValues(offset: 6995, limit: 10, columns: ["id", "s.b"])
            #expect(projected.count == 10)
        }
        let out = try TestSupport.runPython(script: "compare_values.py", input: try JSONSerialization.data(withJSONObject: ["files": request]))
        let result = try #require(try JSONSerialization.jsonObject(with: out) as? [String: Any])
        #expect((result["mismatches"] as? [Any] ?? []).isEmpty, "\(result["mismatches"] ?? "")")
    }

    @Test func pageIndexLimitsBytesRead() async throws {
        let files = try Self.makeFiles()
        defer { try? FileManager.default.removeItem(at: files.dir) }
        let source = CountingByteSource(try FileByteSource(path: files.withIndex))
        let f = try await ParquetFile.open(source: source)
        source.reset()
        let batches = try await f.rowWindow(offset: 12_345, limit: 100)
        #expect(batches.allSatisfy { $0.rowCount == 100 })
        let windowBytes = source.bytes
        // Without the page index the whole row group's chunks are read.
        let plainSource = CountingByteSource(try FileByteSource(path: files.without))
        let g = try await ParquetFile.open(source: plainSource)
        plainSource.reset()
        _ = try await g.rowWindow(offset: 12_345, limit: 100)
        #expect(windowBytes * 5 < plainSource.bytes, "page-indexed window read \(windowBytes) bytes, unindexed \(plainSource.bytes)")
        #expect(Int64(windowBytes) * 10 < source.size, "window read \(windowBytes) of \(source.size) bytes")
    }
}
