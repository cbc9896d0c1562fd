// DELTA_LENGTH_BYTE_ARRAY encoding, writer side: lengths as DELTA_BINARY_PACKED INT32, then the
// concatenated value bytes.

/// Streaming DELTA_LENGTH_BYTE_ARRAY encoder.
struct DeltaLengthByteArrayEncoder {
    private var lengths = DeltaBinaryPackedEncoder<Int32>()
    private var data: [UInt8] = []

    init() {}

    /// Appends byte arrays (each shorter than 2^31 bytes).
    mutating func append(_ values: ByteArrayBuffer) {
        appendLengths(of: values)
        data.append(contentsOf: values.bytes[values.offsets[0] ..< values.offsets[values.count]])
    }

    /// Appends raw lengths and bytes (used by DeltaByteArrayEncoder for its suffixes).
    mutating func append(length: Int, bytes: UnsafeRawBufferPointer) {
        precondition(length == bytes.count && length <= Int(Int32.max), "byte array longer than 2^31 - 1 bytes")
        var value = Int32(length)
        withUnsafePointer(to: &value) { lengths.append(UnsafeBufferPointer(start: $0, count: 1)) }
        data.append(contentsOf: bytes)
    }

    private mutating func appendLengths(of values: ByteArrayBuffer) {
        let n = values.count
        guard n > 0 else { return }
        let lengthsArray = [Int32](unsafeUninitializedCapacity: n) { buffer, initialized in
            for i in 0 ..< n {
                let length = values.offsets[i + 1] - values.offsets[i]
                precondition(length <= Int(Int32.max), "byte array longer than 2^31 - 1 bytes")
                buffer[i] = Int32(length)
            }
            initialized = n
        }
        lengthsArray.withUnsafeBufferPointer { lengths.append($0) }
    }

    /// Returns the encoded data; the encoder is then empty and reusable.
    mutating func finish() -> [UInt8] {
        var out = lengths.finish()
        out.append(contentsOf: data)
        data = []
        return out
    }
}
