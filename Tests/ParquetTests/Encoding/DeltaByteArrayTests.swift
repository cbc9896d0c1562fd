import Testing
@testable import Parquet

@Suite struct DeltaByteArrayTests {
    static func utf8(_ strings: [String]) -> ByteArrayBuffer { ByteArrayBuffer(strings.map { Array($0.utf8) }) }

    /// Sorted-ish strings sharing prefixes, with empty and long values.
    static func values(count: Int, seed: UInt64) -> [[UInt8]] {
        var rng = SplitMix64(seed: seed)
        var previous: [UInt8] = []
        return (0 ..< count).map { _ in
            var value: [UInt8]
            switch rng.next() % 8 {
            case 0: value = []
            case 1: value = (0 ..< Int(rng.next() % 3000)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            case 2: value = previous   // repeat
            default:
                let keep = previous.isEmpty ? 0 : Int(rng.next() % UInt64(previous.count + 1))
                value = Array(previous[0 ..< keep]) + (0 ..< Int(rng.next() % 12)).map { _ in UInt8(97 + rng.next() % 26) }
            }
            previous = value
            return value
        }
    }

    static func encodeDeltaLength(_ values: ByteArrayBuffer) -> [UInt8] {
        var encoder = DeltaLengthByteArrayEncoder()
        encoder.append(values)
        return encoder.finish()
    }

    static func encodeDelta(_ values: ByteArrayBuffer) -> [UInt8] {
        var encoder = DeltaByteArrayEncoder()
        encoder.append(values)
        return encoder.finish()
    }

    static func decodeInt32(_ bytes: ArraySlice<UInt8>) throws -> (values: [Int32], size: Int) {
        try Array(bytes).withUnsafeBytes { raw in
            var decoder = try DeltaBinaryPackedDecoder<Int32>(raw)
            let values = try drain(batch: 100, zero: Int32(0)) { try decoder.decode(into: $0) }
            return (values, decoder.bytesConsumed)
        }
    }

    // MARK: Spec vectors (Encodings.md examples)

    @Test func specDeltaLengthExample() throws {
        // "Hello", "World", "Foobar", "ABCDEF": DeltaEncoding(5, 5, 6, 6) then "HelloWorldFoobarABCDEF".
        let values = Self.utf8(["Hello", "World", "Foobar", "ABCDEF"])
        let bytes = Self.encodeDeltaLength(values)
        let (lengths, size) = try Self.decodeInt32(bytes[...])
        #expect(lengths == [5, 5, 6, 6])
        #expect(Array(bytes[size...]) == Array("HelloWorldFoobarABCDEF".utf8))
        try bytes.withUnsafeBytes { raw in
            var decoder = try DeltaLengthByteArrayDecoder(raw)
            var out = ByteArrayBuffer()
            #expect(try decoder.decode(count: 10, into: &out) == 4)
            #expect(out == values)
            #expect(decoder.bytesConsumed == bytes.count)
        }
    }

    @Test func specDeltaStringsExample() throws {
        // "axis", "axle", "babble", "babyhood": prefixes (0, 2, 0, 3), suffix lengths (4, 2, 6, 5),
        // suffix bytes "axislebabbleyhood".
        let values = Self.utf8(["axis", "axle", "babble", "babyhood"])
        let bytes = Self.encodeDelta(values)
        let (prefixes, prefixSize) = try Self.decodeInt32(bytes[...])
        #expect(prefixes == [0, 2, 0, 3])
        let (suffixLengths, suffixSize) = try Self.decodeInt32(bytes[prefixSize...])
        #expect(suffixLengths == [4, 2, 6, 5])
        #expect(Array(bytes[(prefixSize + suffixSize)...]) == Array("axislebabbleyhood".utf8))
        try bytes.withUnsafeBytes { raw in
            var decoder = try DeltaByteArrayDecoder(raw)
            var out = ByteArrayBuffer()
            #expect(try decoder.decode(count: 4, into: &out) == 4)
            #expect(out == values)
            #expect(decoder.bytesConsumed == bytes.count)
        }
    }

    // MARK: Round trips

    @Test(arguments: awkwardCounts)
    func deltaLengthRoundTrip(count: Int) throws {
        let values = ByteArrayBuffer(Self.values(count: count, seed: UInt64(count) + 10))
        let bytes = Self.encodeDeltaLength(values)
        try bytes.withUnsafeBytes { raw in
            var decoder = try DeltaLengthByteArrayDecoder(raw)
            #expect(decoder.totalCount == count)
            var out = ByteArrayBuffer()
            #expect(try decoder.decode(count: count + 1, into: &out) == count)
            #expect(out == values)
        }
        try checkBatchesAndSkips(values, bytes: bytes) { raw in try DeltaLengthByteArrayDecoder(raw) }
    }

    @Test(arguments: awkwardCounts)
    func deltaStringsRoundTrip(count: Int) throws {
        let values = ByteArrayBuffer(Self.values(count: count, seed: UInt64(count) + 20))
        let bytes = Self.encodeDelta(values)
        try bytes.withUnsafeBytes { raw in
            var decoder = try DeltaByteArrayDecoder(raw)
            #expect(decoder.totalCount == count)
            var out = ByteArrayBuffer()
            #expect(try decoder.decode(count: count + 1, into: &out) == count)
            #expect(out == values)
        }
        try checkBatchesAndSkips(values, bytes: bytes) { raw in try DeltaByteArrayDecoder(raw) }
    }

    @Test(arguments: [1, 2, 16, 33])
    func deltaStringsFixedLengthRoundTrip(width: Int) throws {
        var rng = SplitMix64(seed: UInt64(width))
        for count in awkwardCounts {
            // Values drawn from a small pool so neighbours share prefixes.
            let pool = (0 ..< 5).map { _ in (0 ..< width).map { _ in UInt8(truncatingIfNeeded: rng.next() % 3) } }
            var values = FixedLenByteArrayBuffer(width: width)
            for _ in 0 ..< count { values.append(pool[Int(rng.next() % 5)]) }
            var encoder = DeltaByteArrayEncoder()
            encoder.append(values)
            let bytes = encoder.finish()
            try bytes.withUnsafeBytes { raw in
                var decoder = try DeltaByteArrayDecoder(raw)
                try checkFixedBatchesAndSkips(
                    plain: values.bytes, width: width, batch: 7, skip: 3,
                    decode: { try decoder.decode(count: $0, into: &$1) }, skipper: { try decoder.skip($0) })
            }
        }
    }

    /// Decodes in batches of 7 with skips interleaved and compares with the values.
    func checkBatchesAndSkips<D: ByteArrayDecoding>(
        _ values: ByteArrayBuffer, bytes: [UInt8], _ make: (UnsafeRawBufferPointer) throws -> D
    ) throws {
        for (batch, skip) in [(7, 0), (7, 5), (1, 600), (513, 1)] {
            try bytes.withUnsafeBytes { raw in
                var decoder = try make(raw)
                var out = ByteArrayBuffer()
                var expected: [ArraySlice<UInt8>] = []
                var position = 0
                while position < values.count {
                    let n = try decoder.decode(count: batch, into: &out)
                    #expect(n == min(batch, values.count - position))
                    for i in position ..< position + n { expected.append(values[i]) }
                    position += n
                    position += try decoder.skip(skip)
                }
                #expect(out == ByteArrayBuffer(expected), "batch \(batch) skip \(skip)")
            }
        }
    }

    // MARK: Oracle (pyarrow-written pages)

    @Test func pyarrowPagesDecode() throws {
        var specs: [OracleSpec] = []
        for (kind, encoding) in [("string", "DELTA_LENGTH_BYTE_ARRAY"), ("string", "DELTA_BYTE_ARRAY"),
                                 ("fixed7", "DELTA_BYTE_ARRAY"), ("fixed1", "DELTA_BYTE_ARRAY")] {
            specs.append(OracleSpec(kind: kind, encoding: encoding, count: 6_000, seed: 31))
            specs.append(OracleSpec(kind: kind, encoding: encoding, count: 6_000, seed: 32, nullable: true, pageVersion: "2.0"))
        }
        try PyArrowOracle.check(specs)
    }
}

/// The byte-array decoders' shared shape, for the batch/skip checks.
protocol ByteArrayDecoding {
    mutating func decode(count: Int, into out: inout ByteArrayBuffer) throws(DecodeFailure) -> Int
    mutating func skip(_ n: Int) throws(DecodeFailure) -> Int
}

extension DeltaLengthByteArrayDecoder: ByteArrayDecoding {}
extension DeltaByteArrayDecoder: ByteArrayDecoding {}
extension PlainByteArrayDecoder: ByteArrayDecoding {}
