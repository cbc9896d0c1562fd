import Testing
@testable import Parquet

@Suite struct DeltaBinaryPackedTests {
    static let blockConfigs = [(128, 4), (128, 1), (128, 2), (256, 8), (256, 2), (512, 16)]

    /// Values whose deltas need about `bits` bits (0...T.bitWidth), plus a few extremes.
    static func values<T: DeltaBinaryPackedInteger>(_: T.Type, deltaBits bits: Int, count: Int, seed: UInt64) -> [T] {
        var rng = SplitMix64(seed: seed)
        var current = T(truncatingIfNeeded: rng.next())
        var out: [T] = []
        out.reserveCapacity(count)
        for i in 0 ..< count {
            if i % 97 == 13 {
                current = [T.min, T.max, 0, -1][Int(rng.next() % 4)]
            } else {
                // A random delta of `bits` bits (wrapping, so full-width deltas wrap around).
                current = current &+ T(truncatingIfNeeded: rng.bits(bits)) &- T(truncatingIfNeeded: bits == 0 ? 0 : (1 as UInt64) << UInt64(bits - 1))
            }
            out.append(current)
        }
        return out
    }

    static func encode<T: DeltaBinaryPackedInteger>(_ values: [T], blockSize: Int = 128, miniblocks: Int = 4) -> [UInt8] {
        var encoder = DeltaBinaryPackedEncoder<T>(blockSize: blockSize, miniblocks: miniblocks)
        values.withUnsafeBufferPointer { encoder.append($0) }
        return encoder.finish()
    }

    static func decodeAll<T: DeltaBinaryPackedInteger>(_ bytes: [UInt8], as: T.Type, batch: Int = 4096) throws -> [T] {
        try bytes.withUnsafeBytes { raw in
            var decoder = try DeltaBinaryPackedDecoder<T>(raw)
            return try drain(batch: batch, zero: T.zero) { try decoder.decode(into: $0) }
        }
    }

    // MARK: Spec vectors (Encodings.md examples, with a valid block size of 128 / 4 miniblocks)

    @Test func specExample1() throws {
        // 1 2 3 4 5: deltas all 1, min delta 1, every bit width 0.
        let bytes: [UInt8] = [0x80, 0x01, 4, 5, 2, /* block */ 2, 0, 0, 0, 0]
        #expect(try Self.decodeAll(bytes, as: Int32.self) == [1, 2, 3, 4, 5])
        #expect(try Self.decodeAll(bytes, as: Int64.self) == [1, 2, 3, 4, 5])
        #expect(Self.encode([1, 2, 3, 4, 5] as [Int32]) == bytes)
        try bytes.withUnsafeBytes { raw in
            var decoder = try DeltaBinaryPackedDecoder<Int64>(raw)
            #expect(decoder.totalCount == 5)
            #expect(try decoder.skip(5) == 5)
            #expect(decoder.bytesConsumed == bytes.count)
        }
    }

    @Test func specExample2() throws {
        // 7 5 3 1 2 3 4 5: deltas -2 -2 -2 1 1 1 1, min delta -2, relative 0 0 0 3 3 3 3 on 2 bits,
        // the miniblock padded to 32 values (8 bytes).
        let bytes: [UInt8] = [0x80, 0x01, 4, 8, 14, /* min delta */ 3, /* widths */ 2, 0, 0, 0,
                              0b1100_0000, 0b0011_1111, 0, 0, 0, 0, 0, 0]
        #expect(try Self.decodeAll(bytes, as: Int32.self) == [7, 5, 3, 1, 2, 3, 4, 5])
        #expect(Self.encode([7, 5, 3, 1, 2, 3, 4, 5] as [Int64]) == bytes)
    }

    // MARK: Round trips

    @Test(arguments: 0 ... 64)
    func int64RoundTripEveryDeltaWidth(bits: Int) throws {
        for count in awkwardCounts {
            let values = Self.values(Int64.self, deltaBits: bits, count: count, seed: UInt64(bits * 131 + count))
            let bytes = Self.encode(values)
            #expect(try Self.decodeAll(bytes, as: Int64.self) == values, "bits \(bits) count \(count)")
        }
    }

    @Test(arguments: 0 ... 32)
    func int32RoundTripEveryDeltaWidth(bits: Int) throws {
        for count in awkwardCounts {
            let values = Self.values(Int32.self, deltaBits: bits, count: count, seed: UInt64(bits * 17 + count))
            let bytes = Self.encode(values)
            #expect(try Self.decodeAll(bytes, as: Int32.self) == values, "bits \(bits) count \(count)")
        }
    }

    @Test func extremesAndWrappingDeltas() throws {
        let int64: [Int64] = [.min, .max, .min, 0, .max, -1, .min, .min, .max, .max, 1, .min]
        #expect(try Self.decodeAll(Self.encode(int64), as: Int64.self) == int64)
        let int32: [Int32] = [.max, .min, .max, 0, -1, .min, 5, .max]
        #expect(try Self.decodeAll(Self.encode(int32), as: Int32.self) == int32)
        // Deltas of exactly 64 bits need a full-width miniblock.
        let alternating = (0 ..< 300).map { $0 % 2 == 0 ? Int64.min : Int64.max }
        #expect(try Self.decodeAll(Self.encode(alternating), as: Int64.self) == alternating)
    }

