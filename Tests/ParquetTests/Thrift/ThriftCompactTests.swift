import Testing
@testable import Parquet

@Suite("Thrift compact protocol")
struct ThriftCompactTests {
    /// Decodes `bytes` as `T`, returning the value and the bytes consumed.
    func decode<T: ThriftStruct>(_ bytes: [UInt8], as: T.Type) throws -> (T, Int) {
        let result = bytes.withUnsafeBytes { b in Result { () throws(ThriftError) -> (T, Int) in try T.decode(b) } }
        return try result.get()
    }

    static func sampleMetadata() -> FileMetaData {
        var leaf = SchemaElement(name: "x", type: .int64, repetitionType: .optional, fieldID: 7,
                                 logicalType: .timestamp(isAdjustedToUTC: true, unit: .micros))
        leaf.convertedType = .timestampMicros
        let dec = SchemaElement(name: "d", type: .fixedLenByteArray, typeLength: 16, repetitionType: .required,
                                convertedType: .decimal, scale: 2, precision: 38, logicalType: .decimal(precision: 38, scale: 2))
        let root = SchemaElement(name: "schema", numChildren: 2)
        var md = ColumnMetaData(type: .int64, encodings: [.plain, .rle, .rleDictionary], pathInSchema: ["x"], codec: .zstd,
                                numValues: 1000, totalUncompressedSize: 12345, totalCompressedSize: 2345, dataPageOffset: 4)
        var st = Statistics()
        st.minValue = [1, 0, 0, 0, 0, 0, 0, 0]
        st.maxValue = [0xFF, 0, 0, 0, 0, 0, 0, 0]
        st.nullCount = 3
        st.isMaxValueExact = true
        st.isMinValueExact = false
        md.statistics = st
        md.keyValueMetadata = [KeyValue(key: "k", value: "v"), KeyValue(key: "nil", value: nil)]
        var chunk = ColumnChunk(fileOffset: 4, metaData: md)
        chunk.offsetIndexOffset = 9999
        chunk.offsetIndexLength = 20
        var group = RowGroup(columns: [chunk, chunk], totalByteSize: 12345, numRows: 1000)
        group.sortingColumns = [SortingColumn(columnIndex: 0, descending: true, nullsFirst: false)]
        group.ordinal = 0
        var meta = FileMetaData(version: 2, schema: [root, leaf, dec], numRows: 1000, rowGroups: [group, group])
        meta.createdBy = "swift-parquet test"
        meta.columnOrders = [.typeDefinedOrder, .ieee754TotalOrder]
        meta.keyValueMetadata = [KeyValue(key: "ARROW:schema", value: String(repeating: "x", count: 300))]
        return meta
    }

    @Test func fileMetaDataRoundTrips() throws {
        let meta = Self.sampleMetadata()
        let bytes = meta.thriftBytes()
        let decoded = try decode(bytes, as: FileMetaData.self)
        #expect(decoded.0 == meta)
        #expect(decoded.1 == bytes.count)
    }

    @Test(arguments: [LogicalType.string, .map, .list, .enum, .decimal(precision: 9, scale: 3), .date,
                      .time(isAdjustedToUTC: false, unit: .nanos), .timestamp(isAdjustedToUTC: true, unit: .millis),
                      .integer(bitWidth: 16, isSigned: false), .null, .json, .bson, .uuid, .float16,
                      .variant(specificationVersion: 1), .geometry(crs: "OGC:CRS84"), .geography(crs: nil, algorithm: 2),
                      .vector, .unrecognized(42)])
    func logicalTypesRoundTrip(_ t: LogicalType) throws {
        let bytes = t.thriftBytes()
        let decoded = try decode(bytes, as: LogicalType.self)
        #expect(decoded.0 == t)
    }

    @Test func pageHeadersRoundTrip() throws {
        var h = PageHeader(type: .dataPageV2, uncompressedPageSize: 100, compressedPageSize: 80, crc: -5)
        h.dataPageHeaderV2 = DataPageHeaderV2(numValues: 10, numNulls: 2, numRows: 10, encoding: .deltaBinaryPacked,
                                              definitionLevelsByteLength: 3, repetitionLevelsByteLength: 0, isCompressed: false)
        let bytes = h.thriftBytes()
        let decoded = try decode(bytes, as: PageHeader.self)
        #expect(decoded.0 == h)
    }

    /// Fields of a newer writer (unknown ids, every wire type) are skipped.
    @Test func unknownFieldsAreSkipped() throws {
        var w = ThriftCompactWriter()
        w.beginStruct()
        w.field(1, string: "n")               // KeyValue.key
        w.field(3, i64: 77)                   // unknown
        w.field(4, double: 1.5)               // unknown
        w.field(5, binaries: [[1, 2], [3]])   // unknown list
        w.fieldHeader(6, .struct); w.beginStruct(); w.field(1, bool: true); w.endStruct()  // unknown struct
        w.field(300, i32: 5)                  // unknown, long-form field id
        w.endStruct()
        let kv = try decode(w.bytes, as: KeyValue.self)
        #expect(kv.0 == KeyValue(key: "n", value: nil))
    }

    @Test func corruptBytesThrow() throws {
        let good = Self.sampleMetadata().thriftBytes()
        // Every truncation fails cleanly.
        for n in stride(from: 0, to: good.count, by: 7) {
            #expect(throws: ThriftError.self) {
                _ = try decode(Array(good.prefix(n)), as: FileMetaData.self)
            }
        }
        // A list claiming more elements than bytes exist, a binary longer than the input, deep nesting.
        let hugeList: [UInt8] = [0x29, 0xFC, 0xFF, 0xFF, 0xFF, 0x0F]
        #expect(throws: ThriftError.self) { _ = try decode(hugeList, as: FileMetaData.self) }
        let longBinary: [UInt8] = [0x18, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x41]
        #expect(throws: ThriftError.self) { _ = try decode(longBinary, as: KeyValue.self) }
        let deep = [UInt8](repeating: 0x1C, count: 10_000)  // field 1, struct, nested forever
        #expect(throws: ThriftError.tooDeep(at: 64)) { _ = try decode(deep, as: FileMetaData.self) }
        let overlongVarint: [UInt8] = [0x16] + [UInt8](repeating: 0xFF, count: 11)
        #expect(throws: ThriftError.self) { _ = try decode(overlongVarint, as: Statistics.self) }
    }
}
