#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How min/max statistics of a column compare: the sort order its logical type defines
/// (parquet.thrift, `ColumnOrder`), applied to PLAIN-encoded values.
enum StatisticsOrder: Sendable, Equatable {
    case boolean
    case signedInt32
    case unsignedInt32
    case signedInt64
    case unsignedInt64
    case float
    case double
    /// IEEE half floats in FIXED_LEN_BYTE_ARRAY(2), little-endian.
    case float16
    /// Unsigned byte-wise lexicographic (strings, binary, UUID, FIXED_LEN_BYTE_ARRAY).
    case bytes
    /// Big-endian two's-complement integers (DECIMAL in BYTE_ARRAY / FIXED_LEN_BYTE_ARRAY).
    case decimalBytes
    /// No defined order (INT96, INTERVAL): no min/max is written.
    case undefined

    /// The order of a leaf column.
    init(_ column: ColumnDescriptor) {
        let lt = column.logicalType
        switch column.physicalType {
        case .boolean: self = .boolean
        case .int32:
            if case .integer(_, false)? = lt { self = .unsignedInt32 } else { self = .signedInt32 }
        case .int64:
            if case .integer(_, false)? = lt { self = .unsignedInt64 } else { self = .signedInt64 }
        case .float: self = .float
        case .double: self = .double
        case .byteArray, .fixedLenByteArray:
            if column.element.convertedType == .interval { self = .undefined; return }
            switch lt {
            case .decimal?: self = .decimalBytes
            case .float16? where column.typeLength == 2: self = .float16
            default: self = .bytes
            }
        default: self = .undefined
        }
    }

    /// Whether legacy readers (the deprecated `min`/`max` fields, signed comparison) agree with this order.
    var isLegacySigned: Bool {
        switch self {
        case .boolean, .signedInt32, .signedInt64, .float, .double: true
        default: false
        }
    }

    /// Whether min/max are byte strings that may be truncated.
    var isTruncatable: Bool { self == .bytes }

    /// Strict "less than" of two PLAIN-encoded values.
    func less(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        compare(a, b) < 0
    }

    /// Three-way comparison of two PLAIN-encoded values (-1, 0, 1).
    func compare(_ a: [UInt8], _ b: [UInt8]) -> Int {
        switch self {
        case .boolean: return Self.sign(Int(a.first ?? 0) - Int(b.first ?? 0))
        case .signedInt32: return Self.cmp(Self.load(a, Int32.self), Self.load(b, Int32.self))
        case .unsignedInt32: return Self.cmp(Self.load(a, UInt32.self), Self.load(b, UInt32.self))
        case .signedInt64: return Self.cmp(Self.load(a, Int64.self), Self.load(b, Int64.self))
        case .unsignedInt64: return Self.cmp(Self.load(a, UInt64.self), Self.load(b, UInt64.self))
        case .float: return Self.cmp(Float(bitPattern: Self.load(a, UInt32.self)), Float(bitPattern: Self.load(b, UInt32.self)))
        case .double: return Self.cmp(Double(bitPattern: Self.load(a, UInt64.self)), Double(bitPattern: Self.load(b, UInt64.self)))
        case .float16: return Self.cmp(Self.float16Key(Self.load(a, UInt16.self)), Self.float16Key(Self.load(b, UInt16.self)))
        case .bytes, .undefined: return Self.compareBytes(a, b)
        case .decimalBytes: return Self.compareDecimal(a, b)
        }
    }

    @inline(__always) static func sign(_ v: Int) -> Int { v < 0 ? -1 : (v > 0 ? 1 : 0) }

    @inline(__always) static func cmp<T: Comparable>(_ a: T, _ b: T) -> Int { a < b ? -1 : (b < a ? 1 : 0) }

    /// Loads a little-endian integer from the start of `bytes` (zero when too short).
    static func load<T: FixedWidthInteger>(_ bytes: [UInt8], _: T.Type) -> T {
        guard bytes.count >= MemoryLayout<T>.size else { return 0 }
        return bytes.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(as: T.self)) }
    }

    /// Unsigned lexicographic comparison.
    static func compareBytes(_ a: [UInt8], _ b: [UInt8]) -> Int {
        a.withUnsafeBytes { pa in
            b.withUnsafeBytes { pb in compareBytes(pa, pb) }
        }
    }

    /// Unsigned lexicographic comparison of raw buffers.
    @inline(__always)
    static func compareBytes(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        let n = Swift.min(a.count, b.count)
        if n > 32 {
            let c = memcmp(a.baseAddress!, b.baseAddress!, n)
            if c != 0 { return c < 0 ? -1 : 1 }
            return cmp(a.count, b.count)
        }
        // Short values (most strings): 8 bytes at a time as big-endian words, inline.
        var i = 0
        while i + 8 <= n {
            let x = UInt64(bigEndian: a.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            let y = UInt64(bigEndian: b.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            if x != y { return x < y ? -1 : 1 }
            i += 8
        }
        while i < n {
            let x = a[i], y = b[i]
            if x != y { return x < y ? -1 : 1 }
            i += 1
        }
        return cmp(a.count, b.count)
    }

    /// Signed comparison of big-endian two's-complement integers of any lengths.
    static func compareDecimal(_ a: [UInt8], _ b: [UInt8]) -> Int {
        a.withUnsafeBytes { pa in
            b.withUnsafeBytes { pb in compareDecimal(pa, pb) }
        }
    }

    /// Signed comparison of big-endian two's-complement integers held in raw buffers.
    static func compareDecimal(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        let negA = a.count > 0 && a[0] & 0x80 != 0
        let negB = b.count > 0 && b[0] & 0x80 != 0
        if negA != negB { return negA ? -1 : 1 }
        // Same sign: sign-extend the shorter to the longer length and compare unsigned.
        let n = Swift.max(a.count, b.count)
        let pad: UInt8 = negA ? 0xFF : 0
        for i in 0 ..< n {
            let x = i < n - a.count ? pad : a[i - (n - a.count)]
            let y = i < n - b.count ? pad : b[i - (n - b.count)]
            if x != y { return x < y ? -1 : 1 }
        }
        return 0
    }

    /// Maps half-float bits to an integer key with the same order (NaNs are excluded before).
    @inline(__always) static func float16Key(_ bits: UInt16) -> Int32 {
        bits & 0x8000 != 0 ? -Int32(bits & 0x7FFF) : Int32(bits)
    }

    /// Whether half-float bits are a NaN.
    @inline(__always) static func isFloat16NaN(_ bits: UInt16) -> Bool {
        bits & 0x7C00 == 0x7C00 && bits & 0x03FF != 0
    }
}
