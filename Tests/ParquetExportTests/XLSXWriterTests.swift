import Foundation
import Parquet
import Testing
@testable import ParquetExport

@Suite struct XLSXWriterTests {
    static func columnNames(_ count: Int) -> [String] { (0 ..< count).map { "col_\($0)_ü" } }

    /// Every cell type, > 26 columns, unicode, forbidden characters, over-long cells.
    static func sampleRows() -> [[SampleValue]] {
        let long = [UInt8](repeating: 0x61, count: 40_000)
        let emoji = Array(String(repeating: "😀", count: 16_400).utf8)  // 32,800 UTF-16 units
        var forbidden = Array("tab\tnl\ncr\rnul".utf8)
        forbidden += [0x00, 0x01, 0x0B, 0x1F, 0x41] + Array("\u{FFFE}\u{FFFF}".utf8) + [0xFF, 0x42]
        let uuid: [UInt8] = Array(0 ..< 16)
        let interval: [UInt8] = [1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0]
        let first: [SampleValue] = [
            .bool(true), .int(-1234567890123), .uint(18_446_744_073_709_551_615), .double(0.1), .float(0.1),
            .half(0x3C00), .decimal(12345, scale: 2), .decimalBytes([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x85], scale: 3),
            .string(Array("Grüße, 世界 & <tags> \"quoted\"".utf8)), .string(forbidden), .string(long), .binary([0, 1, 2, 250]),
            .uuid(uuid), .interval(interval), .date(19_000), .time(45_296_789_000, .microseconds),
            .timestamp(1_700_000_000_123, .milliseconds, utc: true), .int96(julianDay: 2_460_000, nanos: 3_600_000_000_123),
            .nested(isList: true, items: [(nil, .int(1)), (nil, .null), (nil, .string(Array("x".utf8)))]),
            .nested(isList: false, items: [("a", .double(.nan)), ("map:k\"ey", .nested(isList: true, items: []))]),
            .date(-1_000_000), .double(.nan), .string(Array("_x0041_ literal".utf8)), .string(emoji),
            .double(-.infinity), .timestamp(-2_208_988_800_000_000 + 86_400_000_000 * 59 + 1, .microseconds, utc: false),
            .int(0), .int(Int64.min), .double(1e300), .decimal(-1, scale: 0), .string(Array("  padded\t".utf8)),
            .string(Array("\nlead".utf8)),
        ]
        let second = [SampleValue](repeating: .null, count: first.count)
        var third = first
        third[0] = .bool(false)
        third[3] = .double(-2.5e-10)
        third[8] = .string([])
        third[14] = .date(-25_567)  // 1900-01-01
        third[15] = .time(0, .milliseconds)
        third[16] = .timestamp(-1, .nanoseconds, utc: false)
        return [first, second, third]
    }

