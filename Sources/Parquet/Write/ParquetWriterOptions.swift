/// Version of the data pages a writer produces.
public enum DataPageVersion: Int, Sendable, Hashable {
    /// `DATA_PAGE`: levels and values compressed together (the default, read everywhere).
    case v1 = 1
    /// `DATA_PAGE_V2`: levels stored uncompressed before the compressed values.
    case v2 = 2
}

/// Settings of one column that override the writer-wide ones (nil keeps the writer's setting).
public struct ColumnWriteOptions: Sendable, Hashable {
    /// Value encoding of data pages that are not dictionary-encoded (also the fallback when the
    /// dictionary outgrows its limit). `.rleDictionary` / `.plainDictionary` turn dictionary encoding on.
    public var encoding: Encoding?
    /// Whether to try dictionary encoding first.
    public var dictionaryEnabled: Bool?
    public var compression: CompressionCodec?
    public var compressionLevel: Int?
    /// Whether to compute min/max/null-count statistics for this column.
    public var statisticsEnabled: Bool?
    /// Bloom filter of this column's chunks (nil: the writer-wide `bloomFilter`).
    public var bloomFilter: BloomFilterOptions?
    /// Key-value metadata stored in every chunk's ColumnMetaData (`key_value_metadata`).
    public var keyValueMetadata: [KeyValue]?

    public init(encoding: Encoding? = nil, dictionaryEnabled: Bool? = nil, compression: CompressionCodec? = nil,
                compressionLevel: Int? = nil, statisticsEnabled: Bool? = nil, bloomFilter: BloomFilterOptions? = nil,
                keyValueMetadata: [KeyValue]? = nil) {
        self.encoding = encoding
        self.dictionaryEnabled = dictionaryEnabled
        self.compression = compression
        self.compressionLevel = compressionLevel
        self.statisticsEnabled = statisticsEnabled
        self.bloomFilter = bloomFilter
        self.keyValueMetadata = keyValueMetadata
    }
}

/// How a `ParquetWriter` lays out and encodes a file. The defaults follow pyarrow's
/// (`pyarrow.parquet.write_table`), except that the page index is written.
public struct ParquetWriterOptions: Sendable, Hashable {
    /// Page codec of every column (per-column overrides in `columns`).
    public var compression: CompressionCodec = .snappy
    /// Codec level (nil: the codec's default; see `Codecs.compress`).
    public var compressionLevel: Int?
    public var dataPageVersion: DataPageVersion = .v1
    /// Dictionary-encode columns (except BOOLEAN), falling back to the column's encoding when the
    /// dictionary's PLAIN size exceeds `dictionaryPageSizeLimit`.
    public var dictionaryEnabled = true
    public var dictionaryPageSizeLimit = 1 << 20
    /// Target (uncompressed, encoded) size of a data page in bytes.
    public var dataPageSize = 1 << 20
    /// Most rows in one data page.
    public var dataPageRowLimit = 20_000
    /// Levels handled per step inside a page: page limits are checked after each step.
    public var writeBatchSize = 1024
    /// Most rows in one row group.
    public var maxRowGroupRows = 1 << 20
    /// A row group is closed once its encoded, compressed size reaches this many bytes.
    public var maxRowGroupBytes = 128 << 20
    /// Write min/max/null-count statistics for column chunks (and the column index).
    public var statisticsEnabled = true
    /// Also put page statistics into each data page header (the page index already holds them).
    public var pageHeaderStatistics = false
    /// Byte arrays longer than this are truncated in column-chunk statistics (nil: never truncate).
    public var statisticsTruncateLength: Int? = 64
    /// Byte arrays longer than this are truncated in the column index (nil: never truncate).
    public var columnIndexTruncateLength: Int? = 64
    /// Write the page index (ColumnIndex and OffsetIndex) after the row groups.
    public var pageIndexEnabled = true
    /// Store a CRC32 of every page body in its header.
    public var pageChecksums = false
    /// Bloom filter of every column's chunks (nil: none; per-column settings in `columns`).
    public var bloomFilter: BloomFilterOptions?
    /// Where Bloom filters go: after each row group (arrow-rs's default) or all before the page index.
    public var bloomFilterPosition = BloomFilterPosition.afterRowGroup
    /// File-level key-value metadata.
    public var keyValueMetadata: [KeyValue] = []
    /// Sort order of every row group (the writer records it, the caller guarantees it).
    public var sortingColumns: [SortingColumn]?
    /// `created_by` of the footer.
    public var createdBy = ParquetWriterOptions.defaultCreatedBy
    /// Per-column overrides, keyed by dotted column path (`a.b.c`).
    public var columns: [String: ColumnWriteOptions] = [:]
    /// Column chunks encoded concurrently when a row group is written with `write(batches:)` (1 = serial).
    public var parallelism = 1

    public static let defaultCreatedBy = "swift-parquet version 0.1.0"

    public init() {}
}
