// LZ4 (codec 5, deprecated) and LZ4_RAW (codec 7).
//
// LZ4_RAW is one raw LZ4 block. LZ4 is what parquet-mr writes through Hadoop's Lz4Codec: a sequence
// of blocks, each [u32 BE uncompressed size] then one or more [u32 BE compressed size][raw LZ4 block]
// chunks until the block's uncompressed size is reached. Older Arrow C++ and other writers put a bare
// raw block (or an LZ4 frame) under the same codec number, so reading falls back: Hadoop framing if
// it accounts for the input exactly, else an LZ4 frame if the input starts with the frame magic, else
// a raw block.

import CLZ4

extension Codecs {
    /// Magic number opening an LZ4 frame (little-endian on disk).
    static let lz4FrameMagic: UInt32 = 0x184D_2204
    /// Magic number of LZ4 skippable frames, low 4 bits masked off.
    static let lz4SkippableFrameMagic: UInt32 = 0x184D_2A50

    /// Decompresses codec 5 data: Hadoop framing, else LZ4 frame, else raw block.
    static func lz4HadoopDecompress(
        _ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer
    ) throws(DecodeFailure) {
        if lz4TryHadoopDecompress(input, into: output) { return }
        if lz4StartsWithFrame(input) {
            try lz4FrameDecompress(input, into: output)
        } else {
            try lz4RawDecompress(input, into: output)
        }
    }

    /// Whether `input` opens with an LZ4 frame or skippable-frame magic number (a raw block cannot:
    /// its first sequence would copy a match from before the start of the output).
    static func lz4StartsWithFrame(_ input: UnsafeRawBufferPointer) -> Bool {
        guard input.count >= 4 else { return false }
        let magic = UInt32(littleEndian: input.loadUnaligned(as: UInt32.self))
        return magic == lz4FrameMagic || magic & 0xFFFF_FFF0 == lz4SkippableFrameMagic
    }

    /// Decodes Hadoop LZ4 framing; false when the input is not exactly a Hadoop-framed stream of
    /// `output.count` bytes (the caller then tries the other layouts, so `output` may hold garbage).
    static func lz4TryHadoopDecompress(
        _ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer
    ) -> Bool {
        let source = input.codecBase.assumingMemoryBound(to: CChar.self)
        let target = output.codecBase.assumingMemoryBound(to: CChar.self)
        var inputOffset = 0
        var outputOffset = 0
        while input.count - inputOffset >= 8 {
            let blockSize = Int(UInt32(bigEndian: input.loadUnaligned(fromByteOffset: inputOffset, as: UInt32.self)))
            inputOffset += 4
            guard blockSize <= output.count - outputOffset else { return false }
            var blockProduced = 0
            // Each chunk consumes at least 4 input bytes, so this loop ends.
            repeat {
                guard input.count - inputOffset >= 4 else { return false }
                let chunkSize = Int(UInt32(bigEndian: input.loadUnaligned(fromByteOffset: inputOffset, as: UInt32.self)))
                inputOffset += 4
                guard chunkSize <= input.count - inputOffset else { return false }
                // Both sizes are below Int32.max: the buffers are (checked by `decompress(_:_:into:)`).
                let produced = LZ4_decompress_safe(
                    source + inputOffset, target + outputOffset + blockProduced,
                    Int32(chunkSize), Int32(blockSize - blockProduced))
                guard produced >= 0 else { return false }
                blockProduced += Int(produced)
                inputOffset += chunkSize
            } while blockProduced < blockSize
            outputOffset += blockSize
        }
        return inputOffset == input.count && outputOffset == output.count
    }

    /// Decompresses one raw LZ4 block of exactly `output.count` bytes.
    static func lz4RawDecompress(
        _ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer
    ) throws(DecodeFailure) {
        // Both sizes are at most Int32.max (checked by `decompress(_:_:into:)`).
        let produced = LZ4_decompress_safe(
            input.codecBase.assumingMemoryBound(to: CChar.self), output.codecBase.assumingMemoryBound(to: CChar.self),
            Int32(input.count), Int32(output.count))
        guard produced >= 0 else {
            throw .invalid("LZ4: corrupt or truncated block, or more than the \(output.count) bytes the page header declares")
        }
        guard Int(produced) == output.count else {
            throw .invalid("LZ4: block holds \(produced) bytes, page header declares \(output.count)")
        }
    }

