extension ParquetFile {
    /// Rows `[offset, offset + limit)` of the chosen columns (all when nil), as one batch per leaf column.
    ///
    /// Only the row groups holding the window are touched. Where the writer stored an OffsetIndex, only
    /// the pages covering the window (plus the dictionary page) are read from the source; otherwise the
    /// row group's chunk is read and decoded from its start, whole pages before the window being skipped
    /// undecoded where their headers allow. The byte ranges of all projected columns of a row group are
    /// fetched in one ranged read (one coalesced request over S3), and page indexes are cached, so
    /// windows in a row cost one read each. A window past the end is empty.
    public func rowWindow(offset: Int64, limit: Int, columns: [String]? = nil) async throws -> [ColumnBatch] {
        guard offset >= 0, limit >= 0 else {
            throw ParquetError(.invalidArgument, "window offset and limit must not be negative (offset \(offset), limit \(limit))")
        }
        let leaves = try resolveColumns(columns)
        var result: [ColumnBatch?] = Array(repeating: nil, count: leaves.count)
        var groupStart: Int64 = 0
        let (end, overflow) = offset.addingReportingOverflow(Int64(limit))
        let windowEnd = overflow ? Int64.max : end
        for g in 0 ..< rowGroupCount {
            let n = metadata.rowGroups[g].numRows
            defer { groupStart += n }
            guard limit > 0, groupStart + n > offset, groupStart < windowEnd else { continue }
            let from = max(offset, groupStart) - groupStart
            let to = min(windowEnd, groupStart + n) - groupStart
            let parts = try await window(inRowGroup: g, columns: leaves, from: from, to: to)
            for i in leaves.indices {
                if result[i] == nil { result[i] = parts[i] } else { result[i]!.append(parts[i]) }
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

    /// What to fetch for one column of a window and where to start decoding.
    private struct WindowPlan {
        var fetch: PageFetchPlan
        /// Rows to skip after the first fetched data page (or the chunk start).
        var skip: Int64
    }

    /// Rows `[from, to)` (relative to the row group) of several column chunks.
    func window(inRowGroup g: Int, columns: [ColumnDescriptor], from: Int64, to: Int64) async throws -> [ColumnBatch] {
        let chunks = try rowGroup(g).columns
        let indexes = try await offsetIndexes(rowGroup: g, columns: columns)
        var plans: [WindowPlan] = []
        plans.reserveCapacity(columns.count)
        for (column, index) in zip(columns, indexes) {
            let (chunkStart, chunkLength, meta) = try chunkRange(chunks[column.index], column: column)
            let chunkEnd = chunkStart + Int64(chunkLength)
            guard let locs = index?.pageLocations, !locs.isEmpty else {
                plans.append(WindowPlan(fetch: PageFetchPlan(wholeChunk: chunkStart ..< chunkEnd, column: column, metadata: meta), skip: from))
                continue
            }
            // Last page starting at or before `from`, and last page starting before `to`.
            var first = 0
            while first + 1 < locs.count && locs[first + 1].firstRowIndex <= from { first += 1 }
            var last = first
            while last + 1 < locs.count && locs[last + 1].firstRowIndex < to { last += 1 }
            let dictionaryEnd = locs[0].offset
            guard dictionaryEnd >= chunkStart, dictionaryEnd <= chunkEnd, locs[first].offset >= dictionaryEnd,
                  locs[last].offset + Int64(locs[last].compressedPageSize) <= chunkEnd else {
                throw ParquetError(.corrupt, "offset index disagrees with the column chunk's range", columnPath: column.dottedPath,
                                   offset: chunkStart)
            }
            let pages = locs[first].offset ..< locs[last].offset + Int64(locs[last].compressedPageSize)
            let fetch = PageFetchPlan(pages: [pages], chunkStart: chunkStart, firstDataPage: dictionaryEnd, firstPageOrdinal: first,
                                      column: column, metadata: meta)
            plans.append(WindowPlan(fetch: fetch, skip: from - locs[first].firstRowIndex))
        }
        // One ranged read for every column (the S3 source coalesces neighbours into few requests).
        let buffers = try await fetch(plans.map(\.fetch))
        var out: [ColumnBatch] = []
        out.reserveCapacity(columns.count)
        for (plan, fetched) in zip(plans, buffers) {
            // Page offsets in errors are approximate when the dictionary and the pages were fetched apart.
            let reader = ColumnChunkReader(column: plan.fetch.column, metadata: plan.fetch.metadata, chunk: fetched.buffer,
                                           chunkOffset: fetched.offset, options: options)
            _ = try reader.skipRows(Int(plan.skip))
            out.append(try reader.readBatch(maxRows: Int(to - from)) ?? ColumnBatch.empty(plan.fetch.column))
        }
        return out
    }
}
