/// Header preceding every page of a column chunk.
public struct PageHeader: Sendable, Hashable {
    public var type: PageType
    public var uncompressedPageSize: Int32
    public var compressedPageSize: Int32
    public var crc: Int32?
    public var dataPageHeader: DataPageHeader?
    public var dictionaryPageHeader: DictionaryPageHeader?
    public var dataPageHeaderV2: DataPageHeaderV2?
    /// Whether an (unused) index page header was present.
    public var hasIndexPageHeader: Bool = false

    public init(type: PageType, uncompressedPageSize: Int32, compressedPageSize: Int32, crc: Int32? = nil) {
        self.type = type
        self.uncompressedPageSize = uncompressedPageSize
        self.compressedPageSize = compressedPageSize
        self.crc = crc
    }
}

/// Header of a version 1 data page.
public struct DataPageHeader: Sendable, Hashable {
    public var numValues: Int32
    public var encoding: Encoding
    public var definitionLevelEncoding: Encoding
    public var repetitionLevelEncoding: Encoding
    public var statistics: Statistics?

    public init(numValues: Int32, encoding: Encoding, definitionLevelEncoding: Encoding = .rle,
                repetitionLevelEncoding: Encoding = .rle, statistics: Statistics? = nil) {
        self.numValues = numValues
        self.encoding = encoding
        self.definitionLevelEncoding = definitionLevelEncoding
        self.repetitionLevelEncoding = repetitionLevelEncoding
        self.statistics = statistics
    }
}

/// Header of a version 2 data page (levels stored uncompressed before the values).
public struct DataPageHeaderV2: Sendable, Hashable {
    public var numValues: Int32
    public var numNulls: Int32
    public var numRows: Int32
    public var encoding: Encoding
    public var definitionLevelsByteLength: Int32
    public var repetitionLevelsByteLength: Int32
    public var isCompressed: Bool = true
    public var statistics: Statistics?

    public init(numValues: Int32, numNulls: Int32, numRows: Int32, encoding: Encoding,
                definitionLevelsByteLength: Int32, repetitionLevelsByteLength: Int32,
                isCompressed: Bool = true, statistics: Statistics? = nil) {
        self.numValues = numValues
        self.numNulls = numNulls
        self.numRows = numRows
        self.encoding = encoding
        self.definitionLevelsByteLength = definitionLevelsByteLength
        self.repetitionLevelsByteLength = repetitionLevelsByteLength
        self.isCompressed = isCompressed
        self.statistics = statistics
    }
}

/// Header of a dictionary page.
public struct DictionaryPageHeader: Sendable, Hashable {
    public var numValues: Int32
    public var encoding: Encoding
    public var isSorted: Bool?

    public init(numValues: Int32, encoding: Encoding = .plain, isSorted: Bool? = nil) {
        self.numValues = numValues
        self.encoding = encoding
        self.isSorted = isSorted
    }
}

extension PageHeader: ThriftStruct {
    init(thrift r: inout ThriftCompactReader) throws(ThriftError) {
        var type: PageType?, uncompressed: Int32?, compressed: Int32?
        var crc: Int32?
        var v1: DataPageHeader?, dict: DictionaryPageHeader?, v2: DataPageHeaderV2?
        var index = false
        try r.beginStruct()
        while let (id, t) = try r.readFieldHeader() {
            switch (id, t) {
            case (1, .i32): type = PageType(rawValue: try r.readI32())
            case (2, .i32): uncompressed = try r.readI32()
            case (3, .i32): compressed = try r.readI32()
            case (4, .i32): crc = try r.readI32()
            case (5, .struct): v1 = try r.read(DataPageHeader.self)
            case (6, .struct): try r.skipStruct(); index = true
            case (7, .struct): dict = try r.read(DictionaryPageHeader.self)
            case (8, .struct): v2 = try r.read(DataPageHeaderV2.self)
            default: try r.skip(t)
            }
        }
        r.endStruct()
        guard let type else { throw .missingField(structName: "PageHeader", field: "type") }
        guard let uncompressed else { throw .missingField(structName: "PageHeader", field: "uncompressed_page_size") }
        guard let compressed else { throw .missingField(structName: "PageHeader", field: "compressed_page_size") }
        self.init(type: type, uncompressedPageSize: uncompressed, compressedPageSize: compressed, crc: crc)
        dataPageHeader = v1
        dictionaryPageHeader = dict
        dataPageHeaderV2 = v2
        hasIndexPageHeader = index
    }

