import Foundation
import Parquet

/// One export run: opens the source, names and creates the output, streams row groups into the writer.
struct ExportJob {
    let source: ParquetExporter.Source
    let options: ExportOptions
    let readerOptions: ReaderOptions
    var destination: ExportDestination = .directory
    /// The output's path (local destinations) or name (sinks), as chosen before writing.
    var outputPath = ""
    /// The open outputs (the export and its sidecar), discarded on failure.
    var sinks: [any ExportSink] = []
    var bytesRead: Int64 = 0
    /// Pruning and matching counters when `options.filter` is set.
    var filterStatistics: FilterStatistics?

    init(source: ParquetExporter.Source, options: ExportOptions, readerOptions: ReaderOptions) {
        self.source = source
        self.options = options
        self.readerOptions = readerOptions
    }

    /// Removes every output this job opened.
    func discard() async {
        for sink in sinks { await sink.discard() }
    }

    mutating func run(reporter: inout ProgressReporter) async throws -> ExportResult {
        if let limit = options.limit, limit < 0 { throw ParquetError(.invalidArgument, "limit must not be negative") }
        let ext = try options.outputExtension()
        let textCompression = try options.textCompression()
        try checkDestination()
        let file: ParquetFile
        switch source {
        case .file(let path): file = try await ParquetFile.open(path: path, options: readerOptions)
        case .byteSource(let s, _): file = try await ParquetFile.open(source: s, options: readerOptions)
        case .deferred(_, let open): file = try await ParquetFile.open(source: try await open(), options: readerOptions)
        }
        let leaves = try file.resolveColumns(options.columns)
        if let filter = options.filter { _ = try file.scan(where: filter, columns: options.columns) }  // bad filters fail before any output
        let names = RowGroupRenderer.columnNames(schema: file.schema, leaves: leaves)

        let out = try await openOutput(fileExtension: ext)

        let total = Int(min(Int64(options.limit ?? Int.max), file.rowCount))
        reporter.report(.querying, 1, "\(file.rowCount) rows in \(file.rowGroupCount) row groups")
        let sink = try OutputSink(file: out, compression: textCompression)
        var rowCount = 0
        var truncated = 0
        switch options.format {
        case .csv:
            var csv = try CSVWriter(columns: names, options: try csvOptions())
            if options.header { csv.writeHeader() }
            rowCount = try await stream(file, leaves, total, &reporter) { (r: inout RowGroupRenderer, range: Range<Int>) throws in
                try r.renderInParallel(rows: range, into: &csv) { try sink.write($0) }
            }
            try csv.buffer.flush(ifAtLeast: 0) { try sink.write($0) }
            if options.includeMetadata { try await writeSidecar(file, leaves) }
        case .json, .ndjson:
            var json = JSONWriter(columns: names, style: options.format == .json ? .array : .ndjson)
            if options.includeMetadata && options.format == .json {
                json.buffer.append(ascii: "{\"schema\": ")
                json.buffer.append(contentsOf: Array(try MetadataJSON.schema(file, leaves).utf8))
                json.buffer.append(ascii: ", \"metadata\": ")
                json.buffer.append(contentsOf: Array(try MetadataJSON.keyValues(file).utf8))
                json.buffer.append(ascii: ", \"rows\": ")
            }
            rowCount = try await stream(file, leaves, total, &reporter) { (r: inout RowGroupRenderer, range: Range<Int>) throws in
                try r.renderInParallel(rows: range, into: &json) { try sink.write($0) }
            }
            json.finish()
            if options.includeMetadata && options.format == .json {
                json.buffer.removeLast(1)  // the array's trailing newline goes after the closing brace
                json.buffer.append(ascii: "}\n")
            }
            try json.buffer.flush(ifAtLeast: 0) { try sink.write($0) }
            if options.includeMetadata && options.format == .ndjson { try await writeSidecar(file, leaves) }
        case .xlsx:
            var xlsx = try XLSXWriter(columns: names, options: XLSXOptions(includeHeader: options.header)) { bytes in
                try out.write(bytes)
            }
            rowCount = try await stream(file, leaves, total, &reporter) { (r: inout RowGroupRenderer, range: Range<Int>) throws in
                try r.render(rows: range, into: &xlsx)
            }
            var extra: [XLSXStringSheet] = []
            if options.includeMetadata {
                var rows = [["column", "physical type", "logical type", "repetition"]]
                for c in leaves {
                    rows.append([c.dottedPath, c.physicalType.description, c.logicalType.map { "\($0)" } ?? "",
                                 c.element.repetitionType?.description ?? ""])
                }
                extra.append(XLSXStringSheet(name: "Schema", rows: rows))
            }
            try xlsx.finish(extraSheets: extra)
            truncated = xlsx.truncatedCellCount
        case .parquet:
            rowCount = try await writeParquet(file, leaves, total, out, &reporter)
        }
        try sink.finish()
        let committed = try await out.commit()
        for extra in sinks.dropFirst() { _ = try await extra.commit() }
        sinks = []
        let fileName = committed.location.split(separator: "/").last.map(String.init) ?? committed.location
        return ExportResult(success: true, filePath: committed.location, fileName: fileName, fileSize: committed.size,
                            rowCount: rowCount, bytesRead: bytesRead, truncatedCells: truncated, filterStatistics: filterStatistics)
    }

