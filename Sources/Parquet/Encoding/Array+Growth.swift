// Bulk appends into the contiguous arrays of ByteArrayBuffer / FixedLenByteArrayBuffer.

extension Array where Element: FixedWidthInteger {
    /// Grows the array by `count` zeroed elements and lets `body` fill them through a pointer to the
    /// first new element. One resize and one memset instead of per-value appends.
    @inline(__always)
    mutating func append<R, E: Error>(
        growingBy count: Int, _ body: (UnsafeMutablePointer<Element>) throws(E) -> R
    ) throws(E) -> R {
        let start = self.count
        append(contentsOf: repeatElement(0, count: count))
        return try withUnsafeMutableBufferPointer { (buffer) throws(E) -> R in
            // buffer.count ≥ start + count ≥ 1 unless count is 0, where the pointer is not used.
            try body((buffer.baseAddress ?? UnsafeMutablePointer(bitPattern: 0x10)!) + start)
        }
    }
}

extension UnsafeMutableRawPointer {
    /// Copies exactly 32 bytes from `source` with two unaligned 16-byte moves (callers guarantee
    /// 32 readable and 32 writable bytes): cheaper than a `memcpy` call for short values.
    @inline(__always)
    func copy32Bytes(from source: UnsafeRawPointer) {
        storeBytes(of: source.loadUnaligned(as: SIMD16<UInt8>.self), as: SIMD16<UInt8>.self)
        storeBytes(of: source.loadUnaligned(fromByteOffset: 16, as: SIMD16<UInt8>.self), toByteOffset: 16,
                   as: SIMD16<UInt8>.self)
    }
}
