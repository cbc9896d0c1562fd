import Foundation
import TestHelpers

/// The shared seeded generator, for the S3 tests' random requests and bodies.
typealias SplitMix64 = TestHelpers.SplitMix64

/// Runs helper scripts with `python3` (the test oracles and the S3 test servers' setup).
enum Python {
    typealias Failure = OracleProcess.Failure

    /// The python3 executable: `PYTHON` from the environment, else `python3` on PATH.
    static var executable: String { OracleProcess.python }

    /// Runs `python3 script args…` with `input` on stdin and returns stdout; fails on a non-zero exit.
    /// The waiting happens on a thread of its own, never on the Swift cooperative pool.
    static func run(script: String, arguments: [String] = [], input: Data = Data()) async throws -> Data {
        try await offPool { try runBlocking(script: script, arguments: arguments, input: input) }
    }

    /// Runs blocking `work` on a dedicated thread and suspends until it finishes.
    static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await OracleProcess.offPool(work)
    }

    static func runBlocking(script: String, arguments: [String], input: Data) throws -> Data {
        try OracleProcess.python(script: script, arguments: arguments, input: input)
    }
}
