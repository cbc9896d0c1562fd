// Running the Python oracles (and other helper programs) from the tests of every target.

import Foundation

/// Runs a command (through `/usr/bin/env`, so `python3` is found on PATH) with bytes on standard input
/// and returns its standard output. Standard input and error go through temporary files, so no pipe
/// can fill up and dead-lock; a non-zero exit throws ``Failure`` with the command's standard error.
public enum OracleProcess {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    /// The python3 executable: `PYTHON` from the environment, else `python3` on PATH.
    public static var python: String {
        ProcessInfo.processInfo.environment["PYTHON"] ?? "python3"
    }

    /// Runs `command` (its first element is looked up on PATH) with `input` as standard input.
    public static func run(_ command: [String], input: Data = Data()) throws -> Data {
        let dir = FileManager.default.temporaryDirectory
        let id = UUID().uuidString
        let inputURL = dir.appendingPathComponent("oracle-in-\(id)")
        let errorURL = dir.appendingPathComponent("oracle-err-\(id)")
        defer {
            try? FileManager.default.removeItem(at: inputURL)
            try? FileManager.default.removeItem(at: errorURL)
        }
        try input.write(to: inputURL)
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        let stdinHandle = try FileHandle(forReadingFrom: inputURL)
        let stderrHandle = try FileHandle(forWritingTo: errorURL)
        defer {
            try? stdinHandle.close()
            try? stderrHandle.close()
        }
        let stdout = Pipe()
        process.standardInput = stdinHandle
        process.standardOutput = stdout
        process.standardError = stderrHandle
        try process.run()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let err = (try? String(contentsOf: errorURL, encoding: .utf8)) ?? ""
            throw Failure(description: "\(command.prefix(2).joined(separator: " ")) exited with \(process.terminationStatus): \(err)")
        }
        return output
    }

    /// Runs `python3 script arguments…` (a path, or `-c` and code as the first argument).
    public static func python(script: String, arguments: [String] = [], input: Data = Data()) throws -> Data {
        try run([python, script] + arguments, input: input)
    }

    /// Runs blocking `work` on a thread of its own and suspends until it finishes, so waiting for a
    /// process never occupies the Swift cooperative pool.
    public static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }
}
