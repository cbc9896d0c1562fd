#if canImport(Dispatch)
import Dispatch
#endif

/// Wraps a non-Sendable value whose concurrent use the code guarantees to be safe (see each use).
struct UncheckedSendable<T>: @unchecked Sendable {
    var value: T
    init(_ value: T) { self.value = value }
}

/// Writes a Parquet file front to back into a `ParquetSink`.
///
/// Data arrives as `ColumnBatch`es (the reader's type, so read → write needs no conversion), either
/// all columns at once with `write(batches:)` — row groups are then closed automatically at
/// `maxRowGroupRows` rows or `maxRowGroupBytes` encoded bytes — or column by column with
/// `writeColumn(_:)` and an explicit `endRowGroup()`. Pages are closed by byte size and row count.
/// A row group is buffered (encoded and compressed) in memory until it is written out; `close()`
/// writes the page index and the footer.
///
/// Not thread-safe: use one writer from one task at a time. After an error the writer is failed:
/// every later call throws and `close()` discards the output (a `FileSink` removes its temporary file).
public final class ParquetWriter {
    public let schema: Schema
    public let options: ParquetWriterOptions
    private let sink: any ParquetSink
    private let columnWriters: [ColumnChunkWriter]
    private var position: Int64 = 0
    private var rowGroups: [RowGroup] = []
    /// Column and offset indexes of each written row group (nil entries: not written for that chunk).
    private var pageIndexes: [[(ColumnIndex?, OffsetIndex)]] = []
    /// Bloom filters of written row groups not yet in the file (`BloomFilterPosition.end`).
    private var pendingBloomFilters: [[SplitBlockBloomFilter?]] = []
    private var state = State.open
    /// Rows in the open row group (all columns agree when written through `write(batches:)`).
    private var openRowGroupRows = 0

    private enum State { case open, closed, failed }

    /// Total rows in closed row groups.
    public private(set) var rowsWritten: Int64 = 0

