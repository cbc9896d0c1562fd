// Value hashing as the specification defines it: xxHash64 (seed 0) of the value's PLAIN encoding —
// INT32/FLOAT 4 bytes little-endian, INT64/DOUBLE 8 bytes, INT96 12 bytes, BYTE_ARRAY the bytes
// without the length prefix, FIXED_LEN_BYTE_ARRAY its bytes.

extension SplitBlockBloomFilter {
    /// Hash of an INT32 value (4 bytes little-endian).
    @inlinable public static func hash(int32 v: Int32) -> UInt64 { XXHash64.hash(word32: UInt32(bitPattern: v)) }

    /// Hash of an INT64 value (8 bytes little-endian).
    @inlinable public static func hash(int64 v: Int64) -> UInt64 { XXHash64.hash(word64: UInt64(bitPattern: v)) }

    /// Hash of a FLOAT value (its IEEE 754 bits, 4 bytes little-endian).
    @inlinable public static func hash(float v: Float) -> UInt64 { XXHash64.hash(word32: v.bitPattern) }

    /// Hash of a DOUBLE value (its IEEE 754 bits, 8 bytes little-endian).
    @inlinable public static func hash(double v: Double) -> UInt64 { XXHash64.hash(word64: v.bitPattern) }

    /// Hash of an INT96 value (8 bytes `low` then 4 bytes `high`, little-endian).
    @inlinable public static func hash(int96 v: Int96) -> UInt64 {
        withUnsafeTemporaryAllocation(byteCount: 12, alignment: 8) { buf in
            buf.storeBytes(of: v.low.littleEndian, toByteOffset: 0, as: UInt64.self)
            buf.storeBytes(of: v.high.littleEndian, toByteOffset: 8, as: UInt32.self)
            return XXHash64.hash(UnsafeRawBufferPointer(buf))
        }
    }

    /// Hash of a BOOLEAN value as one byte (0 or 1), as arrow-rs does; the specification does not
    /// define BOOLEAN filters and other writers do not produce them.
    @inlinable public static func hash(boolean v: Bool) -> UInt64 {
        withUnsafeBytes(of: v ? UInt8(1) : 0) { XXHash64.hash($0) }
    }

    /// Hash of a BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY value (its bytes, no length prefix).
    @inlinable public static func hash(bytes: UnsafeRawBufferPointer) -> UInt64 { XXHash64.hash(bytes) }

    /// Hash of a BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY value (convenience).
    @inlinable public static func hash<C: Collection>(bytes: C) -> UInt64 where C.Element == UInt8 {
        if let h = bytes.withContiguousStorageIfAvailable({ XXHash64.hash(UnsafeRawBufferPointer($0)) }) { return h }
        return Array(bytes).withUnsafeBytes { XXHash64.hash($0) }
    }

    /// Hash of a string value (its UTF-8 bytes).
    public static func hash(string: String) -> UInt64 {
        var s = string
        return s.withUTF8 { XXHash64.hash(UnsafeRawBufferPointer($0)) }
    }
}
