// ULEB128 and zigzag integers, as used by the RLE/bit-packing hybrid run headers and the
// DELTA_BINARY_PACKED headers (Encodings.md: "varint-encode() is ULEB-128 encoding").

/// ULEB128 / zigzag helpers over raw bytes.
enum VarInt {
    /// Reads one ULEB128 integer from `base[position ..< count]` and advances `position`.
    ///
    /// Throws `.truncated` when the bytes end inside the integer and `.invalid` when it does not fit
    /// in 64 bits (more than 10 bytes, or a 10th byte above 1).
    @inline(__always)
    static func readULEB128(_ base: UnsafeRawPointer, count: Int, at position: inout Int) throws(DecodeFailure) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < count else { throw .truncated(needed: 1, available: 0) }
            let byte = base.load(fromByteOffset: position, as: UInt8.self)
            position += 1
            if shift == 63 && byte > 1 { throw .invalid("ULEB128 integer overflows 64 bits") }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
            if shift > 63 { throw .invalid("ULEB128 integer longer than 10 bytes") }
        }
    }

    /// Reads one zigzag-encoded ULEB128 integer (signed).
    @inline(__always)
    static func readZigzag(_ base: UnsafeRawPointer, count: Int, at position: inout Int) throws(DecodeFailure) -> Int64 {
        zigzagDecode(try readULEB128(base, count: count, at: &position))
    }

    /// Maps 0, 1, 2, 3… back to 0, -1, 1, -2…
    @inline(__always)
    static func zigzagDecode(_ u: UInt64) -> Int64 {
        // 0 &- (u & 1) is all ones for odd u: the wrap is the intended two's-complement negation.
        Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1)))
    }

    /// Maps 0, -1, 1, -2… to 0, 1, 2, 3…
    @inline(__always)
    static func zigzagEncode(_ v: Int64) -> UInt64 {
        // (v << 1) drops the sign bit on purpose; (v >> 63) is 0 or all ones.
        UInt64(bitPattern: (v &<< 1) ^ (v >> 63))
    }

    /// Appends `value` as ULEB128.
    static func appendULEB128(_ value: UInt64, to out: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    /// Appends `value` as zigzag ULEB128.
    static func appendZigzag(_ value: Int64, to out: inout [UInt8]) {
        appendULEB128(zigzagEncode(value), to: &out)
    }
}

extension UnsafeRawBufferPointer {
    /// The base address, or a never-dereferenced non-null placeholder for an empty buffer, so that
    /// cursors can hold a non-optional pointer (every read is bounds-checked against `count` first).
    var baseOrPlaceholder: UnsafeRawPointer {
        baseAddress ?? UnsafeRawPointer(bitPattern: 0x10)!
    }
}
