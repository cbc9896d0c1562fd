// Footer layout (end of file): <FileMetaData, Thrift compact> <4-byte little-endian length> "PAR1".
// Files with an encrypted footer end in "PARE" instead.

/// An open Parquet file: its footer metadata and schema, and access to its row groups and columns.
///
/// Opening reads only the footer (at most two reads of the source when the footer is under 64 KiB).
/// The object is immutable and can be shared between tasks: several reads may run concurrently.
public final class ParquetFile: Sendable {
    /// Where the bytes come from.
    public let source: any ByteSource
    public let metadata: FileMetaData
    public let schema: Schema
    public let options: ReaderOptions
    /// Byte offset and length of the serialized FileMetaData.
    public let footerOffset: Int64
    public let footerLength: Int
    /// Page indexes read so far (reused by later windows and page pruning).
    let pageIndexCache = PageIndexCache()

    /// Total number of rows, from the footer.
    public var rowCount: Int64 { metadata.numRows }
    public var rowGroupCount: Int { metadata.rowGroups.count }

    static let tailReadSize = 64 * 1024

    /// Opens a local file.
    public static func open(path: String, options: ReaderOptions = ReaderOptions()) async throws -> ParquetFile {
        try await open(source: try FileByteSource(path: path), options: options)
    }

    /// Opens any byte source (memory, file, S3).
    public static func open(source: any ByteSource, options: ReaderOptions = ReaderOptions()) async throws -> ParquetFile {
        let size = source.size
        guard size >= 12 else {
            throw ParquetError(.notParquet, "\(size) bytes is too small for a Parquet file (at least 12)")
        }
        let tailLength = Int(min(size, Int64(tailReadSize)))
        let tail = try await source.read(offset: size - Int64(tailLength), length: tailLength)
        guard tail.count == tailLength else {
            throw ParquetError(.io, "short read of the file tail: \(tail.count) of \(tailLength) bytes")
        }
        let magic = Array(tail[(tailLength - 4)...])
        if magic == Array("PARE".utf8) {
            throw ParquetError(.encrypted, "the file has an encrypted footer (Parquet modular encryption); decryption is not supported",
                               offset: size - 4)
        }
        guard magic == Array("PAR1".utf8) else {
            throw ParquetError(.notParquet, "no PAR1 magic at the end of the file", offset: size - 4)
        }
        let head: [UInt8] = size <= Int64(tailLength)
            ? Array(tail[0 ..< 4]) : try await source.read(offset: 0, length: 4)
        guard head == Array("PAR1".utf8) else {
            throw ParquetError(.notParquet, "no PAR1 magic at the start of the file", offset: 0)
        }
        let lengthBytes = tail[(tailLength - 8) ..< (tailLength - 4)]
        let footerLength = Int(UInt32(lengthBytes[lengthBytes.startIndex])
            | UInt32(lengthBytes[lengthBytes.startIndex + 1]) << 8
            | UInt32(lengthBytes[lengthBytes.startIndex + 2]) << 16
            | UInt32(lengthBytes[lengthBytes.startIndex + 3]) << 24)
        guard Int64(footerLength) <= size - 12 else {
            throw ParquetError(.corrupt, "footer length \(footerLength) exceeds the file size \(size)", offset: size - 8)
        }
        guard footerLength <= options.maxFooterSize else {
            throw ParquetError(.limitExceeded, "footer of \(footerLength) bytes exceeds the limit of \(options.maxFooterSize)",
                               offset: size - 8)
        }
        let footerOffset = size - 8 - Int64(footerLength)
        let footer: [UInt8]
        if footerLength + 8 <= tailLength {
            footer = Array(tail[(tailLength - 8 - footerLength) ..< (tailLength - 8)])
        } else {
            footer = try await source.read(offset: footerOffset, length: footerLength)
        }
        let metadata: FileMetaData
        let decoded = footer.withUnsafeBytes { buf -> Result<FileMetaData, ThriftError> in
            Result { () throws(ThriftError) -> FileMetaData in try FileMetaData.decode(buf, maxDepth: options.maxSchemaDepth + 16).0 }
        }
        switch decoded {
        case .success(let m): metadata = m
        case .failure(let error): throw error.parquetError("cannot decode the file footer", base: footerOffset)
        }
        return try ParquetFile(source: source, metadata: metadata, footerOffset: footerOffset,
                               footerLength: footerLength, options: options)
    }

    /// Wraps already-decoded metadata (validated here).
    init(source: any ByteSource, metadata: FileMetaData, footerOffset: Int64, footerLength: Int, options: ReaderOptions) throws {
        self.source = source
        self.metadata = metadata
        self.options = options
        self.footerOffset = footerOffset
        self.footerLength = footerLength
        self.schema = try Schema(elements: metadata.schema, maxDepth: options.maxSchemaDepth)
        try validate()
    }

    /// Checks the footer's counts and offsets against the schema and the file size.
    private func validate() throws {
        guard metadata.numRows >= 0 else {
            throw ParquetError(.corrupt, "negative row count \(metadata.numRows) in the footer", offset: footerOffset)
        }
        for (g, group) in metadata.rowGroups.enumerated() {
            guard group.numRows >= 0 else {
                throw ParquetError(.corrupt, "row group \(g) has a negative row count", offset: footerOffset)
            }
            guard group.columns.count == schema.columns.count else {
                throw ParquetError(.corrupt, "row group \(g) has \(group.columns.count) column chunks, the schema has \(schema.columns.count) leaves",
                                   offset: footerOffset)
            }
        }
    }

    /// Metadata of a row group.
    public func rowGroup(_ index: Int) throws -> RowGroup {
        guard index >= 0, index < metadata.rowGroups.count else {
            throw ParquetError(.invalidArgument, "row group \(index) does not exist (the file has \(metadata.rowGroups.count))")
        }
        return metadata.rowGroups[index]
    }

    /// Resolves column names (dotted paths; a group name selects all its leaves) to leaf columns.
    /// `nil` selects every column.
    public func resolveColumns(_ names: [String]?) throws -> [ColumnDescriptor] {
        guard let names else { return schema.columns }
        var out: [ColumnDescriptor] = []
        var seen = Set<Int>()
        for name in names {
            let matches = schema.columns(matching: name)
            guard !matches.isEmpty else {
                throw ParquetError(.invalidArgument, "no column named '\(name)'; columns are: "
                    + schema.columns.map(\.dottedPath).joined(separator: ", "))
            }
            for m in matches where seen.insert(m.index).inserted { out.append(m) }
        }
        return out.sorted { $0.index < $1.index }
    }
}
