extension ParquetFile {
    /// Bytes read ahead of the header when the footer gives no `bloom_filter_length`: a header and a
    /// bitset of up to about this size arrive in one read; larger bitsets take a second read.
    static let bloomFilterReadAhead = 64 * 1024

    /// The split-block Bloom filter of a column chunk, or nil when the writer stored none.
    ///
    /// Reads header and bitset in one range read when the footer records `bloom_filter_length`
    /// (otherwise a bounded read-ahead, plus one more read for bitsets beyond it). Throws `corrupt` for a
    /// filter outside the file or a malformed header or size, `unsupported` for an algorithm, hash or
    /// compression other than BLOCK / XXHASH / UNCOMPRESSED.
    public func bloomFilter(rowGroup: Int, column: ColumnDescriptor) async throws -> SplitBlockBloomFilter? {
        let group = try self.rowGroup(rowGroup)
        guard column.index >= 0, column.index < group.columns.count else {
            throw ParquetError(.invalidArgument, "column index \(column.index) out of range", columnPath: column.dottedPath)
        }
        guard let meta = group.columns[column.index].metaData, let offset = meta.bloomFilterOffset else { return nil }
        let path = column.dottedPath
        // The filter lies between the leading magic and the footer.
        guard offset >= 4, offset < footerOffset else {
            throw ParquetError(.corrupt, "bloom filter offset \(offset) lies outside the file's data", columnPath: path, offset: offset)
        }
        let available = footerOffset - offset
        let firstRead: Int
        if let length = meta.bloomFilterLength {
            guard length > 0, Int64(length) <= available,
                  Int(length) <= SplitBlockBloomFilter.maximumBytes + Self.bloomFilterReadAhead else {
                throw ParquetError(.corrupt, "bloom filter length \(length) at \(offset) does not fit the file", columnPath: path, offset: offset)
            }
            firstRead = Int(length)
        } else {
            firstRead = Int(min(available, Int64(Self.bloomFilterReadAhead)))
        }
        let head = try await source.read(offset: offset, length: firstRead)
        guard head.count == firstRead else {
            throw ParquetError(.io, "short read of a bloom filter: \(head.count) of \(firstRead) bytes", columnPath: path, offset: offset)
        }
        let decoded = head.withUnsafeBytes { b in
            Result { () throws(ThriftError) -> (BloomFilterHeader, Int) in try BloomFilterHeader.decode(b, maxDepth: 8) }
        }
        let header: BloomFilterHeader, headerSize: Int
        switch decoded {
        case .success(let (h, n)): (header, headerSize) = (h, n)
        case .failure(let e): throw e.parquetError("cannot decode the bloom filter header", base: offset, columnPath: path)
        }
        guard header.algorithm == BloomFilterHeader.block, header.hash == BloomFilterHeader.xxHash,
              header.compression == BloomFilterHeader.uncompressed else {
            throw ParquetError(.unsupported, "bloom filter with algorithm \(header.algorithm), hash \(header.hash), compression \(header.compression) (only BLOCK, XXHASH, UNCOMPRESSED are supported)",
                               columnPath: path, offset: offset)
        }
        let numBytes = Int(header.numBytes)
        guard numBytes >= SplitBlockBloomFilter.minimumBytes, numBytes <= SplitBlockBloomFilter.maximumBytes, numBytes % 32 == 0,
              Int64(headerSize) + Int64(numBytes) <= available else {
            throw ParquetError(.corrupt, "bloom filter of \(numBytes) bytes at \(offset) is malformed or does not fit the file", columnPath: path, offset: offset)
        }
        if let length = meta.bloomFilterLength, Int(length) < headerSize + numBytes {
            throw ParquetError(.corrupt, "bloom filter length \(length) is shorter than its header and bitset (\(headerSize + numBytes) bytes)",
                               columnPath: path, offset: offset)
        }
        if headerSize + numBytes <= head.count {
            return try head.withUnsafeBytes { try SplitBlockBloomFilter(bitset: UnsafeRawBufferPointer(rebasing: $0[headerSize ..< headerSize + numBytes])) }
        }
        let missing = headerSize + numBytes - head.count
        let rest = try await source.read(offset: offset + Int64(head.count), length: missing)
        guard rest.count == missing else {
            throw ParquetError(.io, "short read of a bloom filter: \(rest.count) of \(missing) bytes", columnPath: path, offset: offset)
        }
        return try SplitBlockBloomFilter(bitset: Array(head[headerSize...]) + rest)
    }
}
