import Foundation

/// Runs helper scripts with `python3` (the test oracles and the S3 test servers' setup).
enum Python {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The python3 executable: `PYTHON` from the environment, else `python3` on PATH.
    static var executable: String {
        ProcessInfo.processInfo.environment["PYTHON"] ?? "python3"
    }

    /// Runs `python3 script args…` with `input` on stdin and returns stdout; fails on a non-zero exit.
    /// The waiting happens on a thread of its own, never on the Swift cooperative pool.
    static func run(script: String, arguments: [String] = [], input: Data = Data()) async throws -> Data {
        try await offPool { try runBlocking(script: script, arguments: arguments, input: input) }
    }

    /// Runs blocking `work` on a dedicated thread and suspends until it finishes.
    static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }

    static func runBlocking(script: String, arguments: [String], input: Data) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable, script] + arguments
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // Write stdin and drain both outputs concurrently so no pipe fills up.
        let errBox = DataBox()
        let outBox = DataBox()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { outBox.data = stdout.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { errBox.data = stderr.fileHandleForReading.readDataToEndOfFile() }
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        group.wait()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(script) exited with \(process.terminationStatus): "
                + String(decoding: errBox.data, as: UTF8.self))
        }
        return outBox.data
    }
}

/// A mutable box handed to a Dispatch block (written once, read after `group.wait()`).
final class DataBox: @unchecked Sendable {
    var data = Data()
}
