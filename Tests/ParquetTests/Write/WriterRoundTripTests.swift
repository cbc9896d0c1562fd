import Foundation
import Testing
@testable import Parquet

/// A physical type with one of the encodings it allows (`.rleDictionary` = dictionary, PLAIN fallback).
struct EncodingCase: CustomStringConvertible, Sendable {
    var type: PhysicalType
    var encoding: Encoding
    var description: String { "\(type)/\(encoding)" }

    static let all: [EncodingCase] = {
        let table: [(PhysicalType, [Encoding])] = [
            (.boolean, [.plain, .rle]),
            (.int32, [.plain, .rleDictionary, .deltaBinaryPacked, .byteStreamSplit]),
            (.int64, [.plain, .rleDictionary, .deltaBinaryPacked, .byteStreamSplit]),
            (.int96, [.plain, .rleDictionary]),
            (.float, [.plain, .rleDictionary, .byteStreamSplit]),
            (.double, [.plain, .rleDictionary, .byteStreamSplit]),
            (.byteArray, [.plain, .rleDictionary, .deltaLengthByteArray, .deltaByteArray]),
            (.fixedLenByteArray, [.plain, .rleDictionary, .deltaByteArray, .byteStreamSplit]),
        ]
        return table.flatMap { t in t.1.map { EncodingCase(type: t.0, encoding: $0) } }
    }()
}

/// A codec with a data page version.
struct WriterCodecCase: CustomStringConvertible, Sendable {
    var codec: CompressionCodec
    var pageVersion: DataPageVersion
    var description: String { "\(codec)/v\(pageVersion.rawValue)" }

    static let codecs: [CompressionCodec] = [.uncompressed, .snappy, .gzip, .lz4, .lz4Raw, .zstd, .brotli]
    static let all: [WriterCodecCase] = codecs.flatMap { c in [DataPageVersion.v1, .v2].map { WriterCodecCase(codec: c, pageVersion: $0) } }
}

@Suite("Writer round trips through our reader")
struct WriterRoundTripTests {
    static func schema(for type: PhysicalType) throws -> Schema {
        try Schema(fields: [
            .primitive("required", type, .required, typeLength: type == .fixedLenByteArray ? 5 : nil),
            .primitive("optional", type, .optional, typeLength: type == .fixedLenByteArray ? 5 : nil),
            .primitive("all_null", type, .optional, typeLength: type == .fixedLenByteArray ? 5 : nil),
        ])
    }

    /// Small pages, small row groups and a small dictionary limit, so that every file has several row
    /// groups, several pages per chunk and (for dictionary cases) a fallback to PLAIN mid-chunk.
    static func options(_ e: EncodingCase, _ c: WriterCodecCase) -> ParquetWriterOptions {
        var o = ParquetWriterOptions()
        o.compression = c.codec
        o.dataPageVersion = c.pageVersion
        o.dataPageRowLimit = 700
        o.dataPageSize = 3000
        o.maxRowGroupRows = 1700
        o.dictionaryPageSizeLimit = 400
        o.pageChecksums = true
        for name in ["required", "optional", "all_null"] {
            o.columns[name] = ColumnWriteOptions(encoding: e.encoding)
        }
        return o
    }

    @Test("every physical type × encoding × codec × page version", arguments: EncodingCase.all, WriterCodecCase.all)
    func roundTrip(_ e: EncodingCase, _ c: WriterCodecCase) async throws {
        let schema = try Self.schema(for: e.type)
        var rng = SeededGenerator(seed: UInt64(e.type.rawValue) * 1000 + UInt64(e.encoding.rawValue))
        // Two write calls of different sizes; the row groups split them at 1700 rows.
        var calls: [[ColumnBatch]] = []
        for rows in [2500, 1300] {
            calls.append(schema.columns.map { col in
                WriterTestSupport.flatBatch(for: col, rows: rows, nullFraction: col.path == ["all_null"] ? 1 : 0.25, rng: &rng)
            })
        }
        let bytes = try WriterTestSupport.write(schema: schema, options: Self.options(e, c), calls)
        let file = try await WriterTestSupport.open(bytes)
        #expect(file.rowCount == 3800)
        #expect(file.rowGroupCount == 3)
        let back = try await WriterTestSupport.readAll(file)
        for (i, col) in schema.columns.enumerated() {
            let expected = WriterTestSupport.concatenate(calls.map { $0[i] })
            #expect(WriterTestSupport.sameBatch(back[i], expected), "column \(col.dottedPath)")
        }
        // The chunk metadata names the encoding that was asked for.
        let meta = try #require(file.metadata.rowGroups[0].columns[0].metaData)
        #expect(meta.codec == c.codec)
        let wanted: Encoding = e.encoding
        #expect(meta.encodings.contains(wanted), "\(meta.encodings)")
        if e.encoding == .rleDictionary, e.type != .boolean {
            // The 400-byte dictionary limit forces a fallback to PLAIN pages in the first chunk.
            #expect(meta.encodings.contains(.plain))
            #expect(meta.dictionaryPageOffset != nil)
        }
    }

