import CZlib

/// A page located in a column chunk buffer: its decoded header and where its body lies.
struct RawPage {
    var header: PageHeader
    /// Range of the (possibly compressed) body within the chunk buffer.
    var body: Range<Int>
    /// File offset of the page header.
    var fileOffset: Int64
}

/// Walks the pages of a column chunk held in memory, checking every size against the chunk.
struct PageIterator {
    let chunk: OwnedBuffer
    /// File offset of `chunk`'s first byte.
    let chunkOffset: Int64
    let columnPath: String
    let options: ReaderOptions
    private(set) var position = 0

    init(chunk: OwnedBuffer, chunkOffset: Int64, columnPath: String, options: ReaderOptions) {
        self.chunk = chunk
        self.chunkOffset = chunkOffset
        self.columnPath = columnPath
        self.options = options
    }

    var isAtEnd: Bool { position >= chunk.count }

    /// Parses the next page header; nil at the end of the chunk.
    mutating func next() throws(ParquetError) -> RawPage? {
        guard position < chunk.count else { return nil }
        let fileOffset = chunkOffset + Int64(position)
        let rest = chunk.slice(position ..< chunk.count)
        var r = ThriftCompactReader(rest, maxDepth: 32)
        let header: PageHeader
        do throws(ThriftError) {
            header = try PageHeader(thrift: &r)
        } catch {
            throw error.parquetError("cannot decode page header", base: fileOffset, columnPath: columnPath)
        }
        let bodyStart = position + r.position
        let compressed = Int(header.compressedPageSize)
        guard compressed >= 0, compressed <= chunk.count - bodyStart else {
            throw ParquetError(.corrupt, "page of \(compressed) compressed bytes overruns its column chunk (\(chunk.count - bodyStart) bytes left)",
                               columnPath: columnPath, offset: fileOffset)
        }
        guard header.uncompressedPageSize >= 0 else {
            throw ParquetError(.corrupt, "negative uncompressed page size \(header.uncompressedPageSize)",
                               columnPath: columnPath, offset: fileOffset)
        }
        guard Int(header.uncompressedPageSize) <= options.maxPageSize else {
            throw ParquetError(.limitExceeded, "page of \(header.uncompressedPageSize) uncompressed bytes exceeds the limit of \(options.maxPageSize)",
                               columnPath: columnPath, offset: fileOffset)
        }
        let body = bodyStart ..< bodyStart + compressed
        position = body.upperBound
        if options.verifyChecksums, let crc = header.crc {
            let bytes = chunk.slice(body)
            let actual = UInt32(truncatingIfNeeded: crc32(0, bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt32(bytes.count)))
            guard actual == UInt32(bitPattern: crc) else {
                throw ParquetError(.checksumMismatch,
                                   "page checksum mismatch: header says \(String(UInt32(bitPattern: crc), radix: 16)), data gives \(String(actual, radix: 16))",
                                   columnPath: columnPath, offset: fileOffset)
            }
        }
        return RawPage(header: header, body: body, fileOffset: fileOffset)
    }
}
