/// Reads chosen rows of chosen columns of one row group, fetching only the pages that hold them
/// when the column chunk has an OffsetIndex (plus its dictionary page), in one `read(ranges:)` call.
struct RowGroupReader {
    let file: ParquetFile
    let rowGroup: Int
    let rowCount: Int64
    /// OffsetIndex per leaf index (`.some(nil)`: the chunk has none).
    var offsetIndexes: [Int: OffsetIndex?] = [:]

    init(file: ParquetFile, rowGroup: Int) {
        self.file = file
        self.rowGroup = rowGroup
        rowCount = file.metadata.rowGroups[rowGroup].numRows
    }

    /// Compressed size of a column chunk (0 when its metadata is missing).
    func chunkSize(_ c: ColumnDescriptor) -> Int64 {
        max(0, file.metadata.rowGroups[rowGroup].columns[c.index].metaData?.totalCompressedSize ?? 0)
    }

    /// The OffsetIndex of a chunk, when present and usable (pages cover the row group from row 0).
    mutating func offsetIndex(_ c: ColumnDescriptor, statistics: inout FilterStatistics) async throws -> OffsetIndex? {
        if let cached = offsetIndexes[c.index] { return cached }
        var index = try await file.offsetIndex(rowGroup: rowGroup, column: c)
        statistics.indexBytesRead += Int64(file.metadata.rowGroups[rowGroup].columns[c.index].offsetIndexLength ?? 0)
        if let locs = index?.pageLocations, locs.isEmpty || locs[0].firstRowIndex != 0 || locs.last!.firstRowIndex >= max(rowCount, 1) {
            index = nil
        }
        offsetIndexes[c.index] = .some(index)
        return index
    }

    /// ColumnIndex and OffsetIndex of a filter column, when both exist and agree on the page count.
    mutating func pageIndex(_ c: ColumnDescriptor, statistics: inout FilterStatistics) async throws -> (ColumnIndex, OffsetIndex)? {
        let chunk = file.metadata.rowGroups[rowGroup].columns[c.index]
        guard chunk.columnIndexOffset != nil, let oi = try await offsetIndex(c, statistics: &statistics) else { return nil }
        guard let ci = try await file.columnIndex(rowGroup: rowGroup, column: c) else { return nil }
        statistics.indexBytesRead += Int64(chunk.columnIndexLength ?? 0)
        let n = oi.pageLocations.count
        guard ci.nullPages.count == n, ci.minValues.count == n, ci.maxValues.count == n else { return nil }
        return (ci, oi)
    }

    /// What to fetch and decode for one column.
    struct Plan {
        var fetch: PageFetchPlan
        /// Row-group rows the fetched pages hold, in order.
        var decodedRows: [Range<Int64>]
    }

    /// The rows `ranges` (sorted, disjoint, inside the row group) of `columns`, one batch per column.
    mutating func read(_ columns: [ColumnDescriptor], ranges: [Range<Int64>], statistics: inout FilterStatistics) async throws -> [ColumnBatch] {
        guard !columns.isEmpty else { return [] }
        let whole = ranges == [0 ..< rowCount]
        var plans: [Plan] = []
        var chunkLengths: [Int] = []
        for c in columns {
            let chunk = file.metadata.rowGroups[rowGroup].columns[c.index]
            let (start, length, meta) = try file.chunkRange(chunk, column: c)
            var plan = Plan(fetch: PageFetchPlan(wholeChunk: start ..< start + Int64(length), column: c, metadata: meta),
                            decodedRows: [0 ..< rowCount])
            if !whole, let oi = try await offsetIndex(c, statistics: &statistics) {
                plan = try Self.pagePlan(c, meta, oi, chunkStart: start, chunkLength: length, rowCount: rowCount, ranges: ranges)
                statistics.pagesTotal += oi.pageLocations.count
                statistics.pagesSkipped += oi.pageLocations.count - plan.decodedRows.count
            }
            plans.append(plan)
            chunkLengths.append(length)
        }
        let buffers = try await file.fetch(plans.map(\.fetch))
        var out: [ColumnBatch] = []
        for ((plan, fetched), chunkLength) in zip(zip(plans, buffers), chunkLengths) {
            statistics.bytesRead += Int64(fetched.buffer.count)
            statistics.bytesSkipped += Int64(chunkLength - fetched.buffer.count)
            // Page offsets in errors are approximate when pages were skipped.
            let reader = ColumnChunkReader(column: plan.fetch.column, metadata: plan.fetch.metadata, chunk: fetched.buffer,
                                           chunkOffset: fetched.offset, options: file.options)
            let batch = try reader.readAll()
            let expected = plan.decodedRows.reduce(0) { $0 + $1.count }
            guard batch.rowCount == expected else {
                throw ParquetError(.corrupt, "decoded \(batch.rowCount) rows where the \(whole ? "row group declares" : "offset index implies") \(expected)",
                                   columnPath: plan.fetch.column.dottedPath)
            }
            out.append(try Self.trim(batch, decoded: plan.decodedRows, to: ranges))
        }
        return out
    }