    /// Starts a file in `sink` (writes the leading magic bytes).
    public init(schema: Schema, sink: any ParquetSink, options: ParquetWriterOptions = ParquetWriterOptions()) throws {
        guard !schema.columns.isEmpty else { throw ParquetError(.invalidArgument, "the schema has no columns") }
        guard options.maxRowGroupRows > 0, options.maxRowGroupBytes > 0 else {
            throw ParquetError(.invalidArgument, "row group limits must be positive")
        }
        if let t = options.statisticsTruncateLength, t < 1 { throw ParquetError(.invalidArgument, "statistics truncate length must be at least 1") }
        if let t = options.columnIndexTruncateLength, t < 1 { throw ParquetError(.invalidArgument, "column index truncate length must be at least 1") }
        for path in options.columns.keys where schema.column(path: path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)) == nil {
            throw ParquetError(.invalidArgument, "column options for '\(path)', which is not a leaf column of the schema")
        }
        if let sorting = options.sortingColumns {
            for s in sorting where s.columnIndex < 0 || Int(s.columnIndex) >= schema.columns.count {
                throw ParquetError(.invalidArgument, "sorting column index \(s.columnIndex) out of range")
            }
        }
        self.schema = schema
        self.options = options
        self.sink = sink
        columnWriters = try schema.columns.map { ColumnChunkWriter(column: $0, settings: try ColumnWriteSettings(column: $0, options: options)) }
        try emit(Self.magic)
    }

    /// Starts a file at `path` (written to a temporary file, renamed over `path` by `close()`).
    public convenience init(path: String, schema: Schema, options: ParquetWriterOptions = ParquetWriterOptions()) throws {
        try self.init(schema: schema, sink: try FileSink(path: path), options: options)
    }

    deinit {
        if state == .open { sink.abort() }
    }

    static let magic: [UInt8] = Array("PAR1".utf8)

    // MARK: writing

    /// Appends rows: one batch per leaf column, in schema column order, all with the same row count.
    /// Row groups are closed whenever they reach the row or byte limit (batches are split as needed).
    public func write(batches: [ColumnBatch]) throws {
        try checkOpen()
        guard batches.count == columnWriters.count else {
            throw ParquetError(.invalidArgument, "\(batches.count) batches for \(columnWriters.count) columns")
        }
        guard columnWriters.allSatisfy({ $0.rowCount == openRowGroupRows }) else {
            throw ParquetError(.invalidArgument, "columns written with writeColumn(_:) have unequal rows; call endRowGroup() first")
        }
        let rows = batches.first!.rowCount
        for (i, b) in batches.enumerated() {
            try b.validate(against: columnWriters[i].column)
            guard b.rowCount == rows else {
                throw ParquetError(.invalidArgument, "batches hold different row counts (\(rows) and \(b.rowCount))",
                                   columnPath: b.column.dottedPath)
            }
        }
        try failing {
            var cursors = [(level: Int, value: Int)](repeating: (0, 0), count: batches.count)
            var done = 0
            while done < rows {
                // Steps of at most 4Ki rows, so the byte limit is checked often enough.
                let step = min(rows - done, options.maxRowGroupRows - openRowGroupRows, 4096)
                let next = batches.indices.map { batches[$0].advance(rows: step, fromLevel: cursors[$0].level, value: cursors[$0].value) }
                try forEachColumn { i in
                    try columnWriters[i].write(batches[i], levels: cursors[i].level ..< next[i].level,
                                               values: cursors[i].value ..< next[i].value, rows: step)
                }
                cursors = next
                done += step
                openRowGroupRows += step
                if openRowGroupRows >= options.maxRowGroupRows || estimatedRowGroupSize >= options.maxRowGroupBytes {
                    try flushRowGroup()
                }
            }
        }
    }

    /// Appends a batch to one column of the open row group. Every column must have received the same
    /// number of rows when `endRowGroup()` (or `close()`) is called.
    public func writeColumn(_ batch: ColumnBatch) throws {
        try checkOpen()
        guard let writer = columnWriters.first(where: { $0.column.path == batch.column.path }) else {
            throw ParquetError(.invalidArgument, "no leaf column \(batch.column.dottedPath) in the schema")
        }
        try batch.validate(against: writer.column)
        try failing {
            try writer.write(batch, levels: 0 ..< batch.levelCount, values: 0 ..< batch.values.count, rows: batch.rowCount)
        }
    }

    /// Sets the ColumnMetaData `key_value_metadata` of the column's chunks closed from now on (nil: none),
    /// replacing `ColumnWriteOptions.keyValueMetadata`. `column` is a dotted leaf path.
    public func setKeyValueMetadata(_ keyValueMetadata: [KeyValue]?, column: String) throws {
        try checkOpen()
        guard let writer = columnWriters.first(where: { $0.column.dottedPath == column }) else {
            throw ParquetError(.invalidArgument, "no leaf column \(column) in the schema")
        }
        writer.keyValueMetadata = keyValueMetadata
    }

    /// Closes the open row group (nothing happens when it holds no rows).
    public func endRowGroup() throws {
        try checkOpen()
        let counts = Set(columnWriters.map(\.rowCount))
        guard counts.count == 1 else {
            throw ParquetError(.invalidArgument, "columns of the row group have different row counts: \(counts.sorted())")
        }
        try failing { try flushRowGroup() }
    }

    /// Writes the open row group, the page index and the footer, and finishes the sink.
    public func close() throws {
        if state == .failed {
            state = .closed
            sink.abort()
            throw ParquetError(.invalidArgument, "the writer failed earlier; its output was discarded")
        }
        try checkOpen()
        try endRowGroup()
        try failing {
            for (g, filters) in pendingBloomFilters.enumerated() { try writeBloomFilters(filters, into: &rowGroups[g].columns) }
            pendingBloomFilters = []
            try writePageIndex()
            var meta = FileMetaData(version: 2, schema: Self.flatten(schema.root), numRows: rowsWritten, rowGroups: rowGroups)
            meta.keyValueMetadata = options.keyValueMetadata.isEmpty ? nil : options.keyValueMetadata
            meta.createdBy = options.createdBy
            meta.columnOrders = Array(repeating: .typeDefinedOrder, count: schema.columns.count)
            let footer = meta.thriftBytes()
            try emit(footer)
            var tail: [UInt8] = []
            PageValueBuffer.appendLength(footer.count, to: &tail)
            tail.append(contentsOf: Self.magic)
            try emit(tail)
            try sink.finish()
        }
        state = .closed
    }

    /// Discards the output (the sink's `abort`); the writer cannot be used afterwards.
    public func abort() {
        guard state != .closed else { return }
        state = .closed
        sink.abort()
    }

    // MARK: internals

    private func checkOpen() throws {
        switch state {
        case .open: return
        case .closed: throw ParquetError(.invalidArgument, "the writer is closed")
        case .failed: throw ParquetError(.invalidArgument, "the writer failed earlier")
        }
    }

    /// Runs `body`; on error marks the writer failed (its state is no longer consistent).
    private func failing(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch {
            state = .failed
            throw error
        }
    }

    private func emit(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try sink.write($0) }
        position += Int64(bytes.count)
    }

    /// Encoded bytes of the open row group, estimated.
    private var estimatedRowGroupSize: Int { columnWriters.reduce(0) { $0 + $1.estimatedSize } }

    /// Runs `body` for every column index, concurrently when `options.parallelism` > 1 (each column
    /// writer is used by one thread only), and returns the results in column order.
    @discardableResult
    private func forEachColumn<T>(_ body: (Int) throws -> T) throws -> [T] {
        let n = columnWriters.count
        #if canImport(Dispatch)
        if options.parallelism > 1 && n > 1 {
            let results = UnsafeMutableBufferPointer<Result<T, any Error>?>.allocate(capacity: n)
            results.initialize(repeating: nil)
            defer {
                results.deinitialize()
                results.deallocate()
            }
            withoutActuallyEscaping(body) { body in
                // Each iteration writes only its own slot of `results` and uses only its own column writer.
                let shared = UncheckedSendable((body, results))
                DispatchQueue.concurrentPerform(iterations: n) { i in
                    let (work, slots) = shared.value
                    slots[i] = Result { try work(i) }
                }
            }
            return try results.map { try $0!.get() }
        }
        #endif
        return try (0 ..< n).map(body)
    }

    /// Finishes every column chunk of the open row group and writes them out in column order.
    private func flushRowGroup() throws {
        guard let rows = columnWriters.first?.rowCount, rows > 0 else { return }
        let chunks = try forEachColumn { i in try columnWriters[i].finish() }
        let groupStart = position
        var columns: [ColumnChunk] = []
        var indexes: [(ColumnIndex?, OffsetIndex)] = []
        var uncompressedTotal: Int64 = 0
        for var chunk in chunks {
            let chunkStart = position
            var locations: [PageLocation] = []
            for page in chunk.pages {
                if page.type != .dictionaryPage {
                    locations.append(PageLocation(offset: position, compressedPageSize: Int32(page.size), firstRowIndex: page.firstRowIndex))
                }
                try emit(page.header)
                try emit(page.body)
            }
            chunk.metadata.dataPageOffset = locations.first?.offset ?? chunkStart
            if chunk.hasDictionaryPage { chunk.metadata.dictionaryPageOffset = chunkStart }
            uncompressedTotal += chunk.metadata.totalUncompressedSize
            columns.append(ColumnChunk(fileOffset: chunkStart, metaData: chunk.metadata))
            indexes.append((chunk.columnIndex, OffsetIndex(pageLocations: locations)))
        }
        let groupSize = position - groupStart
        let filters = chunks.map(\.bloomFilter)
        if options.bloomFilterPosition == .afterRowGroup {
            try writeBloomFilters(filters, into: &columns)
        } else {
            pendingBloomFilters.append(filters)
        }
        var group = RowGroup(columns: columns, totalByteSize: uncompressedTotal, numRows: Int64(rows))
        group.fileOffset = groupStart
        group.totalCompressedSize = groupSize
        group.ordinal = rowGroups.count < Int(Int16.max) ? Int16(rowGroups.count) : nil
        group.sortingColumns = options.sortingColumns
        rowGroups.append(group)
        pageIndexes.append(indexes)
        rowsWritten += Int64(rows)
        openRowGroupRows = 0
    }

    /// Writes the filters of one row group's chunks and records their places in `columns`.
    private func writeBloomFilters(_ filters: [SplitBlockBloomFilter?], into columns: inout [ColumnChunk]) throws {
        for (c, filter) in filters.enumerated() {
            guard let filter else { continue }
            let bytes = filter.serialized
            columns[c].metaData!.bloomFilterOffset = position
            columns[c].metaData!.bloomFilterLength = Int32(bytes.count)
            try emit(bytes)
        }
    }

    /// Writes all column indexes, then all offset indexes, and records their places in the row groups.
    private func writePageIndex() throws {
        guard options.pageIndexEnabled else { return }
        for g in rowGroups.indices {
            for c in rowGroups[g].columns.indices {
                guard let index = pageIndexes[g][c].0 else { continue }
                let bytes = index.thriftBytes()
                rowGroups[g].columns[c].columnIndexOffset = position
                rowGroups[g].columns[c].columnIndexLength = Int32(bytes.count)
                try emit(bytes)
            }
        }
        for g in rowGroups.indices {
            for c in rowGroups[g].columns.indices {
                let bytes = pageIndexes[g][c].1.thriftBytes()
                rowGroups[g].columns[c].offsetIndexOffset = position
                rowGroups[g].columns[c].offsetIndexLength = Int32(bytes.count)
                try emit(bytes)
            }
        }
    }

    /// The schema tree as the footer's depth-first element list.
    static func flatten(_ node: SchemaNode) -> [SchemaElement] {
        var out: [SchemaElement] = []
        func visit(_ n: SchemaNode) {
            var e = n.element
            if !n.isLeaf { e.numChildren = Int32(n.children.count) }
            out.append(e)
            for c in n.children { visit(c) }
        }
        visit(node)
        return out
    }
}
