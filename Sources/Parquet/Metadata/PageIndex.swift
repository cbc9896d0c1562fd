/// Location of one data page, from the OffsetIndex.
public struct PageLocation: Sendable, Hashable {
    public var offset: Int64
    public var compressedPageSize: Int32
    public var firstRowIndex: Int64
    public init(offset: Int64, compressedPageSize: Int32, firstRowIndex: Int64) {
        self.offset = offset
        self.compressedPageSize = compressedPageSize
        self.firstRowIndex = firstRowIndex
    }
}

/// Page locations of a column chunk (part of the page index).
public struct OffsetIndex: Sendable, Hashable {
    public var pageLocations: [PageLocation]
    public var unencodedByteArrayDataBytes: [Int64]?
    public init(pageLocations: [PageLocation], unencodedByteArrayDataBytes: [Int64]? = nil) {
        self.pageLocations = pageLocations
        self.unencodedByteArrayDataBytes = unencodedByteArrayDataBytes
    }
}

/// Per-page min/max/null statistics of a column chunk (part of the page index).
public struct ColumnIndex: Sendable, Hashable {
    public var nullPages: [Bool]
    public var minValues: [[UInt8]]
    public var maxValues: [[UInt8]]
    public var boundaryOrder: BoundaryOrder
    public var nullCounts: [Int64]?
    public var repetitionLevelHistograms: [Int64]?
    public var definitionLevelHistograms: [Int64]?
    public var nanCounts: [Int64]?
    public init(nullPages: [Bool], minValues: [[UInt8]], maxValues: [[UInt8]], boundaryOrder: BoundaryOrder) {
        self.nullPages = nullPages
        self.minValues = minValues
        self.maxValues = maxValues
        self.boundaryOrder = boundaryOrder
    }
}

/// Header of a split-block Bloom filter, followed by its bitset.
public struct BloomFilterHeader: Sendable, Hashable {
    public var numBytes: Int32
    /// Union member ids: algorithm 1 = BLOCK, hash 1 = XXHASH, compression 1 = UNCOMPRESSED.
    public var algorithm: Int16
    public var hash: Int16
    public var compression: Int16
    public init(numBytes: Int32, algorithm: Int16 = 1, hash: Int16 = 1, compression: Int16 = 1) {
        self.numBytes = numBytes
        self.algorithm = algorithm
        self.hash = hash
        self.compression = compression
    }
}

extension PageLocation: ThriftStruct {
    init(thrift r: inout ThriftCompactReader) throws(ThriftError) {
        var off: Int64?, size: Int32?, first: Int64?
        try r.beginStruct()
        while let (id, t) = try r.readFieldHeader() {
            switch (id, t) {
            case (1, .i64): off = try r.readI64()
            case (2, .i32): size = try r.readI32()
            case (3, .i64): first = try r.readI64()
            default: try r.skip(t)
            }
        }
        r.endStruct()
        guard let off, let size, let first else { throw .missingField(structName: "PageLocation", field: "offset/compressed_page_size/first_row_index") }
        self.init(offset: off, compressedPageSize: size, firstRowIndex: first)
    }

    func write(to w: inout ThriftCompactWriter) {
        w.beginStruct()
        w.field(1, i64: offset)
        w.field(2, i32: compressedPageSize)
        w.field(3, i64: firstRowIndex)
        w.endStruct()
    }
}

extension OffsetIndex: ThriftStruct {
    init(thrift r: inout ThriftCompactReader) throws(ThriftError) {
        var locs: [PageLocation]?, ub: [Int64]?
        try r.beginStruct()
        while let (id, t) = try r.readFieldHeader() {
            switch (id, t) {
            case (1, .list): locs = try r.readStructList(PageLocation.self)
            case (2, .list): ub = try r.readI64List()
            default: try r.skip(t)
            }
        }
        r.endStruct()
        guard let locs else { throw .missingField(structName: "OffsetIndex", field: "page_locations") }
        self.init(pageLocations: locs, unencodedByteArrayDataBytes: ub)
    }

