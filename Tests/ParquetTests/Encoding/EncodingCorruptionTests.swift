import Testing
@testable import Parquet

/// Decoding "fewer values than expected" is what the page reader reports as corruption; these
/// helpers turn it into an error so every bad input can be checked with `#expect(throws:)`.
struct TooFewValues: Error {}

@Suite struct EncodingCorruptionTests {
    // MARK: Helpers decoding a whole buffer, throwing DecodeFailure or TooFewValues

    static func rle(_ bytes: [UInt8], bitWidth: Int, count: Int) throws {
        try bytes.withUnsafeBytes { raw in
            var decoder = try RLEBitPackedDecoder(raw, bitWidth: bitWidth)
            var out = [UInt32](repeating: 0, count: count)
            let n = try out.withUnsafeMutableBufferPointer { try decoder.decodeIndices(into: $0, dictionaryCount: 1 << bitWidth) }
            if n < count { throw TooFewValues() }
        }
    }

    static func delta<T: DeltaBinaryPackedInteger>(_ bytes: [UInt8], as: T.Type, count: Int) throws {
        try bytes.withUnsafeBytes { raw in
            var decoder = try DeltaBinaryPackedDecoder<T>(raw)
            var out = [T](repeating: 0, count: count)
            let n = try out.withUnsafeMutableBufferPointer { try decoder.decode(into: $0) }
            if n < count { throw TooFewValues() }
        }
    }

    static func byteArrays<D: ByteArrayDecoding>(
        _ bytes: [UInt8], count: Int, _ make: (UnsafeRawBufferPointer) throws(DecodeFailure) -> D
    ) throws {
        try bytes.withUnsafeBytes { raw in
            var decoder = try make(raw)
            var out = ByteArrayBuffer()
            if try decoder.decode(count: count, into: &out) < count { throw TooFewValues() }
        }
    }

    // MARK: Truncation at every prefix length

