/// One node of the flattened schema tree (depth-first order) in the footer.
public struct SchemaElement: Sendable, Hashable {
    public var type: PhysicalType?
    public var typeLength: Int32?
    public var repetitionType: FieldRepetitionType?
    public var name: String
    public var numChildren: Int32?
    public var convertedType: ConvertedType?
    public var scale: Int32?
    public var precision: Int32?
    public var fieldID: Int32?
    public var logicalType: LogicalType?

    public init(name: String, type: PhysicalType? = nil, typeLength: Int32? = nil,
                repetitionType: FieldRepetitionType? = nil, numChildren: Int32? = nil,
                convertedType: ConvertedType? = nil, scale: Int32? = nil, precision: Int32? = nil,
                fieldID: Int32? = nil, logicalType: LogicalType? = nil) {
        self.name = name
        self.type = type
        self.typeLength = typeLength
        self.repetitionType = repetitionType
        self.numChildren = numChildren
        self.convertedType = convertedType
        self.scale = scale
        self.precision = precision
        self.fieldID = fieldID
        self.logicalType = logicalType
    }
}

extension SchemaElement: ThriftStruct {
    init(thrift r: inout ThriftCompactReader) throws(ThriftError) {
        var name: String?
        self.init(name: "")
        try r.beginStruct()
        while let (id, t) = try r.readFieldHeader() {
            switch (id, t) {
            case (1, .i32): type = PhysicalType(rawValue: try r.readI32())
            case (2, .i32): typeLength = try r.readI32()
            case (3, .i32): repetitionType = FieldRepetitionType(rawValue: try r.readI32())
            case (4, .binary): name = try r.readString()
            case (5, .i32): numChildren = try r.readI32()
            case (6, .i32): convertedType = ConvertedType(rawValue: try r.readI32())
            case (7, .i32): scale = try r.readI32()
            case (8, .i32): precision = try r.readI32()
            case (9, .i32): fieldID = try r.readI32()
            case (10, .struct): logicalType = try r.read(LogicalType.self)
            default: try r.skip(t)
            }
        }
        r.endStruct()
        guard let name else { throw .missingField(structName: "SchemaElement", field: "name") }
        self.name = name
    }

    func write(to w: inout ThriftCompactWriter) {
        w.beginStruct()
        if let type { w.field(1, i32: type.rawValue) }
        if let typeLength { w.field(2, i32: typeLength) }
        if let repetitionType { w.field(3, i32: repetitionType.rawValue) }
        w.field(4, string: name)
        if let numChildren { w.field(5, i32: numChildren) }
        if let convertedType { w.field(6, i32: convertedType.rawValue) }
        if let scale { w.field(7, i32: scale) }
        if let precision { w.field(8, i32: precision) }
        if let fieldID { w.field(9, i32: fieldID) }
        if let logicalType { w.field(10, struct: logicalType) }
        w.endStruct()
    }
}
