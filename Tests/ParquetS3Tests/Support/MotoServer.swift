import Foundation
import ParquetS3
import Testing

/// A moto S3 server with signature checking on, started by the test suite itself on a free port of
/// 127.0.0.1 and stopped by its process at the end (see ``MotoServerTrait``).
final class MotoServer: @unchecked Sendable {
    // `process` is only used to stop the server; everything else is immutable.
    /// The bucket the setup creates.
    static let bucket = "parquet-tests"

    /// `moto_server` on PATH, if installed.
    static let executable = LocalServers.which("moto_server")
    static var isInstalled: Bool { executable != nil }
    static let notInstalled: Comment = "moto_server is not installed (pip install 'moto[server]')"

    /// The server of the running suite.
    @TaskLocal static var current: MotoServer?

    let port: Int
    let process: Process
    let directory: URL
    /// The objects uploaded at setup, by key.
    let objects: [String: [UInt8]]
    /// The IAM user's access key (allowed s3:* and sts:*).
    let user: S3Credentials
    /// Session credentials from STS AssumeRole.
    let session: S3Credentials
    /// The fault proxy in front of moto, when the suite asked for one.
    let proxy: FaultProxy?

    var endpoint: String { "http://127.0.0.1:\(port)" }

    private init(
        port: Int, process: Process, directory: URL, objects: [String: [UInt8]], user: S3Credentials,
        session: S3Credentials, proxy: FaultProxy?
    ) {
        self.port = port
        self.process = process
        self.directory = directory
        self.objects = objects
        self.user = user
        self.session = session
        self.proxy = proxy
    }

    struct SetupOutput: Decodable {
        struct Keys: Decodable {
            var access_key_id: String
            var secret_access_key: String
            var session_token: String?
        }
        var user: Keys
        var session: Keys
    }

    /// Starts moto, uploads `objects` to ``bucket`` with boto3, switches authentication on (unless
    /// `authentication` is false: moto then accepts any signature), gets session credentials; starts the
    /// fault proxy too when asked.
    static func start(objects: [String: [UInt8]], withProxy: Bool, authentication: Bool = true) async throws -> MotoServer {
        guard let executable else { throw Python.Failure(description: "moto_server is not installed") }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("moto-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let port = try LocalServers.freePort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-H", "127.0.0.1", "-p", String(port)]
        let log = directory.appendingPathComponent("moto.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let logHandle = try FileHandle(forWritingTo: log)
        process.standardOutput = logHandle
        process.standardError = logHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        do {
            guard await LocalServers.waitUntilListening(port: port, timeout: 120) else {
                throw Python.Failure(description: "moto_server did not start listening on port \(port)")
            }
            var specObjects: [[String: String]] = []
            for (index, (key, bytes)) in objects.sorted(by: { $0.key < $1.key }).enumerated() {
                let file = directory.appendingPathComponent("object-\(index)")
                try Data(bytes).write(to: file)
                specObjects.append(["bucket": bucket, "key": key, "path": file.path])
            }
            let spec = try JSONSerialization.data(
                withJSONObject: ["buckets": [bucket], "objects": specObjects, "authentication": authentication] as [String: Any])
            let output = try await Python.run(
                script: TestPaths.script("moto_setup.py"), arguments: ["http://127.0.0.1:\(port)", "setup"], input: spec)
            let keys = try JSONDecoder().decode(SetupOutput.self, from: output)
            let proxy = withProxy ? try await FaultProxy.start(upstreamPort: port, directory: directory) : nil
            return MotoServer(
                port: port, process: process, directory: directory, objects: objects,
                user: S3Credentials(accessKeyId: keys.user.access_key_id, secretAccessKey: keys.user.secret_access_key),
                session: S3Credentials(
                    accessKeyId: keys.session.access_key_id, secretAccessKey: keys.session.secret_access_key,
                    sessionToken: keys.session.session_token),
                proxy: proxy)
        } catch {
            LocalServers.stop(process)
            throw error
        }
    }

    func stop() {
        proxy?.stop()
        LocalServers.stop(process)
        try? FileManager.default.removeItem(at: directory)
    }

    /// A client for this server (or its proxy), path-style, with quick retries for tests.
    func client(
        _ credentials: S3Credentials?, throughProxy: Bool = false, maxAttempts: Int = 4,
        lowSpeedTime: Duration = .seconds(30), maxConcurrency: Int = 4
    ) throws -> S3Client {
        let port = throughProxy ? proxy!.port : self.port
        let configuration = S3Configuration(
            credentials: credentials, region: "us-east-1", endpoint: try S3Endpoint(url: "http://127.0.0.1:\(port)"),
            maxConcurrency: maxConcurrency, connectTimeout: .seconds(5), lowSpeedTime: lowSpeedTime,
            retryPolicy: S3RetryPolicy(maxAttempts: maxAttempts, initialBackoff: .milliseconds(10), maxBackoff: .milliseconds(200)))
        return S3Client(configuration: configuration)
    }

    /// Unfinished multipart uploads in the bucket, asked of boto3.
    func pendingUploads() async throws -> [String] {
        let output = try await Python.run(
            script: TestPaths.script("moto_setup.py"),
            arguments: [endpoint, "uploads", Self.bucket, user.accessKeyId, user.secretAccessKey])
        let list = try JSONSerialization.jsonObject(with: output) as? [[String: String]] ?? []
        return list.compactMap { $0["key"] }
    }
}

/// Starts a moto server (and optionally the fault proxy) around a suite, stops it afterwards.
struct MotoServerTrait: SuiteTrait, TestScoping {
    let objects: @Sendable () -> [String: [UInt8]]
    let withProxy: Bool
    var authentication = true
    var isRecursive: Bool { false }

    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let server = try await MotoServer.start(objects: objects(), withProxy: withProxy, authentication: authentication)
        defer { server.stop() }
        try await MotoServer.$current.withValue(server) { try await function() }
    }
}

extension Trait where Self == MotoServerTrait {
    /// Runs the suite against a fresh moto server holding `objects`.
    static func motoServer(withProxy: Bool = false, objects: @escaping @Sendable () -> [String: [UInt8]]) -> Self {
        MotoServerTrait(objects: objects, withProxy: withProxy)
    }

    /// Runs the suite against a fresh moto server holding `objects` whose signature checking stays off,
    /// for requests that moto cannot verify though they are signed correctly (see ../shared/README.md:
    /// it canonicalises the decoded query, so a listing prefix holding `/` fails its check; the botocore
    /// differential test covers how such queries are signed).
    static func motoServerWithoutAuthentication(objects: @escaping @Sendable () -> [String: [UInt8]]) -> Self {
        MotoServerTrait(objects: objects, withProxy: false, authentication: false)
    }
}
