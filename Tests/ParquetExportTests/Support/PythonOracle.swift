import Foundation
import ParquetExport
import TestHelpers

/// Runs Python oracles: one `python3` process per call, the whole batch passed on stdin.
enum PythonOracle {
    /// Runs `python3 -c script` with `input` as standard input and returns standard output.
    /// Extra `arguments` become `sys.argv[1...]`.
    static func run(_ script: String, input: [UInt8] = [], arguments: [String] = []) throws -> [UInt8] {
        [UInt8](try OracleProcess.run(["python3", "-c", script] + arguments, input: Data(input)))
    }

    /// Runs a script that prints one JSON document and decodes it.
    static func json<T: Decodable>(
        _ type: T.Type, _ script: String, input: [UInt8] = [], arguments: [String] = []
    ) throws -> T {
        let out = try run(script, input: input, arguments: arguments)
        return try JSONDecoder().decode(T.self, from: Data(out))
    }
}

/// The shared seeded generator under the name the export tests use.
typealias SeededGenerator = SplitMix64

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
