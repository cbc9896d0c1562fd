import Foundation
@testable import Parquet

/// Helpers for the compression tests: test data, a Python oracle runner, the parquet-testing corpus.
enum CodecTestSupport {
    /// Shapes of test data.
    enum Shape: String, Sendable, CaseIterable {
        /// Uniformly random bytes (incompressible).
        case random
        /// Words from a small vocabulary, like text columns (compressible, with long matches).
        case repetitive
        /// All zero bytes (maximally compressible).
        case zeros
        /// Random small integers with runs, like typical column data (compresses about 2-4x).
        case semiCompressible
    }

    /// Deterministic bytes of `shape` and `count`, seeded by `seed`.
    static func data(_ shape: Shape, count: Int, seed: UInt64 = 42) -> [UInt8] {
        var rng = SplitMix64(seed: seed &+ UInt64(count))
        switch shape {
        case .zeros:
            return [UInt8](repeating: 0, count: count)
        case .random:
            var bytes = [UInt8](repeating: 0, count: count)
            var index = 0
            while index < count {
                var word = rng.next()
                for _ in 0..<8 where index < count {
                    bytes[index] = UInt8(truncatingIfNeeded: word)
                    word >>= 8
                    index += 1
                }
            }
            return bytes
        case .repetitive:
            let words = ["alpha ", "beta ", "gamma ", "delta ", "epsilon ", "zeta ", "eta ", "theta "]
                .map { Array($0.utf8) }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(count)
            while bytes.count < count {
                let word = words[Int(rng.next() % UInt64(words.count))]
                bytes.append(contentsOf: word.prefix(count - bytes.count))
            }
            return bytes
        case .semiCompressible:
            var bytes: [UInt8] = []
            bytes.reserveCapacity(count)
            while bytes.count < count {
                let value = rng.next()
                let run = Int(value % 7) + 1
                let byte = UInt8(truncatingIfNeeded: (value >> 8) % 48)
                for _ in 0..<min(run, count - bytes.count) { bytes.append(byte) }
                if bytes.count < count { bytes.append(UInt8(truncatingIfNeeded: value >> 16)) }
            }
            return bytes
        }
    }

    /// A labelled blob exchanged with the Python oracle.
    struct Record: Sendable {
        var label: String
        var payload: [UInt8]
    }

    /// Python functions available to every oracle script: `read_records(path)` returns a list of
    /// `(label, bytes)`, `write_records(path, records)` writes one.
    static let pythonPrelude = """
        import sys, struct
        def read_records(path):
            data = open(path, 'rb').read()
            out, pos = [], 0
            while pos < len(data):
                (n,) = struct.unpack_from('<I', data, pos); pos += 4
                label = data[pos:pos + n].decode(); pos += n
                (m,) = struct.unpack_from('<Q', data, pos); pos += 8
                out.append((label, data[pos:pos + m])); pos += m
            return out
        def write_records(path, records):
            with open(path, 'wb') as f:
                for label, payload in records:
                    l = label.encode()
                    f.write(struct.pack('<I', len(l))); f.write(l)
                    f.write(struct.pack('<Q', len(payload))); f.write(bytes(payload))

        """

    /// Runs `python3` on `pythonPrelude + script` with `sys.argv[1]` naming a file holding `inputs`
    /// and `sys.argv[2]` the file the script writes its records to; returns those records.
    static func runPython(_ script: String, inputs: [Record] = []) throws -> [Record] {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("codec-oracle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let inputURL = directory.appendingPathComponent("in.bin")
        let outputURL = directory.appendingPathComponent("out.bin")
        let scriptURL = directory.appendingPathComponent("oracle.py")
        try encode(inputs).write(to: inputURL)
        try (pythonPrelude + script).write(to: scriptURL, atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", scriptURL.path, inputURL.path, outputURL.path]
        let errorPipe = Pipe()
        process.standardError = errorPipe
        try process.run()
        let errorOutput = errorPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw OracleError(message: String(decoding: errorOutput, as: UTF8.self))
        }
        return try decode(Data(contentsOf: outputURL))
    }

    /// Failure of the Python oracle (its stderr).
    struct OracleError: Error, CustomStringConvertible {
        var message: String
        var description: String { "python oracle failed: \(message)" }
    }

    static func encode(_ records: [Record]) -> Data {
        var data = Data()
        for record in records {
            let label = Array(record.label.utf8)
            withUnsafeBytes(of: UInt32(label.count).littleEndian) { data.append(contentsOf: $0) }
            data.append(contentsOf: label)
            withUnsafeBytes(of: UInt64(record.payload.count).littleEndian) { data.append(contentsOf: $0) }
            data.append(contentsOf: record.payload)
        }
        return data
    }

    static func decode(_ data: Data) throws -> [Record] {
        let bytes = [UInt8](data)
        var records: [Record] = []
        var position = 0
        func readInt(_ width: Int) throws -> Int {
            guard bytes.count - position >= width else { throw OracleError(message: "truncated oracle output") }
            var value = 0
            for index in 0..<width { value |= Int(bytes[position + index]) << (8 * index) }
            position += width
            return value
        }
        while position < bytes.count {
            let labelCount = try readInt(4)
            guard bytes.count - position >= labelCount else { throw OracleError(message: "truncated oracle output") }
            let label = String(decoding: bytes[position..<position + labelCount], as: UTF8.self)
            position += labelCount
            let payloadCount = try readInt(8)
            guard bytes.count - position >= payloadCount else { throw OracleError(message: "truncated oracle output") }
            records.append(Record(label: label, payload: Array(bytes[position..<position + payloadCount])))
            position += payloadCount
        }
        return records
    }

    /// The parquet-testing `data` folder (`PARQUET_TESTING_DIR`, else `../shared/parquet-testing`).
    static var parquetTestingData: URL { TestSupport.parquetTestingDir.appendingPathComponent("data") }

    /// Codec for a Python-side codec label.
    static func codec(named name: String) -> CompressionCodec? {
        switch name {
        case "uncompressed": .uncompressed
        case "snappy": .snappy
        case "gzip": .gzip
        case "brotli": .brotli
        case "lz4": .lz4
        case "zstd": .zstd
        case "lz4Raw": .lz4Raw
        default: nil
        }
    }

    /// Codec name used in labels exchanged with Python.
    static func name(of codec: CompressionCodec) -> String {
        switch codec {
        case .uncompressed: "uncompressed"
        case .snappy: "snappy"
        case .gzip: "gzip"
        case .brotli: "brotli"
        case .lz4: "lz4"
        case .zstd: "zstd"
        case .lz4Raw: "lz4Raw"
        default: "codec\(codec.rawValue)"
        }
    }

    /// Whether two byte arrays are equal (memcmp: `==` on large arrays is slow in debug builds).
    static func sameBytes(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        a.count == b.count && a.withUnsafeBytes { x in b.withUnsafeBytes { y in x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 } }
    }

    /// Every implemented codec.
    static let supportedCodecs: [CompressionCodec] = [.uncompressed, .snappy, .gzip, .brotli, .lz4, .zstd, .lz4Raw]
}

extension DecodeFailure {
    /// The case name, for asserting which kind of failure was thrown.
    var kind: String {
        switch self {
        case .truncated: "truncated"
        case .invalid: "invalid"
        case .limit: "limit"
        case .codec: "codec"
        case .unsupported: "unsupported"
        }
    }
}
