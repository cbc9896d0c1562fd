extension ParquetFile {
    /// Reads the rows of a row group as values (each row a `Value.struct` of the projected top-level
    /// fields, nested values assembled). `columns` selects fields by dotted path; nil reads all.
    public func readRows(rowGroup: Int, columns: [String]? = nil) async throws -> [Value] {
        let leaves = try resolveColumns(columns)
        let batches = try await readRowGroup(rowGroup, columns: leaves)
        return try RecordAssembler(schema: schema, batches: batches).rows()
    }

    /// Every row of the file (convenience for small files; large files should go row group by row group).
    public func readAllRows(columns: [String]? = nil) async throws -> [Value] {
        var out: [Value] = []
        for g in 0 ..< rowGroupCount { out += try await readRows(rowGroup: g, columns: columns) }
        return out
    }
}