    /// Parquet output through our writer: the projected schema, the source's key-value metadata when
    /// `includeMetadata`, the chosen codec; row groups kept, the last one cut at the limit.
    mutating func writeParquet(_ file: ParquetFile, _ leaves: [ColumnDescriptor], _ total: Int, _ out: any ExportSink,
                               _ reporter: inout ProgressReporter) async throws -> Int {
        let schema = try file.schema.pruned(keeping: leaves)
        var wo = ParquetWriterOptions()
        wo.compression = try options.parquetCodec()
        wo.maxRowGroupRows = Int.max
        wo.maxRowGroupBytes = Int.max
        if options.includeMetadata { wo.keyValueMetadata = file.metadata.keyValueMetadata ?? [] }
        let writer = try ParquetWriter(schema: schema, sink: ExportParquetSink(sink: out), options: wo)
        if let filter = options.filter { return try await writeFilteredParquet(file, filter, schema, writer, total, &reporter) }
        var done = 0
        var start: Int64 = 0
        for g in 0 ..< file.rowGroupCount where done < total {
            try Task.checkCancellation()
            let group = file.metadata.rowGroups[g]
            for c in leaves { bytesRead += group.columns[c.index].metaData?.totalCompressedSize ?? 0 }
            let rows = min(Int(group.numRows), total - done)
            if rows > 0 {
                let batches = rows == Int(group.numRows)
                    ? try await file.readRowGroup(g, columns: leaves)
                    : try await file.rowWindow(offset: start, limit: rows, columns: options.columns)
                try writer.write(batches: batches.map { b in
                    var b = b
                    b.column = schema.column(path: b.column.path) ?? b.column
                    return b
                })
                try writer.endRowGroup()
                try await out.flush()
            }
            done += rows
            start += group.numRows
            reporter.report(.exporting, 2 + 97 * Double(done) / Double(max(total, 1)), "row group \(g + 1) of \(file.rowGroupCount): \(done) rows")
        }
        try writer.close()
        return done
    }

    func csvOptions() throws -> CSVOptions {
        let d = Array(options.delimiter.utf8)
        guard d.count == 1, d[0] < 0x80, d[0] != 0x22, d[0] != 0x0A, d[0] != 0x0D else {
            throw ParquetError(.invalidArgument, "CSV delimiter must be one ASCII character other than quote or newline")
        }
        return CSVOptions(delimiter: d[0], nullText: options.nullText, includeHeader: options.header, formulaGuard: options.formulaGuard)
    }

