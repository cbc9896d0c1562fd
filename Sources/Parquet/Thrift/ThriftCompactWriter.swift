// Thrift compact protocol, writing side (see ThriftCompactReader for the wire format).

/// Appends compact-protocol bytes to `bytes`.
struct ThriftCompactWriter {
    var bytes: [UInt8] = []
    private var lastFieldID: Int16 = 0
    private var fieldIDStack: [Int16] = []

    init() {}

    mutating func writeByte(_ b: UInt8) { bytes.append(b) }

    mutating func writeVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func writeZigzag(_ value: Int64) {
        // zigzag: (n << 1) ^ (n >> 63); the shift is a bit pattern operation, wrapping by design.
        writeVarint(UInt64(bitPattern: (value &<< 1) ^ (value >> 63)))
    }

    mutating func fieldHeader(_ id: Int16, _ type: ThriftType) {
        let delta = Int(id) - Int(lastFieldID)
        if delta > 0 && delta <= 15 {
            bytes.append(UInt8(delta) << 4 | type.rawValue)
        } else {
            bytes.append(type.rawValue)
            writeZigzag(Int64(id))
        }
        lastFieldID = id
    }

    mutating func beginStruct() {
        fieldIDStack.append(lastFieldID)
        lastFieldID = 0
    }

    mutating func endStruct() {
        bytes.append(0)  // STOP
        lastFieldID = fieldIDStack.popLast() ?? 0
    }

    // MARK: fields

    mutating func field(_ id: Int16, bool v: Bool) { fieldHeader(id, v ? .boolTrue : .boolFalse) }
    mutating func field(_ id: Int16, i8 v: Int8) { fieldHeader(id, .byte); bytes.append(UInt8(bitPattern: v)) }
    mutating func field(_ id: Int16, i16 v: Int16) { fieldHeader(id, .i16); writeZigzag(Int64(v)) }
    mutating func field(_ id: Int16, i32 v: Int32) { fieldHeader(id, .i32); writeZigzag(Int64(v)) }
    mutating func field(_ id: Int16, i64 v: Int64) { fieldHeader(id, .i64); writeZigzag(v) }
    mutating func field(_ id: Int16, double v: Double) {
        fieldHeader(id, .double)
        withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }
    mutating func field(_ id: Int16, binary v: [UInt8]) { fieldHeader(id, .binary); writeBinary(v) }
    mutating func field(_ id: Int16, string v: String) { fieldHeader(id, .binary); writeBinary(Array(v.utf8)) }

    mutating func field<T: ThriftStruct>(_ id: Int16, struct v: T) {
        fieldHeader(id, .struct)
        v.write(to: &self)
    }

    /// An empty struct as a field (the members of Thrift unions such as `StringType`).
    mutating func field(_ id: Int16, emptyStruct: Void) {
        fieldHeader(id, .struct)
        beginStruct()
        endStruct()
    }

    mutating func field<T: ThriftStruct>(_ id: Int16, structs v: [T]) {
        fieldHeader(id, .list)
        listHeader(v.count, .struct)
        for e in v { e.write(to: &self) }
    }

    mutating func field(_ id: Int16, i32s v: [Int32]) {
        fieldHeader(id, .list)
        listHeader(v.count, .i32)
        for e in v { writeZigzag(Int64(e)) }
    }

    mutating func field(_ id: Int16, i64s v: [Int64]) {
        fieldHeader(id, .list)
        listHeader(v.count, .i64)
        for e in v { writeZigzag(e) }
    }

    mutating func field(_ id: Int16, bools v: [Bool]) {
        fieldHeader(id, .list)
        listHeader(v.count, .boolTrue)
        for e in v { bytes.append(e ? 1 : 2) }
    }

    mutating func field(_ id: Int16, binaries v: [[UInt8]]) {
        fieldHeader(id, .list)
        listHeader(v.count, .binary)
        for e in v { writeBinary(e) }
    }

    mutating func field(_ id: Int16, strings v: [String]) {
        fieldHeader(id, .list)
        listHeader(v.count, .binary)
        for e in v { writeBinary(Array(e.utf8)) }
    }

    mutating func writeBinary(_ v: [UInt8]) {
        writeVarint(UInt64(v.count))
        bytes.append(contentsOf: v)
    }

    mutating func listHeader(_ count: Int, _ type: ThriftType) {
        if count < 15 {
            bytes.append(UInt8(count) << 4 | type.rawValue)
        } else {
            bytes.append(0xF0 | type.rawValue)
            writeVarint(UInt64(count))
        }
    }
}

/// A Thrift struct of parquet.thrift that can be read from and written to the compact protocol.
protocol ThriftStruct {
    init(thrift r: inout ThriftCompactReader) throws(ThriftError)
    func write(to w: inout ThriftCompactWriter)
}

extension ThriftStruct {
    /// Serializes to compact-protocol bytes.
    func thriftBytes() -> [UInt8] {
        var w = ThriftCompactWriter()
        write(to: &w)
        return w.bytes
    }

    /// Decodes from compact-protocol bytes; also returns how many bytes the struct occupied.
    static func decode(_ bytes: UnsafeRawBufferPointer, maxDepth: Int = 64) throws(ThriftError) -> (Self, Int) {
        var r = ThriftCompactReader(bytes, maxDepth: maxDepth)
        let v = try Self(thrift: &r)
        return (v, r.position)
    }
}

extension ThriftCompactReader {
    /// Reads a nested struct value.
    mutating func read<T: ThriftStruct>(_: T.Type) throws(ThriftError) -> T {
        try T(thrift: &self)
    }

    mutating func readStructList<T: ThriftStruct>(_: T.Type) throws(ThriftError) -> [T] {
        try readList(.struct) { (r: inout ThriftCompactReader) throws(ThriftError) -> T in try T(thrift: &r) }
    }

    mutating func readI32List() throws(ThriftError) -> [Int32] {
        try readList(.i32) { (r: inout ThriftCompactReader) throws(ThriftError) -> Int32 in try r.readI32() }
    }

    mutating func readI64List() throws(ThriftError) -> [Int64] {
        try readList(.i64) { (r: inout ThriftCompactReader) throws(ThriftError) -> Int64 in try r.readI64() }
    }

    mutating func readBinaryList() throws(ThriftError) -> [[UInt8]] {
        try readList(.binary) { (r: inout ThriftCompactReader) throws(ThriftError) -> [UInt8] in try r.readBinary() }
    }

    mutating func readStringList() throws(ThriftError) -> [String] {
        try readList(.binary) { (r: inout ThriftCompactReader) throws(ThriftError) -> String in try r.readString() }
    }

    mutating func readBoolList() throws(ThriftError) -> [Bool] {
        try readList(.boolTrue) { (r: inout ThriftCompactReader) throws(ThriftError) -> Bool in try r.readContainerBool() }
    }

    /// Reads an empty struct (or skips any struct), used for union members without fields.
    mutating func skipStruct() throws(ThriftError) { try skip(.struct) }
}
