import Foundation
import Testing
@testable import Parquet

/// `ParquetRewriter` (the `parquet rewrite` command) keeps every value of the corpus files.
@Suite("Rewrite")
struct RewriteTests {
    /// Option sets the corpus is rewritten with.
    static let variants: [(String, ParquetRewriter.Options)] = {
        var zstd = ParquetWriterOptions()
        zstd.compression = .zstd
        zstd.compressionLevel = 3
        zstd.dataPageVersion = .v2
        zstd.dictionaryEnabled = false
        zstd.pageIndexEnabled = false
        zstd.dataPageSize = 4096
        var lz4 = ParquetWriterOptions()
        lz4.compression = .lz4Raw
        lz4.dataPageRowLimit = 100
        lz4.pageChecksums = true
        return [
            ("default", ParquetRewriter.Options()),
            ("zstd-v2-plain", ParquetRewriter.Options(writer: zstd)),
            ("lz4raw-rowgroups", ParquetRewriter.Options(writer: lz4, rowGroupRows: 1000)),
        ]
    }()

    /// Reads every column of every row group with our reader (nil when the file cannot be read:
    /// encrypted, deliberately corrupt).
    static func readable(_ path: String) async -> (ParquetFile, [ColumnBatch])? {
        guard let file = try? await ParquetFile.open(path: path), let batches = try? await WriterTestSupport.readAll(file) else {
            return nil
        }
        return (file, batches)
    }

