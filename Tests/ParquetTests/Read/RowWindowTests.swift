import Foundation
import Testing
@testable import Parquet

/// Row windows equal pyarrow's slices and, with a page index, read only the pages that hold them.
@Suite("Row windows")
struct RowWindowTests {
    /// Writes the same seeded table with and without a page index (small pages, 3 row groups).
    /// The files, written once per test process (the suite's tests only read them).
    static let shared = Result { try makeFiles() }

    static func makeFiles() throws -> (withIndex: String, without: String, v2: String, dir: URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("windows-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let a = dir.appendingPathComponent("indexed.parquet").path, b = dir.appendingPathComponent("plain.parquet").path
        let c = dir.appendingPathComponent("v2.parquet").path
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
            pq.write_table(t, "\(c)", row_group_size=7000, data_page_size=2048, write_page_index=False, compression="zstd", data_page_version="2.0")
            """)
        return (a, b, c, dir)
    }

    static let windows: [(Int64, Int)] = [(0, 10), (6990, 20), (13999, 2), (7000, 7000), (19950, 100), (20000, 5), (123, 0),
                                          (4321, 777), (0, 2500)]

    @Test func windowsEqualPyarrowSlices() async throws {
        let files = try Self.shared.get()
        var request: [String: Any] = [:]
        for path in [files.withIndex, files.without, files.v2] {
            let f = try await ParquetFile.open(path: path)
            for (off, lim) in Self.windows {
                let rows = try await f.rowWindowValues(offset: off, limit: lim)
                request["\(path)#\(off)#\(lim)"] = rows.map(NestedOracleTests.row)
            }
            // Projection with a nested path, through the `rows(offset:limit:columns:)` API.
            let window = try await f.rows(offset: 6995, limit: 10, columns: ["id", "s.b"])
            #expect(window.rowCount == 10 && window.batches.count == 2)
            request["\(path)#6995#10#id,s.b"] = try window.values().map(NestedOracleTests.row)
            let past = try await f.rows(offset: f.rowCount + 3, limit: 10)
            let pastValues = try past.values()
            #expect(past.rowCount == 0 && pastValues.isEmpty)
        }
        let out = try TestSupport.runPython(script: "compare_values.py", input: try JSONSerialization.data(withJSONObject: ["files": request]))
        let result = try #require(try JSONSerialization.jsonObject(with: out) as? [String: Any])
        #expect((result["mismatches"] as? [Any] ?? []).isEmpty, "\(result["mismatches"] ?? "")")
    }

    @Test func pageIndexLimitsBytesRead() async throws {
        let files = try Self.shared.get()
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

    /// Scrolling: the page indexes read by the first window are cached, so the next windows of the same
    /// row group cost one ranged read each (all projected columns together) and read no index again.
    @Test func scrollingReusesPageIndexAndReadsOnce() async throws {
        let files = try Self.shared.get()
        let source = CountingByteSource(try FileByteSource(path: files.withIndex))
        let f = try await ParquetFile.open(source: source)
        source.reset()
        let columns = ["id", "name", "xs", "s.a"]
        _ = try await f.rowWindow(offset: 7_100, limit: 100, columns: columns)
        // Offset indexes of the projected leaves in one call, then the pages of all columns in one call.
        #expect(source.calls == 2, "first window: \(source.calls) calls")
        let leafCount = try f.resolveColumns(columns).count
        #expect(f.pageIndexCache.count == leafCount)
        for step in 1 ... 5 {
            source.reset()
            let rows = try await f.rowWindowValues(offset: 7_100 + Int64(step) * 150, limit: 100, columns: columns)
            #expect(rows.count == 100)
            #expect(source.calls == 1, "window \(step): \(source.calls) calls")
        }
        // A window spanning two row groups: one call per row group, plus the second group's indexes.
        source.reset()
        _ = try await f.rowWindow(offset: 13_950, limit: 100, columns: columns)
        #expect(source.calls == 3, "cross-group window: \(source.calls) calls")
    }

    /// Without a page index, whole pages before the window are skipped by their headers; the rows are
    /// still exactly those of a full read.
    @Test(arguments: [false, true])
    func skipRowsMatchesFullRead(v2: Bool) async throws {
        let files = try Self.shared.get()
        let f = try await ParquetFile.open(path: v2 ? files.v2 : files.without)
        for column in f.schema.columns {
            let full = try await f.readColumn(rowGroup: 1, column: column)
            for skip in [0, 1, 333, 2048, 6999, 7000, 9000] {
                let reader = try await f.columnReader(rowGroup: 1, column: column)
                let skipped = try reader.skipRows(skip)
                #expect(skipped == min(skip, 7000))
                let rest = try reader.readBatch(maxRows: 50)
                let expected = try RecordAssembler(schema: f.schema, batches: [full]).rows()
                let got = try rest.map { try RecordAssembler(schema: f.schema, batches: [$0]).rows() } ?? []
                #expect(got == Array(expected.dropFirst(skip).prefix(50)), "\(column.dottedPath) skip \(skip)")
            }
        }
    }

    /// Windows run concurrently with full reads of the same open file and give the same rows.
    @Test func windowsConcurrentWithFullReads() async throws {
        let files = try Self.shared.get()
        let f = try await ParquetFile.open(path: files.withIndex)
        let all = try await f.readAllRows()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0 ..< 8 {
                group.addTask {
                    if i % 2 == 0 {
                        let groups = try await f.readRowGroups(columns: f.schema.columns)
                        #expect(groups.count == f.rowGroupCount)
                    } else {
                        for k in 0 ..< 20 {
                            let off = Int64((i * 997 + k * 613) % 19_900)
                            let rows = try await f.rowWindowValues(offset: off, limit: 100)
                            #expect(rows == Array(all[Int(off) ..< Int(off) + 100]))
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
    }
}
