/// A column chunk entry of a row group: where its data and page index are.
public struct ColumnChunk: Sendable, Hashable {
    public var filePath: String?
    public var fileOffset: Int64
    public var metaData: ColumnMetaData?
    public var offsetIndexOffset: Int64?
    public var offsetIndexLength: Int32?
    public var columnIndexOffset: Int64?
    public var columnIndexLength: Int32?
    /// Whether the chunk carries column crypto metadata (encrypted column).
    public var isEncrypted: Bool = false
    public var encryptedColumnMetadata: [UInt8]?

    public init(fileOffset: Int64 = 0, metaData: ColumnMetaData?) {
        self.fileOffset = fileOffset
        self.metaData = metaData
    }
}

extension ColumnChunk: ThriftStruct {
    init(thrift r: inout ThriftCompactReader) throws(ThriftError) {
        self.init(metaData: nil)
        try r.beginStruct()
        while let (id, t) = try r.readFieldHeader() {
            switch (id, t) {
            case (1, .binary): filePath = try r.readString()
            case (2, .i64): fileOffset = try r.readI64()
            case (3, .struct): metaData = try r.read(ColumnMetaData.self)
            case (4, .i64): offsetIndexOffset = try r.readI64()
            case (5, .i32): offsetIndexLength = try r.readI32()
            case (6, .i64): columnIndexOffset = try r.readI64()
            case (7, .i32): columnIndexLength = try r.readI32()
            case (8, .struct): try r.skipStruct(); isEncrypted = true
            case (9, .binary): encryptedColumnMetadata = try r.readBinary(); isEncrypted = true
            default: try r.skip(t)
            }
        }
        r.endStruct()
    }

    func write(to w: inout ThriftCompactWriter) {
        w.beginStruct()
        if let filePath { w.field(1, string: filePath) }
        w.field(2, i64: fileOffset)
        if let metaData { w.field(3, struct: metaData) }
        if let offsetIndexOffset { w.field(4, i64: offsetIndexOffset) }
        if let offsetIndexLength { w.field(5, i32: offsetIndexLength) }
        if let columnIndexOffset { w.field(6, i64: columnIndexOffset) }
        if let columnIndexLength { w.field(7, i32: columnIndexLength) }
        w.endStruct()
    }
}

/// A row group: its column chunks and row count.
public struct RowGroup: Sendable, Hashable {
    public var columns: [ColumnChunk]
    public var totalByteSize: Int64
    public var numRows: Int64
    public var sortingColumns: [SortingColumn]?
    public var fileOffset: Int64?
    public var totalCompressedSize: Int64?
    public var ordinal: Int16?

    public init(columns: [ColumnChunk], totalByteSize: Int64, numRows: Int64) {
        self.columns = columns
        self.totalByteSize = totalByteSize
        self.numRows = numRows
    }
}

extension RowGroup: ThriftStruct {
    init(thrift r: inout ThriftCompactReader) throws(ThriftError) {
        var columns: [ColumnChunk]?, tbs: Int64?, rows: Int64?
        var sorting: [SortingColumn]?, fo: Int64?, tcs: Int64?, ord: Int16?
        try r.beginStruct()
        while let (id, t) = try r.readFieldHeader() {
            switch (id, t) {
            case (1, .list): columns = try r.readStructList(ColumnChunk.self)
            case (2, .i64): tbs = try r.readI64()
            case (3, .i64): rows = try r.readI64()
            case (4, .list): sorting = try r.readStructList(SortingColumn.self)
            case (5, .i64): fo = try r.readI64()
            case (6, .i64): tcs = try r.readI64()
            case (7, .i16): ord = try r.readI16()
            default: try r.skip(t)
            }
        }
        r.endStruct()
        guard let columns, let rows else { throw .missingField(structName: "RowGroup", field: "columns/num_rows") }
        self.init(columns: columns, totalByteSize: tbs ?? 0, numRows: rows)
        sortingColumns = sorting
        fileOffset = fo
        totalCompressedSize = tcs
        ordinal = ord
    }

    func write(to w: inout ThriftCompactWriter) {
        w.beginStruct()
        w.field(1, structs: columns)
        w.field(2, i64: totalByteSize)
        w.field(3, i64: numRows)
        if let sortingColumns { w.field(4, structs: sortingColumns) }
        if let fileOffset { w.field(5, i64: fileOffset) }
        if let totalCompressedSize { w.field(6, i64: totalCompressedSize) }
        if let ordinal { w.field(7, i16: ordinal) }
        w.endStruct()
    }
}
