// Copies of short byte strings (dictionary gathers, PLAIN byte arrays): most values are a few to a few
// dozen bytes, where a `memcpy` call costs more than the copy. When the caller knows 32 bytes can be
// read at the source and written at the destination, one or two 16-byte moves replace the call.

/// Short-string copy helpers.
enum ByteCopy {
    /// Bytes that may be over-read / over-written past the end of a value on the fast path.
    static let slack = 32

    /// Copies `count` bytes from `src` to `dst`. With `wide` true the caller guarantees that
    /// `ByteCopy.slack` bytes are readable at `src` and writable at `dst`, whatever `count` is.
    @inline(__always)
    static func copy(_ dst: UnsafeMutableRawPointer, _ src: UnsafeRawPointer, count: Int, wide: Bool) {
        if wide && count <= 32 {
            let a = src.loadUnaligned(as: SIMD16<UInt8>.self)
            dst.storeBytes(of: a, as: SIMD16<UInt8>.self)
            if count > 16 {
                let b = src.loadUnaligned(fromByteOffset: 16, as: SIMD16<UInt8>.self)
                dst.storeBytes(of: b, toByteOffset: 16, as: SIMD16<UInt8>.self)
            }
        } else if count > 0 {
            dst.copyMemory(from: src, byteCount: count)
        }
    }
}

extension Array where Element == UInt8 {
    /// Grows by `count` bytes plus `ByteCopy.slack` more, uninitialized, lets `body` write all `count`
    /// bytes through a pointer to the first new byte (it may use the slack as scratch), then drops the
    /// slack. One resize, no zero fill, no per-value appends.
    @inline(__always)
    mutating func appendWithSlack(_ count: Int, _ body: (UnsafeMutableRawPointer) -> Void) {
        _ = appendUninitialized(count + ByteCopy.slack) { slots in
            // count + slack >= 1 slots, so baseAddress is non-nil.
            body(UnsafeMutableRawPointer(slots.baseAddress!))
            return count
        }
    }
}
