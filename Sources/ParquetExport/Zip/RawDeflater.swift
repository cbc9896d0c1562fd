// Raw deflate (RFC 1951, no zlib or gzip wrapper) over zlib, for ZIP entries.

import CZlib
import Parquet

/// A zlib deflate stream with `windowBits -15` (raw deflate), reused across entries with ``reset()``.
///
/// `@unchecked Sendable`: a deflater is handed to one thread and used only by it.
final class RawDeflater: @unchecked Sendable {
    private let stream: UnsafeMutablePointer<z_stream>

    /// Starts a stream at `level` (0…9, or -1 for zlib's default).
    init(level: Int32) throws(ParquetError) {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let rc = deflateInit2_(stream, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
                               Int32(MemoryLayout<z_stream>.size))
        guard rc == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw ParquetError(.compression, "zlib deflateInit2 failed (\(rc))")
        }
    }

    deinit {
        deflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Starts a new, independent deflate stream with the same settings.
    func reset() throws(ParquetError) {
        let rc = deflateReset(stream)
        guard rc == Z_OK else { throw ParquetError(.compression, "zlib deflateReset failed (\(rc))") }
    }

    /// Compresses `input` (and, with `finish`, ends the stream), passing every full or final piece of
    /// `scratch` to `emit`.
    func compress(
        _ input: UnsafeRawBufferPointer, finish: Bool, scratch: UnsafeMutableRawBufferPointer,
        emit: (UnsafeRawBufferPointer) throws(ParquetError) -> Void
    ) throws(ParquetError) {
        try compress(input, mode: finish ? Z_FINISH : Z_NO_FLUSH, scratch: scratch, emit: emit)
    }

    /// Deflates `input` as an independent piece: a fresh stream ended with a sync flush (byte aligned,
    /// no final block), so pieces can be concatenated and closed with ``finalEmptyBlock``. Returns the
    /// bytes written to `output`, which must hold ``pieceBound(_:)`` bytes.
    func compressPiece(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws(ParquetError) -> Int {
        try reset()
        var written = 0
        try compress(input, mode: Z_SYNC_FLUSH, scratch: UnsafeMutableRawBufferPointer(rebasing: output[0...])) {
            (chunk) throws(ParquetError) in
            // zlib wrote straight into `output`; a second call would mean the bound was too small.
            guard written == 0 else { throw ParquetError(.compression, "deflate piece exceeded its bound") }
            written = chunk.count
        }
        return written
    }

    /// Output room that ``compressPiece(_:into:)`` needs for `count` input bytes.
    func pieceBound(_ count: Int) -> Int { Int(deflateBound(stream, UInt(count))) + 64 }

    /// A final, empty fixed-Huffman block: ends a stream made of sync-flushed pieces.
    static let finalEmptyBlock: [UInt8] = [0x03, 0x00]

    private func compress(
        _ input: UnsafeRawBufferPointer, mode: Int32, scratch: UnsafeMutableRawBufferPointer,
        emit: (UnsafeRawBufferPointer) throws(ParquetError) -> Void
    ) throws(ParquetError) {
        var remaining = input.count
        var next = input.baseAddress
        let outCapacity = UInt32(min(scratch.count, Int(UInt32.max)))
        repeat {
            // zlib counts in UInt32: feed at most 1 GiB per call.
            let piece = min(remaining, 1 << 30)
            stream.pointee.next_in = next.map { UnsafeMutablePointer(mutating: $0.assumingMemoryBound(to: Bytef.self)) }
            stream.pointee.avail_in = UInt32(piece)
            let flush = piece == remaining ? mode : Z_NO_FLUSH
            var rc: Int32
            repeat {
                stream.pointee.next_out = scratch.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_out = outCapacity
                rc = deflate(stream, flush)
                guard rc == Z_OK || rc == Z_STREAM_END || rc == Z_BUF_ERROR else {
                    throw ParquetError(.compression, "zlib deflate failed (\(rc))")
                }
                let produced = Int(outCapacity - stream.pointee.avail_out)
                if produced > 0 { try emit(UnsafeRawBufferPointer(start: scratch.baseAddress, count: produced)) }
            } while stream.pointee.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END)
            next = next.map { $0 + piece }
            remaining -= piece
        } while remaining > 0
    }
}

/// CRC-32 of `first` followed by `count` bytes whose CRC-32 is `second`.
func crc32Combine(_ first: UInt32, _ second: UInt32, count: Int) -> UInt32 {
    UInt32(truncatingIfNeeded: crc32_combine(UInt(first), UInt(second), count))
}

/// CRC-32 (ISO-HDLC, as ZIP uses) of `bytes`, continuing from `crc`.
func crc32Update(_ crc: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
    var value = UInt(crc)
    var start = bytes.baseAddress
    var remaining = bytes.count
    while remaining > 0, let p = start {
        let piece = min(remaining, 1 << 30)  // zlib's length is a UInt32
        value = crc32(value, p.assumingMemoryBound(to: Bytef.self), UInt32(piece))
        start = p + piece
        remaining -= piece
    }
    return UInt32(truncatingIfNeeded: value)
}
