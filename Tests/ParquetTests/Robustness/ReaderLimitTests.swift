import Foundation
import Testing
@testable import Parquet

/// One test per `ReaderOptions` limit: a file just over the limit fails with `.limitExceeded` naming the
/// column and offset (so each test fails if its check is removed), and the same file reads with the limit
/// raised. Files come from pyarrow (the oracle writer) or are the bundled fixtures.
@Suite("Reader limits", .serialized)
struct ReaderLimitTests {
    static let wells = TestSupport.packageRoot.appendingPathComponent("Fixtures/wells.parquet").path

    /// Parquet bytes written by pyarrow: `code` builds `table` (pa and pq imported) and may set `kwargs`.
    static func pyarrow(_ code: String) throws -> [UInt8] {
        let script = """
        import sys, pyarrow as pa, pyarrow.parquet as pq
        kwargs = {}
        \(code)
        sink = pa.BufferOutputStream()
        pq.write_table(table, sink, **kwargs)
        sys.stdout.buffer.write(sink.getvalue().to_pybytes())
        """
        return [UInt8](try TestSupport.python(script))
    }

    static func readAll(_ bytes: [UInt8], _ options: ReaderOptions) async throws -> Int {
        try await HostileRead.readEverything(bytes, options: options)
    }

    static func limitError(_ bytes: [UInt8], _ options: ReaderOptions) async -> ParquetError? {
        do {
            _ = try await readAll(bytes, options)
            return nil
        } catch {
            return error as? ParquetError
        }
    }

    /// The error reading one column of every row group gives (nil when it reads).
    static func columnError(_ bytes: [UInt8], _ name: String, _ options: ReaderOptions) async -> ParquetError? {
        do {
            let file = try await ParquetFile.open(source: MemoryByteSource(bytes), options: options)
            let column = try file.resolveColumns([name])[0]
            for g in 0 ..< file.rowGroupCount { _ = try await file.readColumn(rowGroup: g, column: column) }
            return nil
        } catch {
            return error as? ParquetError
        }
    }

