/// Metadata of one column chunk: type, encodings, codec, sizes, offsets, statistics.
public struct ColumnMetaData: Sendable, Hashable {
    public var type: PhysicalType
    public var encodings: [Encoding]
    public var pathInSchema: [String]
    public var codec: CompressionCodec
    public var numValues: Int64
    public var totalUncompressedSize: Int64
    public var totalCompressedSize: Int64
    public var keyValueMetadata: [KeyValue]?
    public var dataPageOffset: Int64
    public var indexPageOffset: Int64?
    public var dictionaryPageOffset: Int64?
    public var statistics: Statistics?
    public var encodingStats: [PageEncodingStats]?
    public var bloomFilterOffset: Int64?
    public var bloomFilterLength: Int32?
    public var sizeStatistics: SizeStatistics?
    public var geospatialStatistics: GeospatialStatistics?

    public init(type: PhysicalType, encodings: [Encoding], pathInSchema: [String], codec: CompressionCodec,
                numValues: Int64, totalUncompressedSize: Int64, totalCompressedSize: Int64, dataPageOffset: Int64) {
        self.type = type
        self.encodings = encodings
        self.pathInSchema = pathInSchema
        self.codec = codec
        self.numValues = numValues
        self.totalUncompressedSize = totalUncompressedSize
        self.totalCompressedSize = totalCompressedSize
        self.dataPageOffset = dataPageOffset
    }
}

extension ColumnMetaData: ThriftStruct {
    init(thrift r: inout ThriftCompactReader) throws(ThriftError) {
        var type: Int32?, encodings: [Int32]?, path: [String]?, codec: Int32?, numValues: Int64?
        var tus: Int64?, tcs: Int64?, dpo: Int64?
        var kv: [KeyValue]?, ipo: Int64?, dictOff: Int64?, stats: Statistics?, encStats: [PageEncodingStats]?
        var bfo: Int64?, bfl: Int32?, sizeStats: SizeStatistics?, geo: GeospatialStatistics?
        try r.beginStruct()
        while let (id, t) = try r.readFieldHeader() {
            switch (id, t) {
            case (1, .i32): type = try r.readI32()
            case (2, .list): encodings = try r.readI32List()
            case (3, .list): path = try r.readStringList()
            case (4, .i32): codec = try r.readI32()
            case (5, .i64): numValues = try r.readI64()
            case (6, .i64): tus = try r.readI64()
            case (7, .i64): tcs = try r.readI64()
            case (8, .list): kv = try r.readStructList(KeyValue.self)
            case (9, .i64): dpo = try r.readI64()
            case (10, .i64): ipo = try r.readI64()
            case (11, .i64): dictOff = try r.readI64()
            case (12, .struct): stats = try r.read(Statistics.self)
            case (13, .list): encStats = try r.readStructList(PageEncodingStats.self)
            case (14, .i64): bfo = try r.readI64()
            case (15, .i32): bfl = try r.readI32()
            case (16, .struct): sizeStats = try r.read(SizeStatistics.self)
            case (17, .struct): geo = try r.read(GeospatialStatistics.self)
            default: try r.skip(t)
            }
        }
        r.endStruct()
        guard let type, let encodings, let path, let codec, let numValues, let tus, let tcs, let dpo else {
            throw .missingField(structName: "ColumnMetaData", field: "type/encodings/path_in_schema/codec/num_values/sizes/data_page_offset")
        }
        self.init(type: PhysicalType(rawValue: type), encodings: encodings.map(Encoding.init(rawValue:)),
                  pathInSchema: path, codec: CompressionCodec(rawValue: codec), numValues: numValues,
                  totalUncompressedSize: tus, totalCompressedSize: tcs, dataPageOffset: dpo)
        keyValueMetadata = kv
        indexPageOffset = ipo
        dictionaryPageOffset = dictOff
        statistics = stats
        encodingStats = encStats
        bloomFilterOffset = bfo
        bloomFilterLength = bfl
        sizeStatistics = sizeStats
        geospatialStatistics = geo
    }

    func write(to w: inout ThriftCompactWriter) {
        w.beginStruct()
        w.field(1, i32: type.rawValue)
        w.field(2, i32s: encodings.map(\.rawValue))
        w.field(3, strings: pathInSchema)
        w.field(4, i32: codec.rawValue)
        w.field(5, i64: numValues)
        w.field(6, i64: totalUncompressedSize)
        w.field(7, i64: totalCompressedSize)
        if let keyValueMetadata { w.field(8, structs: keyValueMetadata) }
        w.field(9, i64: dataPageOffset)
        if let indexPageOffset { w.field(10, i64: indexPageOffset) }
        if let dictionaryPageOffset { w.field(11, i64: dictionaryPageOffset) }
        if let statistics { w.field(12, struct: statistics) }
        if let encodingStats { w.field(13, structs: encodingStats) }
        if let bloomFilterOffset { w.field(14, i64: bloomFilterOffset) }
        if let bloomFilterLength { w.field(15, i32: bloomFilterLength) }
        if let sizeStatistics { w.field(16, struct: sizeStatistics) }
        if let geospatialStatistics { w.field(17, struct: geospatialStatistics) }
        w.endStruct()
    }
}
