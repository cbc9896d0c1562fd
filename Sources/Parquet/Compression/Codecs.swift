// Page-body compression and decompression for every Parquet codec, through the system C libraries.
//
// Sizes: Parquet stores page sizes as i32, and several C APIs take `int`/`uInt` lengths, so every
// buffer handed to a codec is checked against `Int32.max` first (`.limit`), never converted blindly.

/// Codec entry points for page bodies.
///
/// Decompression writes exactly the size the page header declares or throws: `.invalid` for corrupt
/// input or a size mismatch, `.limit` for sizes beyond the limits, `.unsupported` for LZO and unknown
/// codecs, `.codec` when a library fails for another reason (out of memory).
enum Codecs {
    /// Largest buffer handed to a codec, compressed or not (Parquet page sizes are i32).
    static let maxBufferSize = Int(Int32.max)

    /// Whether `codec` is implemented (everything except LZO and unknown codec numbers).
    static func isSupported(_ codec: CompressionCodec) -> Bool {
        switch codec {
        case .uncompressed, .snappy, .gzip, .brotli, .lz4, .zstd, .lz4Raw: true
        default: false
        }
    }

    /// Decompresses a whole page body into a new array of exactly `uncompressedSize` bytes.
    ///
    /// `uncompressedSize` is the size the page header declares; it is validated (`>= 0`, `<= limit`)
    /// before anything is allocated.
    static func decompress(
        _ codec: CompressionCodec, _ input: UnsafeRawBufferPointer,
        uncompressedSize: Int, limit: Int = 1 << 30
    ) throws(DecodeFailure) -> [UInt8] {
        guard uncompressedSize >= 0 else {
            throw .invalid("\(codec): negative uncompressed page size \(uncompressedSize)")
        }
        guard uncompressedSize <= limit else {
            throw .limit("\(codec): uncompressed page size \(uncompressedSize) exceeds the limit of \(limit) bytes")
        }
        guard isSupported(codec) else { throw unsupported(codec) }
        var failure: DecodeFailure?
        let result = [UInt8](unsafeUninitializedCapacity: uncompressedSize) { buffer, count in
            do throws(DecodeFailure) {
                try decompress(codec, input, into: UnsafeMutableRawBufferPointer(buffer))
                count = uncompressedSize
            } catch {
                failure = error
                count = 0
            }
        }
        if let failure { throw failure }
        return result
    }

    /// Decompresses a whole page body into `output`, which must be exactly the declared uncompressed
    /// size; anything else in the input (more or fewer bytes) is `.invalid`.
    static func decompress(
        _ codec: CompressionCodec, _ input: UnsafeRawBufferPointer,
        into output: UnsafeMutableRawBufferPointer
    ) throws(DecodeFailure) {
        guard input.count <= maxBufferSize else {
            throw .limit("\(codec): compressed page of \(input.count) bytes exceeds \(maxBufferSize) bytes")
        }
        guard output.count <= maxBufferSize else {
            throw .limit("\(codec): uncompressed page of \(output.count) bytes exceeds \(maxBufferSize) bytes")
        }
        // An empty body for an empty page (seen with empty v2 data pages) is accepted for every codec.
        if input.isEmpty && output.isEmpty && isSupported(codec) { return }
        switch codec {
        case .uncompressed:
            guard input.count == output.count else {
                throw .invalid("UNCOMPRESSED: page body has \(input.count) bytes, page header declares \(output.count)")
            }
            if let source = input.baseAddress, let target = output.baseAddress {
                target.copyMemory(from: source, byteCount: input.count)
            }
        case .snappy: try snappyDecompress(input, into: output)
        case .gzip: try gzipDecompress(input, into: output)
        case .brotli: try brotliDecompress(input, into: output)
        case .lz4: try lz4HadoopDecompress(input, into: output)
        case .zstd: try zstdDecompress(input, into: output)
        case .lz4Raw: try lz4RawDecompress(input, into: output)
        default: throw unsupported(codec)
        }
    }