    func write(to w: inout ThriftCompactWriter) {
        w.beginStruct()
        w.field(1, i32: type.rawValue)
        w.field(2, i32: uncompressedPageSize)
        w.field(3, i32: compressedPageSize)
        if let crc { w.field(4, i32: crc) }
        if let dataPageHeader { w.field(5, struct: dataPageHeader) }
        if let dictionaryPageHeader { w.field(7, struct: dictionaryPageHeader) }
        if let dataPageHeaderV2 { w.field(8, struct: dataPageHeaderV2) }
        w.endStruct()
    }
}

extension DataPageHeader: ThriftStruct {
    init(thrift r: inout ThriftCompactReader) throws(ThriftError) {
        var n: Int32?, enc: Encoding?, dEnc: Encoding?, rEnc: Encoding?, stats: Statistics?
        try r.beginStruct()
        while let (id, t) = try r.readFieldHeader() {
            switch (id, t) {
            case (1, .i32): n = try r.readI32()
            case (2, .i32): enc = Encoding(rawValue: try r.readI32())
            case (3, .i32): dEnc = Encoding(rawValue: try r.readI32())
            case (4, .i32): rEnc = Encoding(rawValue: try r.readI32())
            case (5, .struct): stats = try r.read(Statistics.self)
            default: try r.skip(t)
            }
        }
        r.endStruct()
        guard let n, let enc else { throw .missingField(structName: "DataPageHeader", field: "num_values/encoding") }
        // Level encodings are required by the spec but some writers omit them; RLE is the only sane default.
        self.init(numValues: n, encoding: enc, definitionLevelEncoding: dEnc ?? .rle,
                  repetitionLevelEncoding: rEnc ?? .rle, statistics: stats)
    }

    func write(to w: inout ThriftCompactWriter) {
        w.beginStruct()
        w.field(1, i32: numValues)
        w.field(2, i32: encoding.rawValue)
        w.field(3, i32: definitionLevelEncoding.rawValue)
        w.field(4, i32: repetitionLevelEncoding.rawValue)
        if let statistics { w.field(5, struct: statistics) }
        w.endStruct()
    }
}

extension DataPageHeaderV2: ThriftStruct {
    init(thrift r: inout ThriftCompactReader) throws(ThriftError) {
        var n: Int32?, nulls: Int32?, rows: Int32?, enc: Encoding?, dLen: Int32?, rLen: Int32?
        var compressed = true
        var stats: Statistics?
        try r.beginStruct()
        while let (id, t) = try r.readFieldHeader() {
            switch (id, t) {
            case (1, .i32): n = try r.readI32()
            case (2, .i32): nulls = try r.readI32()
            case (3, .i32): rows = try r.readI32()
            case (4, .i32): enc = Encoding(rawValue: try r.readI32())
            case (5, .i32): dLen = try r.readI32()
            case (6, .i32): rLen = try r.readI32()
            case (7, _) where t.isBool: compressed = r.readBool()
            case (8, .struct): stats = try r.read(Statistics.self)
            default: try r.skip(t)
            }
        }
        r.endStruct()
        guard let n, let nulls, let rows, let enc, let dLen, let rLen else {
            throw .missingField(structName: "DataPageHeaderV2", field: "num_values/num_nulls/num_rows/encoding/levels lengths")
        }
        self.init(numValues: n, numNulls: nulls, numRows: rows, encoding: enc, definitionLevelsByteLength: dLen,
                  repetitionLevelsByteLength: rLen, isCompressed: compressed, statistics: stats)
    }

    func write(to w: inout ThriftCompactWriter) {
        w.beginStruct()
        w.field(1, i32: numValues)
        w.field(2, i32: numNulls)
        w.field(3, i32: numRows)
        w.field(4, i32: encoding.rawValue)
        w.field(5, i32: definitionLevelsByteLength)
        w.field(6, i32: repetitionLevelsByteLength)
        w.field(7, bool: isCompressed)
        if let statistics { w.field(8, struct: statistics) }
        w.endStruct()
    }
}

extension DictionaryPageHeader: ThriftStruct {
    init(thrift r: inout ThriftCompactReader) throws(ThriftError) {
        var n: Int32?, enc: Encoding?, sorted: Bool?
        try r.beginStruct()
        while let (id, t) = try r.readFieldHeader() {
            switch (id, t) {
            case (1, .i32): n = try r.readI32()
            case (2, .i32): enc = Encoding(rawValue: try r.readI32())
            case (3, _) where t.isBool: sorted = r.readBool()
            default: try r.skip(t)
            }
        }
        r.endStruct()
        guard let n else { throw .missingField(structName: "DictionaryPageHeader", field: "num_values") }
        self.init(numValues: n, encoding: enc ?? .plain, isSorted: sorted)
    }

    func write(to w: inout ThriftCompactWriter) {
        w.beginStruct()
        w.field(1, i32: numValues)
        w.field(2, i32: encoding.rawValue)
        if let isSorted { w.field(3, bool: isSorted) }
        w.endStruct()
    }
}
