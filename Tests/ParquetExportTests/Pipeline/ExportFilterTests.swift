import Foundation
import Testing
import Parquet
@testable import ParquetExport

/// Filtered exports: rows equal DuckDB's `SELECT … WHERE …`, pruning counters in the result.
@Suite("Export with a filter")
struct ExportFilterTests {
    /// A pyarrow file of 100,000 rows sorted by id: 10 row groups, small pages, a page index.
    static func sortedFile(_ dir: URL) throws -> String {
        let path = dir.appendingPathComponent("sorted.parquet").path
        _ = try PythonOracle.run("""
            import pyarrow as pa, pyarrow.parquet as pq
            n = 100000
            t = pa.table({"id": pa.array(range(n), pa.int64()),
                          "name": pa.array([None if i % 7 == 0 else f"n{i % 977}" for i in range(n)]),
                          "x": pa.array([i / 4 for i in range(n)], pa.float64())})
            pq.write_table(t, "\(path)", row_group_size=10000, data_page_size=4096, write_page_index=True, use_dictionary=["name"])
            """)
        return path
    }

    static func duckdb(_ sql: String) throws -> [[String]] {
        let out = try PythonOracle.run("""
            import duckdb, json
            rows = duckdb.sql(\"\"\"\(sql)\"\"\").fetchall()
            print(json.dumps([["" if v is None else str(v) for v in r] for r in rows]))
            """)
        return try JSONSerialization.jsonObject(with: Data(out)) as! [[String]]
    }

    @Test("csv export of a 1% range equals DuckDB and reports pruning")
    func csvMatchesDuckDB() async throws {
        let dir = try ExportPipelineTests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try Self.sortedFile(dir)
        let filter = "id BETWEEN 42000 AND 42999 AND (name IS NULL OR name >= 'n5')"
        var o = ExportOptions(format: .csv, outputDirectory: dir.path, columns: ["id", "name", "x"])
        o.filter = filter
        let r = await ParquetExporter.export(.file(path), options: o)
        #expect(r.success, "\(r.error ?? "")")
        let expected = try Self.duckdb("SELECT id, name, x FROM read_parquet('\(path)') WHERE \(filter) ORDER BY id")
        let lines = try String(contentsOfFile: try #require(r.filePath), encoding: .utf8).split(separator: "\n").dropFirst()
        let ours = lines.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(ours.map { $0[0] } == expected.map { $0[0] })
        #expect(ours.map { $0[1] } == expected.map { $0[1] })
        #expect(ours.map { Double($0[2]) } == expected.map { Double($0[2]) })
        #expect(r.rowCount == expected.count)
        let stats = try #require(r.filterStatistics)
        #expect(stats.rowGroupsTotal == 10)
        #expect(stats.rowGroupsSkipped == 9)
        #expect(stats.rowsMatched == Int64(expected.count))
        #expect(stats.pagesSkipped > 0 && stats.pagesSkipped < stats.pagesTotal)
        #expect(stats.rowsScanned < 10_000)
        #expect(r.bytesRead == stats.bytesRead + stats.indexBytesRead)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        #expect(stats.bytesRead * 20 < Int64(size))
    }

    @Test("parquet export with a filter and a limit writes exactly the first matching rows")
    func parquetWithLimit() async throws {
        let dir = try ExportPipelineTests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try Self.sortedFile(dir)
        var o = ExportOptions(format: .parquet, outputDirectory: dir.path, limit: 25)
        o.filter = "x > 3000 AND name = 'n100'"
        let r = await ParquetExporter.export(.file(path), options: o)
        #expect(r.success, "\(r.error ?? "")")
        let expected = try Self.duckdb("SELECT id FROM read_parquet('\(path)') WHERE x > 3000 AND name = 'n100' ORDER BY id LIMIT 25")
        let back = try Self.duckdb("SELECT id FROM read_parquet('\(try #require(r.filePath))') ORDER BY id")
        #expect(back == expected)
        #expect(r.rowCount == 25)
        #expect(r.filterStatistics?.rowsMatched == 25)
    }

    @Test("options decode `filter`, the result encodes its counters; a bad filter fails before any output")
    func codingAndErrors() async throws {
        let options = try JSONDecoder().decode(ExportOptions.self, from: Data(#"{"format": "csv", "filter": "id = 1"}"#.utf8))
        #expect(options.filter == "id = 1")
        var result = ExportResult(success: true)
        result.filterStatistics = FilterStatistics()
        result.filterStatistics!.rowGroupsSkipped = 3
        let json = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(result)) as! [String: Any]
        #expect((json["filterStatistics"] as? [String: Any])?["rowGroupsSkipped"] as? Int == 3)
        // An old result without the key still decodes.
        #expect(try JSONDecoder().decode(ExportResult.self, from: Data(#"{"success": true, "rowCount": 0, "durationSeconds": 0, "bytesRead": 0, "truncatedCells": 0}"#.utf8)).filterStatistics == nil)

        let dir = try ExportPipelineTests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try Self.sortedFile(dir)
        var o = ExportOptions(format: .csv, filename: "bad.csv", outputDirectory: dir.path)
        o.filter = "id = 1 AND nme = 'x'"
        let r = await ParquetExporter.export(.file(path), options: o)
        #expect(!r.success)
        #expect(r.error?.contains("at character 11") == true && r.error?.contains("unknown column 'nme'") == true, "\(r.error ?? "")")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("bad.csv").path))
    }
}
