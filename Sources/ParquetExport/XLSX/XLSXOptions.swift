// Options of the XLSX writer.

/// How ``XLSXWriter`` lays out the workbook.
public struct XLSXOptions: Sendable, Hashable {
    /// Excel's row limit per sheet.
    public static let excelMaxRows = 1_048_576
    /// Excel's column limit per sheet.
    public static let excelMaxColumns = 16_384

    /// Whether each sheet starts with a row of column names. Default true.
    public var includeHeader: Bool
    /// Whether the header row is bold. Default true.
    public var boldHeader: Bool
    /// Rows per sheet including the header; data continues on `Sheet2`, `Sheet3`… past it (header
    /// repeated). Default and maximum 1,048,576 (Excel's limit).
    public var maxRowsPerSheet: Int
    /// Deflate level 0…9. Default 1: SpreadsheetML compresses ~10× even at level 1, and it is several
    /// times faster than the default level 6.
    public var compressionLevel: Int32
    /// Deflate on background threads while rows are rendered: 256 KiB pieces of each sheet are deflated
    /// in parallel, one thread per core, and written in order by one more thread (the sink is then
    /// called on that thread, one call at a time, in order). Default true.
    public var backgroundCompression: Bool

    public init(includeHeader: Bool = true, boldHeader: Bool = true, maxRowsPerSheet: Int = excelMaxRows,
                compressionLevel: Int32 = 1, backgroundCompression: Bool = true) {
        self.includeHeader = includeHeader
        self.boldHeader = boldHeader
        self.maxRowsPerSheet = maxRowsPerSheet
        self.compressionLevel = compressionLevel
        self.backgroundCompression = backgroundCompression
    }
}

/// An extra sheet of plain string cells added by ``XLSXWriter/finish(extraSheets:)`` (e.g. "Schema").
public struct XLSXStringSheet: Sendable, Hashable {
    /// Sheet name: 1…31 characters, none of `: \ / ? * [ ]`.
    public var name: String
    /// Rows of cells.
    public var rows: [[String]]

    public init(name: String, rows: [[String]]) {
        self.name = name
        self.rows = rows
    }
}