    @Test("empty batches and an empty file round-trip")
    func emptyFile() async throws {
        let schema = try Schema(fields: [.int32("a"), .string("s", .required)])
        var rng = SeededGenerator(seed: 1)
        let empty = schema.columns.map { WriterTestSupport.flatBatch(for: $0, rows: 0, rng: &rng) }
        let bytes = try WriterTestSupport.write(schema: schema, [empty])
        let file = try await WriterTestSupport.open(bytes)
        #expect(file.rowCount == 0)
        #expect(file.rowGroupCount == 0)
        #expect(file.schema.columns.map(\.path) == [["a"], ["s"]])
    }

    @Test("writeColumn with endRowGroup builds row groups column by column")
    func columnByColumn() async throws {
        let schema = try Schema(fields: [.int64("id", .required), .string("name"), .double("x")])
        let sink = MemorySink()
        let writer = try ParquetWriter(schema: schema, sink: sink)
        var rng = SeededGenerator(seed: 2)
        var written: [[ColumnBatch]] = Array(repeating: [], count: 3)
        for rows in [100, 0, 37] {
            for (i, col) in schema.columns.enumerated() {
                // Two batches per column per row group.
                for part in [rows / 2, rows - rows / 2] {
                    let b = WriterTestSupport.flatBatch(for: col, rows: part, rng: &rng)
                    try writer.writeColumn(b)
                    written[i].append(b)
                }
            }
            try writer.endRowGroup()
        }
        try writer.close()
        let file = try await WriterTestSupport.open(sink.bytes)
        #expect(file.rowGroupCount == 2)  // the empty row group is skipped
        #expect(file.metadata.rowGroups.map(\.numRows) == [100, 37])
        let back = try await WriterTestSupport.readAll(file)
        for i in 0 ..< 3 {
            #expect(WriterTestSupport.sameBatch(back[i], WriterTestSupport.concatenate(written[i])))
        }
    }

    @Test("unequal column lengths at endRowGroup are refused")
    func unequalColumns() throws {
        let schema = try Schema(fields: [.int32("a"), .int32("b")])
        let writer = try ParquetWriter(schema: schema, sink: MemorySink())
        var rng = SeededGenerator(seed: 3)
        try writer.writeColumn(WriterTestSupport.flatBatch(for: schema.columns[0], rows: 10, rng: &rng))
        try writer.writeColumn(WriterTestSupport.flatBatch(for: schema.columns[1], rows: 9, rng: &rng))
        #expect(throws: ParquetError.self) { try writer.endRowGroup() }
        #expect(throws: ParquetError.self) { try writer.write(batches: []) }
    }