    func write(to w: inout ThriftCompactWriter) {
        w.beginStruct()
        w.field(1, structs: pageLocations)
        if let unencodedByteArrayDataBytes { w.field(2, i64s: unencodedByteArrayDataBytes) }
        w.endStruct()
    }
}

extension ColumnIndex: ThriftStruct {
    init(thrift r: inout ThriftCompactReader) throws(ThriftError) {
        var nulls: [Bool]?, mins: [[UInt8]]?, maxs: [[UInt8]]?, order: Int32?
        var nc: [Int64]?, rh: [Int64]?, dh: [Int64]?, nan: [Int64]?
        try r.beginStruct()
        while let (id, t) = try r.readFieldHeader() {
            switch (id, t) {
            case (1, .list): nulls = try r.readBoolList()
            case (2, .list): mins = try r.readBinaryList()
            case (3, .list): maxs = try r.readBinaryList()
            case (4, .i32): order = try r.readI32()
            case (5, .list): nc = try r.readI64List()
            case (6, .list): rh = try r.readI64List()
            case (7, .list): dh = try r.readI64List()
            case (8, .list): nan = try r.readI64List()
            default: try r.skip(t)
            }
        }
        r.endStruct()
        guard let nulls, let mins, let maxs, let order else {
            throw .missingField(structName: "ColumnIndex", field: "null_pages/min_values/max_values/boundary_order")
        }
        self.init(nullPages: nulls, minValues: mins, maxValues: maxs, boundaryOrder: BoundaryOrder(rawValue: order))
        nullCounts = nc
        repetitionLevelHistograms = rh
        definitionLevelHistograms = dh
        nanCounts = nan
    }

    func write(to w: inout ThriftCompactWriter) {
        w.beginStruct()
        w.field(1, bools: nullPages)
        w.field(2, binaries: minValues)
        w.field(3, binaries: maxValues)
        w.field(4, i32: boundaryOrder.rawValue)
        if let nullCounts { w.field(5, i64s: nullCounts) }
        if let repetitionLevelHistograms { w.field(6, i64s: repetitionLevelHistograms) }
        if let definitionLevelHistograms { w.field(7, i64s: definitionLevelHistograms) }
        if let nanCounts { w.field(8, i64s: nanCounts) }
        w.endStruct()
    }
}

extension BloomFilterHeader: ThriftStruct {
    init(thrift r: inout ThriftCompactReader) throws(ThriftError) {
        var n: Int32?, alg: Int16 = 0, hash: Int16 = 0, comp: Int16 = 0
        func unionMember(_ r: inout ThriftCompactReader) throws(ThriftError) -> Int16 {
            var member: Int16 = 0
            try r.beginStruct()
            while let (id, t) = try r.readFieldHeader() {
                try r.skip(t)
                member = id
            }
            r.endStruct()
            return member
        }
        try r.beginStruct()
        while let (id, t) = try r.readFieldHeader() {
            switch (id, t) {
            case (1, .i32): n = try r.readI32()
            case (2, .struct): alg = try unionMember(&r)
            case (3, .struct): hash = try unionMember(&r)
            case (4, .struct): comp = try unionMember(&r)
            default: try r.skip(t)
            }
        }
        r.endStruct()
        guard let n else { throw .missingField(structName: "BloomFilterHeader", field: "numBytes") }
        self.init(numBytes: n, algorithm: alg, hash: hash, compression: comp)
    }

    func write(to w: inout ThriftCompactWriter) {
        w.beginStruct()
        w.field(1, i32: numBytes)
        for (id, member) in [(Int16(2), algorithm), (3, hash), (4, compression)] {
            w.fieldHeader(id, .struct)
            w.beginStruct()
            w.field(member, emptyStruct: ())
            w.endStruct()
        }
        w.endStruct()
    }
}
