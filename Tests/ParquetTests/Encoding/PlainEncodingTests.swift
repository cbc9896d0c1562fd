import Testing
@testable import Parquet

@Suite struct PlainEncodingTests {
    static func randomByteArrays(count: Int, seed: UInt64) -> [[UInt8]] {
        var rng = SplitMix64(seed: seed)
        return (0 ..< count).map { i in
            let length: Int
            switch rng.next() % 10 {
            case 0: length = 0
            case 1: length = Int(rng.next() % 5000)        // long values
            default: length = Int(rng.next() % 30)
            }
            return (0 ..< length).map { _ in UInt8(truncatingIfNeeded: rng.next() &+ UInt64(i)) }
        }
    }

    func roundTrip<T: PlainFixedWidth & Equatable>(_ values: [T], zero: T) throws {
        var bytes: [UInt8] = [0xEE]   // a leading byte to check appending
        values.withUnsafeBufferPointer { PlainEncoder.append($0, to: &bytes) }
        #expect(bytes.count == 1 + values.count * T.plainByteWidth)
        try bytes.withUnsafeBytes { raw in
            let data = UnsafeRawBufferPointer(rebasing: raw[1...])
            var decoder = PlainFixedDecoder<T>(data)
            #expect(drain(batch: 1000, zero: zero) { decoder.decode(into: $0) } == values)
            var batched = PlainFixedDecoder<T>(data)
            let got = try decodeWithSkips(count: values.count, batch: 7, skip: 3, zero: zero,
                                          decode: { batched.decode(into: $0) }, skipper: { batched.skip($0) })
            #expect(got.allSatisfy { values[$0.0] == $0.1 })
        }
    }

    @Test(arguments: awkwardCounts)
    func fixedWidthRoundTrip(count: Int) throws {
        var rng = SplitMix64(seed: UInt64(count))
        try roundTrip((0 ..< count).map { _ in Int32(truncatingIfNeeded: rng.next()) } + [.min, .max], zero: 0)
        try roundTrip((0 ..< count).map { _ in Int64(bitPattern: rng.next()) } + [.min, .max], zero: 0)
        try roundTrip((0 ..< count).map { _ in Float(bitPattern: UInt32(truncatingIfNeeded: rng.next()) & 0x7F7F_FFFF) }
                      + [-.infinity, -0.0, .greatestFiniteMagnitude], zero: 0)
        try roundTrip((0 ..< count).map { _ in Double(bitPattern: rng.next() & 0x7FEF_FFFF_FFFF_FFFF) }
                      + [.infinity, -0.0, .leastNonzeroMagnitude], zero: 0)
        try roundTrip((0 ..< count).map { _ in Int96(low: rng.next(), high: UInt32(truncatingIfNeeded: rng.next())) },
                      zero: Int96(low: 0, high: 0))
    }

    @Test func int96IsTwelveLittleEndianBytes() throws {
        let value = Int96(low: 0x0807_0605_0403_0201, high: 0x0C0B_0A09)
        var bytes: [UInt8] = []
        [value].withUnsafeBufferPointer { PlainEncoder.append($0, to: &bytes) }
        #expect(bytes == Array(1 ... 12))
    }

    @Test(arguments: awkwardCounts + [8, 9, 64, 65])
    func booleansRoundTrip(count: Int) throws {
        var rng = SplitMix64(seed: 77 + UInt64(count))
        let values = (0 ..< count).map { _ in rng.next() % 3 == 0 }
        var encoder = PlainBooleanEncoder()
        // Append in uneven pieces to exercise the partial byte kept between calls.
        var start = 0
        while start < count {
            let end = min(count, start + Int(rng.next() % 11) + 1)
            values[start ..< end].withUnsafeBufferPointer { encoder.append($0) }
            start = end
        }
        let bytes = encoder.finish()
        #expect(bytes.count == (count + 7) / 8)
        try bytes.withUnsafeBytes { raw in
            var decoder = PlainBooleanDecoder(raw, count: count)
            #expect(drain(batch: 100, zero: false) { decoder.decode(into: $0) } == values)
            var batched = PlainBooleanDecoder(raw, count: count)
            let got = try decodeWithSkips(count: count, batch: 7, skip: 5, zero: false,
                                          decode: { batched.decode(into: $0) }, skipper: { batched.skip($0) })
            #expect(got.allSatisfy { values[$0.0] == $0.1 })
        }
    }

    @Test func booleanBitOrderIsLSBFirst() {
        // Spec: BOOLEAN is bit-packed LSB first, like the RLE hybrid.
        var encoder = PlainBooleanEncoder()
        [true, false, false, false, false, false, false, true, true].withUnsafeBufferPointer { encoder.append($0) }
        #expect(encoder.finish() == [0b1000_0001, 0b0000_0001])
    }

    @Test(arguments: awkwardCounts)
    func byteArraysRoundTrip(count: Int) throws {
        let values = Self.randomByteArrays(count: count, seed: UInt64(count) + 1)
        var bytes: [UInt8] = []
        PlainEncoder.append(ByteArrayBuffer(values), to: &bytes)
        #expect(bytes.count == values.reduce(0) { $0 + 4 + $1.count })
        try bytes.withUnsafeBytes { raw in
            var decoder = PlainByteArrayDecoder(raw)
            var all = ByteArrayBuffer()
            #expect(try decoder.decode(count: count + 10, into: &all) == count)
            #expect(all == ByteArrayBuffer(values))
            #expect(decoder.bytesConsumed == bytes.count)

            // Batches of 7 with skips of 4 into one buffer that keeps growing.
            var batched = PlainByteArrayDecoder(raw)
            var out = ByteArrayBuffer()
            var expected: [[UInt8]] = []
            var position = 0
            while position < count {
                let n = try batched.decode(count: 7, into: &out)
                #expect(n == min(7, count - position))
                expected += values[position ..< position + n]
                position += n
                position += try batched.skip(4)
            }
            #expect(out == ByteArrayBuffer(expected))
        }
    }

    @Test(arguments: [1, 3, 12, 16])
    func fixedLenByteArraysRoundTrip(width: Int) throws {
        var rng = SplitMix64(seed: UInt64(width))
        for count in awkwardCounts {
            let raw = (0 ..< count * width).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            let values = FixedLenByteArrayBuffer(width: width, bytes: raw)
            var bytes: [UInt8] = []
            PlainEncoder.append(values, to: &bytes)
            #expect(bytes == raw)
            try bytes.withUnsafeBytes { data in
                var decoder = PlainFixedLenByteArrayDecoder(data, width: width)
                try checkFixedBatchesAndSkips(
                    plain: raw, width: width, batch: 5, skip: 2,
                    decode: { decoder.decode(count: $0, into: &$1) }, skipper: { decoder.skip($0) })
            }
        }
    }

    // MARK: Oracle (pyarrow-written pages)

    @Test func pyarrowPlainPagesDecode() throws {
        var specs: [OracleSpec] = []
        for kind in ["int32", "int64", "float", "double", "string", "fixed5", "bool"] {
            specs.append(OracleSpec(kind: kind, encoding: "PLAIN", count: 5_003, seed: 21))
            specs.append(OracleSpec(kind: kind, encoding: "PLAIN", count: 5_003, seed: 22, nullable: true, pageVersion: "2.0"))
        }
        try PyArrowOracle.check(specs)
    }
}
