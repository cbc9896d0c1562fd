// GZIP: zlib inflate/deflate. Reading auto-detects gzip and zlib headers and accepts several
// concatenated gzip members in one page body; writing produces one gzip member.

import CZlib

extension Codecs {
    /// `windowBits` for inflate: 15-bit window, automatic gzip/zlib header detection.
    static let inflateAutoDetectWindowBits: Int32 = 15 + 32
    /// `windowBits` for deflate: 15-bit window, gzip header and trailer.
    static let deflateGzipWindowBits: Int32 = 15 + 16

    /// Inflates gzip (or zlib) data of exactly `output.count` bytes; several gzip members are
    /// decompressed one after the other, and zero padding after the last member is ignored.
    /// Both buffers are at most `Int32.max` bytes (checked by the caller), so they fit `uInt`.
    static func gzipDecompress(
        _ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer
    ) throws(DecodeFailure) {
        // zlib keeps a back pointer to the z_stream, so it lives at a fixed heap address.
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deallocate() }
        guard inflateInit2_(stream, inflateAutoDetectWindowBits, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK
        else { throw .codec("GZIP: inflateInit failed") }
        defer { inflateEnd(stream) }

        let inputBase = UnsafeMutablePointer(mutating: input.codecBase.assumingMemoryBound(to: Bytef.self))
        let outputBase = output.codecBase.assumingMemoryBound(to: Bytef.self)
        stream.pointee.next_in = inputBase
        stream.pointee.avail_in = uInt(input.count)
        stream.pointee.next_out = outputBase
        stream.pointee.avail_out = uInt(output.count)
        // Z_FINISH: the whole output fits, so inflate needs no sliding window copy.
        members: while true {
            let status = inflate(stream, Z_FINISH)
            let produced = output.count - Int(stream.pointee.avail_out)
            switch status {
            case Z_OK:
                continue  // progress was made
            case Z_STREAM_END:
                let consumed = input.count - Int(stream.pointee.avail_in)
                if consumed == input.count { break members }
                if produced == output.count && isAllZero(input, from: consumed) { break members }
                // Another gzip member follows: start it with a fresh state (same windowBits).
                guard inflateReset(stream) == Z_OK else { throw .codec("GZIP: inflateReset failed") }
            case Z_BUF_ERROR:
                // Input exhausted or output full before the member ended.
                if produced == output.count && stream.pointee.avail_in > 0 {
                    throw .invalid("GZIP: data holds more than the \(output.count) bytes the page header declares")
                }
                throw .invalid("GZIP: truncated data (\(produced) of \(output.count) bytes decompressed)")
            case Z_NEED_DICT:
                throw .invalid("GZIP: data needs a preset dictionary")
            case Z_DATA_ERROR:
                throw .invalid("GZIP: corrupt data (\(zlibMessage(stream)))")
            case Z_MEM_ERROR:
                throw .codec("GZIP: out of memory")
            default:
                throw .codec("GZIP: inflate failed with status \(status) (\(zlibMessage(stream)))")
            }
        }
        let produced = output.count - Int(stream.pointee.avail_out)
        guard produced == output.count else {
            throw .invalid("GZIP: data holds \(produced) bytes, page header declares \(output.count)")
        }
    }

    /// Compresses `input` (at most `Int32.max` bytes) as one gzip member at `level` (0...9).
    static func gzipCompress(_ input: UnsafeRawBufferPointer, level: Int32) throws(DecodeFailure) -> [UInt8] {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deallocate() }
        guard deflateInit2_(stream, level, Z_DEFLATED, deflateGzipWindowBits, 8, Z_DEFAULT_STRATEGY,
                            ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK
        else { throw .codec("GZIP: deflateInit failed") }
        defer { deflateEnd(stream) }
        let bound = Int(deflateBound(stream, uLong(input.count)))
        guard bound <= Int(UInt32.max) else { throw .limit("GZIP: input of \(input.count) bytes is too large") }
        return try withOutputBuffer(capacity: bound) { output throws(DecodeFailure) in
            stream.pointee.next_in = UnsafeMutablePointer(mutating: input.codecBase.assumingMemoryBound(to: Bytef.self))
            stream.pointee.avail_in = uInt(input.count)
            stream.pointee.next_out = output.codecBase.assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = uInt(bound)
            // With deflateBound bytes of room, one Z_FINISH call completes the stream.
            let status = deflate(stream, Z_FINISH)
            guard status == Z_STREAM_END else {
                throw .codec("GZIP: deflate failed with status \(status) (\(zlibMessage(stream)))")
            }
            return bound - Int(stream.pointee.avail_out)
        }
    }

    /// zlib's message for the last error on `stream`, if any.
    static func zlibMessage(_ stream: UnsafeMutablePointer<z_stream>) -> String {
        stream.pointee.msg.map { String(cString: $0) } ?? "no message"
    }

    /// Whether every byte of `buffer` from `start` on is zero.
    static func isAllZero(_ buffer: UnsafeRawBufferPointer, from start: Int) -> Bool {
        var index = start
        while index < buffer.count {
            if buffer[index] != 0 { return false }
            index += 1
        }
        return true
    }
}
