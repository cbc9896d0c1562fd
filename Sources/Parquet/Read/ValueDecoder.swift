/// The value decoder of the current data page, chosen once per page from its encoding and the column's
/// physical type; each `decode` call then dispatches once per run of values, not per value.
enum ValueDecoder {
    case none
    case plainBoolean(PlainBooleanDecoder)
    case rleBoolean(RLEBitPackedDecoder)
    case plainInt32(PlainFixedDecoder<Int32>)
    case plainInt64(PlainFixedDecoder<Int64>)
    case plainInt96(PlainFixedDecoder<Int96>)
    case plainFloat(PlainFixedDecoder<Float>)
    case plainDouble(PlainFixedDecoder<Double>)
    case plainByteArray(PlainByteArrayDecoder)
    case plainFixedLen(PlainFixedLenByteArrayDecoder)
    case dictionary(RLEBitPackedDecoder)
    case deltaInt32(DeltaBinaryPackedDecoder<Int32>)
    case deltaInt64(DeltaBinaryPackedDecoder<Int64>)
    case deltaLength(DeltaLengthByteArrayDecoder)
    case deltaByteArray(DeltaByteArrayDecoder)
    case byteStreamSplit(ByteStreamSplitDecoder)
}

extension ValueDecoder {
    /// Most values the page can still yield when its encoding cannot expand (PLAIN and BYTE_STREAM_SPLIT
    /// need bytes for every value); nil for run-length, dictionary and delta encodings, where a few bytes
    /// may legitimately stand for many values. Checked before output space is allocated, so a page that
    /// declares millions of values in a few bytes fails before allocating for them.
    var availableBound: Int? {
        switch self {
        case .none: 0
        case .plainBoolean(let d): d.remaining
        case .plainInt32(let d): d.remaining
        case .plainInt64(let d): d.remaining
        case .plainInt96(let d): d.remaining
        case .plainFloat(let d): d.remaining
        case .plainDouble(let d): d.remaining
        case .plainByteArray(let d): d.remainingByteCount / 4  // a 4-byte length prefix per value
        case .plainFixedLen(let d): d.width > 0 ? d.remaining : nil
        case .byteStreamSplit(let d): d.remaining
        case .rleBoolean, .dictionary, .deltaInt32, .deltaInt64, .deltaLength, .deltaByteArray: nil
        }
    }
}
