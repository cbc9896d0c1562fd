import Foundation
import Testing
import Parquet
import TestHelpers
@testable import ParquetExport

/// Exports compared with pyarrow's values rendered by RENDERING.md (Tests/Oracles/check_export.py),
/// plus naming, options/result coding, progress, cancellation and failure behaviour.
@Suite("Export pipeline")
struct ExportPipelineTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static var corpus: URL {
        if let env = ProcessInfo.processInfo.environment["PARQUET_TESTING_DIR"] { return URL(fileURLWithPath: env).appendingPathComponent("data") }
        return root.deletingLastPathComponent().appendingPathComponent("shared/parquet-testing/data")
    }
    static let fixture = root.appendingPathComponent("Fixtures/wells.parquet").path

    static func tempDir() throws -> URL {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        return d
    }

    static func python(script: String, input: Data) throws -> [String: Any] {
        let data = try OracleProcess.run(["python3", root.appendingPathComponent("Tests/Oracles/\(script)").path], input: input)
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    static let corpusFiles = [
        "alltypes_plain.parquet", "alltypes_dictionary.parquet", "nested_lists.snappy.parquet", "nested_maps.snappy.parquet",
        "nullable.impala.parquet", "datapage_v2.snappy.parquet", "delta_byte_array.parquet", "byte_array_decimal.parquet",
        "fixed_length_decimal.parquet", "int32_decimal.parquet", "int64_decimal.parquet", "float16_nonzeros_and_nans.parquet",
        "nulls.snappy.parquet", "binary.parquet", "list_columns.parquet", "nested_structs.rust.parquet", "null_list.parquet",
    ]

    @Test("csv, json, ndjson and xlsx equal pyarrow's values")
    func formatsMatchOracle() async throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        var checks: [[String: Any]] = []
        let inputs = [Self.fixture] + Self.corpusFiles.map { Self.corpus.appendingPathComponent($0).path }
        for input in inputs {
            var formats: [ExportFormat] = [.csv, .json, .ndjson]
            if input == Self.fixture || input.hasSuffix("alltypes_plain.parquet") { formats.append(.xlsx) }
            for format in formats {
                let r = await ParquetExporter.export(.file(input), options: ExportOptions(format: format, outputDirectory: dir.path))
                #expect(r.success, "\(input) \(format): \(r.error ?? "")")
                guard r.success, let out = r.filePath else { continue }
                checks.append(["parquet": input, "format": format.rawValue, "output": out])
            }
        }
        let result = try Self.python(script: "check_export.py", input: try JSONSerialization.data(withJSONObject: ["checks": checks]))
        #expect((result["mismatches"] as? [Any] ?? ["missing"]).isEmpty, "\(result["mismatches"] ?? "")")
        #expect((result["checked"] as? Int ?? 0) > 5_000)
    }

    @Test("compression, projection, limit, metadata", arguments: [
        ("ndjson", "gzip"), ("csv", "zstd"), ("json", "none"), ("csv", "gzip"),
    ])
    func optionsApply(format: String, compression: String) async throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        var options = ExportOptions(format: ExportFormat(rawValue: format)!, compression: compression, includeMetadata: true,
                                    outputDirectory: dir.path, columns: ["id", "price", "location.lat", "tags"], limit: 333)
        options.nullText = ""
        let r = await ParquetExporter.export(.file(Self.fixture), options: options)
        #expect(r.success, "\(r.error ?? "")")
        #expect(r.rowCount == 333)
        let name = try #require(r.fileName)
        #expect(name.hasSuffix(compression == "none" ? ".\(format)" : compression == "gzip" ? ".\(format).gz" : ".\(format).zst"))
        if format != "json" {
            let sidecar = AtomicOutputFile.sidecarPath(for: r.filePath!)
            #expect(FileManager.default.fileExists(atPath: sidecar))
        }
        let check: [String: Any] = ["parquet": Self.fixture, "format": format, "output": r.filePath!, "columns": ["id", "price", "tags", "location"],
                                    "limit": 333, "compression": compression == "none" ? NSNull() : compression]
        let result = try Self.python(script: "check_export.py", input: try JSONSerialization.data(withJSONObject: ["checks": [check]]))
        // The projection keeps only location.lat inside the struct; the oracle reads the whole struct, so
        // compare everything but that column there.
        let mismatches = (result["mismatches"] as? [[String: Any]] ?? []).filter { ($0["column"] as? String) != "location" }
        #expect(mismatches.isEmpty, "\(mismatches)")
    }

    @Test func optionsAndResultUseTheUIKeys() throws {
        let ui = #"{"format":"xlsx","compression":"none","includeMetadata":true,"filename":"report"}"#
        let o = try JSONDecoder().decode(ExportOptions.self, from: Data(ui.utf8))
        #expect(o.format == .xlsx && o.includeMetadata && o.filename == "report" && o.outputDirectory == "exports")
        let r = ExportResult(success: true, filePath: "exports/a.csv", fileName: "a.csv", fileSize: 10, rowCount: 2, error: nil)
        let json = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(r)) as! [String: Any]
        for key in ["success", "filePath", "fileName", "fileSize", "rowCount"] { #expect(json[key] != nil, "\(key)") }
        let failed = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(ExportResult(success: false, error: "boom"))) as! [String: Any]
        #expect(failed["error"] as? String == "boom")
    }

    @Test func naming() throws {
        let date = Date(timeIntervalSince1970: 1_700_000_000)  // 2023-11-14 22:13:20 UTC
        #expect(OutputNaming.defaultName(source: "s3/bucket/wells.parquet", fileExtension: "csv", date: date) == "wells_20231114_221320.csv")
        #expect(try OutputNaming.validated("report", fileExtension: "csv.gz") == "report.csv.gz")
        #expect(try OutputNaming.validated("report.CSV", fileExtension: "csv") == "report.CSV")
        for bad in ["a/b", "..", "x..y", "a\\b", "tab\there", "", "nul\u{0}"] {
            #expect(throws: ParquetError.self) { try OutputNaming.validated(bad, fileExtension: "csv") }
        }
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        FileManager.default.createFile(atPath: dir.appendingPathComponent("r.csv").path, contents: Data())
        FileManager.default.createFile(atPath: dir.appendingPathComponent("r_1.csv").path, contents: Data())
        #expect(OutputNaming.available("r.csv", in: dir.path, fileExtension: "csv", overwrite: false) == "r_2.csv")
        #expect(OutputNaming.available("r.csv", in: dir.path, fileExtension: "csv", overwrite: true) == "r.csv")
    }

    @Test func progressIsMonotonicAndComplete() async throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (stream, task) = ParquetExporter.exportWithProgressStream(.file(Self.fixture), options: ExportOptions(format: .ndjson, outputDirectory: dir.path))
        var events: [ExportProgress] = []
        for await p in stream { events.append(p) }
        let r = await task.value
        #expect(r.success)
        #expect(zip(events, events.dropFirst()).allSatisfy { $0.percent <= $1.percent })
        #expect(events.last?.stage == .completed && events.last?.percent == 100)
        #expect(events.filter { $0.stage == .exporting }.count >= 4)  // the fixture has 4 row groups
    }

    /// Failures leave nothing behind and say why.
    @Test func failuresLeaveNothingBehind() async throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = await ParquetExporter.export(.file("/nonexistent/x.parquet"), options: ExportOptions(format: .csv, outputDirectory: dir.path))
        #expect(!missing.success && (missing.error ?? "").contains("cannot open"))
        let noDir = await ParquetExporter.export(.file(Self.fixture), options: ExportOptions(format: .csv, outputDirectory: dir.path + "/nope"))
        #expect(!noDir.success && (noDir.error ?? "").contains("does not exist"))
        let badName = await ParquetExporter.export(.file(Self.fixture), options: ExportOptions(format: .csv, filename: "../x", outputDirectory: dir.path))
        #expect(!badName.success)
        let badColumn = await ParquetExporter.export(.file(Self.fixture), options: ExportOptions(format: .csv, outputDirectory: dir.path, columns: ["nope"]))
        #expect(!badColumn.success && (badColumn.error ?? "").contains("no column"))
        // Cancellation half way.
        let task = Task { await ParquetExporter.export(.file(Self.fixture), options: ExportOptions(format: .xlsx, outputDirectory: dir.path)) }
        task.cancel()
        let cancelled = await task.value
        #expect(!cancelled.success)
        // A corrupt source (truncated copy) fails cleanly.
        let truncated = dir.appendingPathComponent("trunc.parquet")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Self.fixture))
        try bytes.prefix(bytes.count / 2).write(to: truncated)
        let corrupt = await ParquetExporter.export(.file(truncated.path), options: ExportOptions(format: .json, outputDirectory: dir.path))
        #expect(!corrupt.success)
        try FileManager.default.removeItem(at: truncated)
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(left.isEmpty, "left behind: \(left)")
    }

    /// Parquet output read by pyarrow equals the input (all codecs; projection and limit applied).
    @Test(arguments: ["none", "snappy", "gzip", "lz4", "lz4_raw", "zstd", "brotli"])
    func parquetOutputEqualsInput(codec: String) async throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let full = await ParquetExporter.export(.file(Self.fixture), options: ExportOptions(
            format: .parquet, compression: codec, includeMetadata: true, outputDirectory: dir.path))
        #expect(full.success, "\(full.error ?? "")")
        let part = await ParquetExporter.export(.file(Self.fixture), options: ExportOptions(
            format: .parquet, compression: codec, filename: "part", outputDirectory: dir.path, columns: ["id", "tags", "location.lat"], limit: 612))
        #expect(part.success && part.rowCount == 612, "\(part.error ?? "")")
        let code = """
            import json, sys, pyarrow.parquet as pq, pyarrow.compute as pc
            src = pq.read_table(sys.argv[1])
            full = pq.read_table(sys.argv[2])
            part = pq.read_table(sys.argv[3])
            exp = src.select(["id", "tags", "location"]).slice(0, 612).to_pylist()
            for r in exp: r["location"] = {"lat": r["location"]["lat"]}
            print(json.dumps({"full": full.to_pylist() == src.to_pylist(), "part": part.to_pylist() == exp,
                              "meta": b"ARROW:schema" in (pq.ParquetFile(sys.argv[2]).metadata.metadata or {})}))
            """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", code, Self.fixture, full.filePath ?? "", part.filePath ?? ""]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let r = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Bool])
        #expect(r["full"] == true && r["part"] == true && r["meta"] == true, "\(r)")
    }
}