    /// The pages of a chunk overlapping `ranges`.
    static func pagePlan(_ c: ColumnDescriptor, _ meta: ColumnMetaData, _ oi: OffsetIndex, chunkStart: Int64, chunkLength: Int,
                         rowCount: Int64, ranges: [Range<Int64>]) throws -> Plan {
        let locs = oi.pageLocations
        let chunkEnd = chunkStart + Int64(chunkLength)
        guard locs[0].offset >= chunkStart else {
            throw ParquetError(.corrupt, "offset index disagrees with the column chunk's range", columnPath: c.dottedPath)
        }
        var pages: [Range<Int64>] = []
        var decoded: [Range<Int64>] = []
        var firstKept: Int?
        var r = 0
        for (i, loc) in locs.enumerated() {
            let first = loc.firstRowIndex
            let end = i + 1 < locs.count ? locs[i + 1].firstRowIndex : rowCount
            while r < ranges.count && ranges[r].upperBound <= first { r += 1 }
            guard r < ranges.count, ranges[r].lowerBound < end else { continue }
            let bytes = loc.offset ..< loc.offset + Int64(loc.compressedPageSize)
            guard bytes.lowerBound >= chunkStart, bytes.upperBound <= chunkEnd else {
                throw ParquetError(.corrupt, "offset index page at \(loc.offset) lies outside its column chunk", columnPath: c.dottedPath)
            }
            if let last = pages.last, last.upperBound == bytes.lowerBound {
                pages[pages.count - 1] = last.lowerBound ..< bytes.upperBound
            } else {
                pages.append(bytes)
            }
            if firstKept == nil { firstKept = i }
            decoded.append(first ..< end)
        }
        guard let firstKept else {
            // No page overlaps (callers pass ranges inside the row group, so this is a corrupt index).
            throw ParquetError(.corrupt, "no page of the offset index holds the rows asked for", columnPath: c.dottedPath)
        }
        let fetch = PageFetchPlan(pages: pages, chunkStart: chunkStart, firstDataPage: locs[0].offset, firstPageOrdinal: firstKept,
                                  column: c, metadata: meta)
        return Plan(fetch: fetch, decodedRows: decoded)
    }

    /// Keeps the rows of `ranges` from a batch holding the rows `decoded` (both sorted; `ranges` inside
    /// the union of `decoded`).
    static func trim(_ batch: ColumnBatch, decoded: [Range<Int64>], to ranges: [Range<Int64>]) throws -> ColumnBatch {
        if decoded == ranges { return batch }
        var positions: [Int] = []
        var d = 0, base = 0
        for r in ranges {
            var row = r.lowerBound
            while row < r.upperBound {
                while d < decoded.count && decoded[d].upperBound <= row { base += decoded[d].count; d += 1 }
                guard d < decoded.count, decoded[d].lowerBound <= row else {
                    throw ParquetError(.corrupt, "row \(row) is not in the pages read", columnPath: batch.column.dottedPath)
                }
                let end = min(r.upperBound, decoded[d].upperBound)
                let startPos = base + Int(row - decoded[d].lowerBound)
                positions.append(contentsOf: startPos ..< startPos + Int(end - row))
                row = end
            }
        }
        return try batch.selecting(rows: positions)
    }
}
