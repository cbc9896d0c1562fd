/// The writer options that apply to one leaf column, resolved and validated.
struct ColumnWriteSettings: Sendable {
    /// Encoding of pages that are not dictionary-encoded.
    var encoding: Encoding
    var dictionaryEnabled: Bool
    var dictionaryPageSizeLimit: Int
    var codec: CompressionCodec
    var compressionLevel: Int?
    var statisticsEnabled: Bool
    var pageHeaderStatistics: Bool
    var statisticsTruncateLength: Int?
    var columnIndexTruncateLength: Int?
    var pageIndexEnabled: Bool
    var pageVersion: DataPageVersion
    var dataPageSize: Int
    var dataPageRowLimit: Int
    var writeBatchSize: Int
    var pageChecksums: Bool
    /// The chunks' Bloom filter (nil: none).
    var bloomFilter: BloomFilterOptions?
    var keyValueMetadata: [KeyValue]?

    /// Resolves the settings of `column`; throws `invalidArgument` for an encoding the column's type
    /// does not allow, an unknown codec or a bad level.
    init(column: ColumnDescriptor, options: ParquetWriterOptions) throws {
        let overrides = options.columns[column.dottedPath] ?? ColumnWriteOptions()
        let type = column.physicalType
        var dictionary = overrides.dictionaryEnabled ?? options.dictionaryEnabled
        var encoding: Encoding
        switch overrides.encoding {
        case .rleDictionary?, .plainDictionary?:
            dictionary = true
            encoding = .plain
        case let e?:
            encoding = e
            if overrides.dictionaryEnabled == nil { dictionary = false }
        case nil:
            // pyarrow: booleans PLAIN in v1 pages, RLE in v2 pages.
            encoding = type == .boolean && options.dataPageVersion == .v2 ? .rle : .plain
        }
        if type == .boolean { dictionary = false }
        guard PageValueBuffer.supports(encoding, type) else {
            throw ParquetError(.invalidArgument, "encoding \(encoding) is not defined for \(type) columns",
                               columnPath: column.dottedPath)
        }
        let codec = overrides.compression ?? options.compression
        guard Codecs.isSupported(codec) else {
            throw ParquetError(.unsupported, "compression codec \(codec) cannot be written", columnPath: column.dottedPath)
        }
        let level = overrides.compressionLevel ?? (overrides.compression == nil ? options.compressionLevel : nil)
        do throws(DecodeFailure) {
            _ = try Codecs.compress(codec, UnsafeRawBufferPointer(start: nil, count: 0), level: level)
        } catch {
            throw error.parquetError(columnPath: column.dottedPath)
        }
        guard options.dataPageSize > 0, options.dataPageRowLimit > 0, options.writeBatchSize > 0,
              options.dictionaryPageSizeLimit > 0 else {
            throw ParquetError(.invalidArgument, "page size, page row limit, write batch size and dictionary limit must be positive")
        }
        self.encoding = encoding
        dictionaryEnabled = dictionary
        dictionaryPageSizeLimit = options.dictionaryPageSizeLimit
        self.codec = codec
        compressionLevel = level
        statisticsEnabled = overrides.statisticsEnabled ?? options.statisticsEnabled
        pageHeaderStatistics = options.pageHeaderStatistics
        statisticsTruncateLength = options.statisticsTruncateLength
        columnIndexTruncateLength = options.columnIndexTruncateLength
        pageIndexEnabled = options.pageIndexEnabled
        pageVersion = options.dataPageVersion
        dataPageSize = options.dataPageSize
        dataPageRowLimit = options.dataPageRowLimit
        writeBatchSize = options.writeBatchSize
        pageChecksums = options.pageChecksums
        let bloom = overrides.bloomFilter ?? options.bloomFilter
        if let bloom, bloom.enabled {
            try bloom.validate(columnPath: column.dottedPath)
            bloomFilter = bloom
        }
        keyValueMetadata = overrides.keyValueMetadata
    }
}
