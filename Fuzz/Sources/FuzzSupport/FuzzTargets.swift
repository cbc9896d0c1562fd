import CLibFuzzer
import Dispatch
@testable import Parquet

/// The bodies of the fuzz targets. Each takes one libFuzzer input and drives one part of the reader
/// with it; every outcome but a trap (crash, timeout, out-of-memory) is fine. Decoder and codec inputs
/// start with parameter bytes (bit width, value count, declared size) followed by the encoded data.
public enum FuzzTargets {
    /// Largest value count or output size a decoder input may ask for (keeps each run fast).
    static let maxValues = 1 << 16
    static let maxOutput = 1 << 22

    /// The whole read path: open from memory, schema, page indexes, every column in batches and whole,
    /// rows assembled (the same read as the mutation test's).
    public static func readPath(_ input: UnsafeRawBufferPointer) {
        let bytes = [UInt8](input)
        blocking { _ = await HostileRead.outcome(bytes, batchRows: bytes.count & 1 == 0 ? 5 : 0) }
    }

    /// The Thrift structs read from a file: byte 0 selects FileMetaData, PageHeader, OffsetIndex or ColumnIndex.
    public static func thrift(_ input: UnsafeRawBufferPointer) {
        guard let selector = input.first else { return }
        let body = UnsafeRawBufferPointer(rebasing: input[1...])
        switch selector % 4 {
        case 0:
            guard let (m, _) = try? FileMetaData.decode(body, maxDepth: 116) else { return }
            _ = try? Schema(elements: m.schema)
        case 1: _ = try? PageHeader.decode(body, maxDepth: 32)
        case 2: _ = try? OffsetIndex.decode(body)
        default: _ = try? ColumnIndex.decode(body)
        }
    }

    /// (count, rest) from an input: a little-endian u16 count (at most `maxValues`) then data.
    static func counted(_ input: UnsafeRawBufferPointer, skip: Int = 0) -> (Int, UnsafeRawBufferPointer)? {
        guard input.count >= skip + 2 else { return nil }
        let n = Int(input[skip]) | Int(input[skip + 1]) << 8
        return (min(n, maxValues), UnsafeRawBufferPointer(rebasing: input[(skip + 2)...]))
    }

    /// PLAIN decoding of every physical type: byte 0 selects the type (and FIXED_LEN_BYTE_ARRAY width).
    public static func plain(_ input: UnsafeRawBufferPointer) {
        guard let selector = input.first, let (n, data) = counted(input, skip: 1) else { return }
        switch selector % 8 {
        case 0: var d = PlainBooleanDecoder(data); drain(n, false) { d.decode(into: $0) }
        case 1: var d = PlainFixedDecoder<Int32>(data); drain(n, 0) { d.decode(into: $0) }
        case 2: var d = PlainFixedDecoder<Int64>(data); drain(n, 0) { d.decode(into: $0) }
        case 3: var d = PlainFixedDecoder<Int96>(data); drain(n, Int96(low: 0, high: 0)) { d.decode(into: $0) }
        case 4: var d = PlainFixedDecoder<Double>(data); drain(n, 0) { d.decode(into: $0) }
        case 5:
            var d = PlainByteArrayDecoder(data)
            var out = ByteArrayBuffer()
            _ = try? d.decode(count: n, into: &out)
            _ = try? d.skip(n)
        default:
            let width = Int(selector >> 3)
            var d = PlainFixedLenByteArrayDecoder(data, width: width)
            var out = FixedLenByteArrayBuffer(width: width)
            _ = d.decode(count: n, into: &out)
        }
    }

    /// RLE/bit-packed hybrid: byte 0 is the bit width (0...39, so invalid widths too), then count and data;
    /// decoded as levels, as booleans and skipped.
    public static func rle(_ input: UnsafeRawBufferPointer) {
        guard let selector = input.first, let (n, data) = counted(input, skip: 1) else { return }
        let width = Int(selector % 40)
        if var d = try? RLEBitPackedDecoder(data, bitWidth: width) {
            var out = [Int16](repeating: 0, count: n)
            _ = try? out.withUnsafeMutableBufferPointer { (b) throws(DecodeFailure) in try d.decode(into: b) }
            _ = try? d.skip(n)
        }
        if var d = try? RLEBitPackedDecoder(data, bitWidth: 1) {
            var out = [Bool](repeating: false, count: n)
            _ = try? out.withUnsafeMutableBufferPointer { (b) throws(DecodeFailure) in try d.decodeBooleans(into: b) }
        }
        if var d = try? BitPackedLevelDecoder(data, bitWidth: width % 17, count: n) {
            var out = [Int16](repeating: 0, count: n)
            _ = try? out.withUnsafeMutableBufferPointer { (b) throws(DecodeFailure) in try d.decode(into: b) }
        }
    }

    /// Dictionary indices: byte 0 = dictionary size selector, then the page form (bit width byte, RLE runs).
    public static func dictionaryIndexes(_ input: UnsafeRawBufferPointer) {
        guard let selector = input.first, let (n, data) = counted(input, skip: 1), let width = data.first else { return }
        let dictionaryCount = Int(selector)
        guard var d = try? RLEBitPackedDecoder(UnsafeRawBufferPointer(rebasing: data[1...]), bitWidth: Int(width)) else { return }
        var out = [UInt32](repeating: 0, count: n)
        let got = (try? out.withUnsafeMutableBufferPointer { (b) throws(DecodeFailure) in try d.decodeIndices(into: b, dictionaryCount: dictionaryCount) }) ?? 0
        // The reader gathers dictionary values with these indices unchecked: they must all be in range.
        for i in out[..<got] { precondition(Int(i) < dictionaryCount, "index \(i) past a dictionary of \(dictionaryCount)") }
    }

