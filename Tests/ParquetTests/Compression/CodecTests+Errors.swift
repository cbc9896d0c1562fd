import Testing
@testable import Parquet

extension CodecTests {
    /// Codecs that actually compress (errors need a real compressed stream).
    static let compressingCodecs: [CompressionCodec] = [.snappy, .gzip, .brotli, .lz4, .zstd, .lz4Raw]

    /// The failure kind thrown by `body`, or nil when it does not throw.
    static func failureKind(_ body: () throws(DecodeFailure) -> [UInt8]) -> String? {
        do {
            _ = try body()
            return nil
        } catch {
            return error.kind
        }
    }

    @Test("truncated input is refused", arguments: compressingCodecs)
    func truncated(codec: CompressionCodec) throws {
        let original = CodecTestSupport.data(.semiCompressible, count: 100_000)
        let compressed = try Self.compress(codec, original)
        for keep in [compressed.count / 2, compressed.count - 1, 3] {
            let cut = Array(compressed.prefix(keep))
            #expect(throws: DecodeFailure.self, "kept \(keep) of \(compressed.count)") {
                try Self.decompress(codec, cut, size: original.count)
            }
            #expect(Self.failureKind { () throws(DecodeFailure) in try Self.decompressInto(codec, cut, size: original.count) } == "invalid")
        }
    }

    @Test("garbage input is refused", arguments: compressingCodecs)
    func garbage(codec: CompressionCodec) throws {
        for seed in 1...20 as ClosedRange<UInt64> {
            let noise = CodecTestSupport.data(.random, count: 1000, seed: seed)
            #expect(Self.failureKind { () throws(DecodeFailure) in try Self.decompress(codec, noise, size: 5000) } == "invalid", "seed \(seed)")
        }
        // Valid data followed by garbage.
        let original = CodecTestSupport.data(.repetitive, count: 10_000)
        let trailing = try Self.compress(codec, original) + [0x17, 0x42, 0x99, 0x01, 0x23]
        #expect(Self.failureKind { () throws(DecodeFailure) in try Self.decompress(codec, trailing, size: original.count) } == "invalid")
    }

    @Test("declared size one byte too small or too large is refused", arguments: [CompressionCodec.uncompressed] + compressingCodecs)
    func sizeMismatch(codec: CompressionCodec) throws {
        for count in [0, 1, 5000] {
            let original = CodecTestSupport.data(.semiCompressible, count: count)
            let compressed = try Self.compress(codec, original)
            if count > 0 {
                #expect(Self.failureKind { () throws(DecodeFailure) in try Self.decompress(codec, compressed, size: count - 1) } == "invalid")
            }
            #expect(Self.failureKind { () throws(DecodeFailure) in try Self.decompress(codec, compressed, size: count + 1) } == "invalid")
            #expect(Self.failureKind { () throws(DecodeFailure) in try Self.decompressInto(codec, compressed, size: count + 1) } == "invalid")
        }
    }

    @Test("sizes over the limit are refused before allocating", arguments: CodecTestSupport.supportedCodecs)
    func overLimit(codec: CompressionCodec) throws {
        let compressed = try Self.compress(codec, CodecTestSupport.data(.zeros, count: 1000))
        // Allocating Int.max bytes would trap, so passing these proves the check comes first.
        #expect(Self.failureKind { () throws(DecodeFailure) in try Self.decompress(codec, compressed, size: Int.max) } == "limit")
        #expect(Self.failureKind { () throws(DecodeFailure) in try Self.decompress(codec, compressed, size: 1001, limit: 1000) } == "limit")
        #expect(Self.failureKind { () throws(DecodeFailure) in try Self.decompress(codec, compressed, size: -1) } == "invalid")
        #expect(try Self.decompress(codec, compressed, size: 1000, limit: 1000) == [UInt8](repeating: 0, count: 1000))
    }

    @Test("buffers beyond Int32.max bytes are refused before reaching the C libraries")
    func hugeBuffers() throws {
        // The count is a lie; it must be rejected before any byte is read or written.
        let small = UnsafeMutableRawBufferPointer.allocate(byteCount: 16, alignment: 16)
        defer { small.deallocate() }
        let huge = UnsafeRawBufferPointer(start: small.baseAddress, count: Int(Int32.max) + 1)
        let hugeOutput = UnsafeMutableRawBufferPointer(start: small.baseAddress, count: Int(UInt32.max) + 9)
        for codec in CodecTestSupport.supportedCodecs {
            #expect(Self.failureKind { () throws(DecodeFailure) in try Codecs.compress(codec, huge) } == "limit")
            #expect(Self.failureKind { () throws(DecodeFailure) in
                try Codecs.decompress(codec, huge, into: UnsafeMutableRawBufferPointer(rebasing: small[0..<8])); return []
            } == "limit")
            #expect(Self.failureKind { () throws(DecodeFailure) in
                try Codecs.decompress(codec, UnsafeRawBufferPointer(small), into: hugeOutput); return []
            } == "limit")
        }
    }

    @Test("LZO and unknown codecs are unsupported")
    func unsupportedCodecs() {
        let body: [UInt8] = [1, 2, 3, 4]
        for codec in [CompressionCodec.lzo, CompressionCodec(rawValue: 42)] {
            #expect(Self.failureKind { () throws(DecodeFailure) in try Self.decompress(codec, body, size: 4) } == "unsupported")
            #expect(Self.failureKind { () throws(DecodeFailure) in try Self.decompressInto(codec, body, size: 4) } == "unsupported")
            #expect(Self.failureKind { () throws(DecodeFailure) in
                try Self.compress(codec, body)
            } == "unsupported")
        }
        // An unsupported codec is refused even for a declared size that is never allocated.
        #expect(Self.failureKind { () throws(DecodeFailure) in try Self.decompress(.lzo, body, size: 1 << 29) } == "unsupported")
    }

    @Test("out-of-range compression levels are refused", arguments: [
        (CompressionCodec.gzip, [-1, 10]), (.brotli, [-1, 12]), (.zstd, [23, -200_000]), (.lz4, [0, 13]), (.lz4Raw, [0, 13]),
    ])
    func badLevels(codec: CompressionCodec, levels: [Int]) {
        let body: [UInt8] = [1, 2, 3, 4]
        for level in levels {
            #expect(Self.failureKind { () throws(DecodeFailure) in
                try Self.compress(codec, body, level: level)
            } == "unsupported", "level \(level)")
        }
    }
}
