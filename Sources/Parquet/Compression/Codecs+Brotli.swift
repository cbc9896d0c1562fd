// BROTLI: one brotli stream per page body.

import CBrotli

extension Codecs {
    /// Decompresses one brotli stream of exactly `output.count` bytes. Bytes after the end of the
    /// stream must be zero padding (the one-shot `BrotliDecoderDecompress` would ignore them silently).
    static func brotliDecompress(
        _ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer
    ) throws(DecodeFailure) {
        guard let decoder = BrotliDecoderCreateInstance(nil, nil, nil) else {
            throw .codec("BROTLI: cannot create a decoder")
        }
        defer { BrotliDecoderDestroyInstance(decoder) }
        var availableIn = input.count
        var nextIn: UnsafePointer<UInt8>? = input.codecBase.assumingMemoryBound(to: UInt8.self)
        var availableOut = output.count
        var nextOut: UnsafeMutablePointer<UInt8>? = output.codecBase.assumingMemoryBound(to: UInt8.self)
        let result = BrotliDecoderDecompressStream(decoder, &availableIn, &nextIn, &availableOut, &nextOut, nil)
        let produced = output.count - availableOut
        switch result {
        case BROTLI_DECODER_RESULT_SUCCESS:
            guard produced == output.count else {
                throw .invalid("BROTLI: data holds \(produced) bytes, page header declares \(output.count)")
            }
            guard isAllZero(input, from: input.count - availableIn) else {
                throw .invalid("BROTLI: \(availableIn) unexpected bytes after the end of the stream")
            }
        case BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT:
            throw .invalid("BROTLI: data holds more than the \(output.count) bytes the page header declares")
        case BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT:
            throw .invalid("BROTLI: truncated data (\(produced) of \(output.count) bytes decompressed)")
        default:
            let code = BrotliDecoderGetErrorCode(decoder)
            throw .invalid("BROTLI: corrupt data (\(String(cString: BrotliDecoderErrorString(code))))")
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