    @Test("malformed batches are refused with invalidArgument")
    func badBatches() throws {
        let schema = try Schema(fields: [.int32("a"), .string("s")])
        let writer = try ParquetWriter(schema: schema, sink: MemorySink())
        let a = schema.columns[0], s = schema.columns[1]
        func expectInvalid(_ batch: ColumnBatch) {
            #expect { try writer.writeColumn(batch) } throws: { ($0 as? ParquetError)?.code == .invalidArgument }
        }
        // Wrong physical type.
        expectInvalid(ColumnBatch(column: a, values: .int64([1]), definitionLevels: [1], repetitionLevels: nil, levelCount: 1, rowCount: 1))
        // Missing definition levels for an optional column.
        expectInvalid(ColumnBatch(column: a, values: .int32([1]), definitionLevels: nil, repetitionLevels: nil, levelCount: 1, rowCount: 1))
        // Level out of range.
        expectInvalid(ColumnBatch(column: a, values: .int32([]), definitionLevels: [2], repetitionLevels: nil, levelCount: 1, rowCount: 1))
        // Value count disagrees with the levels.
        expectInvalid(ColumnBatch(column: a, values: .int32([1, 2]), definitionLevels: [1, 0], repetitionLevels: nil, levelCount: 2, rowCount: 2))
        // Byte array offsets past the bytes.
        var bad = ByteArrayBuffer()
        bad.append([1, 2, 3])
        bad.offsets[1] = 10
        expectInvalid(ColumnBatch(column: s, values: .byteArray(bad), definitionLevels: [1], repetitionLevels: nil, levelCount: 1, rowCount: 1))
        // A column of another schema.
        let other = try Schema(fields: [.int32("zzz")]).columns[0]
        expectInvalid(ColumnBatch(column: other, values: .int32([1]), definitionLevels: [1], repetitionLevels: nil, levelCount: 1, rowCount: 1))
    }

    @Test("an encoding the type does not allow is refused when the writer is created")
    func badEncoding() throws {
        let schema = try Schema(fields: [.double("x")])
        var o = ParquetWriterOptions()
        o.columns["x"] = ColumnWriteOptions(encoding: .deltaBinaryPacked)
        #expect { try ParquetWriter(schema: schema, sink: MemorySink(), options: o) } throws: {
            ($0 as? ParquetError)?.code == .invalidArgument
        }
        o.columns = ["nope": ColumnWriteOptions(encoding: .plain)]
        #expect(throws: ParquetError.self) { try ParquetWriter(schema: schema, sink: MemorySink(), options: o) }
        o.columns = [:]
        o.compression = .zstd
        o.compressionLevel = 99
        #expect(throws: ParquetError.self) { try ParquetWriter(schema: schema, sink: MemorySink(), options: o) }
    }

    @Test("FileSink writes through a temporary file and renames on close; abort leaves nothing")
    func fileSink() async throws {
        let path = WriterTestSupport.temporaryPath("sink.parquet")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let schema = try Schema(fields: [.int32("a", .required)])
        let writer = try ParquetWriter(path: path, schema: schema)
        try writer.write(batches: [ColumnBatch(column: schema.columns[0], values: .int32([1, 2, 3]), definitionLevels: nil,
                                               repetitionLevels: nil, levelCount: 3, rowCount: 3)])
        #expect(!FileManager.default.fileExists(atPath: path))
        try writer.close()
        let file = try await ParquetFile.open(path: path)
        #expect(file.rowCount == 3)
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix(URL(fileURLWithPath: path).lastPathComponent + ".tmp") }
        #expect(leftovers.isEmpty)

        let path2 = WriterTestSupport.temporaryPath("aborted.parquet")
        let sink = try FileSink(path: path2)
        let w2 = try ParquetWriter(schema: schema, sink: sink)
        w2.abort()
        #expect(!FileManager.default.fileExists(atPath: path2))
        #expect(!FileManager.default.fileExists(atPath: sink.temporaryPath))
    }
}

