/// A key/value metadata entry (file or column chunk).
public struct KeyValue: Sendable, Hashable {
    public var key: String
    public var value: String?
    public init(key: String, value: String?) {
        self.key = key
        self.value = value
    }
}

extension KeyValue: ThriftStruct {
    init(thrift r: inout ThriftCompactReader) throws(ThriftError) {
        var key: String?, value: String?
        try r.beginStruct()
        while let (id, t) = try r.readFieldHeader() {
            switch (id, t) {
            case (1, .binary): key = try r.readString()
            case (2, .binary): value = try r.readString()
            default: try r.skip(t)
            }
        }
        r.endStruct()
        guard let key else { throw .missingField(structName: "KeyValue", field: "key") }
        self.init(key: key, value: value)
    }

    func write(to w: inout ThriftCompactWriter) {
        w.beginStruct()
        w.field(1, string: key)
        if let value { w.field(2, string: value) }
        w.endStruct()
    }
}

/// Sort order of a leaf column within a row group.
public struct SortingColumn: Sendable, Hashable {
    public var columnIndex: Int32
    public var descending: Bool
    public var nullsFirst: Bool
    public init(columnIndex: Int32, descending: Bool, nullsFirst: Bool) {
        self.columnIndex = columnIndex
        self.descending = descending
        self.nullsFirst = nullsFirst
    }
}

extension SortingColumn: ThriftStruct {
    init(thrift r: inout ThriftCompactReader) throws(ThriftError) {
        var idx: Int32?, desc: Bool?, nf: Bool?
        try r.beginStruct()
        while let (id, t) = try r.readFieldHeader() {
            switch id {
            case 1 where t == .i32: idx = try r.readI32()
            case 2 where t.isBool: desc = r.readBool()
            case 3 where t.isBool: nf = r.readBool()
            default: try r.skip(t)
            }
        }
        r.endStruct()
        guard let idx, let desc, let nf else { throw .missingField(structName: "SortingColumn", field: "column_idx/descending/nulls_first") }
        self.init(columnIndex: idx, descending: desc, nullsFirst: nf)
    }

    func write(to w: inout ThriftCompactWriter) {
        w.beginStruct()
        w.field(1, i32: columnIndex)
        w.field(2, bool: descending)
        w.field(3, bool: nullsFirst)
        w.endStruct()
    }
}

/// Number of pages of a type and encoding in a column chunk.
public struct PageEncodingStats: Sendable, Hashable {
    public var pageType: PageType
    public var encoding: Encoding
    public var count: Int32
    public init(pageType: PageType, encoding: Encoding, count: Int32) {
        self.pageType = pageType
        self.encoding = encoding
        self.count = count
    }
}

extension PageEncodingStats: ThriftStruct {
    init(thrift r: inout ThriftCompactReader) throws(ThriftError) {
        var pt: Int32?, enc: Int32?, count: Int32?
        try r.beginStruct()
        while let (id, t) = try r.readFieldHeader() {
            switch (id, t) {
            case (1, .i32): pt = try r.readI32()
            case (2, .i32): enc = try r.readI32()
            case (3, .i32): count = try r.readI32()
            default: try r.skip(t)
            }
        }
        r.endStruct()
        guard let pt, let enc, let count else { throw .missingField(structName: "PageEncodingStats", field: "page_type/encoding/count") }
        self.init(pageType: PageType(rawValue: pt), encoding: Encoding(rawValue: enc), count: count)
    }

    func write(to w: inout ThriftCompactWriter) {
        w.beginStruct()
        w.field(1, i32: pageType.rawValue)
        w.field(2, i32: encoding.rawValue)
        w.field(3, i32: count)
        w.endStruct()
    }
}

/// Sizes and level histograms of a column chunk.
public struct SizeStatistics: Sendable, Hashable {
    public var unencodedByteArrayDataBytes: Int64?
    public var repetitionLevelHistogram: [Int64]?
    public var definitionLevelHistogram: [Int64]?
    public init() {}
}

extension SizeStatistics: ThriftStruct {
    init(thrift r: inout ThriftCompactReader) throws(ThriftError) {
        self.init()
        try r.beginStruct()
        while let (id, t) = try r.readFieldHeader() {
            switch (id, t) {
            case (1, .i64): unencodedByteArrayDataBytes = try r.readI64()
            case (2, .list): repetitionLevelHistogram = try r.readI64List()
            case (3, .list): definitionLevelHistogram = try r.readI64List()
            default: try r.skip(t)
            }
        }
        r.endStruct()
    }

    func write(to w: inout ThriftCompactWriter) {
        w.beginStruct()
        if let unencodedByteArrayDataBytes { w.field(1, i64: unencodedByteArrayDataBytes) }
        if let repetitionLevelHistogram { w.field(2, i64s: repetitionLevelHistogram) }
        if let definitionLevelHistogram { w.field(3, i64s: definitionLevelHistogram) }
        w.endStruct()
    }
}

/// Bounding box and geometry types of a GEOMETRY/GEOGRAPHY column chunk.
public struct GeospatialStatistics: Sendable, Hashable {
    /// xmin, xmax, ymin, ymax, then optional zmin, zmax, mmin, mmax.
    public var bbox: [Double?]?
    public var geospatialTypes: [Int32]?
    public init() {}
}

extension GeospatialStatistics: ThriftStruct {
    init(thrift r: inout ThriftCompactReader) throws(ThriftError) {
        self.init()
        try r.beginStruct()
        while let (id, t) = try r.readFieldHeader() {
            switch (id, t) {
            case (1, .struct):
                var box = [Double?](repeating: nil, count: 8)
                try r.beginStruct()
                while let (fid, ft) = try r.readFieldHeader() {
                    if ft == .double, fid >= 1, fid <= 8 { box[Int(fid) - 1] = try r.readDouble() } else { try r.skip(ft) }
                }
                r.endStruct()
                bbox = box
            case (2, .list): geospatialTypes = try r.readI32List()
            default: try r.skip(t)
            }
        }
        r.endStruct()
    }

    func write(to w: inout ThriftCompactWriter) {
        w.beginStruct()
        if let bbox {
            w.fieldHeader(1, .struct)
            w.beginStruct()
            for (i, v) in bbox.enumerated() where v != nil { w.field(Int16(i + 1), double: v!) }
            w.endStruct()
        }
        if let geospatialTypes { w.field(2, i32s: geospatialTypes) }
        w.endStruct()
    }
}
