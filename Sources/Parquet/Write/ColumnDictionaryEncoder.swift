/// The dictionary of the column chunk being written, of the column's physical type.
enum ColumnDictionaryEncoder {
    case none
    case int32(FixedWidthDictionary<Int32>)
    case int64(FixedWidthDictionary<Int64>)
    case float(FixedWidthDictionary<Float>)
    case double(FixedWidthDictionary<Double>)
    /// BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY (`width` > 0) or INT96 (`width` 12, values stored as PLAIN bytes).
    case bytes(ByteStringDictionary, type: PhysicalType, width: Int)

    /// A fresh dictionary for a column of `type` (nil when the type is not dictionary-encoded: BOOLEAN).
    init?(type: PhysicalType, width: Int) {
        switch type {
        case .int32: self = .int32(FixedWidthDictionary())
        case .int64: self = .int64(FixedWidthDictionary())
        case .float: self = .float(FixedWidthDictionary())
        case .double: self = .double(FixedWidthDictionary())
        case .int96: self = .bytes(ByteStringDictionary(), type: .int96, width: 12)
        case .byteArray: self = .bytes(ByteStringDictionary(), type: .byteArray, width: 0)
        case .fixedLenByteArray: self = .bytes(ByteStringDictionary(), type: .fixedLenByteArray, width: width)
        default: return nil
        }
    }

    /// Number of distinct values.
    var count: Int {
        switch self {
        case .none: 0
        case .int32(let d): d.count
        case .int64(let d): d.count
        case .float(let d): d.count
        case .double(let d): d.count
        case .bytes(let d, _, _): d.count
        }
    }

    /// Size of the dictionary page body (PLAIN-encoded entries).
    var plainSize: Int {
        switch self {
        case .none: 0
        case .int32(let d): d.plainSize
        case .int64(let d): d.plainSize
        case .float(let d): d.plainSize
        case .double(let d): d.plainSize
        case .bytes(let d, let type, _): type == .byteArray ? d.byteCount + 4 * d.count : d.byteCount
        }
    }

    /// Appends the dictionary index of each of `values[range]` to `indices`.
    ///
    /// Switches on `self` alone and clears it before mutating the payload, so the payload's storage is
    /// uniquely referenced (matching a tuple `(self, values)` keeps a second reference and makes every
    /// call copy the hash table).
    mutating func encode(_ values: ColumnValues, _ range: Range<Int>, into indices: inout [UInt32]) {
        guard !range.isEmpty else { return }
        switch self {
        case .int32(var d):
            self = .none
            guard case .int32(let a) = values else { mismatch() }
            Self.encode(&d, a, range, &indices)
            self = .int32(d)
        case .int64(var d):
            self = .none
            guard case .int64(let a) = values else { mismatch() }
            Self.encode(&d, a, range, &indices)
            self = .int64(d)
        case .float(var d):
            self = .none
            guard case .float(let a) = values else { mismatch() }
            Self.encode(&d, a, range, &indices)
            self = .float(d)
        case .double(var d):
            self = .none
            guard case .double(let a) = values else { mismatch() }
            Self.encode(&d, a, range, &indices)
            self = .double(d)
        case .bytes(var d, let type, let width):
            self = .none
            switch values {
            case .byteArray(let a):
                a.bytes.withUnsafeBytes { bytes in
                    a.offsets.withUnsafeBufferPointer { o in
                        let base = range.lowerBound
                        d.encode(count: range.count, into: &indices) { i in
                            UnsafeRawBufferPointer(rebasing: bytes[o[base + i] ..< o[base + i + 1]])
                        }
                    }
                }
            case .fixedLenByteArray(let a):
                a.bytes.withUnsafeBytes { bytes in
                    let base = range.lowerBound
                    d.encode(count: range.count, into: &indices) { i in
                        UnsafeRawBufferPointer(rebasing: bytes[(base + i) * width ..< (base + i + 1) * width])
                    }
                }
            case .int96(let a):
                var plain: [UInt8] = []
                a.withUnsafeBufferPointer { p in
                    PlainEncoder.append(UnsafeBufferPointer(rebasing: p[range]), to: &plain)
                }
                plain.withUnsafeBytes { bytes in
                    d.encode(count: range.count, into: &indices) { i in UnsafeRawBufferPointer(rebasing: bytes[i * 12 ..< (i + 1) * 12]) }
                }
            default:
                mismatch()
            }
            self = .bytes(d, type: type, width: width)
        case .none:
            preconditionFailure("no dictionary to encode with")
        }
    }

    private static func encode<T>(_ d: inout FixedWidthDictionary<T>, _ a: [T], _ range: Range<Int>, _ indices: inout [UInt32]) {
        a.withUnsafeBufferPointer { d.encode(UnsafeBufferPointer(rebasing: $0[range]), into: &indices) }
    }

    private func mismatch() -> Never {
        preconditionFailure("dictionary and values of different physical types (validated by the writer)")
    }

    /// The dictionary page body: the entries PLAIN-encoded.
    func plainEncoded() -> [UInt8] {
        switch self {
        case .none: return []
        case .int32(let d): return d.plainEncoded()
        case .int64(let d): return d.plainEncoded()
        case .float(let d): return d.plainEncoded()
        case .double(let d): return d.plainEncoded()
        case .bytes(let d, let type, _):
            if type != .byteArray { return d.entries.bytes }
            var out: [UInt8] = []
            PlainEncoder.append(d.entries, to: &out)
            return out
        }
    }
}
