import Foundation
import Testing
@testable import Parquet

/// ColumnMetaData `key_value_metadata`: written per column, changed per row group, kept by the rewriter.
@Suite struct ColumnKeyValueMetadataTests {
    /// Per row group and column: the chunk's key-value metadata as pyarrow reads it (`{}` when absent).
    static func pyarrowChunkMetadata(_ path: String) throws -> [[[String: String]]] {
        let out = try TestSupport.python("""
        import json, sys, pyarrow.parquet as pq
        m = pq.ParquetFile(sys.stdin.read()).metadata
        print(json.dumps([[{k.decode(): v.decode() for k, v in (m.row_group(g).column(c).metadata or {}).items()}
                          for c in range(m.num_columns)] for g in range(m.num_row_groups)]))
        """, input: Data(path.utf8))
        return try JSONDecoder().decode([[[String: String]]].self, from: out)
    }

    @Test func writtenPerChunkAndKeptByRewrite() async throws {
        let schema = try Schema(fields: [.int32("a"), .string("b")])
        var options = ParquetWriterOptions()
        options.columns["a"] = ColumnWriteOptions(keyValueMetadata: [KeyValue(key: "unit", value: "m"), KeyValue(key: "src", value: "x")])
        let sink = MemorySink()
        let writer = try ParquetWriter(schema: schema, sink: sink, options: options)
        var rng = SeededGenerator(seed: 3)
        try writer.write(batches: schema.columns.map { WriterTestSupport.flatBatch(for: $0, rows: 100, rng: &rng) })
        try writer.endRowGroup()
        try writer.setKeyValueMetadata([KeyValue(key: "unit", value: "km")], column: "a")
        try writer.setKeyValueMetadata([KeyValue(key: "lang", value: "de")], column: "b")
        #expect(throws: ParquetError.self) { try writer.setKeyValueMetadata(nil, column: "zz") }
        try writer.write(batches: schema.columns.map { WriterTestSupport.flatBatch(for: $0, rows: 50, rng: &rng) })
        try writer.close()
        let path = try WriterTestSupport.temporaryFile(sink.bytes)
        let out = WriterTestSupport.temporaryPath("kv-rewrite.parquet")
        defer {
            try? FileManager.default.removeItem(atPath: path)
            try? FileManager.default.removeItem(atPath: out)
        }
        let expected: [[[String: String]]] = [[["unit": "m", "src": "x"], [:]], [["unit": "km"], ["lang": "de"]]]
        #expect(try Self.pyarrowChunkMetadata(path) == expected)

        // Same row groups: each chunk keeps its own entries.
        try await ParquetRewriter.rewrite(inputPath: path, outputPath: out, options: try .parse(compression: "zstd"))
        #expect(try Self.pyarrowChunkMetadata(out) == expected)
        // New row groups: every chunk gets the column's entries of all input chunks (later ones win).
        try await ParquetRewriter.rewrite(inputPath: path, outputPath: out, options: try .parse(rowGroupRows: 60))
        let merged = try Self.pyarrowChunkMetadata(out)
        #expect(merged.count == 3)
        #expect(merged.allSatisfy { $0 == [["unit": "km", "src": "x"], ["lang": "de"]] })
        // Dropped when asked.
        var drop = try ParquetRewriter.Options.parse()
        drop.keepColumnKeyValueMetadata = false
        try await ParquetRewriter.rewrite(inputPath: path, outputPath: out, options: drop)
        #expect(try Self.pyarrowChunkMetadata(out) == [[[:], [:]], [[:], [:]]])
    }
}
