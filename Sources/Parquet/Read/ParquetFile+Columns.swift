#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `open(2)` read-only (a free function: inside `ParquetFile`, `open` names the static method).
private func openReadOnly(_ path: String) -> Int32 { open(path, O_RDONLY | O_CLOEXEC) }

extension ParquetFile {
    /// Byte range of a column chunk in the file, checked against the file's data area.
    func chunkRange(_ chunk: ColumnChunk, column: ColumnDescriptor) throws -> (offset: Int64, length: Int, metadata: ColumnMetaData) {
        if chunk.isEncrypted || metadata.encryptionAlgorithm != nil && chunk.metaData == nil {
            throw ParquetError(.encrypted, "the column chunk is encrypted (Parquet modular encryption); decryption is not supported",
                               columnPath: column.dottedPath)
        }
        guard let meta = chunk.metaData else {
            throw ParquetError(.corrupt, "column chunk without metadata", columnPath: column.dottedPath)
        }
        if chunk.filePath != nil {
            throw ParquetError(.unsupported, "column data stored in another file (\(chunk.filePath!))", columnPath: column.dottedPath)
        }
        guard meta.type == column.physicalType else {
            throw ParquetError(.corrupt, "column chunk type \(meta.type) differs from the schema type \(column.physicalType)",
                               columnPath: column.dottedPath)
        }
        guard meta.numValues >= 0 else {
            throw ParquetError(.corrupt, "column chunk declares \(meta.numValues) values", columnPath: column.dottedPath,
                               offset: footerOffset)
        }
        var start = meta.dataPageOffset
        // Some writers store dictionary_page_offset = 0 meaning "none"; only trust it when it precedes the data.
        // (and some store data_page_offset = 0 for an empty chunk that starts with its dictionary page).
        if let d = meta.dictionaryPageOffset, d >= 4, d < start || start < 4 { start = d }
        let length = meta.totalCompressedSize
        guard start >= 4, length >= 0, start <= footerOffset, length <= footerOffset - start else {
            throw ParquetError(.corrupt, "column chunk at offset \(start) of \(length) bytes lies outside the data area (ends at \(footerOffset))",
                               columnPath: column.dottedPath, offset: start)
        }
        guard length <= Int64(Int32.max) * 4 else {
            throw ParquetError(.limitExceeded, "column chunk of \(length) bytes is too large", columnPath: column.dottedPath, offset: start)
        }
        return (start, Int(length), meta)
    }

    /// Reads the bytes of one column chunk and returns a reader that decodes it in batches.
    public func columnReader(rowGroup: Int, column: ColumnDescriptor) async throws -> ColumnChunkReader {
        let group = try self.rowGroup(rowGroup)
        guard column.index >= 0, column.index < group.columns.count else {
            throw ParquetError(.invalidArgument, "column index \(column.index) out of range")
        }
        let (offset, length, meta) = try chunkRange(group.columns[column.index], column: column)
        let chunk: OwnedBuffer
        if let file = source as? FileByteSource, let direct = try Self.readDirect(file, offset: offset, length: length) {
            chunk = direct
        } else {
            let bytes = try await source.read(offset: offset, length: length)
            guard bytes.count == length else {
                throw ParquetError(.io, "short read: \(bytes.count) of \(length) bytes", columnPath: column.dottedPath, offset: offset)
            }
            chunk = OwnedBuffer(copying: bytes)
        }
        return ColumnChunkReader(column: column, metadata: meta, chunk: chunk, chunkOffset: offset, options: options)
    }

    /// Reads a whole column chunk into one batch.
    public func readColumn(rowGroup: Int, column: ColumnDescriptor) async throws -> ColumnBatch {
        let reader = try await columnReader(rowGroup: rowGroup, column: column)
        let batch = try reader.readAll()
        let expected = try self.rowGroup(rowGroup).numRows
        guard Int64(batch.rowCount) == expected else {
            throw ParquetError(.corrupt, "column chunk holds \(batch.rowCount) rows, the row group declares \(expected)",
                               columnPath: column.dottedPath)
        }
        return batch
    }

    /// Reads the chosen columns of a row group (all when `columns` is nil), decoding up to
    /// `options.parallelism` chunks at once. Batches come back in column order.
    public func readRowGroup(_ index: Int, columns: [ColumnDescriptor]? = nil) async throws -> [ColumnBatch] {
        try await readRowGroups([index], columns: columns)[0]
    }

