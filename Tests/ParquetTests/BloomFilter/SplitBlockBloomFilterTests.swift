import Foundation
import Testing
@testable import Parquet

@Suite struct SplitBlockBloomFilterTests {
    /// parquet-testing's `bloom_filter.xxhash.bin` is the filter Arrow C++ builds from the four strings of
    /// its compatibility test: inserting them into an empty filter of the same size must give the same bits.
    @Test func reproducesArrowCompatibilityBinary() throws {
        let data = try [UInt8](Data(contentsOf: URL(fileURLWithPath: TestSupport.corpusFile("bloom_filter.xxhash.bin"))))
        let (header, headerSize) = try data.withUnsafeBytes { try BloomFilterHeader.decode($0) }
        #expect(header.algorithm == BloomFilterHeader.block && header.hash == BloomFilterHeader.xxHash)
        #expect(headerSize + Int(header.numBytes) == data.count)
        let stored = try SplitBlockBloomFilter(bitset: Array(data[headerSize...]))
        var built = SplitBlockBloomFilter(numBytes: Int(header.numBytes))
        for s in ["hello", "parquet", "bloom", "filter"] {
            #expect(stored.mightContain(hash: SplitBlockBloomFilter.hash(string: s)))
            built.insert(hash: SplitBlockBloomFilter.hash(string: s))
        }
        #expect(built == stored)
        #expect(built.serialized == data)
    }

    @Test(arguments: [(1, 0.05), (1000, 0.05), (10_000, 0.01), (5000, 0.2), (100_000, 0.001)])
    func sizingMeetsTheFalsePositiveTarget(ndv: Int, fpp: Double) {
        let bytes = SplitBlockBloomFilter.optimalNumBytes(distinctValues: ndv, fpp: fpp)
        #expect(bytes >= 32 && bytes & (bytes - 1) == 0)
        #expect(Double(bytes * 8) >= SplitBlockBloomFilter.optimalNumBits(distinctValues: ndv, fpp: fpp))
        var filter = SplitBlockBloomFilter(distinctValues: ndv, fpp: fpp)
        #expect(filter.numBytes == bytes)
        var rng = SeededGenerator(seed: UInt64(ndv))
        var inserted: [UInt64] = []
        for _ in 0 ..< ndv {
            let h = UInt64.random(in: .min ... .max, using: &rng)
            inserted.append(h)
            filter.insert(hash: h)
        }
        #expect(inserted.allSatisfy { filter.mightContain(hash: $0) })
        let probes = 200_000
        let hits = (0 ..< probes).filter { _ in filter.mightContain(hash: UInt64.random(in: .min ... .max, using: &rng)) }.count
        // Rounding up to a power of two only lowers the rate; allow sampling noise above the target.
        #expect(Double(hits) / Double(probes) <= fpp * 1.25 + 5.0 / Double(probes), "rate \(Double(hits) / Double(probes))")
    }

    @Test func sizeBounds() throws {
        #expect(SplitBlockBloomFilter(numBytes: 0).numBytes == 32)
        #expect(SplitBlockBloomFilter(numBytes: 33).numBytes == 64)
        #expect(SplitBlockBloomFilter.optimalNumBytes(distinctValues: 0, fpp: 0.05) == 32)
        #expect(SplitBlockBloomFilter.optimalNumBytes(distinctValues: Int.max / 2, fpp: 1e-9) == SplitBlockBloomFilter.maximumBytes)
        for bad in [0, 16, 48, 40] {
            #expect(throws: ParquetError.self) { try SplitBlockBloomFilter(bitset: [UInt8](repeating: 0, count: bad)) }
        }
    }

    /// Logical values map to the column's physical bytes (one oracle: hashing those bytes directly).
    @Test func valueHashesFollowThePhysicalRepresentation() throws {
        let schema = try Schema(fields: [
            .int32("i", .required), .int64("l", .required), .string("s", .required), .date("d", .required),
            .timestamp("t", unit: .micros, .required), .decimal("dec", precision: 9, scale: 2, .required),
            .decimal("decf", precision: 20, scale: 3, .required),
            .integer("u8", bitWidth: 8, signed: false, .required), .float("f", .required), .double("x", .required),
        ])
        func col(_ name: String) -> ColumnDescriptor { schema.column(path: [name])! }
        typealias F = SplitBlockBloomFilter
        #expect(F.hashes(of: .int32(5), column: col("i")) == [F.hash(int32: 5)])
        #expect(F.hashes(of: .int64(5), column: col("i")) == [F.hash(int32: 5)])
        #expect(F.hashes(of: .int64(1 << 40), column: col("i")) == [])
        #expect(F.hashes(of: .int32(-3), column: col("l")) == [F.hash(int64: -3)])
        #expect(F.hashes(of: .string(Array("héllo".utf8)), column: col("s")) == [F.hash(bytes: Array("héllo".utf8))])
        #expect(F.hashes(of: .date(19000), column: col("d")) == [F.hash(int32: 19000)])
        #expect(F.hashes(of: .timestamp(7, unit: .millis, isAdjustedToUTC: true), column: col("t")) == [F.hash(int64: 7000)])
        #expect(F.hashes(of: .timestamp(7001, unit: .nanos, isAdjustedToUTC: true), column: col("t")) == [])
        // 12.5 at scale 1 is 1250 at the column's scale 2.
        #expect(F.hashes(of: .decimal(unscaled: [125], precision: 3, scale: 1), column: col("dec")) == [F.hash(int32: 1250)])
        #expect(F.hashes(of: .decimal(unscaled: [0x04, 0xD3], precision: 4, scale: 3), column: col("dec")) == [])  // 1.235
        #expect(F.hashes(of: .decimal(unscaled: [0xFF, 0x85], precision: 3, scale: 3), column: col("decf"))
            == [F.hash(bytes: [UInt8](repeating: 0xFF, count: 8) + [0x85])])
        #expect(F.hashes(of: .uint32(200), column: col("u8")) == [F.hash(int32: 200)])
        #expect(F.hashes(of: .uint32(300), column: col("u8")) == [])
        #expect(F.hashes(of: .int32(-1), column: col("u8")) == [])
        #expect(F.hashes(of: .float(0), column: col("f")) == [F.hash(float: 0), F.hash(float: -0.0)])
        #expect(F.hashes(of: .double(.nan), column: col("x")) == nil)
        #expect(F.hashes(of: .double(0.1), column: col("f")) == [])
        #expect(F.hashes(of: .null, column: col("i")) == nil)
        #expect(F.hashes(of: .string([1]), column: col("i")) == nil)
    }
}
