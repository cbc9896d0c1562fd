import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The scripted fault proxy (`fault_proxy.py`) between the client under test and moto.
final class FaultProxy: @unchecked Sendable {
    // `process` is only used to stop the proxy.
    let port: Int
    let process: Process

    /// One request the proxy saw.
    struct LogEntry: Decodable {
        var method: String
        var path: String
        var range: String?
        var action: String
        var region: String?
        var connection: Int
    }

    private init(port: Int, process: Process) {
        self.port = port
        self.process = process
    }

    static func start(upstreamPort: Int, directory: URL) async throws -> FaultProxy {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [Python.executable, TestPaths.script("fault_proxy.py"), String(upstreamPort)]
        let stdout = Pipe()
        let log = directory.appendingPathComponent("proxy.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardOutput = stdout
        process.standardError = try FileHandle(forWritingTo: log)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // The first line is "PORT <n>" (read off the cooperative pool: it blocks).
        let reader = stdout.fileHandleForReading
        let text = try await Python.offPool {
            var text = ""
            while !text.contains("\n") {
                let chunk = reader.availableData
                if chunk.isEmpty { break }
                text += String(decoding: chunk, as: UTF8.self)
            }
            return text
        }
        guard let line = text.split(separator: "\n").first, line.hasPrefix("PORT "), let port = Int(line.dropFirst(5)) else {
            LocalServers.stop(process)
            throw Python.Failure(description: "fault proxy did not start: \(text)")
        }
        return FaultProxy(port: port, process: process)
    }

    func stop() {
        LocalServers.stop(process)
    }

    /// The next requests whose path contains `match` (and of `method`, if given) take `actions` in turn.
    func addRule(match: String, method: String? = nil, actions: [String]) async throws {
        var rule: [String: Any] = ["match": match, "actions": actions]
        if let method { rule["method"] = method }
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/__fault__/rules")!)
        request.httpMethod = "POST"
        request.httpBody = try JSONSerialization.data(withJSONObject: rule)
        _ = try await Self.control { try await $0.data(for: request) }
    }

    /// Control requests on a fresh connection each time, retried: a kept-alive connection to the proxy
    /// may have been closed by it (it resets connections on purpose), which is not what these tests test.
    static func control<T>(_ body: (URLSession) async throws -> T) async throws -> T {
        var lastError: (any Error)?
        for _ in 0 ..< 4 {
            let session = URLSession(configuration: .ephemeral)
            defer { session.finishTasksAndInvalidate() }
            do { return try await body(session) } catch {
                lastError = error
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        throw lastError!
    }

    /// Every request forwarded or answered so far whose path contains `match`.
    func log(matching match: String) async throws -> [LogEntry] {
        let url = URL(string: "http://127.0.0.1:\(port)/__fault__/log")!
        let (data, _) = try await Self.control { try await $0.data(from: url) }
        return try JSONDecoder().decode([LogEntry].self, from: data).filter { $0.path.contains(match) }
    }
}
