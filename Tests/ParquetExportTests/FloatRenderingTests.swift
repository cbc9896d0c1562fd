import Foundation
import Testing
@testable import ParquetExport

@Suite struct FloatRenderingTests {
    /// Python that checks lines `HEX\tTEXT`: TEXT must equal `repr(float)` and read back bit-exactly.
    static let doubleOracle = #"""
import sys, struct, json
bad = []
n = 0
for line in sys.stdin.read().splitlines():
    h, text = line.split('\t')
    v = struct.unpack('>d', bytes.fromhex(h))[0]
    n += 1
    if repr(v) != text or struct.pack('>d', float(text)) != bytes.fromhex(h):
        bad.append([h, text, repr(v)])
print(json.dumps({"checked": n, "bad": bad[:20], "badCount": len(bad)}))
"""#

    static func doubleSamples() -> [Double] {
        var rng = SeededGenerator(seed: 0x5EED_F10A7)
        var values: [Double] = [
            Double(bitPattern: 1), Double(bitPattern: 2), Double(bitPattern: 3), 2.2250738585072014e-308,
            Double(bitPattern: 0x000F_FFFF_FFFF_FFFF), .greatestFiniteMagnitude,
            0.1, 0.2, 0.3, 1.0 / 3.0, 1e15, 1e16, 1e17, 1e22, 1e23, 9_007_199_254_740_992, 9_007_199_254_740_994,
            123_456_789_012_345_680, 0.0001, 0.00001, 0.00012, 1234567890123456.8, 12345678901234568.0,
            2.0, 1.5, 100, 1e100, 1e-100, 4.35, 2.675, 5e-5, 9.999999999999999e15, 9.999999999999998e15,
            1.7976931348623157e308, .leastNonzeroMagnitude, .leastNormalMagnitude, 0.5, 0.25, 1e21, 1e-7,
        ]
        for i in -1074 ... 1023 { values.append(Double(sign: .plus, exponent: i, significand: 1)) }
        for _ in 0 ..< 50_000 {  // uniform bit patterns: every exponent, subnormals included
            let v = Double(bitPattern: rng.next())
            if v.isFinite && v != 0 { values.append(v) }
        }
        for _ in 0 ..< 10_000 {  // subnormals
            let v = Double(bitPattern: rng.next() & ((1 << 52) - 1))
            if v != 0 { values.append(v) }
        }
        for _ in 0 ..< 25_000 {  // "nice" decimals: up to 17 digits times a power of ten
            let digits = Int.random(in: 1 ... 17, using: &rng)
            let mantissa = UInt64.random(in: 1 ..< UInt64(pow(10.0, Double(digits))), using: &rng)
            let exponent = Int.random(in: -30 ... 30, using: &rng)
            if let v = Double("\(mantissa)e\(exponent)") { values.append(v) }
        }
        for _ in 0 ..< 13_000 {  // values around 1 ... 1e16 with few significant bits
            let v = Double(Int64.random(in: -(1 << 40) ... (1 << 40), using: &rng)) / Double(1 << Int.random(in: 0 ... 20, using: &rng))
            if v != 0 { values.append(v) }
        }
        return values.map { Bool.random(using: &rng) ? -$0 : $0 }
    }

    @Test func doublesMatchPythonReprAndRoundTrip() throws {
        let values = Self.doubleSamples()
        #expect(values.count > 100_000)
        var input: [UInt8] = []
        input.reserveCapacity(values.count * 40)
        for v in values {
            let hex = String(v.bitPattern, radix: 16)
            input += Array(String(repeating: "0", count: 16 - hex.count).utf8) + Array(hex.utf8)
            input.append(9)
            input += Array(render { TextRendering.appendDouble(v, nonFinite: .null, to: &$0) }.utf8)
            input.append(10)
        }
        let report = try PythonOracle.json(OracleReport.self, Self.doubleOracle, input: input)
        #expect(report.checked == values.count)
        #expect(report.badCount == 0, "\(report.bad)")
    }

    @Test func zeroesAndNonFinite() {
        #expect(render { TextRendering.appendDouble(0, nonFinite: .null, to: &$0) } == "0.0")
        #expect(render { TextRendering.appendDouble(-0.0, nonFinite: .null, to: &$0) } == "-0.0")
        #expect(render { TextRendering.appendDouble(.nan, nonFinite: .null, to: &$0) } == "null")
        #expect(render { TextRendering.appendDouble(-.infinity, nonFinite: .null, to: &$0) } == "null")
        #expect(render { TextRendering.appendDouble(.nan, nonFinite: .text, to: &$0) } == "nan")
        #expect(render { TextRendering.appendDouble(-.nan, nonFinite: .text, to: &$0) } == "nan")
        #expect(render { TextRendering.appendDouble(.infinity, nonFinite: .text, to: &$0) } == "inf")
        #expect(render { TextRendering.appendDouble(-.infinity, nonFinite: .text, to: &$0) } == "-inf")
        #expect(render { TextRendering.appendFloat(-.infinity, nonFinite: .text, to: &$0) } == "-inf")
        #expect(render { TextRendering.appendFloat(-0.0, nonFinite: .text, to: &$0) } == "-0.0")
        #expect(render { TextRendering.appendFloat16(bits: 0x7E00, nonFinite: .text, to: &$0) } == "nan")
        #expect(render { TextRendering.appendFloat16(bits: 0xFC00, nonFinite: .text, to: &$0) } == "-inf")
        #expect(render { TextRendering.appendFloat16(bits: 0x8000, nonFinite: .null, to: &$0) } == "-0.0")
        #expect(render { TextRendering.appendFloat16(bits: 0x7C00, nonFinite: .null, to: &$0) } == "null")
    }

    /// Python that checks lines `BITSHEX\tTEXT` for a narrow format (numpy dtype in argv[1]): the decimal
    /// value of TEXT equals numpy's shortest unique digits (`format_float_scientific(unique=True)`), TEXT
    /// rounds back exactly (checked with rationals, no double rounding), and TEXT is laid out like
    /// Python's repr of the same digits (numpy's own layout switches to exponents at other magnitudes).
    static let narrowOracle = #"""
import sys, json, numpy as np
from decimal import Decimal
from fractions import Fraction
dt = np.dtype(sys.argv[1])
lines = sys.stdin.read().splitlines()
bits = np.array([int(l.split('\t')[0], 16) for l in lines], dtype=np.uint16 if dt.itemsize == 2 else np.uint32)
xs = bits.view(dt)
ups = np.nextafter(xs, dt.type(np.inf))
downs = np.nextafter(xs, dt.type(-np.inf))
bad = []
for x, up, down, line in zip(xs, ups, downs, lines):
    text = line.split('\t')[1]
    ours = Decimal(text)
    theirs = Decimal(np.format_float_scientific(x, unique=True))
    fx = Fraction(float(x))
    hi = (fx + Fraction(float(up))) / 2 if np.isfinite(up) else fx + (fx - Fraction(float(down))) / 2
    lo = (fx + Fraction(float(down))) / 2 if np.isfinite(down) else fx - (Fraction(float(up)) - fx) / 2
    v = Fraction(ours)
    even = (int(np.array(x).view(bits.dtype)) & 1) == 0
    inside = lo < v < hi or (even and (v == lo or v == hi))
    if ours != theirs or not inside:
        bad.append([line, str(theirs), str(inside)])
    elif repr(float(ours)) != text:  # <= 9 significant digits: repr(float) has exactly these digits
        bad.append([line, "layout " + repr(float(ours)), str(inside)])
print(json.dumps({"checked": len(lines), "bad": bad[:20], "badCount": len(bad)}))
"""#

    @Test func everyFloat16MatchesNumpy() throws {
        var input: [UInt8] = []
        var count = 0
        for bits in UInt16.min ... UInt16.max where bits & 0x7C00 != 0x7C00 && bits & 0x7FFF != 0 {
            input += Array(String(bits, radix: 16).utf8)
            input.append(9)
            input += Array(render { TextRendering.appendFloat16(bits: bits, nonFinite: .null, to: &$0) }.utf8)
            input.append(10)
            count += 1
        }
        let report = try PythonOracle.json(OracleReport.self, Self.narrowOracle, input: input, arguments: ["float16"])
        #expect(report.checked == count)
        #expect(report.badCount == 0, "\(report.bad)")
    }

    @Test func floatsMatchNumpyShortest() throws {
        var rng = SeededGenerator(seed: 0xF1_0A7)
        var values: [Float] = [0.1, 0.2, 1.0 / 3.0, 16_777_216, 16_777_218, 3.4028235e38, 1.1754944e-38, Float(bitPattern: 1), Float(bitPattern: 2),
                               1e10, 1e16, 1e-4, 9.999999e-5, 123456.7, 8.589973e9, 2.0, 0.5]
        for i in -149 ... 127 { values.append(Float(sign: .plus, exponent: i, significand: 1)) }
        for _ in 0 ..< 60_000 {
            let v = Float(bitPattern: UInt32(truncatingIfNeeded: rng.next()))
            if v.isFinite && v != 0 { values.append(v) }
        }
        for _ in 0 ..< 40_000 {
            let digits = Int.random(in: 1 ... 9, using: &rng)
            let mantissa = Int.random(in: 1 ..< Int(pow(10.0, Double(digits))), using: &rng)
            if let v = Float("\(mantissa)e\(Int.random(in: -40 ... 35, using: &rng))"), v.isFinite, v != 0 { values.append(v) }
        }
        var input: [UInt8] = []
        for v in values {
            input += Array(String(v.bitPattern, radix: 16).utf8)
            input.append(9)
            let text = render { TextRendering.appendFloat(v, nonFinite: .null, to: &$0) }
            #expect(Float(text)?.bitPattern == v.bitPattern, "\(text) does not read back as \(v)")
            input += Array(text.utf8)
            input.append(10)
        }
        let report = try PythonOracle.json(OracleReport.self, Self.narrowOracle, input: input, arguments: ["float32"])
        #expect(report.checked == values.count)
        #expect(report.badCount == 0, "\(report.bad)")
    }

    @Test func tableMatchesExactPowersOfTen() throws {
        let script = #"""
from fractions import Fraction
import math, json
out = []
for k in range(-324, 293):
    r = ((-k * 913124641741) >> 38) - 125
    g = math.floor(Fraction(10) ** (-k) / Fraction(2) ** r) + 1
    out.append([str(g >> 63), str(g & ((1 << 63) - 1))])
print(json.dumps(out))
"""#
        let expected = try PythonOracle.json([[String]].self, script)
        let table = shortestDecimalPowersOfTen
        #expect(expected.count * 2 == table.count)
        for (i, pair) in expected.enumerated() {
            #expect(UInt64(pair[0]) == table[2 * i] && UInt64(pair[1]) == table[2 * i + 1], "entry \(i)")
        }
    }
}
