import Testing
@testable import Parquet

/// A size and data shape for the round-trip tests.
struct CodecCase: Sendable, CustomTestStringConvertible {
    var size: Int
    var shape: CodecTestSupport.Shape
    var testDescription: String { "\(size) bytes \(shape.rawValue)" }

    static let all: [CodecCase] = [0, 1, 100, 64 * 1024 + 1, 3 * 1024 * 1024].flatMap { size in
        [CodecTestSupport.Shape.random, .repetitive, .zeros].map { CodecCase(size: size, shape: $0) }
    }
}

@Suite("CodecTests")
struct CodecTests {
    /// `Codecs.compress` over an array.
    static func compress(_ codec: CompressionCodec, _ data: [UInt8], level: Int? = nil) throws(DecodeFailure) -> [UInt8] {
        var result: Result<[UInt8], DecodeFailure> = .success([])
        data.withUnsafeBytes { buffer in
            result = Result { () throws(DecodeFailure) in try Codecs.compress(codec, buffer, level: level) }
        }
        return try result.get()
    }

    /// `Codecs.decompress` (allocating form) over an array.
    static func decompress(
        _ codec: CompressionCodec, _ data: [UInt8], size: Int, limit: Int = 1 << 30
    ) throws(DecodeFailure) -> [UInt8] {
        var result: Result<[UInt8], DecodeFailure> = .success([])
        data.withUnsafeBytes { buffer in
            result = Result { () throws(DecodeFailure) in
                try Codecs.decompress(codec, buffer, uncompressedSize: size, limit: limit)
            }
        }
        return try result.get()
    }

    /// `Codecs.decompress(_:_:into:)` into a fresh buffer of `size` bytes.
    static func decompressInto(_ codec: CompressionCodec, _ data: [UInt8], size: Int) throws(DecodeFailure) -> [UInt8] {
        var output = [UInt8](repeating: 0xAA, count: size)
        var failure: DecodeFailure?
        data.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { target in
                do throws(DecodeFailure) {
                    try Codecs.decompress(codec, input, into: target)
                } catch {
                    failure = error
                }
            }
        }
        if let failure { throw failure }
        return output
    }

    @Test("round trip through compress and both decompress forms", arguments: CodecTestSupport.supportedCodecs, CodecCase.all)
    func roundTrip(codec: CompressionCodec, testCase: CodecCase) throws {
        let original = CodecTestSupport.data(testCase.shape, count: testCase.size)
        let compressed = try Self.compress(codec, original)
        if testCase.shape != .random && testCase.size >= 64 * 1024 && codec != .uncompressed {
            #expect(compressed.count < original.count / 2, "\(codec) should compress \(testCase.shape.rawValue) data")
        }
        #expect(CodecTestSupport.sameBytes(try Self.decompress(codec, compressed, size: original.count), original))
        #expect(CodecTestSupport.sameBytes(try Self.decompressInto(codec, compressed, size: original.count), original))
    }

    @Test("every compression level round-trips", arguments: [
        (CompressionCodec.gzip, Array(0...9)),
        (.brotli, Array(0...11)),
        (.zstd, [-5, 0, 1, 3, 9, 19]),
        (.lz4, Array(1...12)),
        (.lz4Raw, Array(1...12)),
    ])
    func levels(codec: CompressionCodec, levels: [Int]) throws {
        let original = CodecTestSupport.data(.semiCompressible, count: 100_000)
        var sizes: [Int: Int] = [:]
        for level in levels {
            let compressed = try Self.compress(codec, original, level: level)
            sizes[level] = compressed.count
            #expect(CodecTestSupport.sameBytes(try Self.decompress(codec, compressed, size: original.count), original), "level \(level)")
        }
        // Higher levels compress at least as well as the lowest (by a margin: this data is easy).
        if let lowest = levels.first, let highest = levels.last {
            #expect(sizes[highest]! <= sizes[lowest]!, "\(codec) level \(highest) vs \(lowest): \(sizes)")
        }
    }

    @Test("isSupported: every codec but LZO and unknown numbers")
    func supported() {
        for codec in CodecTestSupport.supportedCodecs { #expect(Codecs.isSupported(codec)) }
        #expect(!Codecs.isSupported(.lzo))
        #expect(!Codecs.isSupported(CompressionCodec(rawValue: 8)))
        #expect(!Codecs.isSupported(CompressionCodec(rawValue: -1)))
    }

    @Test("LZ4 output uses Hadoop framing around one raw block")
    func lz4HadoopFraming() throws {
        let original = CodecTestSupport.data(.repetitive, count: 70_000)
        let framed = try Self.compress(.lz4, original)
        let raw = try Self.compress(.lz4Raw, original)
        let declaredSize = framed[0..<4].reduce(0) { $0 << 8 | Int($1) }
        let chunkSize = framed[4..<8].reduce(0) { $0 << 8 | Int($1) }
        #expect(declaredSize == original.count)
        #expect(chunkSize == framed.count - 8)
        #expect(Array(framed[8...]) == raw)
    }

    @Test("an empty body for an empty page is accepted for every codec")
    func emptyBody() throws {
        for codec in CodecTestSupport.supportedCodecs {
            #expect(try Self.decompress(codec, [], size: 0) == [])
        }
    }

    @Test("reused per-thread zstd contexts stay correct after errors and across concurrent tasks")
    func zstdContextReuse() async throws {
        let inputs = (0..<8).map { CodecTestSupport.data(.semiCompressible, count: 10_000 + 3_000 * $0, seed: UInt64($0)) }
        let results = try await withThrowingTaskGroup(of: Bool.self) { group in
            for (index, input) in inputs.enumerated() {
                group.addTask {
                    var ok = true
                    for round in 0..<40 {
                        let level = [1, 3, 19, -2][(index + round) % 4]
                        let compressed = try Self.compress(.zstd, input, level: level)
                        // A failure (truncated frame) leaves the context ready for the next page.
                        let failed = (try? Self.decompress(.zstd, Array(compressed.dropLast(3)), size: input.count)) == nil
                        let decoded = try Self.decompress(.zstd, compressed, size: input.count)
                        ok = ok && failed && CodecTestSupport.sameBytes(decoded, input)
                    }
                    return ok
                }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results == Array(repeating: true, count: inputs.count))
    }
}
