// Thrift compact protocol, reading side.
// Spec: https://github.com/apache/thrift/blob/master/doc/specs/thrift-compact-protocol.md
// Field header: 1 byte, high nibble = field id delta (1...15, or 0: a zigzag i16 follows), low nibble = type.
// Integers are ULEB128 varints of zigzag-encoded values; binary = varint length + bytes;
// list/set header: 1 byte (size in high nibble, 15 = varint size follows; element type in low nibble);
// map header: varint size, then (if size > 0) 1 byte key type << 4 | value type.

/// A cursor over compact-protocol bytes. Every length and count is checked against the bytes that
/// remain, and nesting depth is bounded, so hostile input yields `ThriftError`, never a trap.
@usableFromInline
struct ThriftCompactReader {
    @usableFromInline let bytes: UnsafeRawBufferPointer
    @usableFromInline var position: Int
    @usableFromInline var depth: Int = 0
    /// Maximum struct/container nesting.
    let maxDepth: Int
    /// Field-id bookkeeping for the struct being read (compact protocol encodes id deltas).
    @usableFromInline var lastFieldID: Int16 = 0
    private var fieldIDStack: [Int16] = []
    /// Value of the boolean carried in the last field header.
    var pendingBool: Bool = false

    init(_ bytes: UnsafeRawBufferPointer, maxDepth: Int = 64) {
        self.bytes = bytes
        self.position = 0
        self.maxDepth = maxDepth
    }

    var remaining: Int { bytes.count - position }

    // MARK: primitives

    @inlinable
    mutating func readByte() throws(ThriftError) -> UInt8 {
        guard position < bytes.count else { throw .truncated(at: position) }
        let b = bytes[position]
        position += 1
        return b
    }

