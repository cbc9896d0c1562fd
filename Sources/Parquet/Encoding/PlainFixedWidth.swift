// Fixed-width physical types under PLAIN encoding: INT32, INT64, FLOAT, DOUBLE (little-endian,
// IEEE 754 for floats) and INT96 (12 bytes: 8 low, then 4 high, little-endian).

/// A value type with a fixed-width PLAIN representation.
protocol PlainFixedWidth: BitwiseCopyable {
    /// Bytes per value on disk.
    static var plainByteWidth: Int { get }
    /// True when the in-memory layout equals the PLAIN bytes, so arrays can be copied wholesale.
    static var plainIsMemoryLayout: Bool { get }
    /// Reads one value from `plainByteWidth` bytes at `pointer` (any alignment).
    static func plainLoad(from pointer: UnsafeRawPointer) -> Self
    /// Writes the value's `plainByteWidth` bytes at `pointer` (any alignment).
    func plainStore(to pointer: UnsafeMutableRawPointer)
}

#if _endian(little)
private let hostIsLittleEndian = true
#else
private let hostIsLittleEndian = false
#endif

/// Native integers: their little-endian bytes.
extension PlainFixedWidth where Self: FixedWidthInteger {
    static var plainByteWidth: Int { MemoryLayout<Self>.size }
    static var plainIsMemoryLayout: Bool { hostIsLittleEndian }
    @inline(__always)
    static func plainLoad(from pointer: UnsafeRawPointer) -> Self {
        Self(littleEndian: pointer.loadUnaligned(as: Self.self))
    }
    @inline(__always)
    func plainStore(to pointer: UnsafeMutableRawPointer) {
        pointer.storeBytes(of: littleEndian, as: Self.self)
    }
}

extension Int32: PlainFixedWidth {}
extension Int64: PlainFixedWidth {}

extension Float: PlainFixedWidth {
    static var plainByteWidth: Int { 4 }
    static var plainIsMemoryLayout: Bool { hostIsLittleEndian }
    @inline(__always)
    static func plainLoad(from pointer: UnsafeRawPointer) -> Float {
        Float(bitPattern: UInt32(littleEndian: pointer.loadUnaligned(as: UInt32.self)))
    }
    @inline(__always)
    func plainStore(to pointer: UnsafeMutableRawPointer) {
        pointer.storeBytes(of: bitPattern.littleEndian, as: UInt32.self)
    }
}

extension Double: PlainFixedWidth {
    static var plainByteWidth: Int { 8 }
    static var plainIsMemoryLayout: Bool { hostIsLittleEndian }
    @inline(__always)
    static func plainLoad(from pointer: UnsafeRawPointer) -> Double {
        Double(bitPattern: UInt64(littleEndian: pointer.loadUnaligned(as: UInt64.self)))
    }
    @inline(__always)
    func plainStore(to pointer: UnsafeMutableRawPointer) {
        pointer.storeBytes(of: bitPattern.littleEndian, as: UInt64.self)
    }
}

extension Int96: PlainFixedWidth {
    static var plainByteWidth: Int { 12 }
    // In memory Int96 is 16 bytes wide (UInt64 + UInt32 + padding), so values are converted one by one.
    static var plainIsMemoryLayout: Bool { false }
    @inline(__always)
    static func plainLoad(from pointer: UnsafeRawPointer) -> Int96 {
        Int96(low: UInt64(littleEndian: pointer.loadUnaligned(as: UInt64.self)),
              high: UInt32(littleEndian: pointer.loadUnaligned(fromByteOffset: 8, as: UInt32.self)))
    }
    @inline(__always)
    func plainStore(to pointer: UnsafeMutableRawPointer) {
        pointer.storeBytes(of: low.littleEndian, as: UInt64.self)
        pointer.storeBytes(of: high.littleEndian, toByteOffset: 8, as: UInt32.self)
    }
}