    /// Decompresses one or more concatenated LZ4 frames of exactly `output.count` bytes in total.
    static func lz4FrameDecompress(
        _ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer
    ) throws(DecodeFailure) {
        var context: OpaquePointer?
        guard LZ4F_isError(LZ4F_createDecompressionContext(&context, UInt32(LZ4F_VERSION))) == 0, let context else {
            throw .codec("LZ4: cannot create a frame decompression context")
        }
        defer { LZ4F_freeDecompressionContext(context) }
        var inputOffset = 0
        var outputOffset = 0
        while true {
            var consumed = input.count - inputOffset
            var produced = output.count - outputOffset
            let hint = LZ4F_decompress(
                context, output.codecBase + outputOffset, &produced, input.codecBase + inputOffset, &consumed, nil)
            if LZ4F_isError(hint) != 0 {
                throw .invalid("LZ4: corrupt frame (\(String(cString: LZ4F_getErrorName(hint))))")
            }
            inputOffset += consumed
            outputOffset += produced
            if hint == 0 {
                // A frame ended; another may follow.
                if inputOffset == input.count { break }
                continue
            }
            if consumed == 0 && produced == 0 {
                if outputOffset == output.count && inputOffset < input.count {
                    throw .invalid("LZ4: frame holds more than the \(output.count) bytes the page header declares")
                }
                throw .invalid("LZ4: truncated frame (\(outputOffset) of \(output.count) bytes decompressed)")
            }
        }
        guard outputOffset == output.count else {
            throw .invalid("LZ4: frames hold \(outputOffset) bytes, page header declares \(output.count)")
        }
    }

    /// Compresses `input` as one raw LZ4 block: fast mode for levels 1 and 2, LZ4HC for 3...12.
    static func lz4RawCompress(_ input: UnsafeRawBufferPointer, level: Int32) throws(DecodeFailure) -> [UInt8] {
        let bound = try lz4Bound(input.count)
        return try withOutputBuffer(capacity: bound) { output throws(DecodeFailure) in
            try lz4CompressBlock(input, into: output, level: level)
        }
    }

    /// Compresses `input` with Hadoop framing: one block holding one chunk.
    static func lz4HadoopCompress(_ input: UnsafeRawBufferPointer, level: Int32) throws(DecodeFailure) -> [UInt8] {
        let bound = try lz4Bound(input.count)
        return try withOutputBuffer(capacity: bound + 8) { output throws(DecodeFailure) in
            let written = try lz4CompressBlock(
                input, into: UnsafeMutableRawBufferPointer(rebasing: output[8...]), level: level)
            // Both sizes are at most LZ4_MAX_INPUT_SIZE bound (< UInt32.max).
            output.storeBytes(of: UInt32(input.count).bigEndian, toByteOffset: 0, as: UInt32.self)
            output.storeBytes(of: UInt32(written).bigEndian, toByteOffset: 4, as: UInt32.self)
            return written + 8
        }
    }

    /// `LZ4_compressBound` for `count` input bytes, `.limit` beyond `LZ4_MAX_INPUT_SIZE`.
    static func lz4Bound(_ count: Int) throws(DecodeFailure) -> Int {
        guard count <= Int(LZ4_MAX_INPUT_SIZE) else {
            throw .limit("LZ4: input of \(count) bytes exceeds LZ4_MAX_INPUT_SIZE")
        }
        return Int(LZ4_compressBound(Int32(count)))
    }

    /// Compresses `input` as one raw LZ4 block into `output` (at least `lz4Bound` bytes); returns its size.
    static func lz4CompressBlock(
        _ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer, level: Int32
    ) throws(DecodeFailure) -> Int {
        let source = input.codecBase.assumingMemoryBound(to: CChar.self)
        let target = output.codecBase.assumingMemoryBound(to: CChar.self)
        // Sizes fit Int32: input <= LZ4_MAX_INPUT_SIZE, output is its bound.
        let written = level >= LZ4HC_CLEVEL_MIN
            ? LZ4_compress_HC(source, target, Int32(input.count), Int32(output.count), level)
            : LZ4_compress_default(source, target, Int32(input.count), Int32(output.count))
        guard written > 0 else { throw .codec("LZ4: compression failed") }
        return Int(written)
    }
}
