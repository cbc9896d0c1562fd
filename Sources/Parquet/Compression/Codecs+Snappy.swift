// SNAPPY: raw snappy blocks (not the framed format), through snappy-c.

import CSnappy

extension Codecs {
    /// Decompresses a raw snappy block whose length header must equal `output.count`.
    static func snappyDecompress(
        _ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer
    ) throws(DecodeFailure) {
        let source = input.codecBase.assumingMemoryBound(to: CChar.self)
        var length = 0
        guard snappy_uncompressed_length(source, input.count, &length) == SNAPPY_OK else {
            throw .invalid("SNAPPY: corrupt length header")
        }
        guard length == output.count else {
            throw .invalid("SNAPPY: data holds \(length) bytes, page header declares \(output.count)")
        }
        var written = output.count
        let target = output.codecBase.assumingMemoryBound(to: CChar.self)
        guard snappy_uncompress(source, input.count, target, &written) == SNAPPY_OK, written == output.count else {
            throw .invalid("SNAPPY: corrupt data")
        }
    }

    /// Compresses `input` as one raw snappy block.
    static func snappyCompress(_ input: UnsafeRawBufferPointer) throws(DecodeFailure) -> [UInt8] {
        let bound = snappy_max_compressed_length(input.count)
        return try withOutputBuffer(capacity: bound) { output throws(DecodeFailure) in
            var written = bound
            let status = snappy_compress(
                input.codecBase.assumingMemoryBound(to: CChar.self), input.count,
                output.codecBase.assumingMemoryBound(to: CChar.self), &written)
            guard status == SNAPPY_OK else { throw .codec("SNAPPY: compression failed (status \(status.rawValue))") }
            return written
        }
    }
}
