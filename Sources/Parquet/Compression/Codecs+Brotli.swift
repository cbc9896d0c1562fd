// BROTLI: one brotli stream per page body.

import CBrotli

extension Codecs {
    /// Decompresses one brotli stream of exactly `output.count` bytes.
    static func brotliDecompress(
        _ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer
    ) throws(DecodeFailure) {
        var written = output.count
        let result = BrotliDecoderDecompress(
            input.count, input.codecBase.assumingMemoryBound(to: UInt8.self),
            &written, output.codecBase.assumingMemoryBound(to: UInt8.self))
        // The one-shot decoder reports only success or error (truncated, corrupt, too large for `output`).
        guard result == BROTLI_DECODER_RESULT_SUCCESS else {
            throw .invalid("BROTLI: corrupt or truncated data, or more than the \(output.count) bytes the page header declares")
        }
        guard written == output.count else {
            throw .invalid("BROTLI: data holds \(written) bytes, page header declares \(output.count)")
        }
    }

    /// Compresses `input` as one brotli stream at `quality` (0...11), default window, generic mode.
    static func brotliCompress(_ input: UnsafeRawBufferPointer, quality: Int32) throws(DecodeFailure) -> [UInt8] {
        let bound = BrotliEncoderMaxCompressedSize(input.count)
        guard bound > 0 else { throw .limit("BROTLI: input of \(input.count) bytes is too large") }
        return try withOutputBuffer(capacity: bound) { output throws(DecodeFailure) in
            var written = bound
            let ok = BrotliEncoderCompress(
                quality, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC,
                input.count, input.codecBase.assumingMemoryBound(to: UInt8.self),
                &written, output.codecBase.assumingMemoryBound(to: UInt8.self))
            guard ok == BROTLI_TRUE else { throw .codec("BROTLI: compression failed") }
            return written
        }
    }
}