@Suite("Writer round trips of nested data through our reader")
struct WriterNestedRoundTripTests {
    @Test("random nested schemas, seeded, many row groups and pages", arguments: 0 ..< 24)
    func randomSchemas(seed: Int) async throws {
        var rng = SeededGenerator(seed: UInt64(seed) &* 7919 &+ 17)
        let fields = RecordShredder.randomFields(count: Int.random(in: 1 ... 4, using: &rng), depth: 3, rng: &rng)
        var shredder = try RecordShredder(fields: fields)
        var o = ParquetWriterOptions()
        o.compression = WriterCodecCase.codecs[seed % WriterCodecCase.codecs.count]
        o.dataPageVersion = seed % 2 == 0 ? .v1 : .v2
        o.dictionaryEnabled = seed % 3 != 0
        o.dataPageRowLimit = 1 + seed * 7
        o.dataPageSize = 512
        o.maxRowGroupRows = 50 + seed * 11
        o.writeBatchSize = 1 + seed % 5 * 40
        o.dictionaryPageSizeLimit = 256
        let sink = MemorySink()
        let writer = try ParquetWriter(schema: shredder.schema, sink: sink, options: o)
        var expected: [ColumnBatch] = []
        for call in 0 ..< 3 {
            var part = try RecordShredder(fields: fields)
            for _ in 0 ..< 150 + call * 60 {
                let record = RecordShredder.randomNonNull(.group("r", .required, fields), rng: &rng) as! [String: Any]
                part.append(record)
                shredder.append(record)
            }
            try writer.write(batches: part.batches())
        }
        try writer.close()
        expected = shredder.batches()
        let file = try await WriterTestSupport.open(sink.bytes)
        #expect(file.rowCount == 150 + 210 + 270)
        #expect(file.rowGroupCount > 1)
        let back = try await WriterTestSupport.readAll(file)
        for (i, c) in file.schema.columns.enumerated() {
            #expect(WriterTestSupport.sameBatch(back[i], expected[i]), "seed \(seed) column \(c.dottedPath)")
        }
    }

    @Test("a batch starting inside a record or repeating an absent list is refused")
    func badNestedLevels() throws {
        let schema = try Schema(fields: [.list("l", element: .int32("element", .optional))])
        let c = schema.columns[0]
        #expect(c.maxRepetitionLevel == 1 && c.maxDefinitionLevel == 3)
        let writer = try ParquetWriter(schema: schema, sink: MemorySink())
        // Starts with repetition level 1.
        #expect(throws: ParquetError.self) {
            try writer.writeColumn(ColumnBatch(column: c, values: .int32([1]), definitionLevels: [3], repetitionLevels: [1], levelCount: 1, rowCount: 0))
        }
        // Repeats a list whose definition level (0: list null) says it is absent.
        #expect(throws: ParquetError.self) {
            try writer.writeColumn(ColumnBatch(column: c, values: .int32([]), definitionLevels: [0, 0], repetitionLevels: [0, 1], levelCount: 2, rowCount: 1))
        }
        // Row count disagrees with the records in the levels.
        #expect(throws: ParquetError.self) {
            try writer.writeColumn(ColumnBatch(column: c, values: .int32([1, 2]), definitionLevels: [3, 3], repetitionLevels: [0, 0], levelCount: 2, rowCount: 1))
        }
    }
}

@Suite("Writer layout limits")
struct WriterLayoutTests {
    static func schemaAndBatches(rows: Int, seed: UInt64) throws -> (Schema, [ColumnBatch]) {
        let schema = try Schema(fields: [.int64("id", .required), .string("text"), .double("x"), .list("l", element: .int32("element"))])
        var rng = SeededGenerator(seed: seed)
        var batches = schema.columns.prefix(3).map { WriterTestSupport.flatBatch(for: $0, rows: rows, rng: &rng) }
        var shredder = try RecordShredder(fields: [.list("l", element: .int32("element"))])
        for i in 0 ..< rows { shredder.append(["l": RecordShredder.listValue((0 ..< i % 4).map { $0 })]) }
        var list = shredder.batches()[0]
        list.column = schema.columns[3]
        batches.append(list)
        return (schema, batches)
    }

