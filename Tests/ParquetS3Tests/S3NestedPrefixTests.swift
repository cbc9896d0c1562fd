import Foundation
import Testing
import Parquet
import ParquetExport
@testable import ParquetS3

/// Listing and exporting under nested prefixes (`s3://bucket/a/b/`), whose `prefix` query value holds
/// `/` (sent as `%2F`). moto cannot check the signature of such a request (it canonicalises the decoded
/// query; boto3 fails there the same way), so this suite runs on a moto server with signature checking
/// off; how those queries are signed is covered by the botocore differential test.
@Suite(
    .enabled(if: MotoServer.isInstalled, MotoServer.notInstalled),
    .motoServerWithoutAuthentication(objects: NestedPrefixObjects.all))
struct S3NestedPrefixTests: MotoSuite {
    /// Listing `prefix` one key per page gives exactly the `.parquet` keys under it, in key order,
    /// and neither siblings sharing its characters (`many-more/`) nor deeper non-parquet objects.
    @Test(arguments: ["many/", "many/sub/", "many/sub/deeper/", "other/"])
    func nestedPrefixListsOnlyItsParquetObjects(prefix: String) async throws {
        let client = try moto.client(moto.user)
        let before = client.statistics.getRequests
        let sources = try await S3Export.sources(S3Location(parsing: "s3://\(bucket)/\(prefix)"), client: client, maxKeys: 1)
        let expected = NestedPrefixObjects.parquetKeys(under: prefix)
        #expect(!expected.isEmpty)
        #expect(sources.map(\.name) == expected)
        let underPrefix = NestedPrefixObjects.all().keys.filter { $0.hasPrefix(prefix) }.count
        #expect(client.statistics.getRequests - before >= underPrefix, "one page per key (max-keys 1)")
    }

    /// A prefix with no object under it lists nothing; one ending in a key's first characters but not
    /// at a `/` matches by characters, as S3 does.
    @Test func emptyAndPartialPrefixes() async throws {
        let client = try moto.client(moto.user)
        #expect(try await S3Export.sources(S3Location(parsing: "s3://\(bucket)/many/none/"), client: client).isEmpty)
        let partial = try await S3Export.parquetObjects(under: S3Location(bucket: bucket, key: "many/su"), client: client)
        #expect(partial.map(\.key) == NestedPrefixObjects.parquetKeys(under: "many/su"))
    }

    /// Every object under a nested prefix exported at once into a local folder: one result per object,
    /// each file equal to the export of the local fixture.
    @Test func nestedPrefixExportsEveryObject() async throws {
        let client = try moto.client(moto.user)
        let sources = try await S3Export.sources(S3Location(parsing: "s3://\(bucket)/many/sub/"), client: client)
        let dir = try S3OutputTests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let local = await ParquetExporter.export(
            .file(ExportObjects.fixturePath), options: ExportOptions(format: .csv, filename: "local", outputDirectory: dir.path))
        let expected = try Data(contentsOf: URL(fileURLWithPath: try #require(local.filePath)))
        let results = await ParquetExporter.exportMany(
            sources, options: ExportOptions(format: .csv, outputDirectory: dir.path), maxConcurrentExports: 2)
        #expect(results.count == NestedPrefixObjects.parquetKeys(under: "many/sub/").count)
        for result in results {
            #expect(result.success, "\(result.error ?? "")")
            #expect(try Data(contentsOf: URL(fileURLWithPath: try #require(result.filePath))) == expected)
        }
    }
}

enum NestedPrefixObjects {
    /// Parquet objects at several depths, a sibling prefix sharing characters, and non-parquet objects.
    static func all() -> [String: [UInt8]] {
        var objects: [String: [UInt8]] = [
            "many/notes.txt": Array("not parquet".utf8),
            "many/sub/deeper/readme.md": Array("not parquet".utf8),
        ]
        for key in ["many/a.parquet", "many/sub/b.parquet", "many/sub/c.parquet", "many/sub/deeper/d.parquet",
                    "many-more/e.parquet", "other/f.parquet", "top.parquet"] {
            objects[key] = ExportObjects.fixture
        }
        return objects
    }

    /// The `.parquet` keys starting with `prefix`, in key order (S3 lists in UTF-8 byte order).
    static func parquetKeys(under prefix: String) -> [String] {
        all().keys.filter { $0.hasPrefix(prefix) && $0.lowercased().hasSuffix(".parquet") }
            .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }
}
