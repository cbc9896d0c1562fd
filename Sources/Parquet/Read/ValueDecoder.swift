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