    /// The data pages of every chunk, from the offset index.
    static func pageCounts(_ bytes: [UInt8], _ file: ParquetFile) throws -> [[Int]] {
        try file.metadata.rowGroups.map { g in
            try g.columns.map { c in
                let start = Int(try #require(c.offsetIndexOffset)), length = Int(try #require(c.offsetIndexLength))
                let index = try bytes[start ..< start + length].withUnsafeBytes { try OffsetIndex.decode($0).0 }
                return index.pageLocations.count
            }
        }
    }

    @Test("parallel column encoding writes the same bytes as serial encoding")
    func parallelMatchesSerial() throws {
        let (schema, batches) = try Self.schemaAndBatches(rows: 5000, seed: 1)
        var o = ParquetWriterOptions()
        o.maxRowGroupRows = 1200
        o.dataPageRowLimit = 300
        let serial = try WriterTestSupport.write(schema: schema, options: o, [batches])
        o.parallelism = 4
        let parallel = try WriterTestSupport.write(schema: schema, options: o, [batches])
        #expect(serial == parallel)
    }

    @Test("row groups close at the byte limit; pages at the byte size and the row limit")
    func limits() async throws {
        let (schema, batches) = try Self.schemaAndBatches(rows: 20_000, seed: 2)
        var o = ParquetWriterOptions()
        o.maxRowGroupBytes = 64 * 1024
        o.dictionaryEnabled = false
        o.compression = .uncompressed
        let bytes = try WriterTestSupport.write(schema: schema, options: o, [batches])
        let file = try await WriterTestSupport.open(bytes)
        #expect(file.rowGroupCount > 2)
        #expect(file.rowCount == 20_000)
        // Each row group closes soon after crossing the limit (checked every 4Ki rows).
        #expect(file.metadata.rowGroups.dropLast().allSatisfy { $0.totalByteSize >= 64 * 1024 && $0.totalByteSize < 256 * 1024 })

        var p = ParquetWriterOptions()
        p.dataPageSize = 2000
        p.dataPageRowLimit = 700
        p.dictionaryEnabled = false
        let paged = try WriterTestSupport.write(schema: schema, options: p, [batches])
        let pagedFile = try await WriterTestSupport.open(paged)
        let counts = try Self.pageCounts(paged, pagedFile)[0]
        // id: 8 bytes a value, 2000-byte pages → about 250 rows a page; the list column: ≤ 700 rows a page.
        #expect(counts[0] >= 20_000 / 250 && counts[0] <= 20_000 / 240)
        #expect(counts[3] >= 20_000 / 700)
        let back = try await WriterTestSupport.readAll(pagedFile)
        for i in 0 ..< 4 { #expect(WriterTestSupport.sameBatch(back[i], batches[i])) }
    }
}

@Suite("Writer sinks")
struct WriterSinkTests {
    static func smallFile(_ sink: any ParquetSink) throws {
        let schema = try Schema(fields: [.int32("a", .required), .string("s")])
        var rng = SeededGenerator(seed: 11)
        let writer = try ParquetWriter(schema: schema, sink: sink)
        try writer.write(batches: schema.columns.map { WriterTestSupport.flatBatch(for: $0, rows: 50, rng: &rng) })
        try writer.close()
    }

    @Test("ClosureSink and FileDescriptorSink receive the same bytes as MemorySink, front to back")
    func sinksAgree() async throws {
        let memory = MemorySink()
        try Self.smallFile(memory)
        #expect(memory.isFinished)

        final class Collector { var bytes: [UInt8] = []; var finished = false }
        let collector = Collector()
        try Self.smallFile(ClosureSink(write: { collector.bytes.append(contentsOf: $0) }, finish: { collector.finished = true }))
        #expect(collector.finished)
        #expect(collector.bytes == memory.bytes)

        let path = WriterTestSupport.temporaryPath("fd.parquet")
        defer { try? FileManager.default.removeItem(atPath: path) }
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try Self.smallFile(FileDescriptorSink(fileDescriptor: handle.fileDescriptor))
        try handle.close()
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == memory.bytes)
        let file = try await WriterTestSupport.open(memory.bytes)
        #expect(file.rowCount == 50)
    }

    @Test("a failing sink makes the writer fail, and close() then aborts the sink")
    func failingSink() throws {
        final class State { var writes = 0; var aborted = false }
        let state = State()
        let sink = ClosureSink(write: { _ in
            state.writes += 1
            if state.writes > 2 { throw ParquetError(.io, "disk full") }
        }, abort: { state.aborted = true })
        let schema = try Schema(fields: [.int64("a", .required)])
        let writer = try ParquetWriter(schema: schema, sink: sink)
        var rng = SeededGenerator(seed: 12)
        try writer.write(batches: [WriterTestSupport.flatBatch(for: schema.columns[0], rows: 100, rng: &rng)])
        #expect { try writer.endRowGroup() } throws: { ($0 as? ParquetError)?.code == .io }
        #expect(throws: ParquetError.self) { try writer.write(batches: [WriterTestSupport.flatBatch(for: schema.columns[0], rows: 1, rng: &rng)]) }
        #expect(throws: ParquetError.self) { try writer.close() }
        #expect(state.aborted)
    }
}
