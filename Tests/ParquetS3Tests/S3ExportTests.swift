import Foundation
import Testing
import Parquet
import ParquetExport
@testable import ParquetS3

enum ExportObjects {
    static let fixturePath = TestPaths.packageRoot.appendingPathComponent("Fixtures/wells.parquet").path
    static let fixture = [UInt8](FileManager.default.contents(atPath: fixturePath) ?? Data())
    static func all() -> [String: [UInt8]] { ["data/wells.parquet": fixture] }
}

/// Exports from S3 (moto with signature checking) equal exports of the local file, and projected
/// reads fetch only the footer and coalesced column chunks.
@Suite(
    .enabled(if: MotoServer.isInstalled, MotoServer.notInstalled),
    .motoServer(objects: ExportObjects.all))
struct S3ExportTests {
    var moto: MotoServer { MotoServer.current! }

    @Test(arguments: [ExportFormat.csv, .ndjson, .json, .parquet])
    func exportFromS3EqualsLocal(format: ExportFormat) async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("s3export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = try await S3ByteSource.open(bucket: MotoServer.bucket, key: "data/wells.parquet", client: try moto.client(moto.user))
        let remote = await ParquetExporter.export(.byteSource(source, name: "data/wells.parquet"),
                                                  options: ExportOptions(format: format, filename: "remote", outputDirectory: dir.path))
        let local = await ParquetExporter.export(.file(ExportObjects.fixturePath),
                                                 options: ExportOptions(format: format, filename: "local", outputDirectory: dir.path))
        #expect(remote.success && local.success, "\(remote.error ?? "") \(local.error ?? "")")
        let a = try Data(contentsOf: URL(fileURLWithPath: try #require(remote.filePath)))
        let b = try Data(contentsOf: URL(fileURLWithPath: try #require(local.filePath)))
        #expect(a == b, "S3 and local exports differ")
        #expect(remote.rowCount == 1000)
    }

    @Test func projectedReadFetchesFooterAndCoalescedChunks() async throws {
        let source = try await S3ByteSource.open(bucket: MotoServer.bucket, key: "data/wells.parquet", client: try moto.client(moto.user))
        let file = try await ParquetFile.open(source: source)
        #expect(source.statistics.getRequests == 1)  // the footer came with the first (tail) request
        let cols = try file.resolveColumns(["id", "price"])
        for g in 0 ..< file.rowGroupCount { _ = try await file.readRowGroup(g, columns: cols) }
        // One coalesced GET per row group at most (the last row group may even sit in the cached tail).
        #expect(source.statistics.getRequests <= 1 + file.rowGroupCount, "\(source.statistics.getRequests) GETs")
        let fetched = source.statistics.bytesReceived
        #expect(fetched < Int64(ExportObjects.fixture.count) + Int64(S3ByteSource.Options().tailSize))
    }

    @Test func wrongSecretIsAClearExportError() async throws {
        let bad = S3Credentials(accessKeyId: moto.user.accessKeyId, secretAccessKey: "not-the-secret")
        await #expect(throws: ParquetError.self) {
            _ = try await S3ByteSource.open(bucket: MotoServer.bucket, key: "data/wells.parquet", client: try moto.client(bad, maxAttempts: 1))
        }
        do {
            _ = try await S3ByteSource.open(bucket: MotoServer.bucket, key: "data/wells.parquet", client: try moto.client(bad, maxAttempts: 1))
        } catch let e as ParquetError {
            #expect(e.description.contains("SignatureDoesNotMatch"))
            #expect(!e.description.contains("not-the-secret"))
        }
    }
}
