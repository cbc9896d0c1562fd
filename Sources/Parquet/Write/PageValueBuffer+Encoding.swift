extension PageValueBuffer {
    /// Whether `encoding` can encode values of `type` (dictionary encodings excluded).
    static func supports(_ encoding: Encoding, _ type: PhysicalType) -> Bool {
        switch encoding {
        case .plain: true
        case .rle: type == .boolean
        case .deltaBinaryPacked: type == .int32 || type == .int64
        case .deltaLengthByteArray: type == .byteArray
        case .deltaByteArray: type == .byteArray || type == .fixedLenByteArray
        case .byteStreamSplit: [.int32, .int64, .float, .double, .fixedLenByteArray].contains(type)
        default: false
        }
    }

    /// Encodes the held values with `encoding` (which `supports` must accept for the type).
    func encode(_ encoding: Encoding) -> [UInt8] {
        var out: [UInt8] = []
        switch encoding {
        case .plain:
            out.reserveCapacity(plainSize)
            switch type {
            case .boolean:
                var e = PlainBooleanEncoder()
                booleans.withUnsafeBufferPointer { e.append($0) }
                out = e.finish()
            case .int32: int32s.withUnsafeBufferPointer { PlainEncoder.append($0, to: &out) }
            case .int64: int64s.withUnsafeBufferPointer { PlainEncoder.append($0, to: &out) }
            case .int96: int96s.withUnsafeBufferPointer { PlainEncoder.append($0, to: &out) }
            case .float: floats.withUnsafeBufferPointer { PlainEncoder.append($0, to: &out) }
            case .double: doubles.withUnsafeBufferPointer { PlainEncoder.append($0, to: &out) }
            case .byteArray: PlainEncoder.append(byteArrays, to: &out)
            default: PlainEncoder.append(fixed, to: &out)
            }
        case .rle:
            // RLE booleans: a 4-byte little-endian length, then the hybrid runs of bit width 1.
            var e = RLEBitPackedEncoder(bitWidth: 1)
            booleans.withUnsafeBufferPointer { e.append($0) }
            let runs = e.finish()
            out.reserveCapacity(4 + runs.count)
            Self.appendLength(runs.count, to: &out)
            out.append(contentsOf: runs)
        case .deltaBinaryPacked:
            if type == .int32 {
                var e = DeltaBinaryPackedEncoder<Int32>()
                int32s.withUnsafeBufferPointer { e.append($0) }
                out = e.finish()
            } else {
                var e = DeltaBinaryPackedEncoder<Int64>()
                int64s.withUnsafeBufferPointer { e.append($0) }
                out = e.finish()
            }
        case .deltaLengthByteArray:
            var e = DeltaLengthByteArrayEncoder()
            e.append(byteArrays)
            out = e.finish()
        case .deltaByteArray:
            var e = DeltaByteArrayEncoder()
            if type == .byteArray { e.append(byteArrays) } else { e.append(fixed) }
            out = e.finish()
        case .byteStreamSplit:
            switch type {
            case .int32:
                var e = ByteStreamSplitEncoder(width: 4)
                int32s.withUnsafeBufferPointer { e.append($0) }
                out = e.finish()
            case .int64:
                var e = ByteStreamSplitEncoder(width: 8)
                int64s.withUnsafeBufferPointer { e.append($0) }
                out = e.finish()
            case .float:
                var e = ByteStreamSplitEncoder(width: 4)
                floats.withUnsafeBufferPointer { e.append($0) }
                out = e.finish()
            case .double:
                var e = ByteStreamSplitEncoder(width: 8)
                doubles.withUnsafeBufferPointer { e.append($0) }
                out = e.finish()
            default:
                if width == 0 { return [] }
                var e = ByteStreamSplitEncoder(width: width)
                e.append(fixed)
                out = e.finish()
            }
        default:
            preconditionFailure("encoding \(encoding) for \(type) was not validated")
        }
        return out
    }

    /// Appends a 4-byte little-endian length.
    static func appendLength(_ n: Int, to out: inout [UInt8]) {
        withUnsafeBytes(of: UInt32(truncatingIfNeeded: n).littleEndian) { out.append(contentsOf: $0) }
    }
}
