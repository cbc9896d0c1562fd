extension ParquetFile {
    /// The OffsetIndex (page locations) of a column chunk, or nil when the writer stored none.
    ///
    /// Read once per column chunk and then served from the file's cache.
    public func offsetIndex(rowGroup: Int, column: ColumnDescriptor) async throws -> OffsetIndex? {
        try await offsetIndexes(rowGroup: rowGroup, columns: [column])[0]
    }

    /// The OffsetIndexes of several column chunks of one row group, fetched together in one ranged read
    /// of the source (one coalesced request over S3) for those not cached yet; nil where absent.
    public func offsetIndexes(rowGroup: Int, columns: [ColumnDescriptor]) async throws -> [OffsetIndex?] {
        try await prefetchPageIndexes(rowGroup: rowGroup, offsetIndexesOf: columns)
        return columns.map { pageIndexCache.offsetIndex(.init(rowGroup: rowGroup, column: $0.index)) }
    }

    /// Fetches into the cache, in one ranged read of the source (one round of coalesced requests over S3),
    /// the OffsetIndexes of `offsetIndexesOf` and the ColumnIndexes of `columnIndexesOf` in a row group
    /// that are not cached yet. Later `offsetIndex` / `columnIndex` calls for them read nothing.
    public func prefetchPageIndexes(rowGroup: Int, offsetIndexesOf: [ColumnDescriptor],
                                    columnIndexesOf: [ColumnDescriptor] = []) async throws {
        let group = try self.rowGroup(rowGroup)
        var wanted: [(column: ColumnDescriptor, offset: Int64, length: Int32, isOffsetIndex: Bool)] = []
        for column in offsetIndexesOf where pageIndexCache.offsetIndex(.init(rowGroup: rowGroup, column: column.index)) == nil {
            let chunk = try chunk(of: group, column: column)
            guard let off = chunk.offsetIndexOffset, let len = chunk.offsetIndexLength else { continue }
            try checkIndexRange(offset: off, length: len, what: "offset index", column: column)
            wanted.append((column, off, len, true))
        }
        for column in columnIndexesOf where pageIndexCache.columnIndex(.init(rowGroup: rowGroup, column: column.index)) == nil {
            let chunk = try chunk(of: group, column: column)
            guard let off = chunk.columnIndexOffset, let len = chunk.columnIndexLength else { continue }
            try checkIndexRange(offset: off, length: len, what: "column index", column: column)
            wanted.append((column, off, len, false))
        }
        guard !wanted.isEmpty else { return }
        let parts = try await source.read(ranges: wanted.map { $0.offset ..< $0.offset + Int64($0.length) })
        for (part, w) in zip(parts, wanted) {
            let key = PageIndexCache.Key(rowGroup: rowGroup, column: w.column.index)
            if w.isOffsetIndex {
                let index: OffsetIndex = try decodeIndex(part, offset: w.offset, what: "offset index", column: w.column)
                try validate(index, column: w.column, offset: w.offset)
                pageIndexCache.store(index, for: key)
            } else {
                let index: ColumnIndex = try decodeIndex(part, offset: w.offset, what: "column index", column: w.column)
                pageIndexCache.store(index, for: key)
            }
        }
    }

    /// The ColumnIndex (per-page min/max/null counts) of a column chunk, or nil when absent.
    ///
    /// Read once per column chunk and then served from the file's cache.
    public func columnIndex(rowGroup: Int, column: ColumnDescriptor) async throws -> ColumnIndex? {
        try await prefetchPageIndexes(rowGroup: rowGroup, offsetIndexesOf: [], columnIndexesOf: [column])
        return pageIndexCache.columnIndex(.init(rowGroup: rowGroup, column: column.index))
    }

    private func chunk(of group: RowGroup, column: ColumnDescriptor) throws -> ColumnChunk {
        guard column.index >= 0, column.index < group.columns.count else {
            throw ParquetError(.invalidArgument, "column \(column.dottedPath) is not a column of this file")
        }
        return group.columns[column.index]
    }

    /// Validates what later code relies on: locations inside the file, increasing first rows.
    private func validate(_ index: OffsetIndex, column: ColumnDescriptor, offset: Int64) throws {
        var previous: Int64 = -1
        for loc in index.pageLocations {
            guard loc.offset >= 4, loc.compressedPageSize >= 0, loc.offset <= footerOffset,
                  Int64(loc.compressedPageSize) <= footerOffset - loc.offset,
                  loc.firstRowIndex > previous || (previous == -1 && loc.firstRowIndex == 0) else {
                throw ParquetError(.corrupt, "offset index has an invalid page location (offset \(loc.offset), first row \(loc.firstRowIndex))",
                                   columnPath: column.dottedPath, offset: offset)
            }
            previous = loc.firstRowIndex
        }
    }

    private func checkIndexRange(offset: Int64, length: Int32, what: String, column: ColumnDescriptor) throws {
        guard offset >= 4, length >= 0, offset <= footerOffset, Int64(length) <= footerOffset - offset else {
            throw ParquetError(.corrupt, "\(what) at \(offset) of \(length) bytes lies outside the file", columnPath: column.dottedPath, offset: offset)
        }
    }

    private func decodeIndex<T: ThriftStruct>(_ bytes: [UInt8], offset: Int64, what: String, column: ColumnDescriptor) throws -> T {
        let result = bytes.withUnsafeBytes { b in Result { () throws(ThriftError) -> T in try T.decode(b).0 } }
        switch result {
        case .success(let v): return v
        case .failure(let e): throw e.parquetError("cannot decode the \(what)", base: offset, columnPath: column.dottedPath)
        }
    }
}
