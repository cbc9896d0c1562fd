// PLAIN encoding, writer side, for every physical type except BOOLEAN (see PlainBooleanEncoder,
// which needs state to pack bits across calls).

/// Appends PLAIN-encoded values to a byte array.
enum PlainEncoder {
    /// Appends fixed-width values (INT32, INT64, FLOAT, DOUBLE, INT96) little-endian.
    static func append<T: PlainFixedWidth>(_ values: UnsafeBufferPointer<T>, to out: inout [UInt8]) {
        guard let src = values.baseAddress, !values.isEmpty else { return }
        let width = T.plainByteWidth
        out.append(growingBy: values.count * width) { dst in
            if T.plainIsMemoryLayout {
                UnsafeMutableRawPointer(dst).copyMemory(from: src, byteCount: values.count * width)
            } else {
                for i in 0 ..< values.count { src[i].plainStore(to: UnsafeMutableRawPointer(dst + i * width)) }
            }
        }
    }

    /// Appends byte arrays, each as a 4-byte little-endian length and its bytes.
    /// Values must be shorter than 2^31 bytes.
    static func append(_ values: ByteArrayBuffer, to out: inout [UInt8]) {
        let n = values.count
        guard n > 0 else { return }
        out.append(growingBy: 4 * n + values.offsets[n] - values.offsets[0]) { dst in
            values.bytes.withUnsafeBytes { src in
                values.offsets.withUnsafeBufferPointer { offsets in
                    var position = 0
                    for i in 0 ..< n {
                        let start = offsets[i], length = offsets[i + 1] - start
                        precondition(length <= Int(Int32.max), "BYTE_ARRAY value longer than 2^31 - 1 bytes")
                        UnsafeMutableRawPointer(dst + position).storeBytes(of: UInt32(length).littleEndian, as: UInt32.self)
                        if length > 0 {
                            UnsafeMutableRawPointer(dst + position + 4).copyMemory(from: src.baseAddress! + start, byteCount: length)
                        }
                        position += 4 + length
                    }
                }
            }
        }
    }

    /// Appends fixed-length byte arrays: their bytes back to back.
    static func append(_ values: FixedLenByteArrayBuffer, to out: inout [UInt8]) {
        out.append(contentsOf: values.bytes)
    }
}
