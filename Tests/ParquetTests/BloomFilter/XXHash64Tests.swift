import Foundation
import Testing
@testable import Parquet

@Suite struct XXHash64Tests {
    /// Every length 0…100 (several random inputs each) and some long inputs, against python `xxhash.xxh64`.
    @Test func matchesPythonXXHash() throws {
        var rng = SeededGenerator(seed: 0x5EED_B100)
        var inputs: [[UInt8]] = []
        for length in 0 ... 100 {
            for _ in 0 ..< 3 { inputs.append((0 ..< length).map { _ in UInt8.random(in: 0 ... 255, using: &rng) }) }
        }
        for length in [127, 128, 129, 1000, 4103, 65_536 + 31] {
            inputs.append((0 ..< length).map { _ in UInt8.random(in: 0 ... 255, using: &rng) })
        }
        let input = inputs.map(BloomFilterTestSupport.hex).joined(separator: "\n") + "\n"
        let out = try TestSupport.python("""
        import sys, xxhash
        for line in sys.stdin.read().split("\\n")[:-1]:
            print(xxhash.xxh64_intdigest(bytes.fromhex(line), seed=0))
        """, input: Data(input.utf8))
        let expected = String(decoding: out, as: UTF8.self).split(separator: "\n").map { UInt64($0)! }
        #expect(expected.count == inputs.count)
        for (bytes, want) in zip(inputs, expected) {
            #expect(XXHash64.hash(bytes) == want, "length \(bytes.count)")
        }
    }

    /// The unrolled 4- and 8-byte paths (used for INT32/FLOAT and INT64/DOUBLE) agree with the general one.
    @Test func fixedWidthPathsAgree() {
        var rng = SeededGenerator(seed: 7)
        for _ in 0 ..< 1000 {
            let a = UInt32.random(in: .min ... .max, using: &rng), b = UInt64.random(in: .min ... .max, using: &rng)
            #expect(XXHash64.hash(word32: a) == withUnsafeBytes(of: a.littleEndian) { XXHash64.hash($0) })
            #expect(XXHash64.hash(word64: b) == withUnsafeBytes(of: b.littleEndian) { XXHash64.hash($0) })
        }
    }
}