    /// Reads the chosen columns (all when nil) of several row groups (all when nil), decoding up to
    /// `options.parallelism` column chunks at once across row groups, so one large chunk does not leave
    /// the other workers idle at the end of each row group. `result[i]` holds the batches of
    /// `groups[i]` in column order. Everything returned is in memory at once; iterate
    /// `readRowGroup` to bound memory by one row group.
    public func readRowGroups(_ groups: [Int]? = nil, columns: [ColumnDescriptor]? = nil) async throws -> [[ColumnBatch]] {
        let groupList = groups ?? Array(0 ..< rowGroupCount)
        let cols = columns ?? schema.columns
        for g in groupList { _ = try rowGroup(g) }
        if !(source is FileByteSource) && !(source is MemoryByteSource) && cols.count > 1 {
            // Remote sources: one coalescable request per row group.
            var out: [[ColumnBatch]] = []
            for g in groupList { out.append(try await readRowGroupPrefetched(g, columns: cols)) }
            return out
        }
        if options.parallelism <= 1 || groupList.count * cols.count <= 1 {
            var out: [[ColumnBatch]] = []
            out.reserveCapacity(groupList.count)
            for g in groupList {
                var batches: [ColumnBatch] = []
                batches.reserveCapacity(cols.count)
                for c in cols { batches.append(try await readColumn(rowGroup: g, column: c)) }
                out.append(batches)
            }
            return out
        }
        // Work items in row-group order, the largest chunks of each group first (they finish last).
        var work: [(group: Int, slot: Int)] = []
        for (gi, g) in groupList.enumerated() {
            let chunks = metadata.rowGroups[g].columns
            let order = cols.indices.sorted { a, b in
                let sa = cols[a].index < chunks.count ? chunks[cols[a].index].metaData?.totalCompressedSize ?? 0 : 0
                let sb = cols[b].index < chunks.count ? chunks[cols[b].index].metaData?.totalCompressedSize ?? 0 : 0
                return sa > sb
            }
            for slot in order { work.append((gi, slot)) }
        }
        return try await withThrowingTaskGroup(of: (Int, Int, ColumnBatch).self) { taskGroup in
            var results = [[ColumnBatch?]](repeating: [ColumnBatch?](repeating: nil, count: cols.count), count: groupList.count)
            var next = 0
            func launch() {
                let (gi, slot) = work[next]
                let g = groupList[gi], c = cols[slot]
                next += 1
                taskGroup.addTask { (gi, slot, try await self.readColumn(rowGroup: g, column: c)) }
            }
            while next < min(options.parallelism, work.count) { launch() }
            while let (gi, slot, batch) = try await taskGroup.next() {
                results[gi][slot] = batch
                if next < work.count { launch() }
            }
            return results.map { $0.map { $0! } }
        }
    }

    /// Remote sources: asks for all projected column chunks of the row group in one `read(ranges:)`, so the
    /// source can coalesce neighbouring chunks and fetch them concurrently, then decodes them.
    func readRowGroupPrefetched(_ index: Int, columns cols: [ColumnDescriptor]) async throws -> [ColumnBatch] {
        let group = try rowGroup(index)
        let plans = try cols.map { c in try chunkRange(group.columns[c.index], column: c) }
        let parts = try await source.read(ranges: plans.map { $0.offset ..< $0.offset + Int64($0.length) })
        guard parts.count == plans.count else { throw ParquetError(.io, "the source returned \(parts.count) of \(plans.count) ranges") }
        var out: [ColumnBatch] = []
        out.reserveCapacity(cols.count)
        for (i, c) in cols.enumerated() {
            guard parts[i].count == plans[i].length else {
                throw ParquetError(.io, "short read: \(parts[i].count) of \(plans[i].length) bytes", columnPath: c.dottedPath, offset: plans[i].offset)
            }
            let reader = ColumnChunkReader(column: c, metadata: plans[i].metadata, chunk: OwnedBuffer(copying: parts[i]),
                                           chunkOffset: plans[i].offset, options: options)
            let batch = try reader.readAll()
            guard Int64(batch.rowCount) == group.numRows else {
                throw ParquetError(.corrupt, "column chunk holds \(batch.rowCount) rows, the row group declares \(group.numRows)",
                                   columnPath: c.dottedPath)
            }
            out.append(batch)
        }
        return out
    }

    /// Reads a range of a local file straight into a new `OwnedBuffer` (no intermediate array and copy).
    /// Returns nil when the file cannot be reopened or no longer has the size it had when opened; the
    /// caller then goes through `ByteSource.read`.
    static func readDirect(_ file: FileByteSource, offset: Int64, length: Int) throws -> OwnedBuffer? {
        let fd = openReadOnly(file.path)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, Int64(st.st_size) == file.size else { return nil }
        let buffer = OwnedBuffer(count: length)
        var done = 0
        while done < length {
            let n = pread(fd, buffer.bytes.baseAddress! + done, length - done, off_t(offset) + off_t(done))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                let reason = n == 0 ? "file shrank while reading" : String(cString: strerror(errno))
                throw ParquetError(.io, "read of \(length) bytes at \(offset) from \(file.path) failed: \(reason)", offset: offset)
            }
            done += n
        }
        return buffer
    }
}
