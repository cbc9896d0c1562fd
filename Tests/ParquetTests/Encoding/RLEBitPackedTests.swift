import Testing
@testable import Parquet

@Suite struct RLEBitPackedTests {
    /// Values with runs, literals and short repeats mixed, each fitting `bitWidth` bits.
    static func mixedValues(bitWidth: Int, count: Int, seed: UInt64) -> [UInt32] {
        var rng = SplitMix64(seed: seed)
        var out: [UInt32] = []
        out.reserveCapacity(count + 200)
        while out.count < count {
            let length = Int(rng.next() % 100) + 1
            switch rng.next() % 4 {
            case 0: out.append(contentsOf: repeatElement(UInt32(rng.bits(bitWidth)), count: length))
            case 1: for _ in 0 ..< length { out.append(UInt32(rng.bits(bitWidth))) }
            case 2: for _ in 0 ..< length / 4 + 1 {
                    out.append(contentsOf: repeatElement(UInt32(rng.bits(bitWidth)), count: Int(rng.next() % 10) + 1))
                }
            default: out.append(contentsOf: repeatElement(bitWidth == 0 ? 0 : UInt32(truncatingIfNeeded: (1 as UInt64) << UInt64(bitWidth) - 1), count: length))
            }
        }
        return Array(out[0 ..< count])
    }

    static func encode(_ values: [UInt32], bitWidth: Int) -> [UInt8] {
        var encoder = RLEBitPackedEncoder(bitWidth: bitWidth)
        values.withUnsafeBufferPointer { encoder.append($0) }
        return encoder.finish()
    }

    // MARK: Spec vectors (Encodings.md)

    @Test func specBitPackedExampleDecodes() throws {
        // "The numbers 1 through 7 using bit width 3": 10001000 11000110 11111010, one group of 8.
        let bytes: [UInt8] = [0b0000_0011, 0b1000_1000, 0b1100_0110, 0b1111_1010]
        let values = try bytes.withUnsafeBytes { raw in
            var decoder = try RLEBitPackedDecoder(raw, bitWidth: 3)
            return try drain(batch: 100, zero: Int32(0)) { try decoder.decode(into: $0) }
        }
        #expect(values == [0, 1, 2, 3, 4, 5, 6, 7])
        #expect(Self.encode([0, 1, 2, 3, 4, 5, 6, 7], bitWidth: 3) == bytes)
    }

    @Test func specDeprecatedBitPackedExample() throws {
        // BIT_PACKED: the same numbers MSB-first are 00000101 00111001 01110111.
        let bytes: [UInt8] = [0b0000_0101, 0b0011_1001, 0b0111_0111]
        var levels = [Int16](repeating: -1, count: 8)
        let n = try bytes.withUnsafeBytes { raw in
            var decoder = try BitPackedLevelDecoder(raw, bitWidth: 3, count: 8)
            #expect(decoder.byteCount == 3)
            return try levels.withUnsafeMutableBufferPointer { try decoder.decode(into: $0) }
        }
        #expect(n == 8)
        #expect(levels == [0, 1, 2, 3, 4, 5, 6, 7])
        let values: [Int16] = [0, 1, 2, 3, 4, 5, 6, 7]
        #expect(values.withUnsafeBufferPointer { BitPackedLevelEncoder.encode($0, bitWidth: 3) } == bytes)
    }

    @Test(arguments: 0 ... 16)
    func deprecatedBitPackedRoundTrip(bitWidth: Int) throws {
        for count in awkwardCounts {
            let values = Self.mixedValues(bitWidth: bitWidth, count: count, seed: UInt64(bitWidth * 1000 + count)).map { Int32($0) }
            let bytes = values.withUnsafeBufferPointer { BitPackedLevelEncoder.encode($0, bitWidth: bitWidth) }
            #expect(bytes.count == (count * bitWidth + 7) / 8)
            let decoded = try bytes.withUnsafeBytes { raw in
                var decoder = try BitPackedLevelDecoder(raw, bitWidth: bitWidth, count: count)
                return try drain(batch: 7, zero: Int32(0)) { try decoder.decode(into: $0) }
            }
            #expect(decoded == values)
        }
    }

    // MARK: Round trips