    @Test func footerSize() async throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.wells)))
        let footerLength = try await ParquetFile.open(source: MemoryByteSource(bytes)).footerLength
        var options = ReaderOptions()
        options.maxFooterSize = footerLength - 1
        let e = await Self.limitError(bytes, options)
        #expect(e?.code == .limitExceeded)
        #expect(e?.offset == Int64(bytes.count - 8))
        options.maxFooterSize = footerLength
        #expect(try await Self.readAll(bytes, options) == 1000)
    }

    @Test func schemaDepth() async throws {
        // 12 nested structs around one leaf.
        let bytes = try Self.pyarrow("""
        t = pa.int32(); v = 7
        for i in range(12):
            t = pa.struct([("f%d" % i, t)]); v = {"f%d" % i: v}
        table = pa.table({"deep": pa.array([v, v], t)})
        """)
        var options = ReaderOptions()
        options.maxSchemaDepth = 10
        #expect(await Self.limitError(bytes, options)?.code == .limitExceeded)
        options.maxSchemaDepth = 13
        #expect(try await Self.readAll(bytes, options) == 2)
    }

    @Test func decompressedPageSize() async throws {
        // A page that inflates 1000-fold: the declared size is refused before anything is allocated.
        let bytes = try Self.pyarrow("""
        table = pa.table({"s": pa.array(["x" * 100_000] * 4)})
        kwargs = dict(compression="zstd", use_dictionary=False)
        """)
        #expect(bytes.count < 20_000)
        var options = ReaderOptions()
        options.maxPageSize = 300_000
        let e = await Self.limitError(bytes, options)
        #expect(e?.code == .limitExceeded)
        #expect(e?.columnPath == "s")
        #expect((e?.offset ?? 0) >= 4)
        options.maxPageSize = 500_000
        #expect(try await Self.readAll(bytes, options) == 4)
    }

    @Test func dictionaryEntries() async throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.wells)))
        var options = ReaderOptions()
        options.maxDictionaryEntries = 39  // the "well" column's dictionary holds 40 names
        let e = await Self.columnError(bytes, "well", options)
        #expect(e?.code == .limitExceeded)
        #expect(e?.columnPath == "well")
        #expect(e?.offset != nil)
        options.maxDictionaryEntries = 40
        #expect(await Self.columnError(bytes, "well", options) == nil)
    }

    @Test func gatheredBytesOfDictionaryStrings() async throws {
        // One 100 KB dictionary string named by 40 indices: 4 MB of values from a 1 KB file.
        let bytes = try Self.pyarrow("""
        table = pa.table({"s": pa.array(["y" * 100_000] * 40)})
        kwargs = dict(compression="zstd")
        """)
        #expect(bytes.count < 5_000)
        var options = ReaderOptions()
        options.maxReadBytes = 2 << 20
        let e = await Self.columnError(bytes, "s", options)
        #expect(e?.code == .limitExceeded)
        #expect(e?.columnPath == "s")
        #expect(e?.offset != nil)
        options.maxReadBytes = 5 << 20
        #expect(await Self.columnError(bytes, "s", options) == nil)
    }

    @Test func gatheredBytesOfRunLengthValues() async throws {
        // One INT64 value 1M times (a dictionary index run): 8 MB of values from a tiny file.
        let bytes = try Self.pyarrow("""
        table = pa.table({"n": pa.array([42] * 1_000_000, pa.int64())})
        """)
        #expect(bytes.count < 20_000)
        let file = try await ParquetFile.open(source: MemoryByteSource(bytes))
        var options = ReaderOptions()
        options.maxReadBytes = 4 << 20
        let limited = try await ParquetFile.open(source: MemoryByteSource(bytes), options: options)
        await #expect {
            _ = try await limited.readColumn(rowGroup: 0, column: limited.schema.columns[0])
        } throws: { e in
            (e as? ParquetError)?.code == .limitExceeded && (e as? ParquetError)?.columnPath == "n"
        }
        // Batches under the limit still stream the whole chunk.
        let reader = try await limited.columnReader(rowGroup: 0, column: limited.schema.columns[0])
        var rows = 0
        while let batch = try reader.readBatch(maxRows: 100_000) { rows += batch.rowCount }
        #expect(rows == 1_000_000)
        #expect(try await file.readColumn(rowGroup: 0, column: file.schema.columns[0]).rowCount == 1_000_000)
    }

    // MARK: page value counts

    /// A one-column file (77 rows, every fifth null, PLAIN, uncompressed, no dictionary) with its only data
    /// page header edited; the footer's chunk size follows the header's new length.
    static func editedPage(_ edit: (inout DataPageHeader) -> Void) async throws -> [UInt8] {
        let bytes = try pyarrow("""
        table = pa.table({"v": pa.array([None if i % 5 == 0 else i for i in range(77)], pa.int64())})
        kwargs = dict(compression="none", use_dictionary=False, write_statistics=False)
        """)
        let file = try await ParquetFile.open(source: MemoryByteSource(bytes))
        var metadata = file.metadata
        let start = Int(metadata.rowGroups[0].columns[0].metaData!.dataPageOffset)
        let decoded = bytes.withUnsafeBytes { all in try? PageHeader.decode(UnsafeRawBufferPointer(rebasing: all[start...])) }
        guard var (header, length) = decoded else { throw ParquetError(.corrupt, "pyarrow's page header did not decode") }
        edit(&header.dataPageHeader!)
        let newHeader = header.thriftBytes()
        metadata.rowGroups[0].columns[0].metaData!.totalCompressedSize += Int64(newHeader.count - length)
        let footer = metadata.thriftBytes()
        return Array(bytes[..<start]) + newHeader + Array(bytes[(start + length) ..< Int(file.footerOffset)])
            + footer + Mutator.le32(UInt32(footer.count)) + Array("PAR1".utf8)
    }

    /// Peak resident memory of the process since the last `resetPeakResident()`, in bytes (Linux).
    static func peakResident() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kb = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") else { return 0 }
        return kb * 1024
    }

    static func resetPeakResident() {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }

    @Test func pageDeclaring2To31ValuesFailsFast() async throws {
        let bytes = try await Self.editedPage { $0.numValues = Int32.max }
        #expect(bytes.count < 1000)
        Self.resetPeakResident()
        let before = Self.peakResident()
        let clock = ContinuousClock()
        var error: ParquetError?
        let elapsed = await clock.measure { error = await Self.limitError(bytes, ReaderOptions()) }
        #expect(error?.code == .limitExceeded)
        #expect(error?.columnPath == "v")
        #expect(error?.offset == 4)
        #expect(elapsed < .seconds(10))  // about 0.1 s alone; wide for a loaded CI machine
        #expect(Self.peakResident() - before < 64 << 20)
        var options = ReaderOptions()
        options.maxPageValues = 77
        #expect(try await Self.readAll(try await Self.editedPage { _ in }, options) == 77)
    }

    @Test func pageDeclaringMillionsOfMissingLevelsAllocatesNothing() async throws {
        // 2^26 values is under the default maxPageValues, but the page holds 77 levels: the run walk
        // finds that before 128 MB of level slots are allocated.
        let bytes = try await Self.editedPage { $0.numValues = 1 << 26 }
        Self.resetPeakResident()
        let before = Self.peakResident()
        let error = await Self.limitError(bytes, ReaderOptions())
        #expect(error?.code == .corrupt)
        #expect(error?.columnPath == "v")
        #expect(Self.peakResident() - before < 64 << 20, "peak grew by \((Self.peakResident() - before) >> 20) MiB")
    }
}
