// BYTE_STREAM_SPLIT encoding, writer side: values are collected as bytes and split into streams in
// `finish()`, once the value count (the stream length) is known.

/// Streaming BYTE_STREAM_SPLIT encoder for values of `width` bytes.
struct ByteStreamSplitEncoder {
    /// Bytes per value.
    let width: Int
    private var values: [UInt8] = []

    /// Creates an encoder for `width`-byte values (> 0).
    init(width: Int) {
        precondition(width > 0, "BYTE_STREAM_SPLIT width must be positive")
        self.width = width
    }

    /// Appends values whose in-memory bytes are the little-endian PLAIN bytes (Int32, Int64, Float,
    /// Double, UInt16 for FLOAT16 on little-endian hosts) and whose size is `width`.
    mutating func append<T: BitwiseCopyable>(_ newValues: UnsafeBufferPointer<T>) {
        precondition(MemoryLayout<T>.size == width && MemoryLayout<T>.stride == width, "value size must equal the width")
        values.append(contentsOf: UnsafeRawBufferPointer(newValues))
    }

    /// Appends fixed-length byte arrays of this encoder's width.
    mutating func append(_ newValues: FixedLenByteArrayBuffer) {
        precondition(newValues.width == width || newValues.bytes.isEmpty, "value width must equal the encoder width")
        values.append(contentsOf: newValues.bytes)
    }

    /// Returns the encoded streams; the encoder is then empty and reusable.
    mutating func finish() -> [UInt8] {
        let n = values.count / width
        let out = [UInt8](unsafeUninitializedCapacity: values.count) { buffer, initialized in
            values.withUnsafeBufferPointer { src in
                for k in 0 ..< width {
                    for i in 0 ..< n { buffer[k * n + i] = src[i * width + k] }
                }
            }
            initialized = values.count
        }
        values = []
        return out
    }
}
