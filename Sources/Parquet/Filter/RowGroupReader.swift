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
        var column: ColumnDescriptor
        var metadata: ColumnMetaData
        /// File byte ranges to fetch (dictionary prefix, then runs of adjacent kept pages).
        var byteRanges: [Range<Int64>]
        /// Row-group rows the fetched pages hold, in order.
        var decodedRows: [Range<Int64>]
    }

    /// The rows `ranges` (sorted, disjoint, inside the row group) of `columns`, one batch per column.
    mutating func read(_ columns: [ColumnDescriptor], ranges: [Range<Int64>], statistics: inout FilterStatistics) async throws -> [ColumnBatch] {
        guard !columns.isEmpty else { return [] }
        let whole = ranges == [0 ..< rowCount]
        var plans: [Plan] = []
        for c in columns {
            let chunk = file.metadata.rowGroups[rowGroup].columns[c.index]
            let (start, length, meta) = try file.chunkRange(chunk, column: c)
            var plan = Plan(column: c, metadata: meta, byteRanges: [start ..< start + Int64(length)], decodedRows: [0 ..< rowCount])
            if !whole, let oi = try await offsetIndex(c, statistics: &statistics) {
                plan = try Self.pagePlan(c, meta, oi, chunkStart: start, chunkLength: length, rowCount: rowCount, ranges: ranges)
                statistics.pagesTotal += oi.pageLocations.count
                statistics.pagesSkipped += oi.pageLocations.count - plan.decodedRows.count
            }
            let fetched = plan.byteRanges.reduce(Int64(0)) { $0 + Int64($1.count) }
            statistics.bytesRead += fetched
            statistics.bytesSkipped += Int64(length) - fetched
            plans.append(plan)
        }
        // Local files: single ranges straight into their buffers (no intermediate array); the rest in one call.
        var direct: [Int: OwnedBuffer] = [:]
        if let local = file.source as? FileByteSource {
            for (i, plan) in plans.enumerated() where plan.byteRanges.count == 1 {
                let r = plan.byteRanges[0]
                direct[i] = try ParquetFile.readDirect(local, offset: r.lowerBound, length: r.count)
            }
        }
        let requested = plans.indices.filter { direct[$0] == nil }.flatMap { plans[$0].byteRanges }
        let parts = requested.isEmpty ? [] : try await file.source.read(ranges: requested)
        guard parts.count == requested.count else {
            throw ParquetError(.io, "the source returned \(parts.count) ranges where more were requested")
        }
        var out: [ColumnBatch] = []
        var p = 0
        for (i, plan) in plans.enumerated() {
            let buffer: OwnedBuffer
            if let direct = direct[i] {
                buffer = direct
            } else {
                let pieces = parts[p ..< p + plan.byteRanges.count]
                p += plan.byteRanges.count
                for (part, r) in zip(pieces, plan.byteRanges) where part.count != r.count {
                    throw ParquetError(.io, "short read: \(part.count) of \(r.count) bytes", columnPath: plan.column.dottedPath, offset: r.lowerBound)
                }
                buffer = OwnedBuffer(concatenating: pieces)
            }
            // Page offsets in errors are approximate when pages were skipped.
            let reader = ColumnChunkReader(column: plan.column, metadata: plan.metadata, chunk: buffer,
                                           chunkOffset: plan.byteRanges.first?.lowerBound ?? 0, options: file.options)
            let batch = try reader.readAll()
            let expected = plan.decodedRows.reduce(0) { $0 + $1.count }
            guard batch.rowCount == expected else {
                throw ParquetError(.corrupt, "decoded \(batch.rowCount) rows where the \(whole ? "row group declares" : "offset index implies") \(expected)",
                                   columnPath: plan.column.dottedPath)
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
        var byteRanges: [Range<Int64>] = []
        if locs[0].offset > chunkStart { byteRanges.append(chunkStart ..< locs[0].offset) }  // dictionary page
        var decoded: [Range<Int64>] = []
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
            if let last = byteRanges.last, last.upperBound == bytes.lowerBound, !(byteRanges.count == 1 && locs[0].offset > chunkStart && decoded.isEmpty) {
                byteRanges[byteRanges.count - 1] = last.lowerBound ..< bytes.upperBound
            } else {
                byteRanges.append(bytes)
            }
            decoded.append(first ..< end)
        }
        return Plan(column: c, metadata: meta, byteRanges: byteRanges, decodedRows: decoded)
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
