// Short fixed-size copies for the byte-array decoders' hot loops.

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
