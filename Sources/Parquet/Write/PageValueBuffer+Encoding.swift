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

    /// Appends the held values encoded with `encoding` (which `supports` must accept for the type) to
    /// `page` (PLAIN values are written straight into it, without an intermediate array).
    func encode(_ encoding: Encoding, into page: inout [UInt8]) {
        if encoding == .plain && type != .boolean {
            switch type {
            case .int32: int32s.withUnsafeBufferPointer { PlainEncoder.append($0, to: &page) }
            case .int64: int64s.withUnsafeBufferPointer { PlainEncoder.append($0, to: &page) }
            case .int96: int96s.withUnsafeBufferPointer { PlainEncoder.append($0, to: &page) }
            case .float: floats.withUnsafeBufferPointer { PlainEncoder.append($0, to: &page) }
            case .double: doubles.withUnsafeBufferPointer { PlainEncoder.append($0, to: &page) }
            case .byteArray: PlainEncoder.append(byteArrays, to: &page)
            default: PlainEncoder.append(fixed, to: &page)
            }
            return
        }
        page.append(contentsOf: encode(encoding))
    }

    /// The held values encoded with `encoding` (which `supports` must accept for the type).
    func encode(_ encoding: Encoding) -> [UInt8] {
        var out: [UInt8] = []
        switch encoding {
        case .plain:
            if type == .boolean {
                var e = PlainBooleanEncoder()
                booleans.withUnsafeBufferPointer { e.append($0) }
                out = e.finish()
            } else {
                out.reserveCapacity(plainSize)
                encode(.plain, into: &out)
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
            out = type == .int32 ? Self.deltaBinaryPacked(int32s) : Self.deltaBinaryPacked(int64s)
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
            case .int32: out = Self.byteStreamSplit(int32s)
            case .int64: out = Self.byteStreamSplit(int64s)
            case .float: out = Self.byteStreamSplit(floats)
            case .double: out = Self.byteStreamSplit(doubles)
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

    /// BYTE_STREAM_SPLIT of 4- or 8-byte values.
    private static func byteStreamSplit<T: BitwiseCopyable>(_ values: [T]) -> [UInt8] {
        var e = ByteStreamSplitEncoder(width: MemoryLayout<T>.size)
        values.withUnsafeBufferPointer { e.append($0) }
        return e.finish()
    }

    private static func deltaBinaryPacked<T: DeltaBinaryPackedInteger>(_ values: [T]) -> [UInt8] {
        var e = DeltaBinaryPackedEncoder<T>()
        values.withUnsafeBufferPointer { e.append($0) }
        return e.finish()
    }

    /// Appends a 4-byte little-endian length.
    static func appendLength(_ n: Int, to out: inout [UInt8]) {
        withUnsafeBytes(of: UInt32(truncatingIfNeeded: n).littleEndian) { out.append(contentsOf: $0) }
    }
}
