import Testing
@testable import Parquet

@Suite struct ByteStreamSplitTests {
    @Test func specExample() throws {
        // Three FLOATs AA BB CC DD | 00 11 22 33 | A3 B4 C5 D6 become AA 00 A3 BB 11 B4 CC 22 C5 DD 33 D6.
        let plain: [UInt8] = [0xAA, 0xBB, 0xCC, 0xDD, 0x00, 0x11, 0x22, 0x33, 0xA3, 0xB4, 0xC5, 0xD6]
        let split: [UInt8] = [0xAA, 0x00, 0xA3, 0xBB, 0x11, 0xB4, 0xCC, 0x22, 0xC5, 0xDD, 0x33, 0xD6]
        var encoder = ByteStreamSplitEncoder(width: 4)
        encoder.append(FixedLenByteArrayBuffer(width: 4, bytes: plain))
        #expect(encoder.finish() == split)
        try split.withUnsafeBytes { raw in
            var decoder = try ByteStreamSplitDecoder(raw, width: 4)
            var floats = [Float](repeating: 0, count: 3)
            #expect(try floats.withUnsafeMutableBufferPointer { try decoder.decode(into: $0) } == 3)
            #expect(floats.map(\.bitPattern) == [0xDDCC_BBAA, 0x3322_1100, 0xD6C5_B4A3])
        }
    }

    func typedRoundTrip<T: BitwiseCopyable & Equatable>(_ values: [T], zero: T) throws {
        let width = MemoryLayout<T>.size
        var encoder = ByteStreamSplitEncoder(width: width)
        // Append in two pieces to check the streams are built over all values.
        let half = values.count / 2
        values[..<half].withUnsafeBufferPointer { encoder.append($0) }
        values[half...].withUnsafeBufferPointer { encoder.append($0) }
        let bytes = encoder.finish()
        #expect(bytes.count == values.count * width)
        // Stream k holds byte k of every value.
        let plain = values.withUnsafeBytes { Array($0) }
        for k in 0 ..< width {
            #expect((0 ..< values.count).allSatisfy { bytes[k * values.count + $0] == plain[$0 * width + k] })
        }
        try bytes.withUnsafeBytes { raw in
            var decoder = try ByteStreamSplitDecoder(raw, width: width)
            #expect(try drain(batch: 1000, zero: zero) { try decoder.decode(into: $0) } == values)
            var batched = try ByteStreamSplitDecoder(raw, width: width)
            let got = try decodeWithSkips(count: values.count, batch: 7, skip: 4, zero: zero,
                                          decode: { try batched.decode(into: $0) }, skipper: { batched.skip($0) })
            #expect(got.allSatisfy { values[$0.0] == $0.1 })
        }
    }

    @Test(arguments: awkwardCounts)
    func typedWidthsRoundTrip(count: Int) throws {
        var rng = SplitMix64(seed: UInt64(count) * 3)
        try typedRoundTrip((0 ..< count).map { _ in UInt16(truncatingIfNeeded: rng.next()) }, zero: 0)   // FLOAT16
        try typedRoundTrip((0 ..< count).map { _ in Int32(truncatingIfNeeded: rng.next()) }, zero: 0)
        try typedRoundTrip((0 ..< count).map { _ in Int64(bitPattern: rng.next()) }, zero: 0)
        try typedRoundTrip((0 ..< count).map { _ in Float(Int(rng.next() % 100_000)) / 7 }, zero: 0)
        try typedRoundTrip((0 ..< count).map { _ in Double(bitPattern: rng.next() & 0x7FEF_FFFF_FFFF_FFFF) }, zero: 0)
    }

    @Test(arguments: [2, 3, 4, 8, 16])
    func fixedLenByteArrayRoundTrip(width: Int) throws {
        var rng = SplitMix64(seed: UInt64(width) + 100)
        for count in awkwardCounts {
            let plain = (0 ..< count * width).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            var encoder = ByteStreamSplitEncoder(width: width)
            encoder.append(FixedLenByteArrayBuffer(width: width, bytes: plain))
            let bytes = encoder.finish()
            try bytes.withUnsafeBytes { raw in
                var decoder = try ByteStreamSplitDecoder(raw, width: width)
                let out = try checkFixedBatchesAndSkips(
                    plain: plain, width: width, batch: 7, skip: 2,
                    decode: { try decoder.decode(count: $0, into: &$1) }, skipper: { decoder.skip($0) })
                #expect(out.width == width)
            }
        }
    }

    @Test func typedDecodeRejectsAWidthMismatch() throws {
        let bytes = [UInt8](repeating: 1, count: 24)
        try bytes.withUnsafeBytes { raw in
            var decoder = try ByteStreamSplitDecoder(raw, width: 8)
            var out = [Float](repeating: 0, count: 3)
            #expect(throws: DecodeFailure.self) { try out.withUnsafeMutableBufferPointer { try decoder.decode(into: $0) } }
        }
    }

    // MARK: Oracle (pyarrow-written pages)

    @Test func pyarrowPagesDecode() throws {
        var specs: [OracleSpec] = []
        for kind in ["float", "double", "int32", "int64", "fixed3", "fixed16"] {
            specs.append(OracleSpec(kind: kind, encoding: "BYTE_STREAM_SPLIT", count: 4_099, seed: 41))
            specs.append(OracleSpec(kind: kind, encoding: "BYTE_STREAM_SPLIT", count: 4_099, seed: 42, nullable: true, pageVersion: "2.0"))
        }
        try PyArrowOracle.check(specs)
    }
}
