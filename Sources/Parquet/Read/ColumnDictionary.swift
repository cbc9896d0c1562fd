/// Decoded dictionary page values of a column chunk.
enum ColumnDictionary {
    case boolean([Bool])
    case int32([Int32])
    case int64([Int64])
    case int96([Int96])
    case float([Float])
    case double([Double])
    case byteArray(ByteArrayBuffer)
    case fixedLenByteArray(FixedLenByteArrayBuffer)

    var count: Int {
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
}
