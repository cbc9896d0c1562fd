import Foundation
import Testing
@testable import ParquetExport

@Suite struct NumberRenderingTests {
    /// Lines `KIND\tHEX\tTEXT`: TEXT must be Python's `str()` of the integer whose two's complement
    /// (KIND i: signed) or unsigned big-endian bytes are HEX.
    static let oracle = #"""
import sys, json
bad = []
lines = sys.stdin.read().splitlines()
for line in lines:
    kind, h, text = line.split('\t')
    v = int.from_bytes(bytes.fromhex(h), 'big', signed=(kind == 'i'))
    if str(v) != text:
        bad.append([line, str(v)])
print(json.dumps({"checked": len(lines), "bad": bad[:20], "badCount": len(bad)}))
"""#

    @Test func integersMatchPython() throws {
        var rng = SeededGenerator(seed: 42)
        var batch = OracleBatch()
        func add64(_ v: Int64) {
            batch.add("i", hex(withUnsafeBytes(of: v.bigEndian) { Array($0) }), render { TextRendering.appendInteger(v, to: &$0) })
        }
        func addU64(_ v: UInt64) {
            batch.add("u", hex(withUnsafeBytes(of: v.bigEndian) { Array($0) }), render { TextRendering.appendInteger(v, to: &$0) })
        }
        func add32(_ v: Int32) {
            batch.add("i", hex(withUnsafeBytes(of: v.bigEndian) { Array($0) }), render { TextRendering.appendInteger(v, to: &$0) })
        }
        func addU32(_ v: UInt32) {
            batch.add("u", hex(withUnsafeBytes(of: v.bigEndian) { Array($0) }), render { TextRendering.appendInteger(v, to: &$0) })
        }
        for v in [Int64.min, .max, 0, -1, 1, 9, 10, 99, 100, -100, 999_999_999_999_999_999, -1_000_000_000_000_000_000] { add64(v) }
        for v in [UInt64.max, 0, 10_000_000_000_000_000_000, 9_999_999_999_999_999_999] { addU64(v) }
        for v in [Int32.min, .max, 0, -7] { add32(v) }
        for v in [UInt32.max, 0, 1_000_000_000] { addU32(v) }
        for p in 0 ... 19 {  // around every power of ten
            var t: UInt64 = 1
            for _ in 0 ..< p { t &*= 10 }
            for d: UInt64 in [0, 1, 2] where t >= d { addU64(t - d); addU64(t &+ d) }
        }
        for _ in 0 ..< 20_000 {
            let bits = Int.random(in: 1 ... 64, using: &rng)
            let raw = rng.next() >> (64 - bits)
            add64(Int64(bitPattern: raw) * (Bool.random(using: &rng) ? -1 : 1) / 2)
            addU64(raw)
            add32(Int32(truncatingIfNeeded: raw))
            addU32(UInt32(truncatingIfNeeded: raw >> 7))
        }
        let report = try PythonOracle.json(OracleReport.self, Self.oracle, input: batch.bytes)
        #expect(report.checked == batch.count)
        #expect(report.badCount == 0, "\(report.bad)")
    }

    @Test(arguments: [(0 as UInt64, 1, "0"), (7, 2, "07"), (123, 2, "123"), (5, 6, "000005"), (0, 0, "0")])
    func padding(value: UInt64, width: Int, expected: String) {
        #expect(render { TextRendering.appendPadded(value, width: width, to: &$0) } == expected)
    }

    @Test func booleans() {
        #expect(render { TextRendering.appendBool(true, to: &$0) } == "true")
        #expect(render { TextRendering.appendBool(false, to: &$0) } == "false")
    }

    @Test func outputBufferGrowsAndFlushes() {
        var out = OutputBuffer(capacity: 1)
        #expect(out.capacity == 64)
        for i in 0 ..< 10_000 { out.append(UInt8(truncatingIfNeeded: i)) }
        #expect(out.count == 10_000)
        out.withUnsafeBytes { bytes in
            #expect(bytes.enumerated().allSatisfy { $0.element == UInt8(truncatingIfNeeded: $0.offset) })
        }
        var flushed: [UInt8] = []
        #expect(!out.flush(ifAtLeast: 20_000) { flushed += $0 })
        #expect(out.flush(ifAtLeast: 5_000) { flushed += $0 })
        #expect(flushed.count == 10_000 && out.isEmpty)
        out.append(ascii: "abc")
        out.append(contentsOf: [0x64])
        out.removeLast(1)
        #expect(out.string() == "abc")
        out.removeAll()
        #expect(out.copyBytes() == [])
    }
}
