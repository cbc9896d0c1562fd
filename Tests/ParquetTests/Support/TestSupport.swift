import Foundation
import TestHelpers
@testable import Parquet

/// The shared seeded generator under the names the engine tests use.
typealias SplitMix64 = TestHelpers.SplitMix64
typealias SeededGenerator = TestHelpers.SplitMix64

/// Locations and helpers shared by the engine tests.
enum TestSupport {
    /// Root of this package (found from this file's path).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The apache/parquet-testing checkout (`PARQUET_TESTING_DIR` overrides `../shared/parquet-testing`).
    static var parquetTestingDir: URL {
        if let env = ProcessInfo.processInfo.environment["PARQUET_TESTING_DIR"] { return URL(fileURLWithPath: env) }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/parquet-testing")
    }

    static func corpusFile(_ name: String) -> String {
        parquetTestingDir.appendingPathComponent("data").appendingPathComponent(name).path
    }

    static func badDataFile(_ name: String) -> String {
        parquetTestingDir.appendingPathComponent("bad_data").appendingPathComponent(name).path
    }

    /// All `.parquet` files of `data/` (recursively), sorted.
    static func corpusFiles() -> [String] {
        let dir = parquetTestingDir.appendingPathComponent("data")
        guard let e = FileManager.default.enumerator(atPath: dir.path) else { return [] }
        var out: [String] = []
        while let f = e.nextObject() as? String {
            if f.hasSuffix(".parquet") { out.append(dir.appendingPathComponent(f).path) }
        }
        return out.sorted()
    }

    /// Runs `python3 script` (from Tests/Oracles) with `input` on stdin and returns stdout; throws with
    /// stderr on failure.
    static func runPython(script: String, arguments: [String] = [], input: Data = Data()) throws -> Data {
        try run(["python3", packageRoot.appendingPathComponent("Tests/Oracles").appendingPathComponent(script).path] + arguments,
                input: input)
    }

    /// Runs a Python snippet given inline (for quick oracle values).
    static func python(_ code: String, input: Data = Data()) throws -> Data {
        try run(["python3", "-c", code], input: input)
    }

    /// Writes a Parquet file with a Python snippet that names its output `PATH` (replaced by a new
    /// temporary file's quoted path) and returns the path.
    static func pythonWrittenFile(_ prefix: String, _ code: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString).parquet").path
        _ = try python(code.replacingOccurrences(of: "PATH", with: "'\(path)'"))
        return path
    }

    /// Runs a command with stdin from `input` (see `OracleProcess`); failures become `ParquetError`s.
    static func run(_ command: [String], input: Data) throws -> Data {
        do {
            return try OracleProcess.run(command, input: input)
        } catch let failure as OracleProcess.Failure {
            throw ParquetError(.io, failure.description)
        }
    }
}
