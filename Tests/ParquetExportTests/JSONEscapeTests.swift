import Foundation
import Testing
@testable import ParquetExport

@Suite struct JSONEscapeTests {
    /// Lines `RAWHEX\tOURSHEX`: ours must be strict UTF-8, a JSON string per `json.loads`, equal to
    /// `raw.decode('utf-8', errors='replace')`, and only use the escapes RFC 8259 needs.
    static let oracle = #"""
import sys, json
bad = []
lines = sys.stdin.read().splitlines()
for line in lines:
    raw_hex, ours_hex = line.split('\t')
    raw, ours = bytes.fromhex(raw_hex), bytes.fromhex(ours_hex)
    want = raw.decode('utf-8', errors='replace')
    try:
        text = ours.decode('utf-8')
        got = json.loads(text)
        ok = got == want and text == json.dumps(want, ensure_ascii=False).replace('\\u007f', '\x7f')
    except Exception as e:
        ok, got = False, repr(e)
    if not ok:
        bad.append([line, repr(want), repr(got)])
print(json.dumps({"checked": len(lines), "bad": bad[:20], "badCount": len(bad)}))
"""#

    /// Random strings mixing ASCII runs, escapes, valid multi-byte scalars and every kind of ill-formed
    /// sequence (stray continuations, overlongs, surrogates, > U+10FFFF, truncations).
    static func samples() -> [[UInt8]] {
        var rng = SeededGenerator(seed: 0x150)
        let pieces: [[UInt8]] = [
            Array("plain ascii text ".utf8), [0x22], [0x5C], [0x0A], [0x0D], [0x09], [0x08], [0x0C], [0x00], [0x1F], [0x7F],
            Array("é".utf8), Array("€".utf8), Array("😀".utf8), Array("\u{FFFF}".utf8), Array("\u{10FFFF}".utf8),
            Array("\u{2028}".utf8), [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF],
            [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xF0, 0x80, 0x80, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80],
            [0xFF], [0xFE], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xF0, 0x9F], [0xC3], [0xE1, 0x80, 0x41],
        ]
        var out: [[UInt8]] = pieces + [[], Array("0123456789abcdefghij".utf8)]
        for _ in 0 ..< 20_000 {
            var s: [UInt8] = []
            for _ in 0 ..< Int.random(in: 0 ... 12, using: &rng) {
                switch Int.random(in: 0 ..< 4, using: &rng) {
                case 0: s += pieces.randomElement(using: &rng)!
                case 1: s += (0 ..< Int.random(in: 1 ... 20, using: &rng)).map { _ in UInt8.random(in: 0x20 ... 0x7E, using: &rng) }
                case 2: s += (0 ..< Int.random(in: 1 ... 4, using: &rng)).map { _ in UInt8.random(in: 0 ... 255, using: &rng) }
                default:
                    let scalar = UnicodeScalar(UInt32.random(in: 0 ... 0x10FFFF, using: &rng)) ?? "x"
                    s += Array(String(Character(scalar)).utf8)
                }
            }
            out.append(s)
        }
        return out
    }

    @Test func escapedStringsMatchPythonDecodeReplace() throws {
        var batch = OracleBatch()
        for s in Self.samples() {
            let ours = s.withUnsafeBytes { b in
                var out = OutputBuffer(capacity: 16)
                TextRendering.appendJSONString(b, to: &out)
                return out.copyBytes()
            }
            batch.add(s.isEmpty ? "" : hex(s), hex(ours))
        }
        let report = try PythonOracle.json(OracleReport.self, Self.oracle, input: batch.bytes)
        #expect(report.checked == batch.count)
        #expect(report.badCount == 0, "\(report.bad)")
    }

    @Test func longStringsCrossChunkBoundaries() throws {
        // 4096-byte chunks: multi-byte sequences and escapes straddling them must survive.
        var s: [UInt8] = []
        for i in 0 ..< 30_000 { s += i % 7 == 0 ? Array("😀\"".utf8) : [UInt8(0x61 + i % 26)] }
        s += [0xF0, 0x9F]
        let ours = s.withUnsafeBytes { b in render { TextRendering.appendJSONString(b, to: &$0) } }
        let decoded = try JSONSerialization.jsonObject(with: Data(ours.utf8), options: .fragmentsAllowed) as? String
        #expect(decoded == String(decoding: s, as: UTF8.self))
    }

    @Test(arguments: [
        ([0x61, 0x0A, 0x62] as [UInt8], "\"a\\nb\""), ([0x01], "\"\\u0001\""), ([0x22, 0x5C], "\"\\\"\\\\\""),
        ([0xC0, 0xAF], "\"\u{FFFD}\u{FFFD}\""), ([0xE0, 0x80, 0xAF, 0xF0, 0x9F, 0x98], "\"\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\""),
    ])
    func knownEscapes(input: [UInt8], expected: String) {
        #expect(input.withUnsafeBytes { b in render { TextRendering.appendJSONString(b, to: &$0) } } == expected)
    }
}
