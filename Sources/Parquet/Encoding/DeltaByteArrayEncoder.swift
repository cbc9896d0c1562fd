// DELTA_BYTE_ARRAY encoding, writer side: for each value, the length of the prefix it shares with
// the previous value (DELTA_BINARY_PACKED INT32), then the remaining suffixes as
// DELTA_LENGTH_BYTE_ARRAY.

/// Streaming DELTA_BYTE_ARRAY encoder for BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY values.
struct DeltaByteArrayEncoder {
    private var prefixLengths = DeltaBinaryPackedEncoder<Int32>()
    private var suffixes = DeltaLengthByteArrayEncoder()
    private var previous: [UInt8] = []

    init() {}

    /// Appends byte arrays (each shorter than 2^31 bytes).
    mutating func append(_ values: ByteArrayBuffer) {
        values.bytes.withUnsafeBytes { bytes in
            for i in 0 ..< values.count {
                let start = values.offsets[i]
                appendValue(UnsafeRawBufferPointer(rebasing: bytes[start ..< values.offsets[i + 1]]))
            }
        }
    }

    /// Appends fixed-length byte arrays (all lengths are still written, as the spec requires).
    mutating func append(_ values: FixedLenByteArrayBuffer) {
        let width = values.width
        values.bytes.withUnsafeBytes { bytes in
            for i in 0 ..< values.count {
                appendValue(UnsafeRawBufferPointer(rebasing: bytes[i * width ..< (i + 1) * width]))
            }
        }
    }

    private mutating func appendValue(_ value: UnsafeRawBufferPointer) {
        var prefix = 0
        let limit = min(previous.count, value.count)
        while prefix < limit && previous[prefix] == value[prefix] { prefix += 1 }
        var prefix32 = Int32(prefix)
        withUnsafePointer(to: &prefix32) { prefixLengths.append(UnsafeBufferPointer(start: $0, count: 1)) }
        suffixes.append(length: value.count - prefix, bytes: UnsafeRawBufferPointer(rebasing: value[prefix...]))
        previous.removeAll(keepingCapacity: true)
        previous.append(contentsOf: value)
    }

    /// Returns the encoded data; the encoder is then empty and reusable.
    mutating func finish() -> [UInt8] {
        var out = prefixLengths.finish()
        out.append(contentsOf: suffixes.finish())
        previous = []
        return out
    }
}
