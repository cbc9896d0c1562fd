/// Rows `[offset, offset + rowCount)` of chosen columns of a file: what a scrolling table view asks for.
///
/// Holds the window columnar (one batch per projected leaf column); `values()` assembles the rows with
/// nested values and logical types applied.
public struct RowWindow: Sendable {
    /// Index of the first row of the window in the file.
    public let offset: Int64
    /// One batch per projected leaf column, in schema order.
    public let batches: [ColumnBatch]
    /// The file's schema (the batches' columns are leaves of it).
    public let schema: Schema

    /// Rows in the window (fewer than asked for at the end of the file, 0 past it).
    public var rowCount: Int { batches.first?.rowCount ?? 0 }

    /// The rows as values (`Value.struct` per row, holding the projected fields).
    public func values() throws -> [Value] {
        try RecordAssembler(schema: schema, batches: batches).rows()
    }
}

extension ParquetFile {
    /// Rows `[offset, offset + limit)` of the chosen columns (all when nil; dotted paths select nested
    /// fields) — as columnar batches and, through `values()`, as rows. See `rowWindow(offset:limit:columns:)`
    /// for what is read.
    public func rows(offset: Int64, limit: Int, columns: [String]? = nil) async throws -> RowWindow {
        let batches = try await rowWindow(offset: offset, limit: limit, columns: columns)
        return RowWindow(offset: offset, batches: batches, schema: schema)
    }
}