    @Test func truncatedRLEFailsAtEveryPrefix() throws {
        let values = RLEBitPackedTests.mixedValues(bitWidth: 10, count: 603, seed: 1)
        let bytes = RLEBitPackedTests.encode(values, bitWidth: 10)
        // The last literal group may end in padding values whose bytes are not needed: find the
        // shortest prefix that still holds all 603 values.
        let needed = (0 ... bytes.count).first { (try? Self.rle(Array(bytes[0 ..< $0]), bitWidth: 10, count: 603)) != nil }!
        #expect(needed > bytes.count - 10)
        for length in 0 ..< needed {
            // Cut inside a run header or repeated value: DecodeFailure; elsewhere: fewer values.
            #expect(throws: (any Error).self, "prefix \(length)") {
                try Self.rle(Array(bytes[0 ..< length]), bitWidth: 10, count: 603)
            }
        }
    }

    @Test func truncatedDeltaThrowsAtEveryPrefix() throws {
        // 1 + 3 * 128 values fill every miniblock, so every byte is needed.
        let values = DeltaBinaryPackedTests.values(Int64.self, deltaBits: 23, count: 1 + 3 * 128, seed: 2)
        let bytes = DeltaBinaryPackedTests.encode(values)
        try Self.delta(bytes, as: Int64.self, count: values.count)
        for length in 0 ..< bytes.count {
            #expect(throws: DecodeFailure.self, "prefix \(length)") {
                try Self.delta(Array(bytes[0 ..< length]), as: Int64.self, count: values.count)
            }
        }
    }

    @Test func truncatedDeltaByteArraysThrowAtEveryPrefix() throws {
        // Short values sharing prefixes (a small buffer: every prefix is decoded), the last one not
        // empty so that its last byte is needed.
        var rng = SplitMix64(seed: 3)
        var values: [[UInt8]] = [[]]
        for _ in 0 ..< 150 {
            let keep = Int(rng.next() % UInt64(values[values.count - 1].count + 1))
            values.append(Array(values[values.count - 1][0 ..< keep]) + (0 ..< rng.next() % 6).map { _ in UInt8(65 + rng.next() % 3) })
        }
        values.append(Array("last".utf8))
        let buffer = ByteArrayBuffer(values)
        let deltaLength = DeltaByteArrayTests.encodeDeltaLength(buffer)
        let delta = DeltaByteArrayTests.encodeDelta(buffer)
        try Self.byteArrays(deltaLength, count: values.count) { raw throws(DecodeFailure) in try DeltaLengthByteArrayDecoder(raw) }
        try Self.byteArrays(delta, count: values.count) { raw throws(DecodeFailure) in try DeltaByteArrayDecoder(raw) }
        for length in 0 ..< deltaLength.count {
            #expect(throws: DecodeFailure.self, "prefix \(length)") {
                try Self.byteArrays(Array(deltaLength[0 ..< length]), count: values.count) { raw throws(DecodeFailure) in
                    try DeltaLengthByteArrayDecoder(raw)
                }
            }
        }
        for length in 0 ..< delta.count {
            #expect(throws: DecodeFailure.self, "prefix \(length)") {
                try Self.byteArrays(Array(delta[0 ..< length]), count: values.count) { raw throws(DecodeFailure) in
                    try DeltaByteArrayDecoder(raw)
                }
            }
        }
    }

    @Test func truncatedPlainByteArraysFailAtEveryPrefix() throws {
        // Short values (every prefix of the buffer is decoded), none empty so each byte is needed.
        let values = PlainEncodingTests.randomByteArrays(count: 200, seed: 4).map { Array($0.prefix(20)) + [1] }
        var bytes: [UInt8] = []
        PlainEncoder.append(ByteArrayBuffer(values), to: &bytes)
        for length in 0 ..< bytes.count {
            #expect(throws: (any Error).self, "prefix \(length)") {
                try Self.byteArrays(Array(bytes[0 ..< length]), count: values.count) { raw in PlainByteArrayDecoder(raw) }
            }
        }
    }

    // MARK: RLE / bit-packed

    @Test(arguments: [33, 64, -1])
    func rleBitWidthOutOfRange(bitWidth: Int) {
        #expect(throws: DecodeFailure.self) { try RLEBitPackedDecoder(UnsafeRawBufferPointer(start: nil, count: 0), bitWidth: bitWidth) }
        #expect(throws: DecodeFailure.self) {
            try BitPackedLevelDecoder(UnsafeRawBufferPointer(start: nil, count: 0), bitWidth: bitWidth, count: 0)
        }
    }

    @Test func rleRunValueWiderThanBitWidth() {
        // RLE run of 4 values, value byte 8 with bit width 3.
        #expect(throws: DecodeFailure.invalid("RLE run value 8 does not fit in bit width 3")) {
            try Self.rle([4 << 1, 8], bitWidth: 3, count: 4)
        }
    }

    @Test func rleRepeatedValueTruncated() {
        // Bit width 17 needs 3 value bytes; only 2 present.
        #expect(throws: DecodeFailure.truncated(needed: 3, available: 2)) {
            try Self.rle([4 << 1, 1, 2], bitWidth: 17, count: 4)
        }
    }

    @Test func rleOverlongVarintHeader() {
        #expect(throws: DecodeFailure.self) { try Self.rle([UInt8](repeating: 0xFF, count: 11) + [1], bitWidth: 3, count: 4) }
        // 10 bytes whose last carries bits beyond 64.
        #expect(throws: DecodeFailure.self) { try Self.rle([UInt8](repeating: 0x80, count: 9) + [0x7F], bitWidth: 3, count: 4) }
    }

    @Test func hugeRunHeadersAllocateNothing() throws {
        // An RLE run of 2^31 - 1 values and a bit-packed run of 2^40 groups.
        var huge: [UInt8] = []
        VarInt.appendULEB128(UInt64(Int32.max) << 1, to: &huge)
        huge.append(5)
        try huge.withUnsafeBytes { raw in
            var decoder = try RLEBitPackedDecoder(raw, bitWidth: 3)
            var out = [UInt8](repeating: 0, count: 10)
            #expect(try out.withUnsafeMutableBufferPointer { try decoder.decode(into: $0) } == 10)
            #expect(out == [UInt8](repeating: 5, count: 10))
            #expect(try decoder.skip(Int.max) == Int(Int32.max) - 10)
        }
        var packed: [UInt8] = []
        VarInt.appendULEB128((1 << 40) << 1 | 1, to: &packed)
        packed += [0xFF, 0xFF, 0xFF]
        let values = try packed.withUnsafeBytes { raw in
            var decoder = try RLEBitPackedDecoder(raw, bitWidth: 3)
            return try drain(batch: 100, zero: UInt8(0)) { try decoder.decode(into: $0) }
        }
        #expect(values == [UInt8](repeating: 7, count: 8))   // the 24 bits present hold 8 values
        // 2^63 - 1 groups: the value count overflows Int.
        var overflowing: [UInt8] = []
        VarInt.appendULEB128(UInt64.max, to: &overflowing)
        #expect(throws: DecodeFailure.self) { try Self.rle(overflowing + [1, 2, 3], bitWidth: 3, count: 8) }
    }

    @Test func bitPackedLevelsShorterThanTheirCount() {
        let bytes = [UInt8](repeating: 0xFF, count: 3)
        #expect(throws: DecodeFailure.truncated(needed: 4, available: 3)) {
            try bytes.withUnsafeBytes { try BitPackedLevelDecoder($0, bitWidth: 3, count: 9) }
        }
        #expect(throws: DecodeFailure.self) {
            try bytes.withUnsafeBytes { try BitPackedLevelDecoder($0, bitWidth: 32, count: Int.max / 2) }
        }
    }

    // MARK: DELTA_BINARY_PACKED

    /// A header followed by one block whose first miniblock has bit width `width` and full data.
    static func deltaBytes(blockSize: UInt64 = 128, miniblocks: UInt64 = 4, count: UInt64 = 33, width: UInt8 = 1) -> [UInt8] {
        var bytes: [UInt8] = []
        VarInt.appendULEB128(blockSize, to: &bytes)
        VarInt.appendULEB128(miniblocks, to: &bytes)
        VarInt.appendULEB128(count, to: &bytes)
        bytes.append(0)                                   // first value
        bytes.append(0)                                   // min delta
        bytes.append(width)
        bytes += [UInt8](repeating: 0, count: max(0, Int(miniblocks) - 1))
        bytes += [UInt8](repeating: 0x55, count: 32 * Int(width) / 8 * 4)
        return bytes
    }

    @Test func deltaBitWidthWiderThanTheType() throws {
        try Self.delta(Self.deltaBytes(width: 64), as: Int64.self, count: 33)
        #expect(throws: DecodeFailure.invalid("DELTA_BINARY_PACKED bit width 65 exceeds 64")) {
            try Self.delta(Self.deltaBytes(width: 65), as: Int64.self, count: 33)
        }
        try Self.delta(Self.deltaBytes(width: 32), as: Int32.self, count: 33)
        #expect(throws: DecodeFailure.invalid("DELTA_BINARY_PACKED bit width 33 exceeds 32")) {
            try Self.delta(Self.deltaBytes(width: 33), as: Int32.self, count: 33)
        }
        #expect(throws: DecodeFailure.self) { try Self.delta(Self.deltaBytes(width: 255), as: Int64.self, count: 33) }
    }

    @Test func deltaInvalidBlockStructure() {
        #expect(throws: DecodeFailure.invalid("DELTA_BINARY_PACKED block has 0 miniblocks")) {
            try Self.delta(Self.deltaBytes(miniblocks: 0), as: Int64.self, count: 33)
        }
        for blockSize: UInt64 in [0, 8, 100, 129, 1 << 40] {
            #expect(throws: DecodeFailure.self, "block size \(blockSize)") {
                try Self.delta(Self.deltaBytes(blockSize: blockSize), as: Int64.self, count: 33)
            }
        }
        // 128 / 8 = 16 values per miniblock, not a multiple of 32; 128 / 3 is not whole.
        for miniblocks: UInt64 in [8, 3, 129] {
            #expect(throws: DecodeFailure.self, "miniblocks \(miniblocks)") {
                try Self.delta(Self.deltaBytes(miniblocks: miniblocks), as: Int64.self, count: 33)
            }
        }
    }

    @Test func deltaAbsurdValueCounts() {
        #expect(throws: DecodeFailure.limit("DELTA_BINARY_PACKED value count 1099511627776 exceeds 2147483647")) {
            try Self.delta(Self.deltaBytes(count: 1 << 40), as: Int64.self, count: 1)
        }
        // 2^31 - 1 values cannot fit in a few dozen bytes (each 128-value block needs ≥ 5 bytes).
        #expect(throws: DecodeFailure.self) {
            try Self.delta(Self.deltaBytes(count: UInt64(Int32.max)), as: Int64.self, count: 1)
        }
    }

    @Test func deltaOverflowingVarints() {
        var bytes: [UInt8] = [0x80, 0x01, 4, 5]
        bytes += [UInt8](repeating: 0xFF, count: 10) + [0x01]   // first value: 11-byte varint
        #expect(throws: DecodeFailure.self) { try Self.delta(bytes, as: Int64.self, count: 5) }
    }

    // MARK: Byte arrays

    @Test func plainByteArrayNegativeAndHugeLengths() {
        #expect(throws: DecodeFailure.invalid("negative BYTE_ARRAY length -1")) {
            try Self.byteArrays([0xFF, 0xFF, 0xFF, 0xFF, 1, 2, 3], count: 1) { raw in PlainByteArrayDecoder(raw) }
        }
        #expect(throws: DecodeFailure.truncated(needed: 0x7FFF_FFFF, available: 3)) {
            try Self.byteArrays([0xFF, 0xFF, 0xFF, 0x7F, 1, 2, 3], count: 1) { raw in PlainByteArrayDecoder(raw) }
        }
        #expect(throws: DecodeFailure.truncated(needed: 4, available: 2)) {
            try Self.byteArrays([0, 0], count: 1) { raw in PlainByteArrayDecoder(raw) }
        }
    }

    static func deltaLengthBytes(lengths: [Int32], data: [UInt8]) -> [UInt8] {
        var encoder = DeltaBinaryPackedEncoder<Int32>()
        lengths.withUnsafeBufferPointer { encoder.append($0) }
        return encoder.finish() + data
    }

    @Test func deltaLengthNegativeAndOverlongLengths() {
        #expect(throws: DecodeFailure.invalid("negative byte array length -5")) {
            try Self.byteArrays(Self.deltaLengthBytes(lengths: [2, -5, 1], data: [1, 2, 3]), count: 3) { raw throws(DecodeFailure) in
                try DeltaLengthByteArrayDecoder(raw)
            }
        }
        #expect(throws: DecodeFailure.truncated(needed: Int(Int32.max) + 2, available: 3)) {
            try Self.byteArrays(Self.deltaLengthBytes(lengths: [2, .max], data: [1, 2, 3]), count: 2) { raw throws(DecodeFailure) in
                try DeltaLengthByteArrayDecoder(raw)
            }
        }
    }

    /// DELTA_BYTE_ARRAY bytes from explicit prefix lengths and suffixes.
    static func deltaBytes(prefixes: [Int32], suffixes: [String]) -> [UInt8] {
        var prefixEncoder = DeltaBinaryPackedEncoder<Int32>()
        prefixes.withUnsafeBufferPointer { prefixEncoder.append($0) }
        return prefixEncoder.finish() + DeltaByteArrayTests.encodeDeltaLength(DeltaByteArrayTests.utf8(suffixes))
    }

    @Test func deltaPrefixLongerThanThePreviousValue() {
        #expect(throws: DecodeFailure.invalid("DELTA_BYTE_ARRAY prefix length 3 exceeds the previous value's length 2")) {
            try Self.byteArrays(Self.deltaBytes(prefixes: [0, 3], suffixes: ["ab", "c"]), count: 2) { raw throws(DecodeFailure) in
                try DeltaByteArrayDecoder(raw)
            }
        }
        #expect(throws: DecodeFailure.self) {
            try Self.byteArrays(Self.deltaBytes(prefixes: [1], suffixes: ["ab"]), count: 1) { raw throws(DecodeFailure) in
                try DeltaByteArrayDecoder(raw)
            }
        }
        #expect(throws: DecodeFailure.self) {
            try Self.byteArrays(Self.deltaBytes(prefixes: [0, -1], suffixes: ["ab", "c"]), count: 2) { raw throws(DecodeFailure) in
                try DeltaByteArrayDecoder(raw)
            }
        }
    }

    @Test func deltaFixedLengthValueOfTheWrongWidth() throws {
        let bytes = Self.deltaBytes(prefixes: [0, 2], suffixes: ["abc", "de"])
        try bytes.withUnsafeBytes { raw in
            var decoder = try DeltaByteArrayDecoder(raw)
            var out = FixedLenByteArrayBuffer(width: 3)
            #expect(throws: DecodeFailure.invalid("DELTA_BYTE_ARRAY value length 4 differs from the fixed width 3")) {
                try decoder.decode(count: 2, into: &out)
            }
        }
    }

    @Test func deltaPrefixAmplificationHitsTheLimit() throws {
        // One 1000-byte value, then 10_000 values repeating it entirely: 10 MB from a few KB.
        let prefixes = [Int32(0)] + [Int32](repeating: 1000, count: 10_000)
        let suffixes = [String(repeating: "x", count: 1000)] + [String](repeating: "", count: 10_000)
        let bytes = Self.deltaBytes(prefixes: prefixes, suffixes: suffixes)
        #expect(bytes.count < 3000)
        try bytes.withUnsafeBytes { raw in
            var decoder = try DeltaByteArrayDecoder(raw, maxTotalBytes: 1 << 20)
            var out = ByteArrayBuffer()
            #expect(throws: DecodeFailure.limit("DELTA_BYTE_ARRAY values exceed 1048576 bytes")) {
                try decoder.decode(count: 10_001, into: &out)
            }
        }
    }

    // MARK: BYTE_STREAM_SPLIT

    @Test func byteStreamSplitLengthNotAMultipleOfTheWidth() {
        let bytes = [UInt8](repeating: 0, count: 10)
        #expect(throws: DecodeFailure.invalid("BYTE_STREAM_SPLIT data of 10 bytes is not a multiple of the width 4")) {
            try bytes.withUnsafeBytes { try ByteStreamSplitDecoder($0, width: 4) }
        }
        #expect(throws: DecodeFailure.self) { try bytes.withUnsafeBytes { try ByteStreamSplitDecoder($0, width: 0) } }
    }

    // MARK: Random bytes never trap

    @Test func randomBytesNeverTrap() throws {
        var rng = SplitMix64(seed: 1234)
        for round in 0 ..< 3000 {
            let length = Int(rng.next() % 64)
            var bytes = (0 ..< length).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            // Make delta headers plausible half the time so the block code runs.
            if round % 2 == 0 && length > 6 {
                bytes[0] = 0x80; bytes[1] = 0x01; bytes[2] = UInt8(1 << (rng.next() % 3)); bytes[3] = UInt8(rng.next() % 100)
            }
            let width = Int(rng.next() % 33)
            _ = try? Self.rle(bytes, bitWidth: width, count: 50)
            _ = try? Self.delta(bytes, as: Int32.self, count: 50)
            _ = try? Self.delta(bytes, as: Int64.self, count: 50)
            _ = try? Self.byteArrays(bytes, count: 50) { raw in PlainByteArrayDecoder(raw) }
            _ = try? Self.byteArrays(bytes, count: 50) { raw throws(DecodeFailure) in try DeltaLengthByteArrayDecoder(raw) }
            _ = try? Self.byteArrays(bytes, count: 50) { raw throws(DecodeFailure) in try DeltaByteArrayDecoder(raw) }
            _ = try? bytes.withUnsafeBytes { raw in
                var levels = try BitPackedLevelDecoder(raw, bitWidth: width % 17, count: Int(rng.next() % 100))
                var out = [Int32](repeating: 0, count: 100)
                return try out.withUnsafeMutableBufferPointer { try levels.decode(into: $0) }
            }
        }
    }

    /// Decodes everything in batches of 5 with skips of 3, ignoring errors (only traps would fail).
    static func churn(_ step: (Int) throws -> Int, skip: (Int) throws -> Int) {
        for _ in 0 ..< 10_000 {
            guard let n = try? step(5), n == 5 else { return }
            guard let s = try? skip(3), s == 3 else { return }
        }
    }

    @Test func mutatedEncodingsNeverTrap() throws {
        var rng = SplitMix64(seed: 99)
        let strings = ByteArrayBuffer(DeltaByteArrayTests.values(count: 200, seed: 5))
        var plainStrings: [UInt8] = []
        PlainEncoder.append(strings, to: &plainStrings)
        let rleValues = RLEBitPackedTests.mixedValues(bitWidth: 7, count: 500, seed: 6)
        let valid: [(String, [UInt8])] = [
            ("rle", RLEBitPackedTests.encode(rleValues, bitWidth: 7)),
            ("delta64", DeltaBinaryPackedTests.encode(DeltaBinaryPackedTests.values(Int64.self, deltaBits: 40, count: 300, seed: 7))),
            ("delta32", DeltaBinaryPackedTests.encode(DeltaBinaryPackedTests.values(Int32.self, deltaBits: 9, count: 300, seed: 8),
                                                      blockSize: 256, miniblocks: 2)),
            ("dlba", DeltaByteArrayTests.encodeDeltaLength(strings)),
            ("dba", DeltaByteArrayTests.encodeDelta(strings)),
            ("plain", plainStrings),
        ]
        for round in 0 ..< 400 {
            for (kind, original) in valid {
                var bytes = original
                for _ in 0 ..< 1 + Int(rng.next() % 4) {
                    let i = Int(rng.next() % UInt64(bytes.count))
                    bytes[i] = round % 3 == 0 ? UInt8(truncatingIfNeeded: rng.next()) : bytes[i] ^ (1 << (rng.next() % 8))
                }
                if round % 5 == 0 { bytes.removeLast(Int(rng.next() % UInt64(bytes.count))) }
                bytes.withUnsafeBytes { raw in
                    switch kind {
                    case "rle":
                        guard var d = try? RLEBitPackedDecoder(raw, bitWidth: 7) else { return }
                        var out = [UInt32](repeating: 0, count: 5)
                        Self.churn({ _ in try out.withUnsafeMutableBufferPointer { try d.decodeIndices(into: $0, dictionaryCount: 100) } },
                                   skip: { try d.skip($0) })
                    case "delta64":
                        guard var d = try? DeltaBinaryPackedDecoder<Int64>(raw) else { return }
                        var out = [Int64](repeating: 0, count: 5)
                        Self.churn({ _ in try out.withUnsafeMutableBufferPointer { try d.decode(into: $0) } }, skip: { try d.skip($0) })
                        _ = d.bytesConsumed
                    case "delta32":
                        guard var d = try? DeltaBinaryPackedDecoder<Int32>(raw) else { return }
                        var out = [Int32](repeating: 0, count: 5)
                        Self.churn({ _ in try out.withUnsafeMutableBufferPointer { try d.decode(into: $0) } }, skip: { try d.skip($0) })
                    case "dlba":
                        guard var d = try? DeltaLengthByteArrayDecoder(raw) else { return }
                        var out = ByteArrayBuffer()
                        Self.churn({ try d.decode(count: $0, into: &out) }, skip: { try d.skip($0) })
                    case "dba":
                        guard var d = try? DeltaByteArrayDecoder(raw, maxTotalBytes: 1 << 20) else { return }
                        var out = ByteArrayBuffer()
                        Self.churn({ try d.decode(count: $0, into: &out) }, skip: { try d.skip($0) })
                        var fixed = FixedLenByteArrayBuffer(width: 3)
                        if var f = try? DeltaByteArrayDecoder(raw) { _ = try? f.decode(count: 50, into: &fixed) }
                    default:
                        var d = PlainByteArrayDecoder(raw)
                        var out = ByteArrayBuffer()
                        Self.churn({ try d.decode(count: $0, into: &out) }, skip: { try d.skip($0) })
                    }
                }
            }
        }
    }
}
