extension ParquetFile {
    /// Rows `[offset, offset + limit)` of the chosen columns (all when nil), as one batch per leaf column.
    ///
    /// Only the row groups holding the window are touched. Where the writer stored an OffsetIndex, only
    /// the pages covering the window (plus the dictionary page) are read from the source; otherwise the
    /// row group's chunk is read and decoded from its start. A window past the end is empty.
    public func rowWindow(offset: Int64, limit: Int, columns: [String]? = nil) async throws -> [ColumnBatch] {
        guard offset >= 0, limit >= 0 else {
            throw ParquetError(.invalidArgument, "window offset and limit must not be negative (offset \(offset), limit \(limit))")
        }
        let leaves = try resolveColumns(columns)
        var result: [ColumnBatch?] = Array(repeating: nil, count: leaves.count)
        var groupStart: Int64 = 0
        let end = offset + Int64(limit)
        for g in 0 ..< rowGroupCount {
            let n = metadata.rowGroups[g].numRows
            defer { groupStart += n }
            guard limit > 0, groupStart + n > offset, groupStart < end else { continue }
            let from = max(offset, groupStart) - groupStart
            let to = min(end, groupStart + n) - groupStart
            for (i, c) in leaves.enumerated() {
                let b = try await windowInRowGroup(g, column: c, from: from, to: to)
                if result[i] == nil { result[i] = b } else { result[i]!.append(b) }
            }
        }
        return leaves.enumerated().map { i, c in
            if let b = result[i] { return b }
            // Empty window: an empty batch of the right type.
            return ColumnBatch.empty(c)
        }
    }

    /// The rows of a window as values (`Value.struct` per row), nested values assembled.
    public func rowWindowValues(offset: Int64, limit: Int, columns: [String]? = nil) async throws -> [Value] {
        let batches = try await rowWindow(offset: offset, limit: limit, columns: columns)
        return try RecordAssembler(schema: schema, batches: batches).rows()
    }

    /// Rows `[from, to)` (relative to the row group) of one column chunk.
    func windowInRowGroup(_ g: Int, column: ColumnDescriptor, from: Int64, to: Int64) async throws -> ColumnBatch {
        let chunk = metadata.rowGroups[g].columns[column.index]
        let (chunkStart, chunkLength, meta) = try chunkRange(chunk, column: column)
        var skip = from
        let reader: ColumnChunkReader
        if let index = try await offsetIndex(rowGroup: g, column: column), !index.pageLocations.isEmpty {
            let locs = index.pageLocations
            // Last page starting at or before `from`, and last page starting before `to`.
            var first = 0
            while first + 1 < locs.count && locs[first + 1].firstRowIndex <= from { first += 1 }
            var last = first
            while last + 1 < locs.count && locs[last + 1].firstRowIndex < to { last += 1 }
            let dictionaryEnd = locs[0].offset
            guard dictionaryEnd >= chunkStart, dictionaryEnd <= chunkStart + Int64(chunkLength) else {
                throw ParquetError(.corrupt, "offset index disagrees with the column chunk's range", columnPath: column.dottedPath)
            }
            let pagesStart = locs[first].offset
            let pagesEnd = locs[last].offset + Int64(locs[last].compressedPageSize)
            var ranges: [Range<Int64>] = []
            if dictionaryEnd > chunkStart { ranges.append(chunkStart ..< dictionaryEnd) }
            ranges.append(pagesStart ..< pagesEnd)
            let parts = try await source.read(ranges: ranges)
            var bytes: [UInt8] = []
            bytes.reserveCapacity(parts.reduce(0) { $0 + $1.count })
            for p in parts { bytes += p }
            // Page offsets in errors are approximate for the concatenated buffer (dictionary + pages).
            reader = ColumnChunkReader(column: column, metadata: meta, chunk: OwnedBuffer(copying: bytes),
                                       chunkOffset: ranges.count == 2 ? chunkStart : pagesStart, options: options)
            skip = from - locs[first].firstRowIndex
        } else {
            reader = try await columnReader(rowGroup: g, column: column)
        }
        var remainingSkip = Int(skip)
        while remainingSkip > 0 {
            guard let b = try reader.readBatch(maxRows: min(remainingSkip, 1 << 16)) else { break }
            remainingSkip -= b.rowCount
        }
        return try reader.readBatch(maxRows: Int(to - from)) ?? ColumnBatch.empty(column)
    }
}
