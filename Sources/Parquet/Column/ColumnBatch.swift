/// A run of rows of one leaf column: values plus the levels that place them in records.
///
/// For a required flat column `values.count == rowCount` and both level arrays are nil. For an optional
/// flat column `definitionLevels[i] == column.maxDefinitionLevel` exactly when row `i` is non-null, and
/// the non-null values are packed densely in `values`. Nested columns carry repetition levels too; a
/// record starts at each repetition level 0.
public struct ColumnBatch: Sendable {
    public var column: ColumnDescriptor
    public var values: ColumnValues
    /// One entry per level slot; nil when the column's max definition level is 0.
    public var definitionLevels: [Int16]?
    /// One entry per level slot; nil when the column's max repetition level is 0.
    public var repetitionLevels: [Int16]?
    /// Number of level slots (equals `rowCount` for flat columns).
    public var levelCount: Int
    /// Number of records (rows) in the batch.
    public var rowCount: Int

    public init(column: ColumnDescriptor, values: ColumnValues, definitionLevels: [Int16]?,
                repetitionLevels: [Int16]?, levelCount: Int, rowCount: Int) {
        self.column = column
        self.values = values
        self.definitionLevels = definitionLevels
        self.repetitionLevels = repetitionLevels
        self.levelCount = levelCount
        self.rowCount = rowCount
    }

    /// Number of null slots (levels below the maximum definition level).
    public var nullCount: Int { levelCount - values.count }

    /// For flat columns: whether row `i` holds a value (true for required columns).
    @inlinable public func isValid(_ i: Int) -> Bool {
        guard let d = definitionLevels else { return true }
        return Int(d[i]) == column.maxDefinitionLevel
    }

    /// A batch of no rows of `column` (values of its physical type, empty level arrays where it has levels).
    public static func empty(_ column: ColumnDescriptor) -> ColumnBatch {
        let values: ColumnValues
        switch column.physicalType {
        case .boolean: values = .boolean([])
        case .int32: values = .int32([])
        case .int64: values = .int64([])
        case .int96: values = .int96([])
        case .float: values = .float([])
        case .double: values = .double([])
        case .byteArray: values = .byteArray(ByteArrayBuffer())
        default: values = .fixedLenByteArray(FixedLenByteArrayBuffer(width: column.typeLength))
        }
        return ColumnBatch(column: column, values: values, definitionLevels: column.maxDefinitionLevel > 0 ? [] : nil,
                           repetitionLevels: column.maxRepetitionLevel > 0 ? [] : nil, levelCount: 0, rowCount: 0)
    }
}