    /// DELTA_BINARY_PACKED for INT32 (byte 0 even) or INT64, decoded and skipped.
    public static func deltaBinaryPacked(_ input: UnsafeRawBufferPointer) {
        guard let selector = input.first, let (n, data) = counted(input, skip: 1) else { return }
        if selector & 1 == 0 {
            guard var d = try? DeltaBinaryPackedDecoder<Int32>(data) else { return }
            var skipper = d
            drainThrowing(n, Int32(0)) { (b) throws(DecodeFailure) in try d.decode(into: b) }
            _ = try? skipper.skip(n)
        } else {
            guard var d = try? DeltaBinaryPackedDecoder<Int64>(data) else { return }
            var skipper = d
            drainThrowing(n, Int64(0)) { (b) throws(DecodeFailure) in try d.decode(into: b) }
            _ = try? skipper.skip(n)
        }
    }

    /// DELTA_LENGTH_BYTE_ARRAY, decoded and skipped.
    public static func deltaLength(_ input: UnsafeRawBufferPointer) {
        guard let (n, data) = counted(input), var d = try? DeltaLengthByteArrayDecoder(data) else { return }
        var skipper = d
        var out = ByteArrayBuffer()
        _ = try? d.decode(count: n, into: &out)
        _ = try? skipper.skip(n)
    }

    /// DELTA_BYTE_ARRAY into BYTE_ARRAY, or (byte 0 > 0) FIXED_LEN_BYTE_ARRAY of that width; output capped.
    public static func deltaByteArray(_ input: UnsafeRawBufferPointer) {
        guard let selector = input.first, let (n, data) = counted(input, skip: 1),
              var d = try? DeltaByteArrayDecoder(data, maxTotalBytes: maxOutput) else { return }
        var skipper = d
        if selector == 0 {
            var out = ByteArrayBuffer()
            _ = try? d.decode(count: n, into: &out)
        } else {
            var out = FixedLenByteArrayBuffer(width: Int(selector))
            _ = try? d.decode(count: n, into: &out)
        }
        _ = try? skipper.skip(n)
    }

    /// BYTE_STREAM_SPLIT: byte 0 selects 4-byte, 8-byte or FIXED_LEN_BYTE_ARRAY (width = byte 0 >> 2).
    public static func byteStreamSplit(_ input: UnsafeRawBufferPointer) {
        guard let selector = input.first, let (n, data) = counted(input, skip: 1) else { return }
        switch selector % 4 {
        case 0:
            guard var d = try? ByteStreamSplitDecoder(data, width: 4) else { return }
            drainThrowing(n, Float(0)) { (b) throws(DecodeFailure) in try d.decode(into: b) }
        case 1:
            guard var d = try? ByteStreamSplitDecoder(data, width: 8) else { return }
            drainThrowing(n, Int64(0)) { (b) throws(DecodeFailure) in try d.decode(into: b) }
        default:
            let width = Int(selector >> 2)
            guard var d = try? ByteStreamSplitDecoder(data, width: width) else { return }
            var out = FixedLenByteArrayBuffer(width: width)
            _ = try? d.decode(count: n, into: &out)
            _ = d.skip(n)
        }
    }

    public static func snappy(_ input: UnsafeRawBufferPointer) { decompress(.snappy, input) }
    public static func gzip(_ input: UnsafeRawBufferPointer) { decompress(.gzip, input) }
    public static func lz4Raw(_ input: UnsafeRawBufferPointer) { decompress(.lz4Raw, input) }
    /// The deprecated LZ4 codec: Hadoop framing, LZ4 frame or raw block, as the reader tries them.
    public static func lz4Hadoop(_ input: UnsafeRawBufferPointer) { decompress(.lz4, input) }
    public static func zstd(_ input: UnsafeRawBufferPointer) { decompress(.zstd, input) }
    public static func brotli(_ input: UnsafeRawBufferPointer) { decompress(.brotli, input) }

    /// A page decompression: the first 3 bytes are the declared uncompressed size (little-endian,
    /// at most `maxOutput`), the rest the compressed page.
    static func decompress(_ codec: CompressionCodec, _ input: UnsafeRawBufferPointer) {
        guard input.count >= 3 else { return }
        let declared = min(Int(input[0]) | Int(input[1]) << 8 | Int(input[2]) << 16, maxOutput)
        let page = UnsafeRawBufferPointer(rebasing: input[3...])
        _ = try? Codecs.decompress(codec, page, uncompressedSize: declared, limit: maxOutput)
    }

    /// Lets `decode` fill `n` fresh slots.
    static func drain<T>(_ n: Int, _ zero: T, _ decode: (UnsafeMutableBufferPointer<T>) -> Int) {
        var out = [T](repeating: zero, count: n)
        _ = out.withUnsafeMutableBufferPointer { decode($0) }
    }

    static func drainThrowing<T>(_ n: Int, _ zero: T, _ decode: (UnsafeMutableBufferPointer<T>) throws(DecodeFailure) -> Int) {
        var out = [T](repeating: zero, count: n)
        _ = try? out.withUnsafeMutableBufferPointer { (b) throws(DecodeFailure) -> Int in try decode(b) }
    }

    /// Runs async work to completion on the calling thread (libFuzzer calls synchronously).
    static func blocking(_ body: @escaping @Sendable () async -> Void) {
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            await body()
            done.signal()
        }
        done.wait()
    }
}

/// Hands the process to libFuzzer's driver with `callback` as the per-input function.
public func runLibFuzzer(
    _ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32 {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, callback)
}