    /// Reads row groups one at a time and hands their rows to `body`, honouring the limit and cancellation.
    mutating func stream(_ file: ParquetFile, _ leaves: [ColumnDescriptor], _ total: Int, _ reporter: inout ProgressReporter,
                         _ body: (inout RowGroupRenderer, Range<Int>) throws -> Void) async throws -> Int {
        if let filter = options.filter { return try await streamFiltered(file, filter, total, &reporter, body) }
        var done = 0
        // The next row group is read and decoded while this one renders (at most two row groups are held,
        // however large the file): decoding then overlaps rendering and writing instead of waiting for it.
        var next: Task<[ColumnBatch], any Error>?
        defer { next?.cancel() }
        func prefetch(_ g: Int) -> Task<[ColumnBatch], any Error>? {
            guard g < file.rowGroupCount else { return nil }
            return Task { try await file.readRowGroup(g, columns: leaves) }
        }
        if total > 0 { next = prefetch(0) }
        for g in 0 ..< file.rowGroupCount where done < total {
            try Task.checkCancellation()
            if g > 0 { FreedMemory.release() }  // the previous row group's batches and text are gone
            let group = file.metadata.rowGroups[g]
            for c in leaves { bytesRead += group.columns[c.index].metaData?.totalCompressedSize ?? 0 }
            guard let current = next else { break }
            let batches = try await current.value
            let rows = min(Int(group.numRows), total - done)
            next = done + rows < total ? prefetch(g + 1) : nil
            var renderer = try RowGroupRenderer(schema: file.schema, batches: batches)
            try body(&renderer, 0 ..< rows)
            try await sinks.first?.flush()
            done += rows
            reporter.report(.exporting, 2 + 97 * Double(done) / Double(max(total, 1)), "row group \(g + 1) of \(file.rowGroupCount): \(done) rows")
        }
        return done
    }

    /// Writes the `<name>.schema.json` sidecar into its own output, committed after the export.
    mutating func writeSidecar(_ file: ParquetFile, _ leaves: [ColumnDescriptor]) async throws {
        let text = "{\"schema\": \(try MetadataJSON.schema(file, leaves)), \"metadata\": \(try MetadataJSON.keyValues(file))}\n"
        let side = try await openSidecar()
        try Array(text.utf8).withUnsafeBytes { try side.write($0) }
    }
}

extension AtomicOutputFile {
    /// `<name>.schema.json` next to an export (the name without its format/compression extensions).
    static func sidecarPath(for path: String) -> String { OutputNaming.sidecarName(for: path) }
}

/// The Parquet writer's sink over the export's output (committed by the job, not by the writer).
final class ExportParquetSink: ParquetSink {
    let sink: any ExportSink
    init(sink: any ExportSink) { self.sink = sink }
    func write(_ bytes: UnsafeRawBufferPointer) throws { try sink.write(bytes) }
    func finish() throws {}
    func abort() {}
}

/// Bytes to the export's output, optionally through a gzip/zstd stream compressor.
final class OutputSink {
    let file: any ExportSink
    var compressor: StreamCompressor?
    var scratch: [UInt8] = []

    init(file: any ExportSink, compression: StreamCompressor.Format?) throws {
        self.file = file
        if let compression { compressor = try StreamCompressor(format: compression) } else { compressor = nil }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        if compressor == nil { return try file.write(bytes) }
        scratch.removeAll(keepingCapacity: true)
        try compressor!.write(bytes, to: &scratch)
        try scratch.withUnsafeBytes { try file.write($0) }
    }

    func finish() throws {
        guard compressor != nil else { return }
        scratch.removeAll(keepingCapacity: true)
        try compressor!.finish(into: &scratch)
        try scratch.withUnsafeBytes { try file.write($0) }
    }
}

/// Schema and key-value metadata as JSON text (for `includeMetadata`).
enum MetadataJSON {
    static func schema(_ file: ParquetFile, _ leaves: [ColumnDescriptor]) throws -> String {
        let cols: [[String: Any]] = leaves.map { c in
            var o: [String: Any] = ["path": c.dottedPath, "physicalType": c.physicalType.description,
                                    "repetition": c.element.repetitionType?.description ?? "REQUIRED"]
            if let lt = c.logicalType { o["logicalType"] = "\(lt)" }
            return o
        }
        return String(decoding: try JSONSerialization.data(withJSONObject: ["columns": cols], options: [.sortedKeys]), as: UTF8.self)
    }

    static func keyValues(_ file: ParquetFile) throws -> String {
        var kv: [String: Any] = [:]
        for e in file.metadata.keyValueMetadata ?? [] { kv[e.key] = e.value ?? NSNull() }
        return String(decoding: try JSONSerialization.data(withJSONObject: kv, options: [.sortedKeys]), as: UTF8.self)
    }
}
