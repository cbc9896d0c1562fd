// Streaming gzip/zstd compression of whole output files (CSV/JSON exports written as .gz or .zst).

import CZlib
import CZstd

/// Streaming compressor for whole output files, gzip or zstd: feed chunks with `write`, end with
/// `finish`. The result is one gzip member (RFC 1952) or one zstd frame with a content checksum,
/// readable by the `gzip`/`zstd` command-line tools.
///
/// Noncopyable: it owns the C library state, which is freed when the value goes away, whether or
/// not `finish` was called.
public struct StreamCompressor: ~Copyable {
    /// Output format.
    public enum Format: Sendable {
        /// gzip (deflate), default level 6 like the `gzip` tool; levels 0...9.
        case gzip
        /// zstd, default level 3 like the `zstd` tool; levels `ZSTD_minCLevel()`...22.
        case zstd
    }

    /// The output format.
    public let format: Format
    /// zlib state (gzip format); heap-allocated because zlib keeps a pointer back to it.
    private let zlibStream: UnsafeMutablePointer<z_stream>?
    /// zstd compression context (zstd format).
    private let zstdContext: OpaquePointer?
    /// Output staging buffer the libraries write into before bytes are appended to the caller's array.
    private let scratch: UnsafeMutableRawBufferPointer
    /// Set by `finish`; writing afterwards is an error.
    private var isFinished = false

    /// Size of the staging buffer.
    private static let scratchSize = 128 * 1024
    /// Largest input slice handed to zlib in one call (its lengths are 32-bit).
    private static let maxZlibSlice = 1 << 30

    /// Creates a compressor; `level` nil picks the format's command-line default (gzip 6, zstd 3).
    /// Throws `ParquetError` `.compression` for an invalid level or when the library cannot start.
    public init(format: Format, level: Int? = nil) throws(ParquetError) {
        switch format {
        case .gzip:
            let level = level ?? 6
            guard (0...9).contains(level) else {
                throw ParquetError(.compression, "gzip compression level \(level) (valid: 0...9)")
            }
            let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
            stream.initialize(to: z_stream())
            guard deflateInit2_(stream, Int32(level), Z_DEFLATED, Codecs.deflateGzipWindowBits, 8, Z_DEFAULT_STRATEGY,
                                ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
                stream.deallocate()
                throw ParquetError(.compression, "gzip: deflateInit failed")
            }
            zlibStream = stream
            zstdContext = nil
        case .zstd:
            let level = level ?? 3
            guard Codecs.zstdLevels.contains(level) else {
                throw ParquetError(.compression, "zstd compression level \(level) (valid: \(Codecs.zstdLevels))")
            }
            guard let context = ZSTD_createCCtx() else { throw ParquetError(.compression, "zstd: cannot create a context") }
            let levelStatus = ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, Int32(level))
            let checksumStatus = ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, 1)
            guard ZSTD_isError(levelStatus) == 0, ZSTD_isError(checksumStatus) == 0 else {
                ZSTD_freeCCtx(context)
                throw ParquetError(.compression, "zstd: cannot set compression parameters")
            }
            zlibStream = nil
            zstdContext = context
        }
        self.format = format
        scratch = .allocate(byteCount: Self.scratchSize, alignment: 16)
    }

    deinit {
        if let zlibStream {
            deflateEnd(zlibStream)
            zlibStream.deallocate()
        }
        if let zstdContext { ZSTD_freeCCtx(zstdContext) }
        scratch.deallocate()
    }

    /// Compresses `input`, appending whatever compressed bytes are ready to `output`.
    public mutating func write(_ input: UnsafeRawBufferPointer, to output: inout [UInt8]) throws(ParquetError) {
        guard !isFinished else { throw ParquetError(.invalidArgument, "StreamCompressor: write after finish") }
        if let zlibStream {
            var offset = 0
            while offset < input.count {
                let slice = min(input.count - offset, Self.maxZlibSlice)
                try runDeflate(zlibStream, UnsafeRawBufferPointer(rebasing: input[offset..<offset + slice]),
                            flush: Z_NO_FLUSH, to: &output)
                offset += slice
            }
        } else if let zstdContext {
            try compressStream(zstdContext, input, directive: ZSTD_e_continue, to: &output)
        }
    }

    /// Ends the stream, appending the remaining compressed bytes and the trailer to `output`.
    /// Calling it twice, or `write` after it, is an error.
    public mutating func finish(into output: inout [UInt8]) throws(ParquetError) {
        guard !isFinished else { throw ParquetError(.invalidArgument, "StreamCompressor: finish called twice") }
        isFinished = true
        if let zlibStream {
            try runDeflate(zlibStream, UnsafeRawBufferPointer(start: nil, count: 0), flush: Z_FINISH, to: &output)
        } else if let zstdContext {
            try compressStream(zstdContext, UnsafeRawBufferPointer(start: nil, count: 0), directive: ZSTD_e_end, to: &output)
        }
    }

    /// Runs deflate over `input` (at most `maxZlibSlice` bytes) until it is consumed and, for
    /// `Z_FINISH`, until the stream has ended.
    private func runDeflate(
        _ stream: UnsafeMutablePointer<z_stream>, _ input: UnsafeRawBufferPointer, flush: Int32,
        to output: inout [UInt8]
    ) throws(ParquetError) {
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.codecBase.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(input.count)
        while true {
            stream.pointee.next_out = scratch.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = uInt(scratch.count)
            let status = CZlib.deflate(stream, flush)
            guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                throw ParquetError(.compression, "gzip: deflate failed with status \(status) (\(Codecs.zlibMessage(stream)))")
            }
            output.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[..<(scratch.count - Int(stream.pointee.avail_out))]))
            if flush == Z_FINISH {
                if status == Z_STREAM_END { return }
            } else if stream.pointee.avail_out > 0 {
                // Room was left, so deflate took all the input it could.
                return
            }
        }
    }

    /// Runs `ZSTD_compressStream2` over `input` until it is consumed and, for `ZSTD_e_end`, until
    /// the frame is complete.
    private func compressStream(
        _ context: OpaquePointer, _ input: UnsafeRawBufferPointer, directive: ZSTD_EndDirective,
        to output: inout [UInt8]
    ) throws(ParquetError) {
        var inBuffer = ZSTD_inBuffer(src: input.codecBase, size: input.count, pos: 0)
        while true {
            var outBuffer = ZSTD_outBuffer(dst: scratch.baseAddress, size: scratch.count, pos: 0)
            let remaining = ZSTD_compressStream2(context, &outBuffer, &inBuffer, directive)
            guard ZSTD_isError(remaining) == 0 else {
                throw ParquetError(.compression, "zstd: compression failed (\(String(cString: ZSTD_getErrorName(remaining))))")
            }
            output.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[..<outBuffer.pos]))
            if directive == ZSTD_e_end {
                if remaining == 0 { return }
            } else if inBuffer.pos == inBuffer.size {
                return
            }
        }
    }
}

/// A compressor has one owner at a time (it is noncopyable), and the zlib/zstd state it owns is not
/// tied to a thread, so handing it to another task is safe.
extension StreamCompressor: @unchecked Sendable {}