    /// Compresses a page body.
    ///
    /// `level` nil picks Arrow C++'s defaults (GZIP 9, BROTLI 8, ZSTD 1, LZ4 fast mode); otherwise
    /// GZIP takes 0...9, BROTLI 0...11, ZSTD `ZSTD_minCLevel()`...22 (0 is zstd's own default 3),
    /// LZ4 and LZ4_RAW 1...12 (1 and 2 fast mode, 3...12 LZ4HC). SNAPPY and UNCOMPRESSED ignore it.
    /// An out-of-range level is `.unsupported`.
    static func compress(
        _ codec: CompressionCodec, _ input: UnsafeRawBufferPointer, level: Int? = nil
    ) throws(DecodeFailure) -> [UInt8] {
        guard input.count <= maxBufferSize else {
            throw .limit("\(codec): page of \(input.count) bytes exceeds \(maxBufferSize) bytes")
        }
        switch codec {
        case .uncompressed: return [UInt8](input)
        case .snappy: return try snappyCompress(input)
        case .gzip: return try gzipCompress(input, level: try checkedLevel(codec, level, default: 9, 0...9))
        case .brotli: return try brotliCompress(input, quality: try checkedLevel(codec, level, default: 8, 0...11))
        case .lz4: return try lz4HadoopCompress(input, level: try checkedLevel(codec, level, default: 1, 1...12))
        case .zstd: return try zstdCompress(input, level: try checkedLevel(codec, level, default: 1, zstdLevels))
        case .lz4Raw: return try lz4RawCompress(input, level: try checkedLevel(codec, level, default: 1, 1...12))
        default: throw unsupported(codec)
        }
    }

    /// The failure for a codec this engine does not implement.
    static func unsupported(_ codec: CompressionCodec) -> DecodeFailure {
        .unsupported(codec == .lzo ? "LZO compression" : "compression codec \(codec)")
    }

    /// `level`, or `defaultLevel` when nil, after checking it lies in `range`.
    static func checkedLevel(
        _ codec: CompressionCodec, _ level: Int?, default defaultLevel: Int, _ range: ClosedRange<Int>
    ) throws(DecodeFailure) -> Int32 {
        let value = level ?? defaultLevel
        guard range.contains(value) else {
            throw .unsupported("\(codec) compression level \(value) (valid: \(range.lowerBound)...\(range.upperBound))")
        }
        return Int32(value)
    }

    /// Allocates an array of `capacity` bytes, lets `body` fill a prefix and return its length.
    /// `body` must not return more than `capacity`.
    @inline(__always)
    static func withOutputBuffer(
        capacity: Int, _ body: (UnsafeMutableRawBufferPointer) throws(DecodeFailure) -> Int
    ) throws(DecodeFailure) -> [UInt8] {
        var failure: DecodeFailure?
        var result = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            do throws(DecodeFailure) {
                count = try body(UnsafeMutableRawBufferPointer(buffer))
                precondition(count <= capacity, "codec wrote past its output bound")
            } catch {
                failure = error
                count = 0
            }
        }
        if let failure { throw failure }
        // Compressed bounds can be far above the real size; do not keep the slack alive.
        if result.capacity - result.count > 4096 && result.capacity > 2 * result.count {
            result = [UInt8](result)
        }
        return result
    }
}

/// A valid address for empty buffers: the C libraries reject NULL even with a zero length.
nonisolated(unsafe) let emptyBufferPlaceholder = UnsafeMutableRawPointer.allocate(byteCount: 16, alignment: 16)

extension UnsafeRawBufferPointer {
    /// The base address, or a valid placeholder address for an empty buffer.
    @inline(__always) var codecBase: UnsafeRawPointer { baseAddress ?? UnsafeRawPointer(emptyBufferPlaceholder) }
}

extension UnsafeMutableRawBufferPointer {
    /// The base address, or a valid placeholder address for an empty buffer (nothing is written to it).
    @inline(__always) var codecBase: UnsafeMutableRawPointer { baseAddress ?? emptyBufferPlaceholder }
}
