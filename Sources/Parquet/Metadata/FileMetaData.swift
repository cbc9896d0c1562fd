/// The file footer: schema, row groups, key/value metadata, writer, column orders.
public struct FileMetaData: Sendable, Hashable {
    public var version: Int32
    public var schema: [SchemaElement]
    public var numRows: Int64
    public var rowGroups: [RowGroup]
    public var keyValueMetadata: [KeyValue]?
    public var createdBy: String?
    public var columnOrders: [ColumnOrder]?
    public var encryptionAlgorithm: EncryptionAlgorithm?
    public var footerSigningKeyMetadata: [UInt8]?

    public init(version: Int32 = 1, schema: [SchemaElement], numRows: Int64, rowGroups: [RowGroup]) {
        self.version = version
        self.schema = schema
        self.numRows = numRows
        self.rowGroups = rowGroups
    }
}

/// Sort order used for min/max statistics of a leaf column.
public enum ColumnOrder: Sendable, Hashable {
    case typeDefinedOrder
    case ieee754TotalOrder
    case int96TimestampOrder
    case unrecognized(Int16)
}

/// Modular-encryption algorithm descriptor (parsed so encrypted files can be recognised and refused clearly).
public enum EncryptionAlgorithm: Sendable, Hashable {
    case aesGcmV1(aadPrefix: [UInt8]?, aadFileUnique: [UInt8]?, supplyAadPrefix: Bool?)
    case aesGcmCtrV1(aadPrefix: [UInt8]?, aadFileUnique: [UInt8]?, supplyAadPrefix: Bool?)
    case unrecognized(Int16)
}

extension ColumnOrder: ThriftStruct {
    init(thrift r: inout ThriftCompactReader) throws(ThriftError) {
        var result = ColumnOrder.unrecognized(0)
        try r.beginStruct()
        while let (id, t) = try r.readFieldHeader() {
            try r.skip(t)
            switch id {
            case 1: result = .typeDefinedOrder
            case 2: result = .ieee754TotalOrder
            case 3: result = .int96TimestampOrder
            default: result = .unrecognized(id)
            }
        }
        r.endStruct()
        self = result
    }

    func write(to w: inout ThriftCompactWriter) {
        w.beginStruct()
        switch self {
        case .typeDefinedOrder: w.field(1, emptyStruct: ())
        case .ieee754TotalOrder: w.field(2, emptyStruct: ())
        case .int96TimestampOrder: w.field(3, emptyStruct: ())
        case .unrecognized(let id): w.field(id, emptyStruct: ())
        }
        w.endStruct()
    }
}

extension EncryptionAlgorithm: ThriftStruct {
    init(thrift r: inout ThriftCompactReader) throws(ThriftError) {
        var result = EncryptionAlgorithm.unrecognized(0)
        try r.beginStruct()
        while let (id, t) = try r.readFieldHeader() {
            guard t == .struct, id == 1 || id == 2 else { try r.skip(t); result = .unrecognized(id); continue }
            var prefix: [UInt8]?, unique: [UInt8]?, supply: Bool?
            try r.beginStruct()
            while let (fid, ft) = try r.readFieldHeader() {
                switch fid {
                case 1 where ft == .binary: prefix = try r.readBinary()
                case 2 where ft == .binary: unique = try r.readBinary()
                case 3 where ft.isBool: supply = r.readBool()
                default: try r.skip(ft)
                }
            }
            r.endStruct()
            result = id == 1 ? .aesGcmV1(aadPrefix: prefix, aadFileUnique: unique, supplyAadPrefix: supply)
                : .aesGcmCtrV1(aadPrefix: prefix, aadFileUnique: unique, supplyAadPrefix: supply)
        }
        r.endStruct()
        self = result
    }

    func write(to w: inout ThriftCompactWriter) {
        w.beginStruct()
        switch self {
        case .aesGcmV1(let p, let u, let s), .aesGcmCtrV1(let p, let u, let s):
            if case .aesGcmV1 = self { w.fieldHeader(1, .struct) } else { w.fieldHeader(2, .struct) }
            w.beginStruct()
            if let p { w.field(1, binary: p) }
            if let u { w.field(2, binary: u) }
            if let s { w.field(3, bool: s) }
            w.endStruct()
        case .unrecognized(let id): w.field(id, emptyStruct: ())
        }
        w.endStruct()
    }
}

extension FileMetaData: ThriftStruct {
    init(thrift r: inout ThriftCompactReader) throws(ThriftError) {
        var version: Int32?, schema: [SchemaElement]?, rows: Int64?, groups: [RowGroup]?
        var kv: [KeyValue]?, createdBy: String?, orders: [ColumnOrder]?, enc: EncryptionAlgorithm?, fskm: [UInt8]?
        try r.beginStruct()
        while let (id, t) = try r.readFieldHeader() {
            switch (id, t) {
            case (1, .i32): version = try r.readI32()
            case (2, .list): schema = try r.readStructList(SchemaElement.self)
            case (3, .i64): rows = try r.readI64()
            case (4, .list): groups = try r.readStructList(RowGroup.self)
            case (5, .list): kv = try r.readStructList(KeyValue.self)
            case (6, .binary): createdBy = try r.readString()
            case (7, .list): orders = try r.readStructList(ColumnOrder.self)
            case (8, .struct): enc = try r.read(EncryptionAlgorithm.self)
            case (9, .binary): fskm = try r.readBinary()
            default: try r.skip(t)
            }
        }
        r.endStruct()
        guard let schema, let rows, let groups else {
            throw .missingField(structName: "FileMetaData", field: "schema/num_rows/row_groups")
        }
        self.init(version: version ?? 1, schema: schema, numRows: rows, rowGroups: groups)
        keyValueMetadata = kv
        self.createdBy = createdBy
        columnOrders = orders
        encryptionAlgorithm = enc
        footerSigningKeyMetadata = fskm
    }

    func write(to w: inout ThriftCompactWriter) {
        w.beginStruct()
        w.field(1, i32: version)
        w.field(2, structs: schema)
        w.field(3, i64: numRows)
        w.field(4, structs: rowGroups)
        if let keyValueMetadata { w.field(5, structs: keyValueMetadata) }
        if let createdBy { w.field(6, string: createdBy) }
        if let columnOrders { w.field(7, structs: columnOrders) }
        if let encryptionAlgorithm { w.field(8, struct: encryptionAlgorithm) }
        if let footerSigningKeyMetadata { w.field(9, binary: footerSigningKeyMetadata) }
        w.endStruct()
    }
}
