/// Column-chunk or page statistics. Values are PLAIN-encoded (byte arrays without length prefix).
public struct Statistics: Sendable, Hashable {
    /// Deprecated signed-order max/min.
    public var max: [UInt8]?
    public var min: [UInt8]?
    public var nullCount: Int64?
    public var distinctCount: Int64?
    public var maxValue: [UInt8]?
    public var minValue: [UInt8]?
    public var isMaxValueExact: Bool?
    public var isMinValueExact: Bool?
    public var nanCount: Int64?

    public init() {}
}

extension Statistics: ThriftStruct {
    init(thrift r: inout ThriftCompactReader) throws(ThriftError) {
        self.init()
        try r.beginStruct()
        while let (id, t) = try r.readFieldHeader() {
            switch (id, t) {
            case (1, .binary): max = try r.readBinary()
            case (2, .binary): min = try r.readBinary()
            case (3, .i64): nullCount = try r.readI64()
            case (4, .i64): distinctCount = try r.readI64()
            case (5, .binary): maxValue = try r.readBinary()
            case (6, .binary): minValue = try r.readBinary()
            case (7, _) where t.isBool: isMaxValueExact = r.readBool()
            case (8, _) where t.isBool: isMinValueExact = r.readBool()
            case (9, .i64): nanCount = try r.readI64()
            default: try r.skip(t)
            }
        }
        r.endStruct()
    }

    func write(to w: inout ThriftCompactWriter) {
        w.beginStruct()
        if let max { w.field(1, binary: max) }
        if let min { w.field(2, binary: min) }
        if let nullCount { w.field(3, i64: nullCount) }
        if let distinctCount { w.field(4, i64: distinctCount) }
        if let maxValue { w.field(5, binary: maxValue) }
        if let minValue { w.field(6, binary: minValue) }
        if let isMaxValueExact { w.field(7, bool: isMaxValueExact) }
        if let isMinValueExact { w.field(8, bool: isMinValueExact) }
        if let nanCount { w.field(9, i64: nanCount) }
        w.endStruct()
    }
}
