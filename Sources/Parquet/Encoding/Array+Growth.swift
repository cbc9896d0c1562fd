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
