import Parquet

extension Workload {
    /// Time to first window, as a table view needs it: open the file (footer, schema) from a fresh source,
    /// then rows `[offset, offset + limit)` of `columns` as values (`ParquetFile.rowWindowValues`), which
    /// reads only the pages holding them where the file has an OffsetIndex. `offset` nil = 90% of the rows.
    /// Input bytes are the bytes read from the source (S3: the bytes fetched).
    static func readWindow(_ source: BenchSource, offset: Int64?, limit: Int, columns: [String]?,
                       options: ReaderOptions) async throws -> RunOutput {
        let counting = CountingByteSource(try await source.byteSource())
        let file = try await ParquetFile.open(source: counting, options: options)
        let start = offset ?? file.rowCount / 10 * 9
        let rows = try await file.rowWindowValues(offset: start, limit: limit, columns: columns)
        return RunOutput(rows: rows.count, inputBytes: counting.bytesRead, outputBytes: 0)
    }
}
