/// Decoded values of one column, in the physical representation. Only non-null values are stored
/// (nulls are known from the definition levels).
public enum ColumnValues: Sendable {
    case boolean([Bool])
    case int32([Int32])
    case int64([Int64])
    case int96([Int96])
    case float([Float])
    case double([Double])
    case byteArray(ByteArrayBuffer)
    case fixedLenByteArray(FixedLenByteArrayBuffer)

    /// Number of values.
    public var count: Int {
        switch self {
        case .boolean(let v): v.count
        case .int32(let v): v.count
        case .int64(let v): v.count
        case .int96(let v): v.count
        case .float(let v): v.count
        case .double(let v): v.count
        case .byteArray(let v): v.count
        case .fixedLenByteArray(let v): v.count
        }
    }

    /// Bytes the values occupy (payload and offsets for byte arrays), for memory accounting.
    var byteSize: Int {
        switch self {
        case .boolean(let v): v.count
        case .int32(let v): v.count * 4
        case .int64(let v): v.count * 8
        case .int96(let v): v.count * 12
        case .float(let v): v.count * 4
        case .double(let v): v.count * 8
        case .byteArray(let v): v.bytes.count + v.offsets.count * MemoryLayout<Int>.size
        case .fixedLenByteArray(let v): v.bytes.count
        }
    }
}
