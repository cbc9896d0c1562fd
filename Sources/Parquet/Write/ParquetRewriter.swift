/// Re-encodes a Parquet file with this engine's writer (as arrow-rs's `parquet-rewrite`): same schema,
/// same values, same key-value metadata, new codec / encodings / page layout / row groups.
///
/// Memory stays within one input row group (decoded) plus one output row group (encoded).
public enum ParquetRewriter {
    /// What to change while rewriting.
    public struct Options: Sendable, Hashable {
        /// Codec, page version, dictionary, per-column encodings, page size, page index… of the output.
        /// `keyValueMetadata` entries are added to (and override) the input's.
        public var writer: ParquetWriterOptions
        /// Rows per output row group; nil keeps the input's row group boundaries.
        public var rowGroupRows: Int?
        /// Copy the input's file key-value metadata (`ARROW:schema` included).
        public var keepKeyValueMetadata: Bool
        /// Copy each column chunk's key-value metadata (ColumnMetaData `key_value_metadata`). With
        /// `rowGroupRows` set, an output chunk gets the entries of all input chunks of its column.
        public var keepColumnKeyValueMetadata: Bool
        /// When set, the columns that have a Bloom filter in the input get one in the output with these
        /// options (unless `writer.columns` configures that column's filter); nil drops them.
        public var keepBloomFilters: BloomFilterOptions?

        public init(writer: ParquetWriterOptions = ParquetWriterOptions(), rowGroupRows: Int? = nil,
                    keepKeyValueMetadata: Bool = true, keepColumnKeyValueMetadata: Bool = true, keepBloomFilters: BloomFilterOptions? = nil) {
            self.writer = writer
            self.rowGroupRows = rowGroupRows
            self.keepKeyValueMetadata = keepKeyValueMetadata
            self.keepColumnKeyValueMetadata = keepColumnKeyValueMetadata
            self.keepBloomFilters = keepBloomFilters
        }
    }

    /// Rewrites `input` into `sink` (which is finished on success and aborted on failure).
    public static func rewrite(_ input: ParquetFile, to sink: any ParquetSink, options: Options = Options()) async throws {
        var writerOptions = options.writer
        if options.keepKeyValueMetadata {
            var merged = input.metadata.keyValueMetadata ?? []
            for kv in writerOptions.keyValueMetadata {
                merged.removeAll { $0.key == kv.key }
                merged.append(kv)
            }
            writerOptions.keyValueMetadata = merged
        }
        if let rows = options.rowGroupRows {
            guard rows > 0 else { throw ParquetError(.invalidArgument, "row group size must be positive") }
            writerOptions.maxRowGroupRows = rows
        } else {
            // Input boundaries are kept: no row group limit of the writer may split them.
            writerOptions.maxRowGroupRows = Int.max
            writerOptions.maxRowGroupBytes = Int.max
            // Sorting columns hold per row group; with unchanged row groups they still do.
            if writerOptions.sortingColumns == nil, let first = input.metadata.rowGroups.first?.sortingColumns,
               input.metadata.rowGroups.allSatisfy({ $0.sortingColumns == first }) {
                writerOptions.sortingColumns = first
            }
        }
        let chunks = input.metadata.rowGroups.map { $0.columns.map(\.metaData) }
        for column in input.schema.columns {
            let path = column.dottedPath
            if let keep = options.keepBloomFilters, writerOptions.columns[path]?.bloomFilter == nil,
               chunks.contains(where: { $0[column.index]?.bloomFilterOffset != nil }) {
                writerOptions.columns[path, default: ColumnWriteOptions()].bloomFilter = keep
            }
            if options.keepColumnKeyValueMetadata, options.rowGroupRows != nil, writerOptions.columns[path]?.keyValueMetadata == nil {
                var merged: [KeyValue] = []
                for kv in chunks.flatMap({ $0[column.index]?.keyValueMetadata ?? [] }) {
                    merged.removeAll { $0.key == kv.key }
                    merged.append(kv)
                }
                if !merged.isEmpty { writerOptions.columns[path, default: ColumnWriteOptions()].keyValueMetadata = merged }
            }
        }
        let writer: ParquetWriter
        do {
            writer = try ParquetWriter(schema: input.schema, sink: sink, options: writerOptions)
        } catch {
            sink.abort()
            throw error
        }
        do {
            for g in 0 ..< input.rowGroupCount where try input.rowGroup(g).numRows > 0 {
                if options.keepColumnKeyValueMetadata && options.rowGroupRows == nil {
                    // Row groups map one to one: each output chunk gets its input chunk's entries.
                    for column in input.schema.columns where options.writer.columns[column.dottedPath]?.keyValueMetadata == nil {
                        try writer.setKeyValueMetadata(chunks[g][column.index]?.keyValueMetadata, column: column.dottedPath)
                    }
                }
                let batches = try await input.readRowGroup(g)
                try writer.write(batches: batches)
                if options.rowGroupRows == nil { try writer.endRowGroup() }
            }
            try writer.close()
        } catch {
            writer.abort()
            throw error
        }
    }

    /// Rewrites the file at `inputPath` into `outputPath` (through a temporary file renamed at the end;
    /// `"-"` writes to standard output).
    public static func rewrite(inputPath: String, outputPath: String, options: Options = Options()) async throws {
        let input = try await ParquetFile.open(path: inputPath)
        let sink: any ParquetSink = outputPath == "-" ? FileDescriptorSink.standardOutput() : try FileSink(path: outputPath)
        try await rewrite(input, to: sink, options: options)
    }
}
