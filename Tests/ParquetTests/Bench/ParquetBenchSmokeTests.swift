import Foundation
import Testing
@testable import Parquet

/// Runs the benchmark tools at a tiny size so they cannot rot: `gen_datasets.py`, `parquet-bench`
/// (built next to the test runner by `swift build --build-tests` / `swift test`) and `compare.py`.
/// No timing is asserted, only that the reports are complete and count the rows pyarrow counts.
@Suite("parquet-bench smoke", .serialized)
struct ParquetBenchSmokeTests {
    /// Tiny datasets, generated once per test process.
    static let dataDir = Result { () throws -> String in
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bench-smoke-\(UUID().uuidString)").path
        _ = try TestSupport.run(["python3", TestSupport.packageRoot.appendingPathComponent("Benchmarks/gen_datasets.py").path,
                                 "--out", dir, "--scale", "0.001", "--only", "mixed", "wide10k"], input: Data())
        return dir
    }

    /// The `parquet-bench` binary of the same build as the running tests.
    static func benchBinary() throws -> String {
        let runnerDir = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).deletingLastPathComponent()
        let candidates = [runnerDir.appendingPathComponent("parquet-bench").path,
                          TestSupport.packageRoot.appendingPathComponent(".build/debug/parquet-bench").path]
        let found = candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
        return try #require(found, "parquet-bench not built next to the tests (swift build --build-tests builds it)")
    }

    static func runJSON(_ arguments: [String]) throws -> [String: Any] {
        let out = try TestSupport.run([try benchBinary()] + arguments, input: Data())
        return try #require(try JSONSerialization.jsonObject(with: out) as? [String: Any])
    }

    /// Rows of a file according to pyarrow.
    static func pyarrowRows(_ path: String) throws -> Int {
        let out = try TestSupport.python("import pyarrow.parquet as pq; print(pq.ParquetFile('\(path)').metadata.num_rows)")
        return try #require(Int(String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    @Test("decode reports rows, throughput and memory", arguments: [
        (["--threads", "1"], nil as String?), (["--threads", "2"], nil), (["--threads", "1"], "int32,text"),
    ])
    func decode(options: [String], columns: String?) throws {
        let path = try Self.dataDir.get() + "/mixed.parquet"
        var args = ["decode", path, "--runs", "2", "--warmup", "1", "--json"] + options
        if let columns { args += ["--columns", columns] }
        let r = try Self.runJSON(args)
        #expect(r["rows"] as? Int == (try Self.pyarrowRows(path)))
        #expect(r["workload"] as? String == (columns.map { "decode[\($0)]" } ?? "decode"))
        #expect((r["wall_seconds"] as? [Double])?.count == 2)
        #expect((r["median_seconds"] as? Double ?? 0) > 0)
        #expect((r["output_bytes"] as? Int ?? 0) > 0)
        #expect((r["input_bytes"] as? Int ?? 0) > 0)
        #expect((r["peak_rss_bytes"] as? Int ?? 0) > 1 << 20)
        #expect(r["threads"] as? Int == Int(options[1]))
    }

    @Test("open reads a 10,000-column footer")
    func open() async throws {
        let path = try Self.dataDir.get() + "/wide10k.parquet"
        let r = try Self.runJSON(["open", path, "--runs", "3", "--warmup", "0", "--json"])
        #expect(r["workload"] as? String == "open")
        #expect((r["input_bytes"] as? Int ?? 0) > 10_000)
        let file = try await ParquetFile.open(path: path)
        #expect(file.schema.columns.count == 10_000)
    }

    @Test("a missing column is an error, not a crash")
    func badColumn() throws {
        let path = try Self.dataDir.get() + "/mixed.parquet"
        #expect(throws: ParquetError.self) { _ = try Self.runJSON(["decode", path, "--columns", "nope", "--json"]) }
    }

    @Test("compare.py prints the side-by-side table")
    func compare() throws {
        let dir = try Self.dataDir.get()
        let out = try TestSupport.run([
            "python3", TestSupport.packageRoot.appendingPathComponent("Benchmarks/compare.py").path,
            "--binary", try Self.benchBinary(), "--data", dir, "--scale", "0.001", "--rounds", "1", "--runs", "1",
            "--warmup", "0", "--workloads", "decode mixed,open", "--tools", "swift-parquet,pyarrow",
        ], input: Data())
        let text = String(decoding: out, as: UTF8.self)
        for row in ["| decode mixed | 1 | swift-parquet |", "| decode mixed | 1 | pyarrow |",
                    "| decode mixed [int32,text] | 1 | pyarrow |", "| open wide10k | 1 | pyarrow |"] {
            #expect(text.contains(row), "missing \(row) in:\n\(text)")
        }
    }
}
