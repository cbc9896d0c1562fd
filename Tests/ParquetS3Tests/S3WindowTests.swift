import Foundation
import Testing
import Parquet
@testable import ParquetS3

enum WindowObjects {
    /// A 400,000-row file with small pages, two row groups and a page index, written by pyarrow.
    static func indexedFile() -> [UInt8] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("s3window-\(UUID().uuidString).parquet").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let code = """
            import random, pyarrow as pa, pyarrow.parquet as pq
            rng = random.Random(11)
            n = 400000
            t = pa.table({"id": pa.array(range(n), pa.int64()),
                          "name": ["%x" % rng.getrandbits(40) for _ in range(n)],
                          "score": [rng.random() for _ in range(n)]})
            pq.write_table(t, "\(path)", row_group_size=200000, data_page_size=16384, write_page_index=True,
                           compression="snappy", use_dictionary=False)
            """
        guard (try? Python.runBlocking(script: "-c", arguments: [code], input: Data())) != nil else { return [] }
        return [UInt8](FileManager.default.contents(atPath: path) ?? Data())
    }
}

/// Row windows over S3 fetch only the footer, the projected columns' offset indexes and the pages that
/// hold the window, in a bounded number of GET requests; later windows reuse the cached page index.
@Suite(
    .enabled(if: MotoServer.isInstalled, MotoServer.notInstalled),
    .motoServer(objects: { ["data/indexed.parquet": WindowObjects.indexedFile()] }))
struct S3WindowTests {
    var moto: MotoServer { MotoServer.current! }

    @Test func windowRequestsAreBounded() async throws {
        let source = try await S3ByteSource.open(bucket: MotoServer.bucket, key: "data/indexed.parquet", client: try moto.client(moto.user))
        #expect(source.size > 1 << 20, "fixture too small: \(source.size) bytes")
        let file = try await ParquetFile.open(source: source)
        #expect(source.statistics.getRequests == 1)  // the footer came with the tail request
        let opened = source.statistics.snapshot

        let offset: Int64 = 360_000
        let rows = try await file.rowWindowValues(offset: offset, limit: 100, columns: ["id", "name"])
        #expect(rows.count == 100)
        #expect(rows.first?.windowField("id") == .int64(offset))
        #expect(rows.last?.windowField("id") == .int64(offset + 99))
        // Offset indexes (one coalesced GET unless the cached tail held them) + the pages: one GET per
        // projected column at most (the two chunks lie more than the 1 MiB coalescing gap apart).
        let first = source.statistics.snapshot
        #expect(first.getRequests - opened.getRequests <= 3, "first window: \(first.getRequests - opened.getRequests) GETs")
        #expect((first.bytesReceived - opened.bytesReceived) * 20 < source.size,
                "first window fetched \(first.bytesReceived - opened.bytesReceived) of \(source.size) bytes")

        // Scrolling in the same row group: no index read again, at most one GET per projected column.
        for step in 1 ... 4 {
            let before = source.statistics.snapshot
            let next = try await file.rowWindowValues(offset: offset + Int64(step) * 500, limit: 100, columns: ["id", "name"])
            #expect(next.first?.windowField("id") == .int64(offset + Int64(step) * 500))
            let gets = source.statistics.getRequests - before.getRequests
            #expect(gets >= 1 && gets <= 2, "window \(step): \(gets) GETs")
        }
    }
}

/// A selective filter over S3 fetches only the surviving row group's pages (found through the page
/// index) in a bounded number of GET requests.
extension S3WindowTests {
    @Test func filterRequestsAreBounded() async throws {
        let source = try await S3ByteSource.open(bucket: MotoServer.bucket, key: "data/indexed.parquet", client: try moto.client(moto.user))
        let file = try await ParquetFile.open(source: source)
        let opened = source.statistics.snapshot
        var scan = try file.scan(where: "id BETWEEN 310000 AND 310999", columns: ["id", "name"])
        var ids: [Int64] = []
        while let batches = try await scan.next() {
            guard case .int64(let values) = batches[0].values else { Issue.record("id is not int64"); return }
            ids += values
        }
        #expect(ids == Array(310_000 ... 310_999))
        let stats = scan.statistics
        #expect(stats.rowGroupsSkipped == 1 && stats.rowGroupsTotal == 2, "\(stats)")
        #expect(stats.pagesSkipped > 0, "\(stats)")
        let gets = source.statistics.getRequests - opened.getRequests
        let fetched = source.statistics.bytesReceived - opened.bytesReceived
        // Page indexes of the filter column, its surviving pages, then the projected column's pages: a few
        // coalesced GETs, and a small fraction of the object.
        #expect(gets <= 6, "filtered scan: \(gets) GETs")
        #expect(fetched * 20 < source.size, "filtered scan fetched \(fetched) of \(source.size) bytes")
    }
}

private extension Value {
    /// The value of a top-level field of a row.
    func windowField(_ name: String) -> Value? {
        guard case .struct(let fields) = self else { return nil }
        return fields.first { $0.name == name }?.value
    }
}
