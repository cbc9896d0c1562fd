import Foundation
import Testing
import Parquet
import ParquetExport
@testable import ParquetS3

enum OutputObjects {
    /// A generated 400,000-row file (Tests/Oracles/gen_export_input.py); its CSV is tens of MiB.
    static let bigPath: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("s3-big-\(UUID().uuidString).parquet").path
        _ = try? Python.runBlocking(
            script: TestPaths.packageRoot.appendingPathComponent("Tests/Oracles/gen_export_input.py").path,
            arguments: [path, "400000", "50000"], input: Data())
        return path
    }()
    static let prefixKeys = ["many/a.parquet", "many/b.parquet", "many/c.parquet", "many/d.parquet", "many/sub/e.PARQUET"]

    static func all() -> [String: [UInt8]] {
        ["big/big.parquet": [UInt8](FileManager.default.contents(atPath: bigPath) ?? Data())]
    }

    /// The prefix suite's bucket: five parquet objects (one with an upper-case extension) and a text file.
    static func prefixObjects() -> [String: [UInt8]] {
        var objects: [String: [UInt8]] = ["many/readme.txt": Array("not parquet".utf8)]
        for key in prefixKeys { objects[key] = ExportObjects.fixture }
        return objects
    }
}

/// A file source whose reads in the middle of the file fail: the export fails after writing part of
/// its output.
final class FailingMidwaySource: ByteSource, @unchecked Sendable {
    // Immutable after init, hence @unchecked Sendable.
    let file: FileByteSource
    var size: Int64 { file.size }
    init(path: String) throws { file = try FileByteSource(path: path) }
    func read(offset: Int64, length: Int) async throws -> [UInt8] {
        if offset > size / 2 && offset + Int64(length) < size - 16_384 {
            throw ParquetError(.io, "injected read failure at offset \(offset)")
        }
        return try await file.read(offset: offset, length: length)
    }
}

/// Exports written to S3 (moto, signatures checked) through S3ObjectWriter.
@Suite(
    .enabled(if: MotoServer.isInstalled, MotoServer.notInstalled),
    .motoServer(objects: OutputObjects.all))
struct S3OutputTests: MotoSuite {
    /// The bytes of a ZIP archive with the modification time and date of every local file header and
    /// central directory record set to zero.
    static func maskingZipTimes(_ zip: [UInt8]) -> [UInt8] {
        var out = zip
        var i = 0
        while i + 46 <= out.count {
            if out[i] == 0x50, out[i + 1] == 0x4B {
                if out[i + 2] == 3, out[i + 3] == 4 { for k in 10 ..< 14 { out[i + k] = 0 } }
                if out[i + 2] == 1, out[i + 3] == 2 { for k in 12 ..< 16 { out[i + k] = 0 } }
            }
            i += 1
        }
        return out
    }

