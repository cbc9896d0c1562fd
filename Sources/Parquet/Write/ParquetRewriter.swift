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

        public init(writer: ParquetWriterOptions = ParquetWriterOptions(), rowGroupRows: Int? = nil,
                    keepKeyValueMetadata: Bool = true) {
            self.writer = writer
            self.rowGroupRows = rowGroupRows
            self.keepKeyValueMetadata = keepKeyValueMetadata
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
        let writer: ParquetWriter
        do {
            writer = try ParquetWriter(schema: input.schema, sink: sink, options: writerOptions)
        } catch {
            sink.abort()
            throw error
        }
        do {
            for g in 0 ..< input.rowGroupCount where try input.rowGroup(g).numRows > 0 {
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
