import Foundation
import Testing
@testable import Parquet

@Suite("StreamCompressorTests")
struct StreamCompressorTests {
    /// Compresses `chunks` one `write` each, then finishes.
    static func compress(_ chunks: [[UInt8]], format: StreamCompressor.Format, level: Int? = nil) throws -> [UInt8] {
        var compressor = try StreamCompressor(format: format, level: level)
        var output: [UInt8] = []
        for chunk in chunks {
            try chunk.withUnsafeBytes { buffer in try compressor.write(buffer, to: &output) }
        }
        try compressor.finish(into: &output)
        return output
    }

    /// Chunk layouts: many small writes, empty writes, writes larger than the staging buffer.
    static func chunkings() -> [(name: String, chunks: [[UInt8]])] {
        let text = CodecTestSupport.data(.repetitive, count: 1_500_000, seed: 7)
        let mixed = CodecTestSupport.data(.semiCompressible, count: 700_000, seed: 8)
        let noise = CodecTestSupport.data(.random, count: 400_000, seed: 9)
        return [
            ("empty stream", []),
            ("one empty write", [[]]),
            ("one byte", [[0x41]]),
            ("small writes", stride(from: 0, to: 100_000, by: 997).map { Array(mixed[$0..<min($0 + 997, 100_000)]) }),
            ("big writes with empty ones", [Array(text), [], Array(noise), [], Array(mixed)]),
        ]
    }

    @Test("python's gzip and zstd decoders (and ours) decompress the stream", arguments: [StreamCompressor.Format.gzip, .zstd])
    func pythonDecodes(format: StreamCompressor.Format) throws {
        let formatName = format == .gzip ? "gzip" : "zstd"
        var records: [CodecTestSupport.Record] = []
        var originals: [[UInt8]] = []
        for (name, chunks) in Self.chunkings() {
            for level in [nil, 1, format == .gzip ? 9 : 12] as [Int?] {
                let compressed = try Self.compress(chunks, format: format, level: level)
                let original = chunks.flatMap { $0 }
                records.append(.init(label: "\(formatName)|\(name)|\(level.map(String.init) ?? "default")|\(originals.count)", payload: compressed))
                originals.append(original)
                // Our page decoder reads the stream too: for zstd this is a frame without a content size.
                let codec: CompressionCodec = format == .gzip ? .gzip : .zstd
                #expect(CodecTestSupport.sameBytes(try CodecTests.decompress(codec, compressed, size: original.count), original), "\(name)")
            }
        }
        let decoded = try CodecTestSupport.runPython(#"""
            import gzip, subprocess, cramjam, pyarrow as pa
            out = []
            for label, b in read_records(sys.argv[1]):
                if label.startswith('gzip|'):
                    assert b[:2] == b'\x1f\x8b'
                    out.append((label, gzip.decompress(b)))
                else:
                    # the zstd command-line tool (checks the content checksum) and pyarrow's stream reader
                    cli = subprocess.run(['zstd', '-d', '-c', '-q'], input=b, capture_output=True, check=True).stdout
                    stream = pa.CompressedInputStream(pa.BufferReader(b), 'zstd').read()
                    assert cli == stream, label
                    out.append((label, cli))
            write_records(sys.argv[2], out)
            """#, inputs: records)
        #expect(decoded.count == records.count)
        for record in decoded {
            let index = try #require(Int(record.label.split(separator: "|").last!))
            #expect(CodecTestSupport.sameBytes(record.payload, originals[index]), "\(record.label)")
        }
    }

    @Test("compressed output shrinks compressible input", arguments: [StreamCompressor.Format.gzip, .zstd])
    func compresses(format: StreamCompressor.Format) throws {
        let input = CodecTestSupport.data(.repetitive, count: 1 << 20)
        let compressed = try Self.compress([input], format: format)
        #expect(compressed.count < input.count / 4)
    }

    @Test("write after finish and a second finish are refused", arguments: [StreamCompressor.Format.gzip, .zstd])
    func misuse(format: StreamCompressor.Format) throws {
        var compressor = try StreamCompressor(format: format)
        var output: [UInt8] = []
        try compressor.finish(into: &output)
        let error = #expect(throws: ParquetError.self) {
            try [UInt8](repeating: 1, count: 10).withUnsafeBytes { try compressor.write($0, to: &output) }
        }
        #expect(error?.code == .invalidArgument)
        #expect(throws: ParquetError.self) { try compressor.finish(into: &output) }
    }

    @Test("invalid levels are refused with a compression error")
    func invalidLevels() {
        for (format, level) in [(StreamCompressor.Format.gzip, 10), (.gzip, -1), (.zstd, 23)] {
            let error = #expect(throws: ParquetError.self) { _ = try StreamCompressor(format: format, level: level) }
            #expect(error?.code == .compression)
        }
    }

    #if os(Linux)
    /// Resident memory of this process in bytes, from /proc/self/statm.
    static func residentBytes() throws -> Int {
        let statm = try String(contentsOfFile: "/proc/self/statm", encoding: .utf8)
        let pages = try #require(Int(statm.split(separator: " ")[1]))
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    @Test("library state is freed when a compressor is dropped without finish", arguments: [StreamCompressor.Format.gzip, .zstd])
    func freesWithoutFinish(format: StreamCompressor.Format) throws {
        // One byte written makes each library set up (and touch) its state: zlib clears a 64 KiB hash
        // head table per stream, zstd at level 3 clears about 1 MiB of match tables per context.
        let rounds = format == .gzip ? 3000 : 300
        func churn(_ rounds: Int) throws {
            for _ in 0..<rounds {
                var compressor = try StreamCompressor(format: format, level: 3)
                var output: [UInt8] = []
                try [UInt8(7)].withUnsafeBytes { try compressor.write($0, to: &output) }
            }
        }
        try churn(20)  // warm up the allocator
        let before = try Self.residentBytes()
        try churn(rounds)
        let growth = try Self.residentBytes() - before
        // A leak would keep about 200 MB resident; tests running in parallel add far less noise.
        #expect(growth < 48 << 20, "resident memory grew by \(growth >> 20) MiB")
    }
    #endif
}