    static func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("s3out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// An S3 export equals the local export byte for byte: small ones (one PUT) in every format, and a
    /// large CSV (multipart, 5 MiB parts).
    @Test(arguments: [("small", ExportFormat.csv), ("small", .json), ("small", .ndjson), ("small", .xlsx), ("small", .parquet), ("big", .csv)])
    func s3OutputEqualsLocal(size: String, format: ExportFormat) async throws {
        let client = try moto.client(moto.user)
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = size == "big" ? OutputObjects.bigPath : ExportObjects.fixturePath
        var options = ExportOptions(format: format, filename: "out-\(size)", outputDirectory: dir.path)
        options.includeMetadata = format == .csv
        let local = await ParquetExporter.export(.file(input), options: options)
        let key = "exports/\(size)-\(format.rawValue).\(format.rawValue)"
        let remote = await ParquetExporter.export(
            .file(input), options: options,
            destination: .s3(S3Location(bucket: bucket, key: key), client: client, partSize: 5 << 20))
        #expect(local.success && remote.success, "\(local.error ?? "") \(remote.error ?? "")")
        #expect(remote.filePath == "s3://\(bucket)/\(key)" && remote.fileSize == local.fileSize)
        let uploaded = try await object(key, client: client)
        let expected = [UInt8](try Data(contentsOf: URL(fileURLWithPath: try #require(local.filePath))))
        // An XLSX's ZIP entries carry the time of the export (DOS time and date): masked, the rest must match.
        let same = format == .xlsx ? Self.maskingZipTimes(uploaded) == Self.maskingZipTimes(expected) : uploaded == expected
        #expect(same, "S3 and local exports differ (\(uploaded.count) vs \(expected.count) bytes)")
        if size == "big" { #expect(expected.count > 10 << 20, "large enough for several parts") }
        if format == .csv {
            let sidecar = try await object(OutputNaming.sidecarName(for: key), client: client)
            let localSidecar = try Data(contentsOf: URL(fileURLWithPath: OutputNaming.sidecarName(for: local.filePath!)))
            #expect(Data(sidecar) == localSidecar)
        }
        #expect(try await !moto.pendingUploads().contains(key))
    }

    /// A failure part way through a multipart upload, and a cancellation, leave no object and no
    /// unfinished multipart upload.
    @Test(arguments: ["failure", "cancellation"])
    func failedS3ExportLeavesNothing(kind: String) async throws {
        let client = try moto.client(moto.user)
        let key = "exports/failed-\(kind).csv"
        let destination = ExportDestination.s3(S3Location(bucket: bucket, key: key), client: client, partSize: 5 << 20)
        let log = UploadProgress()
        let result: ExportResult
        if kind == "failure" {
            let source = try FailingMidwaySource(path: OutputObjects.bigPath)
            result = await ParquetExporter.export(.byteSource(source, name: "big.parquet"), options: ExportOptions(format: .csv),
                                                  destination: destination) { p in log.add(p) }
            #expect((result.error ?? "").contains("injected read failure"), "\(result.error ?? "")")
        } else {
            // Cancelled from the progress handler (it runs in the export's task) after 3 row groups.
            result = await Task {
                await ParquetExporter.export(.file(OutputObjects.bigPath), options: ExportOptions(format: .csv), destination: destination) { p in
                    log.add(p)
                    if log.exportingEvents == 3 && p.stage == .exporting { withUnsafeCurrentTask { $0?.cancel() } }
                }
            }.value
            #expect((result.error ?? "").contains("cancelled"), "\(result.error ?? "")")
        }
        #expect(!result.success)
        #expect(log.exportingEvents >= 3, "several row groups were written (parts uploaded) before the failure")
        #expect(await !exists(key, client: client))
        #expect(try await !moto.pendingUploads().contains(key), "an unfinished multipart upload remains")
    }
}

/// Exports of every `.parquet` object under a prefix, on a server of their own holding only those
/// objects. The whole bucket is the prefix here: moto (signature checks on) rejects signed listings
/// whose prefix holds a `/` (it canonicalises the query unencoded; botocore fails the same way).
@Suite(
    .enabled(if: MotoServer.isInstalled, MotoServer.notInstalled),
    .motoServer(objects: OutputObjects.prefixObjects))
struct S3PrefixExportTests: MotoSuite {
    /// Every `.parquet` object under a prefix, listed across pages (max-keys 2), exported with exportMany
    /// into an S3 prefix: one result each, each object equal to the local export.
    @Test func prefixExportPaginatesAndExportsAll() async throws {
        let client = try moto.client(moto.user)
        let before = client.statistics.getRequests
        let sources = try await S3Export.sources(S3Location(parsing: "s3://\(bucket)/"), client: client, maxKeys: 2)
        #expect(sources.map(\.name) == OutputObjects.prefixKeys)
        #expect(client.statistics.getRequests - before >= 3, "the 6 keys took 3 pages of 2")
        let dir = try S3OutputTests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let local = await ParquetExporter.export(.file(ExportObjects.fixturePath), options: ExportOptions(format: .ndjson, filename: "l", outputDirectory: dir.path))
        let expected = [UInt8](try Data(contentsOf: URL(fileURLWithPath: try #require(local.filePath))))
        let results = await ParquetExporter.exportMany(
            sources, options: ExportOptions(format: .ndjson, filename: "rows"),
            destination: .s3(S3Location(bucket: bucket, key: "exported/"), client: client), maxConcurrentExports: 3)
        #expect(results.count == 5 && results.allSatisfy(\.success), "\(results.map { $0.error ?? "ok" })")
        let keys = Set(results.compactMap(\.filePath))
        #expect(keys.count == 5, "numbered names for equal names: \(keys)")
        #expect(keys.contains("s3://\(bucket)/exported/rows.ndjson"))
        for r in results {
            let key = String(try #require(r.filePath).dropFirst("s3://\(bucket)/".count))
            #expect(try await object(key, client: client) == expected, "\(key)")
        }
    }

    /// The CLI exports an S3 prefix into an S3 prefix and prints one JSON result per object.
    @Test func cliExportsPrefix() async throws {
        let cli = TestPaths.packageRoot.appendingPathComponent(".build/debug/parquet").path
        let bundled = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("parquet").path
        let executable = try #require([bundled, cli].first { FileManager.default.isExecutableFile(atPath: $0) }, "the parquet CLI is not built")
        var environment = ProcessInfo.processInfo.environment
        environment["AWS_ACCESS_KEY_ID"] = moto.user.accessKeyId
        environment["AWS_SECRET_ACCESS_KEY"] = moto.user.secretAccessKey
        environment["AWS_REGION"] = "us-east-1"
        let env = environment
        let endpoint = moto.endpoint  // the task-local server is not visible on the helper thread
        let output = try await Python.offPool { () throws -> (Int32, Data) in
            let p = Process()
            p.executableURL = URL(fileURLWithPath: executable)
            p.arguments = ["export", "s3://\(MotoServer.bucket)/", "--endpoint-url", endpoint, "--format", "csv",
                           "--output-dir", "s3://\(MotoServer.bucket)/cli-out", "--limit", "10", "--json"]
            p.environment = env
            let pipe = Pipe()
            p.standardOutput = pipe
            p.standardError = FileHandle.nullDevice
            try p.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return (p.terminationStatus, data)
        }
        #expect(output.0 == 0)
        let results = try JSONDecoder().decode([ExportResult].self, from: output.1)
        #expect(results.count == 5 && results.allSatisfy { $0.success && $0.rowCount == 10 })
        #expect(results.allSatisfy { ($0.filePath ?? "").hasPrefix("s3://\(MotoServer.bucket)/cli-out/") })
        let client = try moto.client(moto.user)
        for r in results {
            let key = String(r.filePath!.dropFirst("s3://\(MotoServer.bucket)/".count))
            #expect(await exists(key, client: client))
        }
    }
}

/// The running suite's moto server and object helpers.
protocol MotoSuite {}

extension MotoSuite {
    var moto: MotoServer { MotoServer.current! }
    var bucket: String { MotoServer.bucket }

    func object(_ key: String, client: S3Client) async throws -> [UInt8] {
        try await client.getObject(bucket: bucket, key: key, maxBytes: 1 << 30).body
    }

    func exists(_ key: String, client: S3Client) async -> Bool {
        (try? await client.headObject(bucket: bucket, key: key)) != nil
    }
}

/// Progress events seen by an S3 export.
final class UploadProgress: @unchecked Sendable {
    // Only touched under `lock`, hence @unchecked Sendable.
    private let lock = NSLock()
    private var exporting = 0
    private var done = false
    func add(_ p: ExportProgress) {
        lock.withLock {
            if p.stage == .exporting { exporting += 1 }
            if p.stage == .completed || p.stage == .error { done = true }
        }
    }
    var exportingEvents: Int { lock.withLock { exporting } }
    var finished: Bool { lock.withLock { done } }
}