    @Test("every readable corpus file keeps its values through read → write → read, for several option sets")
    func corpus() async throws {
        var pairs: [[String]] = []
        var failures: [String] = []
        var rewritten = 0
        defer { for p in pairs { try? FileManager.default.removeItem(atPath: p[1]) } }
        // large_string_map.brotli holds a 2 GB column chunk: too slow for a unit test in a debug build.
        for path in TestSupport.corpusFiles() where !path.hasSuffix("large_string_map.brotli.parquet") {
            guard let (original, before) = await Self.readable(path) else { continue }
            for (name, options) in Self.variants {
                let out = WriterTestSupport.temporaryPath("\(name)-\(URL(fileURLWithPath: path).lastPathComponent)")
                do {
                    try await ParquetRewriter.rewrite(original, to: try FileSink(path: out), options: options)
                    let file = try await ParquetFile.open(path: out)
                    let after = try await WriterTestSupport.readAll(file)
                    pairs.append([path, out])
                    rewritten += 1
                    #expect(file.schema == original.schema || Self.sameSchema(file.schema, original.schema), "\(path) \(name)")
                    // (repeated_no_annotation.parquet declares 0 rows in its footer but holds 6.)
                    #expect(file.rowCount == original.metadata.rowGroups.reduce(0) { $0 + $1.numRows })
                    for (i, c) in original.schema.columns.enumerated() where !WriterTestSupport.sameBatch(before[i], after[i]) {
                        failures.append("\(name) \(path): column \(c.dottedPath) changed")
                    }
                    if let n = options.rowGroupRows {
                        #expect(file.metadata.rowGroups.allSatisfy { $0.numRows <= Int64(n) })
                    } else {
                        #expect(file.metadata.rowGroups.map(\.numRows) == original.metadata.rowGroups.map(\.numRows).filter { $0 > 0 })
                    }
                    let kv = Dictionary((original.metadata.keyValueMetadata ?? []).map { ($0.key, $0.value) }, uniquingKeysWith: { $1 })
                    let kv2 = Dictionary((file.metadata.keyValueMetadata ?? []).map { ($0.key, $0.value) }, uniquingKeysWith: { $1 })
                    #expect(kv == kv2, "\(path): key-value metadata")
                } catch {
                    failures.append("\(name) \(path): \(error)")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        #expect(rewritten > 150)
        let input = try JSONSerialization.data(withJSONObject: ["pairs": pairs])
        let out = try TestSupport.runPython(script: "compare_rewrite.py", input: input)
        let result = try #require(try JSONSerialization.jsonObject(with: out) as? [String: Any])
        let mismatches = result["mismatches"] as? [Any] ?? []
        #expect(mismatches.isEmpty, "\(mismatches)")
        #expect((result["compared"] as? Int ?? 0) > 150)
    }

    /// Schemas equal up to the group child counts the footer recomputes.
    static func sameSchema(_ a: Schema, _ b: Schema) -> Bool {
        a.columns.map(\.path) == b.columns.map(\.path) && a.columns.map(\.element) == b.columns.map(\.element)
    }

    @Test("command-line values parse into writer options; bad values are refused")
    func arguments() throws {
        let o = try ParquetRewriter.Options.parse(
            compression: "ZSTD:7", pageVersion: 2, dictionary: "off", encodings: ["a.b=delta_binary_packed", "s=RLE_DICTIONARY"],
            rowGroupRows: 5000, pageBytes: 65536, pageIndex: "off")
        #expect(o.writer.compression == .zstd && o.writer.compressionLevel == 7)
        #expect(o.writer.dataPageVersion == .v2)
        #expect(o.writer.dictionaryEnabled == false)
        #expect(o.writer.columns["a.b"]?.encoding == .deltaBinaryPacked)
        #expect(o.writer.columns["s"]?.encoding == .rleDictionary)
        #expect(o.rowGroupRows == 5000 && o.writer.dataPageSize == 65536 && o.writer.pageIndexEnabled == false)
        for bad in [{ try ParquetRewriter.Options.parse(compression: "zip") },
                    { try ParquetRewriter.Options.parse(compression: "gzip:x") },
                    { try ParquetRewriter.Options.parse(pageVersion: 3) },
                    { try ParquetRewriter.Options.parse(dictionary: "maybe") },
                    { try ParquetRewriter.Options.parse(encodings: ["noequals"]) },
                    { try ParquetRewriter.Options.parse(encodings: ["a=FANCY"]) },
                    { try ParquetRewriter.Options.parse(pageBytes: 0) }] as [() throws -> ParquetRewriter.Options] {
            #expect { try bad() } throws: { ($0 as? ParquetError)?.code == .invalidArgument }
        }
    }

    @Test("rewrite options take effect: codec, page version, encodings, row groups, page index")
    func optionsApplied() async throws {
        let source = TestSupport.corpusFile("alltypes_plain.parquet")
        let out = WriterTestSupport.temporaryPath("options.parquet")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let options = try ParquetRewriter.Options.parse(
            compression: "gzip:1", pageVersion: 2, dictionary: "on", encodings: ["id=DELTA_BINARY_PACKED", "string_col=DELTA_BYTE_ARRAY"],
            rowGroupRows: 3, pageIndex: "on")
        try await ParquetRewriter.rewrite(inputPath: source, outputPath: out, options: options)
        let file = try await ParquetFile.open(path: out)
        #expect(file.rowCount == 8)
        #expect(file.metadata.rowGroups.map(\.numRows) == [3, 3, 2])
        let id = try #require(file.schema.columns.firstIndex { $0.path == ["id"] })
        let text = try #require(file.schema.columns.firstIndex { $0.path == ["string_col"] })
        let other = try #require(file.schema.columns.firstIndex { $0.path == ["int_col"] })
        let g = file.metadata.rowGroups[0]
        #expect(g.columns.allSatisfy { $0.metaData?.codec == .gzip })
        #expect(g.columns[id].metaData?.encodings.contains(.deltaBinaryPacked) == true)
        #expect(g.columns[id].metaData?.dictionaryPageOffset == nil)
        #expect(g.columns[text].metaData?.encodings.contains(.deltaByteArray) == true)
        #expect(g.columns[other].metaData?.encodings.contains(.rleDictionary) == true)
        #expect(g.columns.allSatisfy { $0.offsetIndexOffset != nil })
        let stats = try #require(g.columns[id].metaData?.encodingStats)
        #expect(stats.allSatisfy { $0.pageType == .dataPageV2 })
        // The values are unchanged.
        let original = try await ParquetFile.open(path: source)
        let before = try await WriterTestSupport.readAll(original), after = try await WriterTestSupport.readAll(file)
        for i in before.indices { #expect(WriterTestSupport.sameBatch(before[i], after[i])) }
    }

    @Test("an encrypted input fails with a typed error and leaves no output")
    func encryptedInput() async throws {
        let out = WriterTestSupport.temporaryPath("enc.parquet")
        await #expect { try await ParquetRewriter.rewrite(inputPath: TestSupport.corpusFile("uniform_encryption.parquet.encrypted"), outputPath: out) }
            throws: { ($0 as? ParquetError)?.code == .encrypted }
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
