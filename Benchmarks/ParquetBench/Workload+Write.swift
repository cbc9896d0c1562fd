import Parquet

extension Workload {
    /// Decodes the row groups of `path` (the first `limit` rows, all when nil) into memory, once, before any
    /// timed run: the write workload times the writer alone, as `pyarrow.parquet.write_table` is timed on
    /// a table already in memory.
    static func loadForWrite(path: String, limit: Int?, options: ReaderOptions) async throws -> WriteInput {
        let file = try await ParquetFile.open(path: path, options: options)
        let total = Int(min(file.rowCount, Int64(limit ?? Int.max)))
        var groups: [[ColumnBatch]] = []
        var start = 0
        for g in 0 ..< file.rowGroupCount where start < total {
            let n = Int(try file.rowGroup(g).numRows)
            groups.append(start + n <= total
                ? try await file.readRowGroup(g, columns: file.schema.columns)
                : try await file.rowWindow(offset: Int64(start), limit: total - start))
            start += n
        }
        let bytes = groups.reduce(Int64(0)) { sum, batches in batches.reduce(sum) { $0 + $1.decodedByteCount } }
        return WriteInput(schema: file.schema, rowGroups: groups, rows: total, decodedBytes: bytes)
    }

    /// Writes the loaded row groups to `output` with `codec` (at the codec's default level, which is
    /// Arrow C++'s), `rowGroupRows` rows per row group, the writer's other defaults, and column chunks
    /// encoded by `threads` workers. The output size is the run's output bytes.
    static func writeFile(_ input: WriteInput, codec: CompressionCodec, rowGroupRows: Int, threads: Int, output: String) throws
        -> RunOutput
    {
        var options = ParquetWriterOptions()
        options.compression = codec
        options.maxRowGroupRows = rowGroupRows
        // Only the row count closes a row group, as with pyarrow's row_group_size.
        options.maxRowGroupBytes = Int.max
        options.parallelism = threads
        let writer = try ParquetWriter(path: output, schema: input.schema, options: options)
        for batches in input.rowGroups { try writer.write(batches: batches) }
        try writer.close()
        return RunOutput(rows: input.rows, inputBytes: input.decodedBytes, outputBytes: try fileSize(output))
    }
}

/// Decoded row groups held in memory for the write workload.
struct WriteInput: Sendable {
    let schema: Schema
    let rowGroups: [[ColumnBatch]]
    let rows: Int
    /// Bytes of the decoded buffers (the write's input).
    let decodedBytes: Int64
}
