import Foundation
import ParquetExport

/// Runs Python oracles: one `python3` process per call, the whole batch passed on stdin.
enum PythonOracle {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `python3 -c script` with `input` as standard input and returns standard output.
    /// Extra `arguments` become `sys.argv[1...]`.
    static func run(_ script: String, input: [UInt8] = [], arguments: [String] = []) throws -> [UInt8] {
        let dir = FileManager.default.temporaryDirectory
        let id = UUID().uuidString
        let inputURL = dir.appendingPathComponent("oracle-in-\(id)")
        let errorURL = dir.appendingPathComponent("oracle-err-\(id)")
        defer {
            try? FileManager.default.removeItem(at: inputURL)
            try? FileManager.default.removeItem(at: errorURL)
        }
        try Data(input).write(to: inputURL)
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let stdinHandle = try FileHandle(forReadingFrom: inputURL)
        let stderrHandle = try FileHandle(forWritingTo: errorURL)
        let stdout = Pipe()
        process.standardInput = stdinHandle
        process.standardOutput = stdout
        process.standardError = stderrHandle
        try process.run()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try? stdinHandle.close()
        try? stderrHandle.close()
        guard process.terminationStatus == 0 else {
            let err = (try? String(contentsOf: errorURL, encoding: .utf8)) ?? ""
            throw Failure(description: "python3 exited with \(process.terminationStatus): \(err)")
        }
        return [UInt8](output)
    }

    /// Runs a script that prints one JSON document and decodes it.
    static func json<T: Decodable>(
        _ type: T.Type, _ script: String, input: [UInt8] = [], arguments: [String] = []
    ) throws -> T {
        let out = try run(script, input: input, arguments: arguments)
        return try JSONDecoder().decode(T.self, from: Data(out))
    }
}

/// SplitMix64: a small seeded generator so every test run sees the same values.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension OutputBuffer {
    /// The content as a String (tests only).
    func string() -> String { withUnsafeBytes { String(decoding: $0, as: UTF8.self) } }
}

/// Renders one value into a fresh buffer and returns the text (tests only).
func render(_ body: (inout OutputBuffer) -> Void) -> String {
    var out = OutputBuffer(capacity: 64)
    body(&out)
    return out.string()
}
