import Foundation
import Testing
@testable import Parquet

/// Row windows and filtered scans fetch a chunk's dictionary page only when a fetched page needs it:
/// past a writer's fallback from dictionary to plain encoding they skip it, and a page that needs it
/// despite what the chunk's encoding stats say still decodes (the dictionary comes in a second read).
@Suite("Dictionary fetched on demand")
struct DictionaryFetchTests {
    /// 20,000 rows in one row group, small pages and a 4 KiB dictionary limit, so the text column `s`
    /// falls back from dictionary to plain encoding within its first pages; `id` is the row number.
    static let shared = Result {
        try TestSupport.pythonWrittenFile("dict-fallback", """
            import random, pyarrow as pa, pyarrow.parquet as pq
            rng = random.Random(11)
            n = 20000
            t = pa.table({
                "id": pa.array(range(n), pa.int64()),
                "s": pa.array([None if rng.random() < 0.05 else "text-%08d" % rng.randint(0, 10**8) for _ in range(n)]),
            })
            pq.write_table(t, PATH, data_page_size=2048, dictionary_pagesize_limit=4096, write_page_index=True,
                           compression="snappy", use_dictionary=["s"])
            """)
    }

    /// The dictionary page's byte range of column `name` in row group 0 (before its first data page).
    static func dictionaryRange(_ file: ParquetFile, _ name: String) async throws -> Range<Int64> {
        let column = try #require(file.schema.columns.first { $0.dottedPath == name })
        let chunk = file.metadata.rowGroups[0].columns[column.index]
        let (start, _, _) = try file.chunkRange(chunk, column: column)
        let index = try #require(try await file.offsetIndex(rowGroup: 0, column: column))
        return start ..< index.pageLocations[0].offset
    }

    static func overlaps(_ calls: [[Range<Int64>]], _ range: Range<Int64>) -> Bool {
        calls.joined().contains { $0.overlaps(range) }
    }

    @Test func encodingStatsGiveTheLeadingDictionaryPages() async throws {
        let file = try await ParquetFile.open(path: try Self.shared.get())
        let meta = try #require(file.metadata.rowGroups[0].columns[1].metaData)
        let leading = try #require(meta.leadingDictionaryDataPages)
        let pages = try #require(try await file.offsetIndex(rowGroup: 0, column: file.schema.columns[1])).pageLocations.count
        #expect(leading > 0 && leading < pages, "the writer fell back to plain after \(leading) of \(pages) pages")
        let id = try #require(file.metadata.rowGroups[0].columns[0].metaData)
        #expect(id.dictionaryPageOffset == nil && id.leadingDictionaryDataPages == 0, "id's stats list plain data pages only")
    }

    /// Windows past the fallback read no dictionary bytes; a window at the start reads them in the same
    /// single call as its pages. Values equal pyarrow's slices either way, and a filter on the late rows too.
    @Test func windowsAndScansSkipTheDictionaryPastTheFallback() async throws {
        let path = try Self.shared.get()
        let counting = CountingByteSource(try FileByteSource(path: path))
        let file = try await ParquetFile.open(source: counting)
        let dictionary = try await Self.dictionaryRange(file, "s")
        #expect(!dictionary.isEmpty)
        var request: [String: Any] = [:]

        _ = try await file.offsetIndexes(rowGroup: 0, columns: file.schema.columns)
        counting.reset()
        let late = try await file.rowWindowValues(offset: 19_900, limit: 50)
        #expect(!Self.overlaps(counting.callRanges, dictionary), "a window of plain pages fetched the dictionary")
        #expect(counting.calls == 1)
        request["\(path)#19900#50"] = late.map(NestedOracleTests.row)

        counting.reset()
        let early = try await file.rowWindowValues(offset: 3, limit: 20)
        #expect(Self.overlaps(counting.callRanges, dictionary), "a window of dictionary pages needs the dictionary")
        #expect(counting.calls == 1, "the predicted dictionary comes in the same read as the pages")
        request["\(path)#3#20"] = early.map(NestedOracleTests.row)

        counting.reset()
        var scan = try file.scan(where: "id >= 19950")
        var batches: [[ColumnBatch]] = []
        while let b = try await scan.next() { batches.append(b) }
        #expect(!Self.overlaps(counting.callRanges, dictionary), "a filtered scan of plain pages fetched the dictionary")
        let merged = try #require(batches.first).indices.map { i in
            batches.dropFirst().reduce(into: batches[0][i]) { $0.append($1[i]) }
        }
        let filtered = try RecordAssembler(schema: file.schema, batches: merged).rows()
        #expect(filtered.count == 50)
        request["\(path)#19950#50"] = filtered.map(NestedOracleTests.row)

        let out = try TestSupport.runPython(script: "compare_values.py", input: try JSONSerialization.data(withJSONObject: ["files": request]))
        let result = try #require(try JSONSerialization.jsonObject(with: out) as? [String: Any])
        #expect((result["mismatches"] as? [Any] ?? []).isEmpty, "\(result["mismatches"] ?? "")")
    }

    /// A footer whose encoding stats claim every data page of `s` is plain: the window at the start is
    /// predicted not to need the dictionary, its page headers say otherwise, and a second read fetches
    /// it. The values still equal pyarrow's (which reads the pages, not the stats).
    @Test func wrongEncodingStatsCostARoundTripNotAWrongRead() async throws {
        let original = try Self.shared.get()
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: original)))
        let file = try await ParquetFile.open(path: original)
        var metadata = file.metadata
        var meta = try #require(metadata.rowGroups[0].columns[1].metaData)
        let pages = try #require(meta.encodingStats).filter { $0.pageType == .dataPage }.reduce(0) { $0 + $1.count }
        meta.encodingStats = [PageEncodingStats(pageType: .dictionaryPage, encoding: .plain, count: 1),
                              PageEncodingStats(pageType: .dataPage, encoding: .plain, count: pages)]
        metadata.rowGroups[0].columns[1].metaData = meta
        var writer = ThriftCompactWriter()
        metadata.write(to: &writer)
        let footerLength = Int(UInt32(littleEndian: bytes[bytes.count - 8 ..< bytes.count - 4].withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }))
        var forged = Array(bytes[0 ..< bytes.count - 8 - footerLength]) + writer.bytes
        withUnsafeBytes(of: UInt32(writer.bytes.count).littleEndian) { forged.append(contentsOf: $0) }
        forged.append(contentsOf: Array("PAR1".utf8))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dict-forged-\(UUID().uuidString).parquet").path
        try Data(forged).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }

        let counting = CountingByteSource(try FileByteSource(path: path))
        let forgedFile = try await ParquetFile.open(source: counting)
        #expect(forgedFile.metadata.rowGroups[0].columns[1].metaData?.leadingDictionaryDataPages == 0)
        let dictionary = try await Self.dictionaryRange(forgedFile, "s")
        _ = try await forgedFile.offsetIndexes(rowGroup: 0, columns: forgedFile.schema.columns)
        counting.reset()
        let rows = try await forgedFile.rowWindowValues(offset: 3, limit: 20)
        #expect(counting.calls == 2, "pages first, then the dictionary their headers ask for")
        #expect(counting.callRanges.last == [dictionary])
        let out = try TestSupport.runPython(
            script: "compare_values.py",
            input: try JSONSerialization.data(withJSONObject: ["files": ["\(original)#3#20": rows.map(NestedOracleTests.row)]]))
        let result = try #require(try JSONSerialization.jsonObject(with: out) as? [String: Any])
        #expect((result["mismatches"] as? [Any] ?? []).isEmpty, "\(result["mismatches"] ?? "")")
    }
}
