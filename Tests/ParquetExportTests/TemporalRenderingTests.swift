import Foundation
import Parquet
import Testing
@testable import ParquetExport

@Suite struct TemporalRenderingTests {
    /// Lines `KIND\tA\tB\tC\tTEXT` checked against numpy datetime64 (any year) and Python datetime:
    /// the calendar fields must agree, years 0001…9999 must print exactly like numpy, other years in
    /// ISO 8601 expanded form (sign, at least 6 digits).
    static let oracle = #"""
import sys, json, re, datetime
import numpy as np
from openpyxl.utils.datetime import to_excel
DAY = 86400 * 10**9
pat = re.compile(r'^([+-]?\d+)-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d):(\d\d)\.(\d+))?(Z?)$')
def fields(s):
    m = pat.match(s)
    return None if m is None else (int(m.group(1)),) + m.groups()[1:7]
def year_ok(s):
    m = pat.match(s)
    if m is None: return False
    y = m.group(1)
    v = int(y)
    return (len(y) == 4 and y[0] not in '+-') if 1 <= v <= 9999 else (y[0] in '+-' and len(y) >= 7)
bad = []
lines = sys.stdin.read().splitlines()
for line in lines:
    kind, a, b, c, text = line.split('\t')
    ok = True
    if kind == 'date':
        want = str(np.datetime64(int(a), 'D'))
        ok = fields(text) == fields(want) and year_ok(text) and (not 1 <= fields(text)[0] <= 9999 or text == want)
    elif kind == 'ts':
        want = str(np.datetime64(int(a), b))
        sep, z = c[0], c[1:]
        body = text[:-1] if z == 'Z' else text
        ok = (text.endswith('Z') == (z == 'Z')) and fields(body) == fields(want) and year_ok(body) \
            and body[len(body) - len(want.split('T')[1]) - 1] == sep \
            and (not 1 <= fields(body)[0] <= 9999 or body == want.replace('T', sep))
    elif kind == 'int96':
        jd, nanos = int(a), int(b)
        days = jd - 2440588 + nanos // DAY
        frac = nanos % DAY
        want = str(np.datetime64(days * 86400 + frac // 10**9, 's')) + '.%09d' % (frac % 10**9)
        ok = fields(text) == fields(want) and year_ok(text) and (not 1 <= fields(text)[0] <= 9999 or text == want)
    elif kind == 'time':
        v, per = int(a), {'ms': 10**3, 'us': 10**6, 'ns': 10**9}[b]
        sign = '-' if v < 0 else ''
        v = abs(v)
        s, f = divmod(v, per)
        want = '%s%02d:%02d:%02d.%0*d' % (sign, s // 3600, s // 60 % 60, s % 60, len(str(per)) - 1, f)
        ok = text == want
    elif kind == 'excel':
        days, nanos = int(a), int(b)
        try:
            dt = datetime.datetime(1970, 1, 1) + datetime.timedelta(days=days, microseconds=nanos // 1000)
            want = to_excel(dt) if dt.year >= 1900 else None
        except OverflowError:
            want = None
        ok = (text == 'none') if want is None else (text != 'none' and abs(float(text) - want) <= 1e-9 * max(1, abs(want)))
    if not ok:
        bad.append([line, str(want)])
print(json.dumps({"checked": len(lines), "bad": bad[:20], "badCount": len(bad)}))
"""#

    static func unitName(_ unit: ParquetExport.TimeUnit) -> String {
        switch unit {
        case .milliseconds: "ms"
        case .microseconds: "us"
        case .nanoseconds: "ns"
        }
    }

    @Test func datesTimesTimestampsAndInt96MatchNumpy() throws {
        var rng = SeededGenerator(seed: 0xDA7E)
        var batch = OracleBatch()
        func addDate(_ days: Int32) {
            batch.add("date", String(days), "", "", render { TextRendering.appendDate(days: days, to: &$0) })
        }
        for d: Int32 in [0, -1, 1, -719_162, -719_163, 2_932_896, 2_932_897, -25_567, .max, .min, -735_000, 11_016, 10_957] { addDate(d) }
        for _ in 0 ..< 4_000 {
            addDate(Int32.random(in: -800_000 ... 3_000_000, using: &rng))  // around 0001…9999
            addDate(Int32(truncatingIfNeeded: rng.next()))  // anywhere
        }
        let units: [ParquetExport.TimeUnit] = [.milliseconds, .microseconds, .nanoseconds]
        for unit in units {
            let perDay = unit.perSecond * 86_400
            func addTimestamp(_ v: Int64) {
                let utc = Bool.random(using: &rng)
                let separator: UInt8 = Bool.random(using: &rng) ? 0x54 : 0x20
                let text = render { TextRendering.appendTimestamp(v, unit: unit, isAdjustedToUTC: utc, separator: separator, to: &$0) }
                batch.add("ts", String(v), Self.unitName(unit), String(UnicodeScalar(separator)) + (utc ? "Z" : ""), text)
            }
            let lastSecond = min(253_402_300_799, Int64.max / unit.perSecond - 1)  // 9999-12-31T23:59:59
            let firstSecond = max(-62_135_596_800, Int64.min / unit.perSecond + 1)  // 0001-01-01
            for v: Int64 in [0, -1, 1, perDay - 1, -perDay, -perDay + 1, .max, .min + 1, lastSecond * unit.perSecond, firstSecond * unit.perSecond] {
                addTimestamp(v)
            }
            for _ in 0 ..< 3_000 {
                addTimestamp(Int64.random(in: firstSecond ... lastSecond, using: &rng) * unit.perSecond
                    + Int64.random(in: 0 ..< unit.perSecond, using: &rng))
                let any = Int64(bitPattern: rng.next())
                addTimestamp(any == .min ? 0 : any)  // Int64.min is numpy's NaT
            }
            func addTime(_ v: Int64) {
                batch.add("time", String(v), Self.unitName(unit), "", render { TextRendering.appendTime(v, unit: unit, to: &$0) })
            }
            for v: Int64 in [0, perDay - 1, 1, perDay, -1, perDay * 3 + 5] { addTime(v) }
            for _ in 0 ..< 2_000 { addTime(Int64.random(in: 0 ..< perDay, using: &rng)) }
        }
        let perDay: Int64 = 86_400_000_000_000
        func addInt96(julianDay: Int32, nanos: Int64) {
            let value = Int96(low: UInt64(bitPattern: nanos), high: UInt32(bitPattern: julianDay))
            batch.add("int96", String(julianDay), String(nanos), "", render { TextRendering.appendInt96Timestamp(value, to: &$0) })
        }
        addInt96(julianDay: 2_440_588, nanos: 0)
        addInt96(julianDay: 2_440_588 + 105_204_000, nanos: perDay - 1)  // around +290000
        addInt96(julianDay: .max, nanos: perDay - 1)
        addInt96(julianDay: .min, nanos: 0)
        addInt96(julianDay: 1_705_426, nanos: 12_345)  // -44-03-15 (Julian calendar Ides) in proleptic Gregorian
        for _ in 0 ..< 3_000 {
            addInt96(julianDay: Int32(truncatingIfNeeded: rng.next()), nanos: Int64.random(in: 0 ..< perDay, using: &rng))
            addInt96(julianDay: Int32.random(in: 1_721_426 ... 5_373_484, using: &rng), nanos: Int64.random(in: 0 ..< perDay, using: &rng))
            addInt96(julianDay: Int32.random(in: -1_000_000 ... 10_000_000, using: &rng), nanos: Int64.random(in: -3 * perDay ... 3 * perDay, using: &rng))
        }
        func addExcel(_ days: Int64, _ nanos: Int64) {
            let serial = TextRendering.excelSerial(daysSinceEpoch: days, fractionOfDay: Double(nanos) / Double(perDay))
            batch.add("excel", String(days), String(nanos), "", serial.map { "\($0)" } ?? "none")
        }
        for d: Int64 in [-25_567, -25_568, -25_509, -25_508, -25_507, 2_932_896, 2_932_897, 0, -800_000] { addExcel(d, 0); addExcel(d, perDay / 3) }
        for _ in 0 ..< 2_000 {
            addExcel(Int64.random(in: -26_000 ... 2_933_000, using: &rng), Int64.random(in: 0 ..< perDay, using: &rng) / 1000 * 1000)
        }
        let report = try PythonOracle.json(OracleReport.self, Self.oracle, input: batch.bytes)
        #expect(report.checked == batch.count)
        #expect(report.badCount == 0, "\(report.bad)")
    }

    @Test func expandedYearsAndSuffixes() {
        // +290000-12-31 from INT96 (julian day of 290000-12-31), and the documented year-0 form.
        let julian: Int32 = 2_440_588 + 105_203_722
        let text = render { TextRendering.appendInt96Timestamp(Int96(low: 1, high: UInt32(bitPattern: julian)), to: &$0) }
        #expect(text.hasPrefix("+") && text.hasSuffix("T00:00:00.000000001"))
        #expect(render { TextRendering.appendDate(daysSinceEpoch: -719_528, to: &$0) } == "+000000-01-01")
        #expect(render { TextRendering.appendDate(daysSinceEpoch: -719_529, to: &$0) } == "-000001-12-31")
        #expect(render { TextRendering.appendTimestamp(-1, unit: .milliseconds, isAdjustedToUTC: true, to: &$0) } == "1969-12-31T23:59:59.999Z")
        #expect(render { TextRendering.appendTimestamp(0, unit: .microseconds, isAdjustedToUTC: false, separator: 0x20, to: &$0) } == "1970-01-01 00:00:00.000000")
        #expect(render { TextRendering.appendTime(-1, unit: .milliseconds, to: &$0) } == "-00:00:00.001")
        #expect(TextRendering.excelSerial(timestamp: 86_400_000 * 3 / 2, unit: .milliseconds) == 25_570.5)
        #expect(TextRendering.excelSerial(timestamp: .min, unit: .nanoseconds) == nil)
    }
}
