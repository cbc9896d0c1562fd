extension ParquetWriter {
    /// Rows shredded per `write(batches:)` call.
    static let rowsPerShreddedBatch = 4096

    /// Appends rows of `Value`s (each a `.struct` of the schema's top-level fields, as
    /// `ParquetFile.readRows` returns them; see `RowShredder` for the accepted shapes). Rows are
    /// shredded into column batches and written as by `write(batches:)`.
    ///
    /// A row that does not fit the schema throws `invalidArgument` naming the column path and the row
    /// (its index in `rows`); the rows before it in the same step of 4096 rows are not written, earlier
    /// steps are, and the writer stays usable.
    public func write(rows: [Value]) throws {
        var shredder = RowShredder(schema: schema)
        var start = 0
        while start < rows.count {
            let end = min(rows.count, start + Self.rowsPerShreddedBatch)
            for i in start ..< end { try shredder.append(rows[i], row: i) }
            try write(batches: shredder.makeBatches())
            start = end
        }
    }
}