    @Test func otherBlockSizesAndMiniblockCounts() throws {
        for (blockSize, miniblocks) in Self.blockConfigs {
            for count in awkwardCounts + [blockSize + 1, 3 * blockSize + 17] {
                let values = Self.values(Int64.self, deltaBits: 20, count: count, seed: UInt64(blockSize + count))
                let bytes = Self.encode(values, blockSize: blockSize, miniblocks: miniblocks)
                #expect(try Self.decodeAll(bytes, as: Int64.self, batch: 7) == values,
                        "block \(blockSize)/\(miniblocks) count \(count)")
            }
        }
    }

    @Test func smallBatchesWithSkipsMatchFullDecode() throws {
        for (blockSize, miniblocks) in Self.blockConfigs {
            let count = 5_003
            let values = Self.values(Int32.self, deltaBits: 11, count: count, seed: 99)
            let bytes = Self.encode(values, blockSize: blockSize, miniblocks: miniblocks)
            for (batch, skip) in [(7, 0), (7, 5), (1, 300), (64, 64), (100, 1)] {
                let got = try bytes.withUnsafeBytes { raw in
                    var decoder = try DeltaBinaryPackedDecoder<Int32>(raw)
                    return try decodeWithSkips(count: count, batch: batch, skip: skip, zero: Int32(0),
                                               decode: { try decoder.decode(into: $0) },
                                               skipper: { try decoder.skip($0) })
                }
                #expect(got.allSatisfy { values[$0.0] == $0.1 }, "batch \(batch) skip \(skip)")
            }
        }
    }

    @Test func bytesConsumedFindsTheEndBeforeTrailingData() throws {
        for (blockSize, miniblocks) in Self.blockConfigs {
            for count in awkwardCounts {
                let values = Self.values(Int32.self, deltaBits: 9, count: count, seed: UInt64(count))
                let encoded = Self.encode(values, blockSize: blockSize, miniblocks: miniblocks)
                let bytes = encoded + [0xAB, 0xCD, 0xEF]
                try bytes.withUnsafeBytes { raw in
                    var skipper = try DeltaBinaryPackedDecoder<Int32>(raw)
                    #expect(try skipper.skip(count + 1) == count)
                    #expect(skipper.bytesConsumed == encoded.count, "skip, count \(count)")
                    var decoder = try DeltaBinaryPackedDecoder<Int32>(raw)
                    #expect(try drain(batch: 50, zero: Int32(0)) { try decoder.decode(into: $0) } == values)
                    #expect(decoder.bytesConsumed == encoded.count, "decode, count \(count)")
                }
            }
        }
    }

    @Test func arbitraryWidthsOfUnusedMiniblocksAreIgnored() throws {
        // 1 + 40 values, 4 miniblocks of 32: miniblocks 3 and 4 are unused; the spec says readers must
        // accept any bit width bytes there (and no data follows for them). Deltas alternate 0 and 31,
        // so the layout is known: 5 header bytes, min delta 0 (1 byte), widths [5, 5, 0, 0].
        var values: [Int64] = [0]
        for i in 1 ... 40 { values.append(values[i - 1] + (i % 2 == 1 ? 31 : 0)) }
        var bytes = Self.encode(values)
        #expect(Array(bytes[0 ..< 10]) == [0x80, 0x01, 4, 41, 0, 0, 5, 5, 0, 0])
        #expect(bytes.count == 10 + 2 * (32 * 5 / 8))
        bytes[8] = 200
        bytes[9] = 77
        #expect(try Self.decodeAll(bytes, as: Int64.self) == values)
        try bytes.withUnsafeBytes { raw in
            var decoder = try DeltaBinaryPackedDecoder<Int64>(raw)
            #expect(try decoder.skip(41) == 41)
            #expect(decoder.bytesConsumed == bytes.count)
        }
    }

    @Test func finalMiniblockCutAfterItsLastValueStillDecodes() throws {
        // 1 + 33 values: the second miniblock holds 1 needed value of 32; drop its padding bytes.
        let values = Self.values(Int64.self, deltaBits: 16, count: 34, seed: 4)
        let bytes = Self.encode(values)
        let cut = Array(bytes.dropLast(32 * 16 / 8 - 2))
        #expect(try Self.decodeAll(cut, as: Int64.self) == values)
    }

    // MARK: Oracle (pyarrow-written pages)

    @Test func pyarrowDeltaPagesDecode() throws {
        try PyArrowOracle.check([
            OracleSpec(kind: "int32", encoding: "DELTA_BINARY_PACKED", count: 12_345, seed: 5),
            OracleSpec(kind: "int64", encoding: "DELTA_BINARY_PACKED", count: 12_345, seed: 6),
            OracleSpec(kind: "int32", encoding: "DELTA_BINARY_PACKED", count: 12_345, seed: 7, nullable: true, pageVersion: "2.0"),
            OracleSpec(kind: "int64", encoding: "DELTA_BINARY_PACKED", count: 12_345, seed: 8, nullable: true, pageVersion: "2.0"),
        ])
    }
}