    /// argv: xlsx path, spec path ({"columns": [...], "rows": [[spec...]], "sheets": [...]}).
    /// Reads with openpyxl (read-only and full), python-calamine and zipfile, and compares with
    /// values recomputed from the specs: Excel serials as datetimes (openpyxl rounds to ms), text with
    /// forbidden characters removed and cut at 32,767 UTF-16 units.
    static let oracle = renderingOraclePrelude + #"""
import zipfile, math, openpyxl
from openpyxl.utils.escape import unescape
from python_calamine import CalamineWorkbook
path, spec_path = sys.argv[1], sys.argv[2]
spec = json.load(open(spec_path))
bad = []
with zipfile.ZipFile(path) as z:
    if z.testzip() is not None: bad.append(['testzip'])
FORBIDDEN = re.compile('[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]')
def cell_text(s):
    s = FORBIDDEN.sub('', s)
    out, units = [], 0
    for ch in s:
        w = 2 if ord(ch) > 0xFFFF else 1
        if units + w > 32767: break
        out.append(ch); units += w
    return ''.join(out)
EPOCH = datetime.datetime(1970, 1, 1)
def excel_dt(days, nanos):
    try:
        dt = EPOCH + datetime.timedelta(days=days, microseconds=nanos // 1000)
    except OverflowError:
        return None
    return dt if dt.year >= 1900 else None
def expected(s):
    """(kind, value) as an XLSX reader should see it."""
    k = s[0]
    if k == 'null': return ('none', None)
    if k == 'bool': return ('bool', s[1])
    if k == 'int': return ('num', int(s[1]))
    if k in ('double', 'float', 'half'):
        v = {'double': f64, 'float': f32, 'half': f16}[k](s[1])
        if not np.isfinite(v): return ('str', 'nan' if v != v else ('inf' if v > 0 else '-inf'))
        return ('num', float(json_value(s)))
    if k in ('decimal', 'decimalBytes'): return ('num', json_value(s))
    if k in ('string', 'binary', 'uuid'): return ('str', cell_text(json_value(s)))
    if k in ('interval', 'list', 'struct'): return ('json', json_value(s))
    if k == 'date':
        dt = excel_dt(s[1], 0)
        return ('date', dt) if dt else ('str', date_text(s[1]))
    if k == 'time':
        per = {'ms': 10**3, 'us': 10**6, 'ns': 10**9}[s[2]]
        return ('time', int(s[1]) * 10**9 // per)
    if k == 'timestamp':
        per = {'ms': 10**3, 'us': 10**6, 'ns': 10**9}[s[2]]
        days, rest = divmod(int(s[1]), per * 86400)
        dt = excel_dt(days, rest * 10**9 // per)
        return ('date', dt) if dt else ('str', ts_text(int(s[1]), s[2], s[3], 'T'))
    if k == 'int96':
        days = s[1] - 2440588 + int(s[2]) // DAY
        dt = excel_dt(days, int(s[2]) % DAY)
        return ('date', dt) if dt else ('str', int96_text(s[1], int(s[2]), 'T'))
    raise ValueError(k)
def same(kind, want, got, reader):
    if kind == 'none': return got is None or got == ''
    if kind == 'bool': return got is want
    if kind == 'num':
        if isinstance(got, bool) or not isinstance(got, (int, float)): return False
        if reader == 'openpyxl' and isinstance(want, int): return got == want and isinstance(got, int)
        return math.isclose(float(got), float(want), rel_tol=1e-15, abs_tol=0)
    if kind == 'str':
        return isinstance(got, str) and (unescape(got) if reader == 'openpyxl' else got) == want
    if kind == 'json': return isinstance(got, str) and json.loads(got) == want
    if kind == 'date':
        if isinstance(got, datetime.datetime): return abs((got - want).total_seconds()) <= 0.001
        if isinstance(got, datetime.date):  # calamine rounds to whole milliseconds, possibly up to midnight
            return abs((datetime.datetime.combine(got, datetime.time()) - want).total_seconds()) <= 0.001
        return False
    if kind == 'time':
        if isinstance(got, datetime.time):
            ns = ((got.hour * 60 + got.minute) * 60 + got.second) * 10**9 + got.microsecond * 1000
        elif isinstance(got, datetime.timedelta):
            ns = round(got.total_seconds() * 10**9)
        elif isinstance(got, datetime.datetime) and got.date() in (datetime.date(1899, 12, 30), datetime.date(1899, 12, 31)):
            ns = ((got.hour * 60 + got.minute) * 60 + got.second) * 10**9 + got.microsecond * 1000
        else:
            return False
        return abs(ns - want) <= 10**6
    return False
def check(reader, sheets):
    names = list(sheets)
    if names != spec['sheets']: bad.append([reader, 'sheet names', str(names)])
    data_rows = []
    for name in [n for n in names if n.startswith('Sheet')]:
        rows = sheets[name]
        if spec['header']:
            if list(rows[0])[:len(spec['columns'])] != spec['columns']: bad.append([reader, 'header', name, str(rows[0])[:200]])
            rows = rows[1:]
        data_rows += rows
    if len(data_rows) != len(spec['rows']): bad.append([reader, 'row count', str(len(data_rows))])
    for r, (row, want_row) in enumerate(zip(data_rows, spec['rows'])):
        row = list(row) + [None] * (len(want_row) - len(row))
        for c, (got, s) in enumerate(zip(row, want_row)):
            kind, want = expected(s)
            if not same(kind, want, got, reader):
                bad.append([reader, 'r%d c%d' % (r, c), str(s)[:80], repr(got)[:120], repr(want)[:120]])
    for name, want_rows in spec.get('extra', {}).items():
        got = [list(x) for x in sheets.get(name, [])]
        if [[v for v in row] for row in got] != want_rows: bad.append([reader, 'extra sheet', name, str(got)[:200]])
wb = openpyxl.load_workbook(path, read_only=True)
check('openpyxl', {ws.title: [tuple(c for c in row) for row in ws.iter_rows(values_only=True)] for ws in wb.worksheets})
cal = CalamineWorkbook.from_path(path)
check('calamine', {n: cal.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in cal.sheet_names})
if spec.get('styles'):
    full = openpyxl.load_workbook(path)
    ws = full['Sheet1']
    if spec['header'] and not ws.cell(1, 1).font.b: bad.append(['style', 'header not bold'])
    for col, fmt in spec['styles']:
        if ws.cell(2, col + 1).number_format != fmt: bad.append(['style', str(col), ws.cell(2, col + 1).number_format])
print(json.dumps({"checked": len(spec['rows']), "bad": bad[:30], "badCount": len(bad)}))
"""#

    /// Writes `rows` with `options`, checks the workbook with the Python readers, returns the writer's
    /// truncation count and sheet count.
    static func writeAndCheck(
        _ rows: [[SampleValue]], columns: [String], options: XLSXOptions, extra: [XLSXStringSheet] = [],
        styles: [(Int, String)] = []
    ) throws -> (report: OracleReport, truncated: Int, sheets: Int, bytes: Int) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("out.xlsx").path
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        var writer = try XLSXWriter(columns: columns, options: options, fileDescriptor: handle.fileDescriptor)
        try writeRows(rows, to: &writer)
        try writer.finish(extraSheets: extra)
        try handle.close()
        let sheetNames = (1 ... writer.sheetCount - extra.count).map { "Sheet\($0)" } + extra.map(\.name)
        var extraRows: [String: [[String]]] = [:]
        for sheet in extra { extraRows[sheet.name] = sheet.rows }
        let spec: [String: Any] = [
            "columns": columns, "rows": rows.map { $0.map(\.spec) }, "sheets": sheetNames, "header": options.includeHeader,
            "extra": extraRows, "styles": styles.map { [$0.0, $0.1] },
        ]
        let specPath = dir.appendingPathComponent("spec.json").path
        try JSONSerialization.data(withJSONObject: spec).write(to: URL(fileURLWithPath: specPath))
        let report = try PythonOracle.json(OracleReport.self, oracle, arguments: [path, specPath])
        return (report, writer.truncatedCellCount, writer.sheetCount, Int(writer.bytesWritten))
    }

    @Test func everyCellTypeReadsBackInOpenpyxlAndCalamine() throws {
        let rows = Self.sampleRows()
        let result = try Self.writeAndCheck(
            rows, columns: Self.columnNames(rows[0].count), options: XLSXOptions(),
            extra: [XLSXStringSheet(name: "Schema", rows: [["name", "type"], ["col_0_ü", "BOOLEAN"], ["x", "<&>"]])],
            styles: [(14, "yyyy-mm-dd"), (16, "yyyy-mm-dd hh:mm:ss.000"), (15, "hh:mm:ss.000")])
        #expect(result.report.checked == 3)
        #expect(result.report.badCount == 0, "\(result.report.bad)")
        #expect(result.truncated == 4)  // two 40,000-char strings and two 32,800-unit emoji strings
        #expect(result.sheets == 2)
    }

    @Test func rowsContinueOnNewSheetsWithTheHeaderRepeated() throws {
        var rng = SeededGenerator(seed: 0x5EE7)
        let rows: [[SampleValue]] = (0 ..< 23).map { i in
            [.int(Int64(i)), .string(Array("row \(i)".utf8)), .double(Double(rng.next() >> 11) / 1e6)]
        }
        let split = try Self.writeAndCheck(rows, columns: ["i", "s", "d"], options: XLSXOptions(maxRowsPerSheet: 5))
        #expect(split.sheets == 6)  // 4 data rows per sheet
        #expect(split.report.badCount == 0, "\(split.report.bad)")
        let noHeader = try Self.writeAndCheck(
            rows, columns: ["i", "s", "d"], options: XLSXOptions(includeHeader: false, maxRowsPerSheet: 10, backgroundCompression: false))
        #expect(noHeader.sheets == 3)
        #expect(noHeader.report.badCount == 0, "\(noHeader.report.bad)")
    }

    @Test func emptyTableStillHasAHeaderSheet() throws {
        let result = try Self.writeAndCheck([], columns: ["a", "b"], options: XLSXOptions())
        #expect(result.sheets == 1)
        #expect(result.report.badCount == 0, "\(result.report.bad)")
    }

    @Test func badOptionsAndSheetNamesAreTypedErrors() throws {
        #expect(throws: ParquetError.self) { _ = try XLSXWriter(columns: ["a"], options: XLSXOptions(maxRowsPerSheet: 1)) { _ in } }
        #expect(throws: ParquetError.self) { _ = try XLSXWriter(columns: ["a"], options: XLSXOptions(maxRowsPerSheet: 2_000_000)) { _ in } }
        #expect(throws: ParquetError.self) { _ = try XLSXWriter(columns: Array(repeating: "c", count: 16_385)) { _ in } }
        for name in ["Sheet1", "a/b", "", String(repeating: "x", count: 32), "'quoted'"] {
            var writer = try XLSXWriter(columns: ["a"]) { _ in }
            #expect(throws: ParquetError.self) { try writer.finish(extraSheets: [XLSXStringSheet(name: name, rows: [])]) }
        }
    }

    @Test(arguments: [true, false])
    func sinkFailuresSurfaceAsTypedErrors(background: Bool) throws {
        struct DiskFull: Error {}
        final class Budget: @unchecked Sendable { var left = 200_000 }
        let budget = Budget()
        var writer = try XLSXWriter(columns: ["n", "s"], options: XLSXOptions(compressionLevel: 0, backgroundCompression: background)) { bytes in
            budget.left -= bytes.count
            if budget.left < 0 { throw DiskFull() }
        }
        var caught: ParquetError?
        do {
            for i in 0 ..< 200_000 {
                try writer.beginRow()
                writer.writeInt(Int64(i))
                Array("some text \(i)".utf8).withUnsafeBytes { writer.writeString($0) }
                try writer.endRow()
            }
            try writer.finish()
        } catch {
            caught = error
        }
        #expect(caught?.code == .io)
    }

    @Test func droppedUnfinishedWriterStopsItsThread() throws {
        for _ in 0 ..< 20 {
            var writer = try XLSXWriter(columns: ["a"]) { _ in }
            try writer.beginRow()
            writer.writeBool(true)
            try writer.endRow()
        }  // each deinit aborts and joins its compression thread
    }

    @Test func columnLetters() {
        let names = [0, 25, 26, 51, 52, 701, 702, 16_383].map { String(decoding: XLSXWriter.columnName($0), as: UTF8.self) }
        #expect(names == ["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA", "XFD"])
    }

    /// The real limit: 1,048,576 rows (header included) in Sheet1, the rest in Sheet2.
    @Test func moreThanExcelsRowLimit() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xlsx-big-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("big.xlsx").path
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        var writer = try XLSXWriter(columns: ["n"], fileDescriptor: handle.fileDescriptor)
        let total = 1_048_580
        for i in 0 ..< total {
            try writer.beginRow()
            writer.writeInt(Int64(i))
            try writer.endRow()
        }
        try writer.finish()
        try handle.close()
        #expect(writer.sheetCount == 2 && writer.rowCount == total)
        let script = #"""
import sys, zipfile, re, json
z = zipfile.ZipFile(sys.argv[1])
out = {}
for name in ['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml']:
    xml = z.read(name)
    rows = re.findall(rb'<row r="(\d+)">', xml)
    values = re.findall(rb'<v>(\d+)</v>', xml)
    out[name] = [len(rows), int(rows[0]), xml.count(b't="inlineStr"'), int(values[0]), int(rows[-1]), int(values[-1])]
out['testzip'] = [z.testzip()]
print(json.dumps(out))
"""#
        let summary = try PythonOracle.json([String: [Int?]].self, script, arguments: [path])
        // Sheet1: header + 1,048,575 values 0…1,048,574; Sheet2: header + values 1,048,575…1,048,579.
        #expect(summary["xl/worksheets/sheet1.xml"] == [1_048_576, 1, 1, 0, 1_048_576, 1_048_574])
        #expect(summary["xl/worksheets/sheet2.xml"] == [6, 1, 1, 1_048_575, 6, 1_048_579])
        #expect(summary["testzip"] == [nil])
    }
}
