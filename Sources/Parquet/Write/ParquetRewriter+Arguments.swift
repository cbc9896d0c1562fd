extension CompressionCodec {
    /// The codec named `name` (case-insensitive): `uncompressed`/`none`, `snappy`, `gzip`, `brotli`,
    /// `lz4` (Hadoop framing), `lz4_raw`, `zstd`, `lzo`.
    public init?(name: String) {
        switch name.lowercased() {
        case "uncompressed", "none": self = .uncompressed
        case "snappy": self = .snappy
        case "gzip": self = .gzip
        case "lzo": self = .lzo
        case "brotli": self = .brotli
        case "lz4", "lz4_hadoop": self = .lz4
        case "zstd": self = .zstd
        case "lz4_raw", "lz4raw": self = .lz4Raw
        default: return nil
        }
    }
}

extension Encoding {
    /// The encoding named as in parquet.thrift (`PLAIN`, `RLE_DICTIONARY`, `DELTA_BINARY_PACKED`…), case-insensitive.
    public init?(name: String) {
        let all: [Encoding] = [.plain, .plainDictionary, .rle, .bitPacked, .deltaBinaryPacked, .deltaLengthByteArray,
                               .deltaByteArray, .rleDictionary, .byteStreamSplit]
        guard let e = all.first(where: { $0.description == name.uppercased() }) else { return nil }
        self = e
    }
}

extension ParquetRewriter.Options {
    /// Options from the `parquet rewrite` command-line values (nil / empty: keep the default):
    /// `compression` as `CODEC[:LEVEL]`, `dictionary` and `pageIndex` as `on`/`off`, `encodings` as
    /// `COLUMN=ENCODING` (a dictionary encoding turns the column's dictionary on, another one off),
    /// `bloomFilters` as `COLUMN[:NDV]` (a filter for the column, sized for NDV distinct values per chunk
    /// or for the chunk's counted distinct values) at false-positive probability `bloomFilterFPP`;
    /// `keepBloomFilters` writes filters for the columns that have them in the input.
    /// Throws `invalidArgument` naming the bad value.
    public static func parse(compression: String? = nil, pageVersion: Int? = nil, dictionary: String? = nil,
                             encodings: [String] = [], rowGroupRows: Int? = nil, pageBytes: Int? = nil,
                             pageIndex: String? = nil, bloomFilters: [String] = [], bloomFilterFPP: Double? = nil,
                             keepBloomFilters: Bool = false) throws -> ParquetRewriter.Options {
        var w = ParquetWriterOptions()
        if let compression {
            let parts = compression.split(separator: ":", maxSplits: 1).map(String.init)
            guard let codec = CompressionCodec(name: parts.first ?? "") else {
                throw ParquetError(.invalidArgument, "unknown compression '\(compression)' (uncompressed, snappy, gzip, brotli, lz4, lz4_raw, zstd)")
            }
            w.compression = codec
            if parts.count == 2 {
                guard let level = Int(parts[1]) else { throw ParquetError(.invalidArgument, "compression level '\(parts[1])' is not a number") }
                w.compressionLevel = level
            }
        }
        if let pageVersion {
            guard let v = DataPageVersion(rawValue: pageVersion) else {
                throw ParquetError(.invalidArgument, "page version must be 1 or 2, not \(pageVersion)")
            }
            w.dataPageVersion = v
        }
        if let dictionary { w.dictionaryEnabled = try onOff(dictionary, "--dictionary") }
        if let pageIndex { w.pageIndexEnabled = try onOff(pageIndex, "--page-index") }
        if let pageBytes {
            guard pageBytes > 0 else { throw ParquetError(.invalidArgument, "page size must be positive") }
            w.dataPageSize = pageBytes
        }
        for spec in encodings {
            guard let eq = spec.lastIndex(of: "="), let e = Encoding(name: String(spec[spec.index(after: eq)...])) else {
                throw ParquetError(.invalidArgument, "expected COLUMN=ENCODING, got '\(spec)'")
            }
            w.columns[String(spec[..<eq]), default: ColumnWriteOptions()].encoding = e
        }
        for spec in bloomFilters {
            var column = spec
            var filter = BloomFilterOptions()
            if let colon = spec.lastIndex(of: ":"), let ndv = Int(spec[spec.index(after: colon)...]) {
                guard ndv > 0 else { throw ParquetError(.invalidArgument, "bloom filter NDV must be positive in '\(spec)'") }
                column = String(spec[..<colon])
                filter.distinctValues = ndv
            }
            guard !column.isEmpty else { throw ParquetError(.invalidArgument, "expected COLUMN[:NDV], got '\(spec)'") }
            w.columns[column, default: ColumnWriteOptions()].bloomFilter = filter
        }
        if let bloomFilterFPP {
            guard bloomFilterFPP > 0, bloomFilterFPP < 1 else {
                throw ParquetError(.invalidArgument, "bloom filter false-positive probability must be in (0, 1), not \(bloomFilterFPP)")
            }
            for key in w.columns.keys where w.columns[key]!.bloomFilter != nil { w.columns[key]!.bloomFilter!.fpp = bloomFilterFPP }
        }
        let keep = keepBloomFilters ? BloomFilterOptions(fpp: bloomFilterFPP ?? SplitBlockBloomFilter.defaultFalsePositiveProbability) : nil
        return ParquetRewriter.Options(writer: w, rowGroupRows: rowGroupRows, keepBloomFilters: keep)
    }

    private static func onOff(_ value: String, _ flag: String) throws -> Bool {
        switch value.lowercased() {
        case "on", "true", "yes", "1": return true
        case "off", "false", "no", "0": return false
        default: throw ParquetError(.invalidArgument, "\(flag) takes on or off, not '\(value)'")
        }
    }
}
