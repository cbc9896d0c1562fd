import Parquet

/// Outcome of one export. `Codable` with the keys a UI expects
/// (`success`, `filePath`, `fileName`, `fileSize`, `rowCount`, `error`, plus timing and counters).
public struct ExportResult: Codable, Sendable, Hashable {
    public var success: Bool
    public var filePath: String?
    public var fileName: String?
    public var fileSize: Int64?
    public var rowCount: Int
    /// A one-line message on failure.
    public var error: String?
    public var durationSeconds: Double
    public var bytesRead: Int64
    /// XLSX: cells cut to Excel's 32,767-character limit.
    public var truncatedCells: Int
    /// Pruning and matching counters of a filtered export (nil without a filter).
    public var filterStatistics: FilterStatistics?

    public init(success: Bool, filePath: String? = nil, fileName: String? = nil, fileSize: Int64? = nil, rowCount: Int = 0,
                error: String? = nil, durationSeconds: Double = 0, bytesRead: Int64 = 0, truncatedCells: Int = 0,
                filterStatistics: FilterStatistics? = nil) {
        self.success = success
        self.filePath = filePath
        self.fileName = fileName
        self.fileSize = fileSize
        self.rowCount = rowCount
        self.error = error
        self.durationSeconds = durationSeconds
        self.bytesRead = bytesRead
        self.truncatedCells = truncatedCells
        self.filterStatistics = filterStatistics
    }
}

/// Progress of an export, reported at least once per row group.
public struct ExportProgress: Codable, Sendable, Hashable {
    public enum Stage: String, Codable, Sendable {
        case preparing, querying, exporting, completed, error
    }

    public var stage: Stage
    /// 0…100, never decreasing within one export, 100 on success.
    public var percent: Double
    public var message: String

    public init(stage: Stage, percent: Double, message: String) {
        self.stage = stage
        self.percent = percent
        self.message = message
    }
}
