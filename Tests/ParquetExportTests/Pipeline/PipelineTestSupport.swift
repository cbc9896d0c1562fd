import Foundation
import Parquet
@testable import ParquetExport

#if canImport(Glibc)
import Glibc
#endif

/// Inputs, the built CLI and file-system helpers for the pipeline fault, destination and concurrency tests.
enum PipelineSupport {
    static let root = ExportPipelineTests.root
    static let fixture = ExportPipelineTests.fixture

    /// A generated 400,000-row file in 8 row groups (Tests/Oracles/gen_export_input.py), made once.
    static let bigFile: String = generate(rows: 400_000, perGroup: 50_000)

    static func generate(rows: Int, perGroup: Int) -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("export-big-\(UUID().uuidString).parquet").path
        _ = try? run(["python3", root.appendingPathComponent("Tests/Oracles/gen_export_input.py").path, path, "\(rows)", "\(perGroup)"])
        return path
    }

    /// The `parquet` executable built next to the test bundle (or in .build/debug).
    static var cli: String? {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("parquet").path,
            root.appendingPathComponent(".build/debug/parquet").path,
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    struct Run {
        var status: Int32
        var stdout: Data
        var stderr: String
    }

    /// Runs a command; stdout and stderr go through files (no pipe can fill up). `stdout` overrides
    /// where standard output goes (e.g. /dev/full).
    static func run(_ command: [String], stdout: String? = nil, environment: [String: String]? = nil,
                    directory: String? = nil) throws -> Run {
        let tmp = FileManager.default.temporaryDirectory
        let outURL = URL(fileURLWithPath: stdout ?? tmp.appendingPathComponent("run-out-\(UUID().uuidString)").path)
        let errURL = tmp.appendingPathComponent("run-err-\(UUID().uuidString)")
        if stdout == nil { _ = FileManager.default.createFile(atPath: outURL.path, contents: nil) }
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            if stdout == nil { try? FileManager.default.removeItem(at: outURL) }
            try? FileManager.default.removeItem(at: errURL)
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: command[0].hasPrefix("/") ? command[0] : "/usr/bin/env")
        p.arguments = command[0].hasPrefix("/") ? Array(command.dropFirst()) : command
        if let environment { p.environment = environment }
        if let directory { p.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = outHandle
        p.standardError = errHandle
        try p.run()
        p.waitUntilExit()
        try? outHandle.close()
        try? errHandle.close()
        let out = stdout == nil ? (try? Data(contentsOf: outURL)) ?? Data() : Data()
        return Run(status: p.terminationStatus, stdout: out,
                   stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }

    /// Every entry of a directory, hidden ones included.
    static func entries(_ dir: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
    }

    /// Bytes and modification time of a file (to show a source is untouched).
    static func fingerprint(_ path: String) -> (Data, Int, Int) {
        var st = stat()
        _ = stat(path, &st)
        return ((try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data(), st.st_mtim.tv_sec, st.st_mtim.tv_nsec)
    }

    /// Runs Tests/Oracles/check_export.py over `checks`; returns the mismatches and the cells checked.
    static func checkExports(_ checks: [[String: Any]]) throws -> (mismatches: [Any], checked: Int) {
        let result = try ExportPipelineTests.python(
            script: "check_export.py", input: try JSONSerialization.data(withJSONObject: ["checks": checks]))
        return (result["mismatches"] as? [Any] ?? ["no result"], result["checked"] as? Int ?? 0)
    }

    /// Whether pyarrow reads `output` (parquet) with the same rows as `source` (projected/limited).
    static func parquetEqual(_ source: String, _ output: String) throws -> Bool {
        let code = "import sys, pyarrow.parquet as pq; print(pq.read_table(sys.argv[1]).to_pylist() == pq.read_table(sys.argv[2]).to_pylist())"
        let r = try run(["python3", "-c", code, source, output])
        return String(decoding: r.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) == "True"
    }

    /// Mounts a tmpfs of `size` at `dir` (needs root and mount permission); false when not permitted.
    static func mountTmpfs(_ dir: String, size: String) -> Bool {
        (try? run(["mount", "-t", "tmpfs", "-o", "size=\(size)", "tmpfs", dir]))?.status == 0
    }

    /// Bind-mounts `source` read-only at `target`; false when not permitted.
    static func mountReadOnly(_ source: String, at target: String) -> Bool {
        guard (try? run(["mount", "--bind", source, target]))?.status == 0 else { return false }
        if (try? run(["mount", "-o", "remount,ro,bind", target]))?.status == 0 { return true }
        unmount(target)
        return false
    }

    static func unmount(_ dir: String) {
        _ = try? run(["umount", dir])
    }
}
