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
                                 "--out", dir, "--scale", "0.001", "--only", "mixed", "mixed_rg", "wide10k"], input: Data())
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

    static func runJSON(_ arguments: [String], environment: [String: String] = [:]) throws -> [String: Any] {
        let env = environment.map { "\($0.key)=\($0.value)" }
        let out = try TestSupport.run(env + [try benchBinary()] + arguments, input: Data())
        return try #require(try JSONSerialization.jsonObject(with: out) as? [String: Any])
    }

    /// A fresh scratch directory.
    static func scratch() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bench-out-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// A Python snippet's stdout, trimmed.
    static func pythonText(_ code: String) throws -> String {
        String(decoding: try TestSupport.python(code), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
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

    @Test("write reports the output size, and pyarrow reads the file back", arguments: ["snappy", "zstd", "gzip", "lz4_raw", "brotli", "none"])
    func write(codec: String) throws {
        let path = try Self.dataDir.get() + "/mixed.parquet"
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let output = dir + "/out.parquet"
        let r = try Self.runJSON(["write", path, "--codec", codec, "--row-group-rows", "700", "--output", output,
                                  "--runs", "1", "--warmup", "1", "--threads", "2", "--json"])
        let rows = try Self.pyarrowRows(path)
        #expect(r["workload"] as? String == "write-\(codec)")
        #expect(r["rows"] as? Int == rows)
        let size = try #require(FileManager.default.attributesOfItem(atPath: output)[.size] as? Int)
        #expect(r["output_bytes"] as? Int == size)
        #expect((r["input_bytes"] as? Int ?? 0) > 0)
        // pyarrow reads what was written: same rows, the codec asked for, 700-row groups, same values.
        let check = try Self.pythonText("""
            import pyarrow.parquet as pq
            f = pq.ParquetFile('\(output)')
            print(f.metadata.num_rows, f.metadata.row_group(0).num_rows, f.metadata.row_group(0).column(0).compression,
                  pq.read_table('\(output)').equals(pq.read_table('\(path)')))
            """)
        // pyarrow names LZ4_RAW "LZ4" (and the Hadoop-framed codec "LZ4_HADOOP").
        let expected = ["none": "UNCOMPRESSED", "lz4_raw": "LZ4"][codec] ?? codec.uppercased()
        #expect(check == "\(rows) 700 \(expected) True")
    }

    @Test("export runs the real pipeline for every format", arguments: ["csv", "ndjson", "json", "xlsx"])
    func export(format: String) throws {
        let path = try Self.dataDir.get() + "/mixed.parquet"
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try Self.runJSON(["export", path, "--format", format, "--limit", "3000", "--output-dir", dir,
                                  "--runs", "2", "--warmup", "0", "--threads", "2", "--json"])
        #expect(r["workload"] as? String == "export-\(format)")
        #expect(r["rows"] as? Int == 3000)
        let output = dir + "/bench.\(format)"
        let size = try #require(FileManager.default.attributesOfItem(atPath: output)[.size] as? Int)
        #expect(r["output_bytes"] as? Int == size)
        // The output holds the rows: counted by Python's csv / json modules and openpyxl.
        let count: String
        switch format {
        case "csv": count = "import csv; print(sum(1 for _ in csv.reader(open('\(output)', newline=''))) - 1)"
        case "ndjson": count = "import json; print(sum(1 for l in open('\(output)') if json.loads(l)))"
        case "json": count = "import json; print(len(json.load(open('\(output)'))))"
        default: count = "import openpyxl; print(sum(1 for _ in openpyxl.load_workbook('\(output)', read_only=True).active.iter_rows()) - 1)"
        }
        #expect(try Self.pythonText(count) == "3000")
    }

    @Test("window reads the rows pyarrow has at 90% of the file, and only part of the file")
    func window() async throws {
        let path = try Self.dataDir.get() + "/mixed.parquet"
        let r = try Self.runJSON(["window", path, "--limit", "100", "--columns", "id,text", "--runs", "3", "--json"])
        #expect(r["workload"] as? String == "window")
        #expect(r["rows"] as? Int == 100)
        let size = try #require(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        let read = r["input_bytes"] as? Int ?? 0
        #expect(read > 0 && read < size / 2, "read \(read) of \(size) bytes")
        // The rows themselves: our window against pyarrow's slice at the same offset.
        let file = try await ParquetFile.open(path: path)
        let offset = file.rowCount / 10 * 9
        let ours = try await file.rowWindowValues(offset: offset, limit: 100, columns: ["id"])
        let ids = ours.map { row -> Int64 in
            if case .struct(let fields) = row, case .int64(let v)? = fields.first?.value { return v }
            return -1
        }
        let expected = try Self.pythonText("import pyarrow.parquet as pq; print(pq.read_table('\(path)').slice(\(offset), 100).column('id').to_pylist())")
        #expect("\(ids)" == expected)
    }

    @Test("export of an S3 object through a local moto server", .enabled(if: Self.motoInstalled))
    func s3Export() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let out = try TestSupport.run([
            "python3", TestSupport.packageRoot.appendingPathComponent("Benchmarks/compare.py").path,
            "--binary", try Self.benchBinary(), "--data", try Self.dataDir.get(), "--scale", "0.001", "--rounds", "1",
            "--runs", "1", "--warmup", "0", "--s3", "--workloads", "s3,window s3", "--tools", "swift-parquet,pyarrow",
            "--json-out", dir + "/r.json",
        ], input: Data())
        let text = String(decoding: out, as: UTF8.self)
        for row in ["| export csv from S3 | 2 | swift-parquet |", "| export csv from S3 | 2 | pyarrow |", ", S3 | 1 | swift-parquet |"] {
            #expect(text.contains(row), "missing \(row) in:\n\(text)")
        }
    }

    static var motoInstalled: Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/moto_server")
        }
    }

    @Test("compare.py prints the side-by-side table")
    func compare() throws {
        let dir = try Self.dataDir.get()
        let out = try TestSupport.run([
            "python3", TestSupport.packageRoot.appendingPathComponent("Benchmarks/compare.py").path,
            "--binary", try Self.benchBinary(), "--data", dir, "--scale", "0.001", "--rounds", "1", "--runs", "1",
            "--warmup", "0", "--workloads", "decode mixed,open,write snappy,export,memory,window",
            "--tools", "swift-parquet,pyarrow,duckdb",
        ], input: Data())
        let text = String(decoding: out, as: UTF8.self)
        for row in ["| decode mixed | 1 | swift-parquet |", "| decode mixed | 1 | pyarrow |",
                    "| decode mixed [int32,text] | 1 | pyarrow |", "| open wide10k | 1 | pyarrow |",
                    "| write snappy | 2 | pyarrow |", "| write snappy | 2 | duckdb |", "| export csv | 2 | swift-parquet |",
                    "| export csv | 2 | pyarrow |", "| export ndjson | 2 | duckdb |", "| export json | 2 | duckdb |",
                    "| export xlsx 5,000 rows | 2 | swift-parquet |", "| export csv, 20 row groups | 2 | pyarrow |",
                    "Memory flatness", "| window 100 rows at 4,500 | 1 | duckdb |"] {
            #expect(text.contains(row), "missing \(row) in:\n\(text)")
        }
    }

    /// `parquet-bench generate` writes every dataset with the column names and types of
    /// gen_datasets.py's pyarrow-written files (pyarrow reads both), the rows asked for, and the same
    /// bytes again for the same seed.
    @Test("generate writes the datasets of gen_datasets.py with our writer", arguments: ["mixed", "strings", "wide200", "decimal", "nested"])
    func generate(dataset: String) throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let reference = dir + "/reference"
        _ = try TestSupport.run(["python3", TestSupport.packageRoot.appendingPathComponent("Benchmarks/gen_datasets.py").path,
                                 "--out", reference, "--scale", "0.001", "--only", dataset], input: Data())
        let ours = dir + "/ours.parquet", again = dir + "/again.parquet", other = dir + "/other.parquet"
        for (path, seed) in [(ours, "7"), (again, "7"), (other, "8")] {
            let r = try Self.runJSON(["generate", dataset, "--rows", "1500", "--row-group-rows", "600", "--seed", seed,
                                      "--output", path, "--json"])
            #expect(r["rows"] as? Int == 1500 && (r["bytes"] as? Int ?? 0) > 0)
        }
        #expect(FileManager.default.contents(atPath: ours) == FileManager.default.contents(atPath: again), "same seed, same file")
        #expect(FileManager.default.contents(atPath: ours) != FileManager.default.contents(atPath: other), "another seed, other values")
        #expect(try Self.pyarrowRows(ours) == 1500)
        // Arrow types as pyarrow reads them, time zones aside (Parquet keeps only "adjusted to UTC").
        let describe = "import sys, pyarrow.parquet as pq; f = pq.ParquetFile(sys.argv[1]); "
            + "print(f.metadata.num_row_groups if sys.argv[2] == 'groups' else "
            + "'; '.join(f'{x.name}: {x.type}'.replace('tz=Europe/Paris', 'tz=UTC') for x in f.schema_arrow))"
        func python(_ arguments: [String]) throws -> String {
            String(decoding: try TestSupport.run(["python3", "-c", describe] + arguments, input: Data()), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
        #expect(try python([ours, "schema"]) == (try python([reference + "/\(dataset).parquet", "schema"])))
        #expect(try python([ours, "groups"]) == "3")
    }
}