    @Test(arguments: 0 ... 32)
    func roundTripEveryBitWidth(bitWidth: Int) throws {
        for count in awkwardCounts + [5000] {
            let values = Self.mixedValues(bitWidth: bitWidth, count: count, seed: UInt64(bitWidth &* 7919 &+ count))
            let bytes = Self.encode(values, bitWidth: bitWidth)
            try bytes.withUnsafeBytes { raw in
                var decoder = try RLEBitPackedDecoder(raw, bitWidth: bitWidth)
                var all = [UInt32](repeating: 0, count: count)
                let n = try all.withUnsafeMutableBufferPointer { try decoder.decode(into: $0) }
                #expect(n == count)
                #expect(all == values, "bit width \(bitWidth), count \(count)")

                // Dictionary indices: all valid with a dictionary just large enough.
                let largest = Int(values.max() ?? 0)
                var indices = try RLEBitPackedDecoder(raw, bitWidth: bitWidth)
                let viaIndices = try drain(batch: 1000, zero: UInt32(0)) {
                    try indices.decodeIndices(into: $0, dictionaryCount: largest + 1)
                }
                #expect(Array(viaIndices.prefix(count)) == values)
            }
        }
    }

    @Test(arguments: [1, 5, 12, 20, 32])
    func smallBatchesWithSkipsMatchFullDecode(bitWidth: Int) throws {
        let count = 10_007
        let values = Self.mixedValues(bitWidth: bitWidth, count: count, seed: 42 + UInt64(bitWidth))
        let bytes = Self.encode(values, bitWidth: bitWidth)
        for (batch, skip) in [(7, 0), (7, 5), (1, 1), (33, 100), (256, 3)] {
            let got = try bytes.withUnsafeBytes { raw in
                var decoder = try RLEBitPackedDecoder(raw, bitWidth: bitWidth)
                return try decodeWithSkips(count: count, batch: batch, skip: skip, zero: UInt32(0),
                                           decode: { try decoder.decode(into: $0) },
                                           skipper: { try decoder.skip($0) })
            }
            #expect(got.allSatisfy { values[$0.0] == $0.1 }, "batch \(batch) skip \(skip)")
            let gotIndices = try bytes.withUnsafeBytes { raw in
                var decoder = try RLEBitPackedDecoder(raw, bitWidth: bitWidth)
                return try decodeWithSkips(count: count, batch: batch, skip: skip, zero: UInt32(0),
                                           decode: { try decoder.decodeIndices(into: $0, dictionaryCount: 1 << bitWidth) },
                                           skipper: { try decoder.skip($0) })
            }
            #expect(gotIndices.allSatisfy { values[$0.0] == $0.1 }, "indices batch \(batch) skip \(skip)")
        }
    }

    @Test(arguments: [0, 1, 2, 3, 7, 8, 15, 16])
    func levelsDecodeIntoEveryIntegerType(bitWidth: Int) throws {
        let values = Self.mixedValues(bitWidth: bitWidth, count: 3001, seed: 9)
        let bytes = Self.encode(values, bitWidth: bitWidth)
        func check<T: FixedWidthInteger>(_: T.Type) throws {
            guard T.bitWidth >= bitWidth else { return }
            let decoded = try bytes.withUnsafeBytes { raw in
                var decoder = try RLEBitPackedDecoder(raw, bitWidth: bitWidth)
                return try drain(batch: 13, zero: T.zero) { try decoder.decode(into: $0) }
            }
            #expect(decoded.prefix(values.count).map { UInt32(truncatingIfNeeded: T.Magnitude(truncatingIfNeeded: $0)) } == values, "\(T.self)")
        }
        try check(UInt8.self)
        try check(Int16.self)
        try check(UInt16.self)
        try check(Int32.self)
        try check(Int64.self)
    }

    @Test func decodingIntoANarrowerTypeThrows() throws {
        let bytes = Self.encode([1000, 2, 3], bitWidth: 10)
        try bytes.withUnsafeBytes { raw in
            var decoder = try RLEBitPackedDecoder(raw, bitWidth: 10)
            var out = [UInt8](repeating: 0, count: 3)
            #expect(throws: DecodeFailure.self) { try out.withUnsafeMutableBufferPointer { try decoder.decode(into: $0) } }
        }
    }

    @Test func booleansRoundTrip() throws {
        var rng = SplitMix64(seed: 5)
        for count in awkwardCounts {
            let values = (0 ..< count).map { i in i % 50 < 20 ? true : rng.next() & 1 == 1 }
            var encoder = RLEBitPackedEncoder(bitWidth: 1)
            values.withUnsafeBufferPointer { encoder.append($0) }
            let bytes = encoder.finish()
            let decoded = try bytes.withUnsafeBytes { raw in
                var decoder = try RLEBitPackedDecoder(raw, bitWidth: 1)
                return try drain(batch: 9, zero: false) { try decoder.decodeBooleans(into: $0) }
            }
            #expect(Array(decoded.prefix(count)) == values)
        }
    }

