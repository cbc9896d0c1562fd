import Foundation
import Testing
import Parquet
@testable import ParquetExport

/// `parquet export` end to end (the built CLI), and the exact-file and standard-output destinations.
@Suite("Export CLI and destinations", .enabled(if: PipelineSupport.cli != nil, "the parquet CLI is not built"))
struct ExportCLITests {
    var cli: String { PipelineSupport.cli! }
    static let fixture = PipelineSupport.fixture

    /// Every option of the issue: --compression, --output-dir, --filename, --include-metadata,
    /// --columns, --limit, --json; checked against pyarrow.
    @Test(arguments: [("csv", "gzip"), ("ndjson", "zstd"), ("json", "none")])
    func optionsWork(format: String, compression: String) throws {
        let dir = try ExportPipelineTests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try PipelineSupport.run([cli, "export", Self.fixture, "--format", format, "--compression", compression,
                                         "--output-dir", dir.path, "--filename", "sel", "--include-metadata",
                                         "--columns", "id,price,tags,location", "--limit", "77", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stderr.contains("\r["), "no progress bar when stderr is not a terminal")
        let result = try JSONDecoder().decode(ExportResult.self, from: r.stdout)
        let ext = compression == "none" ? format : "\(format).\(compression == "gzip" ? "gz" : "zst")"
        #expect(result.success && result.rowCount == 77 && result.fileName == "sel.\(ext)")
        #expect(result.filePath == dir.appendingPathComponent("sel.\(ext)").path)
        #expect(result.fileSize == (try FileManager.default.attributesOfItem(atPath: result.filePath!)[.size] as? Int64))
        if format == "json" {
            let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: result.filePath!))) as? [String: Any]
            #expect(doc?["schema"] != nil && doc?["metadata"] != nil && (doc?["rows"] as? [Any] ?? []).count == 77)
        } else {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("sel.schema.json").path))
        }
        let check: [String: Any] = ["parquet": Self.fixture, "format": format, "output": result.filePath!,
                                    "columns": ["id", "price", "tags", "location"], "limit": 77,
                                    "compression": compression == "none" ? NSNull() : compression]
        let (mismatches, checked) = try PipelineSupport.checkExports([check])
        #expect(mismatches.isEmpty, "\(mismatches)")
        #expect(checked == 77 * 4)
    }

    /// `--columns` with a nested path keeps only that field of the struct: values equal pyarrow's
    /// `location.lat` column.
    @Test func nestedColumnPath() throws {
        let r = try PipelineSupport.run([cli, "export", Self.fixture, "--format", "ndjson", "--columns", "id,location.lat",
                                         "--limit", "500", "--output", "-"])
        #expect(r.status == 0, "\(r.stderr)")
        let code = """
            import json, sys, pyarrow.parquet as pq
            t = pq.read_table(sys.argv[1], columns=["id", "location.lat"]).slice(0, 500)
            ours = [json.loads(l) for l in sys.stdin if l.strip()]
            exp = [{"id": i, "location": {"lat": v}} for i, v in zip(t.column("id").to_pylist(), t.column("lat").to_pylist())]
            print(ours == exp)
            """
        let out = try PythonOracle.run(code, input: [UInt8](r.stdout), arguments: [Self.fixture])
        #expect(String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) == "True")
    }

    /// The progress bar goes to stderr when it is a terminal (a pty from `script`), reaching 100%;
    /// stdout keeps only the result line.
    @Test func progressBarOnATerminal() throws {
        let dir = try ExportPipelineTests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let command = "\(cli) export \(Self.fixture) --format csv --output-dir \(dir.path) 2>&1 >\(dir.path)/stdout.txt"
        let r = try PipelineSupport.run(["script", "-qec", command, "/dev/null"])
        #expect(r.status == 0)
        let terminal = String(decoding: r.stdout, as: UTF8.self)
        #expect(terminal.contains("\r[") && terminal.contains("100%"), "\(terminal.debugDescription)")
        let stdout = try String(contentsOfFile: dir.path + "/stdout.txt", encoding: .utf8)
        #expect(stdout.contains("(1000 rows, ") && !stdout.contains("\r"), "\(stdout)")
    }

    /// `--output -` streams the same bytes as a file export (csv, ndjson, json); xlsx and parquet are refused.
    @Test(arguments: ["csv", "ndjson", "json"])
    func standardOutputEqualsFile(format: String) throws {
        let dir = try ExportPipelineTests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let streamed = try PipelineSupport.run([cli, "export", PipelineSupport.bigFile, "--format", format, "--output", "-", "--json"])
        #expect(streamed.status == 0, "\(streamed.stderr)")
        let result = try JSONDecoder().decode(ExportResult.self, from: Data(streamed.stderr.utf8))
        #expect(result.filePath == "-" && result.rowCount == 400_000 && result.fileSize == Int64(streamed.stdout.count))
        let file = try PipelineSupport.run([cli, "export", PipelineSupport.bigFile, "--format", format, "--output", dir.path + "/f.out"])
        #expect(file.status == 0, "\(file.stderr)")
        #expect(try Data(contentsOf: dir.appendingPathComponent("f.out")) == streamed.stdout)
        #expect(PipelineSupport.entries(dir.path) == ["f.out"])
    }

    @Test(arguments: ["xlsx", "parquet"])
    func standardOutputRefusesBinaryFormats(format: String) throws {
        let r = try PipelineSupport.run([cli, "export", Self.fixture, "--format", format, "--output", "-"])
        #expect(r.status != 0 && r.stdout.isEmpty)
        #expect(r.stderr.split(separator: "\n").count == 1 && r.stderr.contains("cannot be streamed to standard output"), "\(r.stderr)")
    }

    /// Several inputs: a JSON array with one result each; a failing input makes the exit status non-zero
    /// with one line for it, the others still exported.
    @Test func severalInputs() throws {
        let dir = try ExportPipelineTests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let alltypes = ExportPipelineTests.corpus.appendingPathComponent("alltypes_plain.parquet").path
        let ok = try PipelineSupport.run([cli, "export", Self.fixture, alltypes, "--format", "csv", "--output-dir", dir.path, "--json"])
        #expect(ok.status == 0, "\(ok.stderr)")
        let results = try JSONDecoder().decode([ExportResult].self, from: ok.stdout)
        #expect(results.map(\.rowCount) == [1000, 8] && results.allSatisfy(\.success))
        let (mismatches, _) = try PipelineSupport.checkExports(zip([Self.fixture, alltypes], results).map {
            ["parquet": $0.0, "format": "csv", "output": $0.1.filePath!]
        })
        #expect(mismatches.isEmpty, "\(mismatches)")
        let bad = try PipelineSupport.run([cli, "export", Self.fixture, "/nonexistent/x.parquet", "--format", "csv", "--output-dir", dir.path])
        #expect(bad.status == 1)
        let lines = bad.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].hasPrefix("parquet: /nonexistent/x.parquet: "), "\(bad.stderr)")
        #expect(String(decoding: bad.stdout, as: UTF8.self).contains("(1000 rows"))
    }

    /// `--output PATH` writes exactly that file (replacing it); failures are one line and exit 1.
    @Test func exactOutputAndFailures() throws {
        let dir = try ExportPipelineTests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("exact.data").path
        _ = FileManager.default.createFile(atPath: path, contents: Data("old".utf8))
        let r = try PipelineSupport.run([cli, "export", Self.fixture, "--format", "parquet", "--compression", "zstd", "--output", path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try PipelineSupport.parquetEqual(Self.fixture, path))
        #expect(PipelineSupport.entries(dir.path) == ["exact.data"])
        for args in [["--format", "bogus"], ["--format", "csv", "--compression", "brotli"], ["--format", "csv", "--columns", "nope"],
                     ["--format", "csv", "--output", path, "--filename", "x"], ["--format", "csv", "--limit=-1"]] {
            let f = try PipelineSupport.run([cli, "export", Self.fixture] + args + (args.contains("--output") ? [] : ["--output-dir", dir.path]))
            #expect(f.status != 0, "\(args)")
            #expect(f.stderr.split(separator: "\n").count == 1, "\(args): \(f.stderr)")
        }
        #expect(PipelineSupport.entries(dir.path) == ["exact.data"])
    }

    /// The exact-file destination in the library: exact name even without the extension; xlsx and
    /// parquet refused for standard output before anything is read.
    @Test func libraryDestinations() async throws {
        let dir = try ExportPipelineTests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let exact = await ParquetExporter.export(.file(Self.fixture), options: ExportOptions(format: .ndjson),
                                                 destination: .file(dir.path + "/rows"))
        #expect(exact.success && exact.filePath == dir.path + "/rows" && exact.fileName == "rows")
        let (mismatches, _) = try PipelineSupport.checkExports([["parquet": Self.fixture, "format": "ndjson", "output": dir.path + "/rows"]])
        #expect(mismatches.isEmpty)
        for format in [ExportFormat.xlsx, .parquet] {
            let r = await ParquetExporter.export(.file("/nonexistent.parquet"), options: ExportOptions(format: format), destination: .standardOutput)
            #expect(!r.success && (r.error ?? "").contains("standard output"))
        }
        let meta = await ParquetExporter.export(.file(Self.fixture), options: ExportOptions(format: .csv, includeMetadata: true),
                                                destination: .standardOutput)
        #expect(!meta.success && (meta.error ?? "").contains("sidecar"))
        let missingDir = await ParquetExporter.export(.file(Self.fixture), options: ExportOptions(format: .csv), destination: .file(dir.path + "/no/x.csv"))
        #expect(!missingDir.success && (missingDir.error ?? "").contains("does not exist"))
    }
}
