import Foundation
import Testing
@testable import ParquetExport

@Suite struct DecimalRenderingTests {
    /// Lines `HEX\tSCALE\tTEXT`: TEXT must be `format(Decimal(unscaled).scaleb(-scale), 'f')` for the
    /// big-endian two's complement HEX, or, beyond ±1000, equal in value with an exponent.
    static let oracle = #"""
import sys, json, decimal
from decimal import Decimal
decimal.getcontext().prec = 5000
decimal.getcontext().Emax = 10**9
decimal.getcontext().Emin = -10**9
bad = []
lines = sys.stdin.read().splitlines()
for line in lines:
    h, scale, text = line.split('\t')
    scale = int(scale)
    v = Decimal(int.from_bytes(bytes.fromhex(h), 'big', signed=True)).scaleb(-scale)
    if abs(scale) <= 1000:
        want = format(v, 'f')
        ok = text == want
    else:
        want = str(v)
        ok = Decimal(text) == v and 'e' in text
    if not ok:
        bad.append([line, want])
print(json.dumps({"checked": len(lines), "bad": bad[:20], "badCount": len(bad)}))
"""#

    @Test func bigEndianAndUnscaledMatchPythonDecimal() throws {
        var rng = SeededGenerator(seed: 0xDEC)
        var batch = OracleBatch()
        func scaleSample() -> Int {
            switch Int.random(in: 0 ..< 10, using: &rng) {
            case 0: 0
            case 1: Int.random(in: -6 ... -1, using: &rng)
            case 2: Int.random(in: 30 ... 120, using: &rng)
            default: Int.random(in: 1 ... 20, using: &rng)
            }
        }
        for _ in 0 ..< 12_000 {
            let length = Int.random(in: 1 ... 40, using: &rng)
            var bytes = (0 ..< length).map { _ in UInt8.random(in: 0 ... 255, using: &rng) }
            if Int.random(in: 0 ..< 4, using: &rng) == 0 {  // small magnitudes in long encodings
                let fill: UInt8 = Bool.random(using: &rng) ? 0xFF : 0
                for i in 0 ..< length - min(length, Int.random(in: 1 ... 3, using: &rng)) { bytes[i] = fill }
            }
            let scale = scaleSample()
            batch.add(hex(bytes), String(scale), bytes.withUnsafeBytes { b in
                render { TextRendering.appendDecimal(bigEndian: b, scale: scale, to: &$0) }
            })
        }
        var special: [[UInt8]] = [[], [0], [0xFF], [0x80] + Array(repeating: 0, count: 15), [0x7F] + Array(repeating: 0xFF, count: 15),
                                  Array(repeating: 0, count: 20), Array(repeating: 0xFF, count: 20), [0x80] + Array(repeating: 0, count: 39)]
        special.append(Array(repeating: 0xFF, count: 9) + [0x80])
        for bytes in special {
            for scale in [0, 1, 2, 5, 38, -3, 1001, -1500] {
                batch.add(bytes.isEmpty ? "00" : hex(bytes), String(scale), bytes.withUnsafeBytes { b in
                    render { TextRendering.appendDecimal(bigEndian: b, scale: scale, to: &$0) }
                })
            }
        }
        for _ in 0 ..< 5_000 {
            let v = Int64(bitPattern: rng.next()) >> Int.random(in: 0 ... 63, using: &rng)
            let scale = scaleSample()
            batch.add(hex(withUnsafeBytes(of: v.bigEndian) { Array($0) }), String(scale),
                      render { TextRendering.appendDecimal(unscaled: v, scale: scale, to: &$0) })
            let w = Int32(truncatingIfNeeded: v)
            batch.add(hex(withUnsafeBytes(of: w.bigEndian) { Array($0) }), String(scale),
                      render { TextRendering.appendDecimal(unscaled: w, scale: scale, to: &$0) })
        }
        for v in [Int64.min, .max, 0, -1, 1] {
            for scale in [0, 2, 18, 19, 20, 25, -2] {
                batch.add(hex(withUnsafeBytes(of: v.bigEndian) { Array($0) }), String(scale),
                          render { TextRendering.appendDecimal(unscaled: v, scale: scale, to: &$0) })
            }
        }
        let report = try PythonOracle.json(OracleReport.self, Self.oracle, input: batch.bytes)
        #expect(report.checked == batch.count)
        #expect(report.badCount == 0, "\(report.bad)")
    }

    @Test func overlongValuesAreNotConverted() {
        let bytes = [UInt8](repeating: 0x7F, count: TextRendering.maxDecimalBytes + 1)
        let text = bytes.withUnsafeBytes { b in render { TextRendering.appendDecimal(bigEndian: b, scale: 2, to: &$0) } }
        #expect(text == "\"" + Data(bytes).base64EncodedString() + "\"")
        let longest = [UInt8](repeating: 0x7F, count: TextRendering.maxDecimalBytes)
        let digits = longest.withUnsafeBytes { b in render { TextRendering.appendDecimal(bigEndian: b, scale: 0, to: &$0) } }
        #expect(digits.count == 617 && digits.allSatisfy(\.isNumber))
    }
}