    @inlinable
    mutating func readVarint() throws(ThriftError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < bytes.count else { throw .truncated(at: position) }
            let b = bytes[position]
            position += 1
            // shift < 64 is enforced below, so the shift cannot overflow the word.
            result |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return result }
            shift += 7
            if shift >= 64 { throw .invalid("varint longer than 10 bytes", at: position) }
        }
    }

    @inlinable
    mutating func readI64() throws(ThriftError) -> Int64 {
        let v = try readVarint()
        return Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1)))  // zigzag decode; wrapping by design
    }

    mutating func readI32() throws(ThriftError) -> Int32 {
        let start = position
        let v = try readI64()
        guard let r = Int32(exactly: v) else { throw .invalid("i32 value \(v) out of range", at: start) }
        return r
    }

    mutating func readI16() throws(ThriftError) -> Int16 {
        let start = position
        let v = try readI64()
        guard let r = Int16(exactly: v) else { throw .invalid("i16 value \(v) out of range", at: start) }
        return r
    }

    mutating func readI8() throws(ThriftError) -> Int8 {
        Int8(bitPattern: try readByte())
    }

    mutating func readDouble() throws(ThriftError) -> Double {
        guard remaining >= 8 else { throw .truncated(at: position) }
        let bits = bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self).littleEndian
        position += 8
        return Double(bitPattern: bits)
    }

    /// Reads a length-prefixed binary and returns its range within `bytes`.
    mutating func readBinaryRange() throws(ThriftError) -> Range<Int> {
        let start = position
        let n = try readVarint()
        guard n <= UInt64(remaining) else { throw .invalid("binary length \(n) exceeds the \(remaining) bytes left", at: start) }
        let r = position ..< position + Int(n)
        position += Int(n)
        return r
    }

    mutating func readBinary() throws(ThriftError) -> [UInt8] {
        let r = try readBinaryRange()
        return Array(UnsafeRawBufferPointer(rebasing: bytes[r]))
    }

    mutating func readString() throws(ThriftError) -> String {
        let r = try readBinaryRange()
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[r]), as: UTF8.self)
    }

    /// Reads a bool value: from the pending field header, or (inside containers) one byte.
    mutating func readBool() -> Bool { pendingBool }

    mutating func readContainerBool() throws(ThriftError) -> Bool {
        let b = try readByte()
        switch b {
        case 1: return true
        case 0, 2: return false
        default: throw .invalid("bool element byte \(b)", at: position - 1)
        }
    }

    // MARK: structs

    mutating func beginStruct() throws(ThriftError) {
        depth += 1
        guard depth <= maxDepth else { throw .tooDeep(at: position) }
        fieldIDStack.append(lastFieldID)
        lastFieldID = 0
    }

    mutating func endStruct() {
        depth -= 1
        lastFieldID = fieldIDStack.popLast() ?? 0
    }

    /// Reads the next field header. Returns nil at the end of the struct (STOP).
    mutating func readFieldHeader() throws(ThriftError) -> (id: Int16, type: ThriftType)? {
        let b = try readByte()
        if b == 0 { return nil }
        let type = ThriftType(rawValue: b & 0x0F)
        let delta = Int16(b >> 4)
        let id: Int16
        if delta == 0 {
            id = try readI16()
        } else {
            let (sum, overflow) = lastFieldID.addingReportingOverflow(delta)
            guard !overflow else { throw .invalid("field id overflow", at: position - 1) }
            id = sum
        }
        guard type.rawValue <= 12 else { throw .invalid("unknown type id \(type.rawValue)", at: position - 1) }
        lastFieldID = id
        if type.isBool { pendingBool = type == .boolTrue }
        return (id, type)
    }

    /// Reads a list/set header, checking the size against the remaining bytes (each element takes
    /// at least one byte, so a larger count is corrupt).
    mutating func readListHeader() throws(ThriftError) -> (count: Int, elementType: ThriftType) {
        let start = position
        let b = try readByte()
        var n = UInt64(b >> 4)
        if n == 15 { n = try readVarint() }
        let t = ThriftType(rawValue: b & 0x0F)
        guard t.rawValue <= 12, t != .stop else { throw .invalid("bad list element type \(t.rawValue)", at: start) }
        guard n <= UInt64(remaining) else { throw .invalid("list of \(n) elements exceeds the \(remaining) bytes left", at: start) }
        return (Int(n), t)
    }

    mutating func readMapHeader() throws(ThriftError) -> (count: Int, keyType: ThriftType, valueType: ThriftType) {
        let start = position
        let n = try readVarint()
        if n == 0 { return (0, .stop, .stop) }
        guard n <= UInt64(remaining) else { throw .invalid("map of \(n) entries exceeds the \(remaining) bytes left", at: start) }
        let b = try readByte()
        return (Int(n), ThriftType(rawValue: b >> 4), ThriftType(rawValue: b & 0x0F))
    }

    /// Skips a value of the given type (unknown fields of newer writers).
    mutating func skip(_ type: ThriftType) throws(ThriftError) {
        switch type {
        case .boolTrue, .boolFalse: return  // value carried in the header
        case .byte: _ = try readByte()
        case .i16, .i32, .i64: _ = try readVarint()
        case .double:
            guard remaining >= 8 else { throw .truncated(at: position) }
            position += 8
        case .binary: _ = try readBinaryRange()
        case .list, .set:
            let (n, t) = try readListHeader()
            depth += 1
            defer { depth -= 1 }
            guard depth <= maxDepth else { throw .tooDeep(at: position) }
            for _ in 0 ..< n { try skipElement(t) }
        case .map:
            let (n, k, v) = try readMapHeader()
            depth += 1
            defer { depth -= 1 }
            guard depth <= maxDepth else { throw .tooDeep(at: position) }
            for _ in 0 ..< n {
                try skipElement(k)
                try skipElement(v)
            }
        case .struct:
            try beginStruct()
            while let (_, t) = try readFieldHeader() { try skip(t) }
            endStruct()
        default:
            throw .invalid("cannot skip type \(type.rawValue)", at: position)
        }
    }

    /// Skips a container element (booleans in containers take one byte).
    mutating func skipElement(_ type: ThriftType) throws(ThriftError) {
        if type.isBool { _ = try readByte() } else { try skip(type) }
    }

    // MARK: typed helpers for generated-style readers

    /// Reads a list of elements with `element`, checking the element type.
    mutating func readList<T>(
        _ expected: ThriftType, _ element: (inout ThriftCompactReader) throws(ThriftError) -> T
    ) throws(ThriftError) -> [T] {
        let start = position
        let (n, t) = try readListHeader()
        guard t == expected || (expected.isBool && t.isBool) else {
            throw .invalid("list element type \(t.rawValue), expected \(expected.rawValue)", at: start)
        }
        depth += 1
        defer { depth -= 1 }
        guard depth <= maxDepth else { throw .tooDeep(at: position) }
        var out: [T] = []
        // n is only bounded by the bytes left (one per element at least), while an element may be a large
        // struct: reserve for what a small list needs and let a long one grow as its elements prove real.
        out.reserveCapacity(min(n, 1024))
        for _ in 0 ..< n { out.append(try element(&self)) }
        return out
    }

    /// Reads a struct value with `body` called for each field; unknown fields must be skipped by `body`.
    mutating func readStruct(_ body: (inout ThriftCompactReader, Int16, ThriftType) throws(ThriftError) -> Void) throws(ThriftError) {
        try beginStruct()
        while let (id, t) = try readFieldHeader() {
            try body(&self, id, t)
        }
        endStruct()
    }

    /// Throws unless the field's wire type is `expected`.
    @inline(__always)
    func expect(_ type: ThriftType, _ expected: ThriftType) throws(ThriftError) {
        if type != expected && !(type.isBool && expected.isBool) {
            throw .invalid("field type \(type.rawValue), expected \(expected.rawValue)", at: position)
        }
    }
}
