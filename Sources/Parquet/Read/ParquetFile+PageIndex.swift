extension ParquetFile {
    /// The OffsetIndex (page locations) of a column chunk, or nil when the writer stored none.
    public func offsetIndex(rowGroup: Int, column: ColumnDescriptor) async throws -> OffsetIndex? {
        let chunk = try self.rowGroup(rowGroup).columns[column.index]
        guard let off = chunk.offsetIndexOffset, let len = chunk.offsetIndexLength else { return nil }
        let index: OffsetIndex = try await readIndex(offset: off, length: len, what: "offset index", column: column)
        // Validate what later code relies on: locations inside the file, increasing first rows.
        var previous: Int64 = -1
        for loc in index.pageLocations {
            guard loc.offset >= 4, loc.compressedPageSize >= 0, loc.offset <= footerOffset - Int64(loc.compressedPageSize),
                  loc.firstRowIndex > previous || (previous == -1 && loc.firstRowIndex == 0) else {
                throw ParquetError(.corrupt, "offset index has an invalid page location (offset \(loc.offset), first row \(loc.firstRowIndex))",
                                   columnPath: column.dottedPath, offset: off)
            }
            previous = loc.firstRowIndex
        }
        return index
    }

    /// The ColumnIndex (per-page min/max/null counts) of a column chunk, or nil when absent.
    public func columnIndex(rowGroup: Int, column: ColumnDescriptor) async throws -> ColumnIndex? {
        let chunk = try self.rowGroup(rowGroup).columns[column.index]
        guard let off = chunk.columnIndexOffset, let len = chunk.columnIndexLength else { return nil }
        return try await readIndex(offset: off, length: len, what: "column index", column: column)
    }

    private func readIndex<T: ThriftStruct>(offset: Int64, length: Int32, what: String, column: ColumnDescriptor) async throws -> T {
        guard offset >= 4, length >= 0, offset <= footerOffset, Int64(length) <= footerOffset - offset else {
            throw ParquetError(.corrupt, "\(what) at \(offset) of \(length) bytes lies outside the file", columnPath: column.dottedPath, offset: offset)
        }
        let bytes = try await source.read(offset: offset, length: Int(length))
        let result = bytes.withUnsafeBytes { b in Result { () throws(ThriftError) -> T in try T.decode(b).0 } }
        switch result {
        case .success(let v): return v
        case .failure(let e): throw e.parquetError("cannot decode the \(what)", base: offset, columnPath: column.dottedPath)
        }
    }
}
