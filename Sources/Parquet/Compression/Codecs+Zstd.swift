// ZSTD: one or more zstd frames per page body.

import CZstd

extension Codecs {
    /// Valid zstd compression levels (negative levels are zstd's fast modes, 0 its default).
    static var zstdLevels: ClosedRange<Int> { Int(ZSTD_minCLevel())...Int(ZSTD_maxCLevel()) }

    /// Decompresses one or more zstd frames (and skippable frames) of exactly `output.count` bytes.
    ///
    /// The one-shot decoder needs no content size in the frame header: it decodes blocks straight
    /// into `output`, bounded by its capacity, so frames written by streaming compressors work too.
    static func zstdDecompress(
        _ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer
    ) throws(DecodeFailure) {
        let produced = ZSTD_decompress(output.codecBase, output.count, input.codecBase, input.count)
        guard ZSTD_isError(produced) == 0 else {
            throw .invalid("ZSTD: corrupt or truncated data, or more than the \(output.count) bytes the page header "
                + "declares (\(String(cString: ZSTD_getErrorName(produced))))")
        }
        guard produced == output.count else {
            throw .invalid("ZSTD: data holds \(produced) bytes, page header declares \(output.count)")
        }
    }

    /// Compresses `input` as one zstd frame (content size recorded) at `level`.
    static func zstdCompress(_ input: UnsafeRawBufferPointer, level: Int32) throws(DecodeFailure) -> [UInt8] {
        let bound = ZSTD_compressBound(input.count)
        guard ZSTD_isError(bound) == 0 else { throw .limit("ZSTD: input of \(input.count) bytes is too large") }
        return try withOutputBuffer(capacity: bound) { output throws(DecodeFailure) in
            let written = ZSTD_compress(output.codecBase, bound, input.codecBase, input.count, level)
            guard ZSTD_isError(written) == 0 else {
                throw .codec("ZSTD: compression failed (\(String(cString: ZSTD_getErrorName(written))))")
            }
            return written
        }
    }
}
