/// Type identifiers of the Thrift compact protocol (as they appear in field and container headers).
@usableFromInline
struct ThriftType: RawRepresentable, Hashable, Sendable {
    @usableFromInline var rawValue: UInt8
    @inlinable init(rawValue: UInt8) { self.rawValue = rawValue }

    static let stop = ThriftType(rawValue: 0)
    static let boolTrue = ThriftType(rawValue: 1)
    static let boolFalse = ThriftType(rawValue: 2)
    static let byte = ThriftType(rawValue: 3)
    static let i16 = ThriftType(rawValue: 4)
    static let i32 = ThriftType(rawValue: 5)
    static let i64 = ThriftType(rawValue: 6)
    static let double = ThriftType(rawValue: 7)
    static let binary = ThriftType(rawValue: 8)
    static let list = ThriftType(rawValue: 9)
    static let set = ThriftType(rawValue: 10)
    static let map = ThriftType(rawValue: 11)
    static let `struct` = ThriftType(rawValue: 12)

    /// Whether this type id denotes a boolean field (true or false is carried in the type).
    var isBool: Bool { self == .boolTrue || self == .boolFalse }
}
