import Foundation
import Testing
@testable import ParquetExport

@Suite struct BinaryRenderingTests {
    /// Lines `KIND\tHEX\tTEXT` checked against Python's base64, uuid and struct modules.
    static let oracle = #"""
import sys, json, base64, uuid, struct
bad = []
lines = sys.stdin.read().splitlines()
for line in lines:
    kind, h, text = line.split('\t')
    raw = bytes.fromhex(h)
    if kind == 'b64':
        want = base64.b64encode(raw).decode()
        ok = text == want
    elif kind == 'uuid':
        want = str(uuid.UUID(bytes=raw))
        ok = text == want
    else:
        m, d, ms = struct.unpack('<III', raw)
        want = {"months": m, "days": d, "milliseconds": ms}
        ok = json.loads(text) == want and text == json.dumps(want)
    if not ok:
        bad.append([line, str(want)])
print(json.dumps({"checked": len(lines), "bad": bad[:20], "badCount": len(bad)}))
"""#

    @Test func base64UUIDAndIntervalMatchPython() throws {
        var rng = SeededGenerator(seed: 7)
        var batch = OracleBatch()
        for length in 0 ..< 300 {
            let bytes = (0 ..< length).map { _ in UInt8.random(in: 0 ... 255, using: &rng) }
            batch.add("b64", hex(bytes), bytes.withUnsafeBytes { b in render { TextRendering.appendBase64(b, to: &$0) } })
        }
        for _ in 0 ..< 500 {
            let uuid = (0 ..< 16).map { _ in UInt8.random(in: 0 ... 255, using: &rng) }
            batch.add("uuid", hex(uuid), uuid.withUnsafeBytes { b in render { TextRendering.appendUUID(b, to: &$0) } })
            let interval = (0 ..< 12).map { _ in UInt8.random(in: 0 ... 255, using: &rng) }
            batch.add("interval", hex(interval), interval.withUnsafeBytes { b in render { TextRendering.appendInterval(b, to: &$0) } })
        }
        let report = try PythonOracle.json(OracleReport.self, Self.oracle, input: batch.bytes)
        #expect(report.checked == batch.count)
        #expect(report.badCount == 0, "\(report.bad)")
    }

    @Test func wrongLengthsFallBackToBase64() {
        let five: [UInt8] = [1, 2, 3, 4, 5]
        #expect(five.withUnsafeBytes { b in render { TextRendering.appendUUID(b, to: &$0) } } == "AQIDBAU=")
        #expect(five.withUnsafeBytes { b in render { TextRendering.appendInterval(b, to: &$0) } } == "\"AQIDBAU=\"")
    }
}