    @Test func outOfRangeDictionaryIndexIsNamed() throws {
        // Literal run containing index 6 with a dictionary of 6 entries; then an RLE run of 9.
        for values: [UInt32] in [[0, 1, 2, 3, 4, 5, 6, 1, 2], Array(repeating: 9, count: 40)] {
            let bytes = Self.encode(values, bitWidth: 4)
            try bytes.withUnsafeBytes { raw in
                var decoder = try RLEBitPackedDecoder(raw, bitWidth: 4)
                var out = [UInt32](repeating: 0, count: values.count)
                let bad = values.first { $0 >= 6 }!
                #expect(throws: DecodeFailure.invalid("dictionary index \(bad) is out of range (dictionary has 6 entries)")) {
                    try out.withUnsafeMutableBufferPointer { try decoder.decodeIndices(into: $0, dictionaryCount: 6) }
                }
            }
        }
    }

    @Test func encoderChoosesRunsForRepeats() throws {
        // 50 zeros then 50 ones: two RLE runs of one value byte each, as in the spec grammar.
        let values = [UInt32](repeating: 0, count: 50) + [UInt32](repeating: 1, count: 50)
        #expect(Self.encode(values, bitWidth: 1) == [50 << 1, 0, 50 << 1, 1])
        // Width 9 repeated values take two bytes (round-up-to-next-byte).
        #expect(Self.encode([UInt32](repeating: 300, count: 20), bitWidth: 9) == [20 << 1, 0x2C, 0x01])
    }

    // MARK: Leniencies shared with other readers

    @Test func truncatedFinalBitPackedRunYieldsThePresentValues() throws {
        // A bit-packed run of 3 groups (24 values) at width 8 with only 20 value bytes present.
        let bytes: [UInt8] = [3 << 1 | 1] + [UInt8](repeating: 0xFF, count: 20)
        let values = try bytes.withUnsafeBytes { raw in
            var decoder = try RLEBitPackedDecoder(raw, bitWidth: 8)
            return try drain(batch: 100, zero: UInt16(0)) { try decoder.decode(into: $0) }
        }
        #expect(values == [UInt16](repeating: 255, count: 20))
    }

    @Test func zeroHeaderEndsTheData() throws {
        // fastparquet pads with zero bytes after the last run.
        let bytes: [UInt8] = [4 << 1, 7, 0, 0, 0, 0]
        let values = try bytes.withUnsafeBytes { raw in
            var decoder = try RLEBitPackedDecoder(raw, bitWidth: 3)
            return try drain(batch: 100, zero: UInt8(0)) { try decoder.decode(into: $0) }
        }
        #expect(values == [7, 7, 7, 7])
    }

    // MARK: Oracle (pyarrow-written pages)

    @Test func pyarrowDictionaryIndicesAndLevelsDecode() throws {
        // Dictionary pages (PLAIN dictionary, RLE_DICTIONARY indices) with definition levels, in
        // v1 (length-prefixed levels) and v2 pages; pyarrow falls back to PLAIN for large dictionaries.
        try PyArrowOracle.check([
            OracleSpec(kind: "int32", encoding: "DICTIONARY", count: 20_000, seed: 11, nullable: true),
            OracleSpec(kind: "string", encoding: "DICTIONARY", count: 20_000, seed: 12, nullable: true),
            OracleSpec(kind: "int64", encoding: "DICTIONARY", count: 20_000, seed: 13, nullable: true, pageVersion: "2.0"),
            OracleSpec(kind: "fixed4", encoding: "DICTIONARY", count: 20_000, seed: 14, nullable: true, pageVersion: "2.0"),
            OracleSpec(kind: "double", encoding: "PLAIN", count: 7_777, seed: 3, nullable: true),
            OracleSpec(kind: "double", encoding: "PLAIN", count: 7_777, seed: 3, nullable: true, pageVersion: "2.0"),
            OracleSpec(kind: "bool", encoding: "RLE", count: 9_999, seed: 8, pageVersion: "2.0"),
            OracleSpec(kind: "bool", encoding: "RLE", count: 9_999, seed: 9, nullable: true, pageVersion: "2.0"),
        ])
    }
}
