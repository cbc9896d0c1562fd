@testable import Parquet

/// Where the integer, length and list-size fields of a Thrift compact struct lie in its bytes, so a
/// mutation can set one of them to an extreme value (the structured half of the mutation test).
struct ThriftFieldMap {
    enum Kind: Sendable {
        /// A zigzag varint (i16/i32/i64).
        case integer
        /// The unsigned varint length of a binary/string.
        case length
        /// A list/set header (count in the high nibble or a following varint; element type in the low nibble).
        case listSize
    }

    struct Field: Sendable {
        /// Byte range of the encoded field value (header excluded), relative to the scanned buffer.
        var range: Range<Int>
        var kind: Kind
        /// Decoded value (list: the element count).
        var value: Int64
        /// List element type (low nibble of the header byte); 0 for other kinds.
        var elementType: UInt8 = 0
    }

    private(set) var fields: [Field] = []
    /// Bytes the struct occupies (0 when it could not be walked to its end).
    private(set) var length = 0

    /// Walks one struct at the start of `bytes`, recording fields until the struct ends or the bytes
    /// stop making sense (best effort: a partial map is still useful).
    init(_ bytes: UnsafeRawBufferPointer) {
        var r = ThriftCompactReader(bytes, maxDepth: 64)
        do throws(ThriftError) {
            try walkStruct(&r)
            length = r.position
        } catch {
            length = 0
        }
    }

    private mutating func walkStruct(_ r: inout ThriftCompactReader) throws(ThriftError) {
        try r.beginStruct()
        while let (_, type) = try r.readFieldHeader() { try walkValue(&r, type) }
        r.endStruct()
    }

    private mutating func walkValue(_ r: inout ThriftCompactReader, _ type: ThriftType) throws(ThriftError) {
        let start = r.position
        switch type {
        case .i16, .i32, .i64:
            let v = try r.readI64()
            fields.append(Field(range: start ..< r.position, kind: .integer, value: v))
        case .binary:
            let body = try r.readBinaryRange()
            fields.append(Field(range: start ..< body.lowerBound, kind: .length, value: Int64(body.count)))
        case .list, .set:
            let (n, element) = try r.readListHeader()
            fields.append(Field(range: start ..< r.position, kind: .listSize, value: Int64(n), elementType: element.rawValue))
            for _ in 0 ..< n {
                if element.isBool { _ = try r.readByte() } else { try walkValue(&r, element) }
            }
        case .struct:
            try walkStruct(&r)
        default:
            try r.skip(type)
        }
    }

    /// The bytes of `field` set to `value`: zigzag for integers, unsigned for lengths, a long-form header
    /// for lists. When the new encoding is shorter than the old it is padded with continuation bytes
    /// (an overlong but valid varint), so the bytes after the field keep their offsets.
    static func encode(_ value: Int64, as field: Field) -> [UInt8] {
        var out: [UInt8]
        switch field.kind {
        case .integer: out = varint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
        case .length: out = varint(UInt64(bitPattern: value))
        case .listSize: return [0xF0 | field.elementType] + varint(UInt64(bitPattern: value))
        }
        if out.count < field.range.count {
            out[out.count - 1] |= 0x80
            out += [UInt8](repeating: 0x80, count: field.range.count - out.count - 1) + [0]
        }
        return out
    }

    static func varint(_ v: UInt64) -> [UInt8] {
        var v = v
        var out: [UInt8] = []
        repeat {
            out.append(UInt8(v & 0x7F) | (v > 0x7F ? 0x80 : 0))
            v >>= 7
        } while v != 0
        return out
    }
}
