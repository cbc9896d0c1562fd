import Testing
@testable import Parquet

/// The vectorised level count equals a plain count for every length around its 16-lane blocks and its
/// 4,096-vector flush, at every offset.
@Suite("Level counting")
struct LevelCountTests {
    @Test("count(of:in:) equals filter-count", arguments: [0, 1, 15, 16, 17, 31, 33, 65_536, 65_537, 200_003])
    func countMatches(length: Int) {
        var rng = SeededGenerator(seed: UInt64(length) &+ 5)
        let levels = (0 ..< length).map { _ in Int16.random(in: -1 ... 3, using: &rng) }
        for value: Int16 in [0, 3, -1, 7] {
            for start in [0, 1, 7] where start <= length {
                let slice = levels[start...]
                let got = levels.withUnsafeBufferPointer {
                    ColumnChunkReader.count(of: value, in: UnsafeBufferPointer(rebasing: $0[start...]))
                }
                #expect(got == slice.filter { $0 == value }.count, "value \(value), start \(start)")
            }
        }
        // All equal: every lane matches in every vector (the flush keeps the lane counts in range).
        let same = [Int16](repeating: 2, count: length)
        #expect(same.withUnsafeBufferPointer { ColumnChunkReader.count(of: 2, in: $0) } == length)
    }
}
