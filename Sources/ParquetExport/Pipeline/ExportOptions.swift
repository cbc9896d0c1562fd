import Parquet

/// Output format of an export.
public enum ExportFormat: String, Codable, Sendable, CaseIterable {
    case csv, json, ndjson, xlsx, parquet

    /// File extension without the compression suffix.
    public var fileExtension: String { rawValue }
}

/// What to export and how. `Codable` with the camelCase keys a UI passes as JSON
/// (`format`, `compression`, `includeMetadata`, `filename`, …); absent keys take the defaults.
public struct ExportOptions: Codable, Sendable, Hashable {
    public var format: ExportFormat
    /// For parquet: none, snappy, gzip, lz4, lz4_raw, zstd, brotli. For csv/json/ndjson: none, gzip, zstd.
    public var compression: String?
    public var includeMetadata: Bool
    /// Output file name (the extension is added when missing); nil = `<source stem>_<yyyyMMdd_HHmmss>.<ext>`.
    public var filename: String?
    public var outputDirectory: String
    /// Columns to export (dotted paths for nested fields); nil = all.
    public var columns: [String]?
    /// Maximum number of rows; nil = all.
    public var limit: Int?
    /// Replace an existing file of the same name instead of choosing a numbered name.
    public var overwrite: Bool
    /// CSV: field delimiter (one ASCII character).
    public var delimiter: String
    /// CSV: write the header row.
    public var header: Bool
    /// CSV: text written for null.
    public var nullText: String
    /// CSV: prefix cells starting with = + - @ tab or CR with `'` (spreadsheet formula injection guard).
    public var formulaGuard: Bool
    /// Row filter in the `--where` language (`well_id = 42 AND ts >= TIMESTAMP '2024-01-01'`); nil = all rows.
    public var filter: String?

    public init(format: ExportFormat, compression: String? = nil, includeMetadata: Bool = false, filename: String? = nil,
                outputDirectory: String = "exports", columns: [String]? = nil, limit: Int? = nil, overwrite: Bool = false,
                delimiter: String = ",", header: Bool = true, nullText: String = "", formulaGuard: Bool = false) {
        self.format = format
        self.compression = compression
        self.includeMetadata = includeMetadata
        self.filename = filename
        self.outputDirectory = outputDirectory
        self.columns = columns
        self.limit = limit
        self.overwrite = overwrite
        self.delimiter = delimiter
        self.header = header
        self.nullText = nullText
        self.formulaGuard = formulaGuard
    }

    enum CodingKeys: String, CodingKey {
        case format, compression, includeMetadata, filename, outputDirectory, columns, limit, overwrite
        case delimiter, header, nullText, formulaGuard
        case filter
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(format: try c.decode(ExportFormat.self, forKey: .format))
        compression = try c.decodeIfPresent(String.self, forKey: .compression)
        includeMetadata = try c.decodeIfPresent(Bool.self, forKey: .includeMetadata) ?? false
        filename = try c.decodeIfPresent(String.self, forKey: .filename)
        outputDirectory = try c.decodeIfPresent(String.self, forKey: .outputDirectory) ?? "exports"
        columns = try c.decodeIfPresent([String].self, forKey: .columns)
        limit = try c.decodeIfPresent(Int.self, forKey: .limit)
        overwrite = try c.decodeIfPresent(Bool.self, forKey: .overwrite) ?? false
        delimiter = try c.decodeIfPresent(String.self, forKey: .delimiter) ?? ","
        header = try c.decodeIfPresent(Bool.self, forKey: .header) ?? true
        nullText = try c.decodeIfPresent(String.self, forKey: .nullText) ?? ""
        formulaGuard = try c.decodeIfPresent(Bool.self, forKey: .formulaGuard) ?? false
        filter = try c.decodeIfPresent(String.self, forKey: .filter)
    }

    /// Text compression of csv/json/ndjson output, validated against the format.
    public func textCompression() throws -> StreamCompressor.Format? {
        switch (compression ?? "none").lowercased() {
        case "none", "": return nil
        case "gzip" where format != .xlsx && format != .parquet: return .gzip
        case "zstd" where format != .xlsx && format != .parquet: return .zstd
        default:
            if format == .parquet { return nil }
            throw ParquetError(.invalidArgument, "compression '\(compression!)' is not available for \(format.rawValue) (none, gzip, zstd)")
        }
    }

    /// Parquet codec of parquet output.
    public func parquetCodec() throws -> CompressionCodec {
        switch (compression ?? "snappy").lowercased() {
        case "none", "uncompressed": return .uncompressed
        case "snappy": return .snappy
        case "gzip": return .gzip
        case "lz4": return .lz4
        case "lz4_raw": return .lz4Raw
        case "zstd": return .zstd
        case "brotli": return .brotli
        default: throw ParquetError(.invalidArgument, "unknown parquet compression '\(compression!)'")
        }
    }

    /// The full extension of the output file (`csv.gz`, `ndjson.zst`, `parquet`…).
    public func outputExtension() throws -> String {
        switch try textCompression() {
        case .gzip: "\(format.fileExtension).gz"
        case .zstd: "\(format.fileExtension).zst"
        case nil: format.fileExtension
        }
    }
}
