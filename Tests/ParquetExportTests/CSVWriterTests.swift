import Foundation
import Parquet
import Testing
@testable import ParquetExport

@Suite struct CSVWriterTests {
    /// argv: spec path ({"columns", "rows", "delimiter", "nullText", "guard", "crlf"}), output path.
    /// Parses with Python's csv module and compares each cell with the text recomputed from its spec
    /// (nested values and INTERVAL through json.loads); with pyarrow, checks that empty strings and
    /// nulls stay apart (quoted "" vs nothing).
    static let oracle = renderingOraclePrelude + #"""
import csv, io
import pyarrow as pa, pyarrow.csv as pacsv
spec = json.load(open(sys.argv[1]))
raw = open(sys.argv[2], 'rb').read()
text = raw.decode('utf-8')
d, null_text, guard = spec['delimiter'], spec['nullText'], spec['guard']
bad = []
term = '\r\n' if spec['crlf'] else '\n'
if spec['rows'] and not text.endswith(term): bad.append(['terminator'])
rows = list(csv.reader(io.StringIO(text, newline=''), delimiter=d))
if rows[0] != spec['columns']: bad.append(['header', str(rows[0])])
rows = rows[1:]
if len(rows) != len(spec['rows']): bad.append(['row count', str(len(rows))])
for r, (got_row, want_row) in enumerate(zip(rows, spec['rows'])):
    if len(got_row) != len(want_row): bad.append(['width', str(r), str(got_row)[:200]]); continue
    for c, (got, s) in enumerate(zip(got_row, want_row)):
        want = csv_text(s, null_text)
        if s[0] == 'string' and guard and want[:1] in ('=', '+', '-', '@', '\t', '\r'): want = "'" + want
        ok = (json.loads(got) == want) if s[0] in ('list', 'struct', 'interval') and isinstance(want, (list, dict)) else got == want
        if not ok: bad.append(['r%d c%d' % (r, c), str(s)[:100], repr(got)[:100], repr(want)[:100]])
if spec.get('pyarrow'):
    opts = pacsv.ConvertOptions(column_types={n: pa.string() for n in spec['columns']}, strings_can_be_null=True,
                                quoted_strings_can_be_null=False, null_values=[null_text])
    table = pacsv.read_csv(io.BytesIO(raw), parse_options=pacsv.ParseOptions(delimiter=d, newlines_in_values=True), convert_options=opts)
    for c, name in enumerate(spec['columns']):
        for r, value in enumerate(table.column(name).to_pylist()):
            s = spec['rows'][r][c]
            if s[0] == 'null' and value is not None: bad.append(['pyarrow null', str(r), name, repr(value)])
            if s[0] == 'string' and value is None: bad.append(['pyarrow string read as null', str(r), name])
print(json.dumps({"checked": len(spec['rows']), "bad": bad[:20], "badCount": len(bad)}))
"""#

    static func check(
        _ rows: [[SampleValue]], columns: [String], options: CSVOptions, pyarrow: Bool = false
    ) throws -> OracleReport {
        var writer = try CSVWriter(columns: columns, options: options, bufferCapacity: 64)
        var output: [UInt8] = []
        writer.writeHeader()
        for row in rows {
            writer.beginRow()
            for value in row { value.write(to: &writer) }
            writer.endRow()
            writer.buffer.flush(ifAtLeast: 1_000) { output += $0 }
        }
        writer.buffer.flush(ifAtLeast: 0) { output += $0 }
        #expect(writer.rowCount == rows.count)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let spec: [String: Any] = [
            "columns": columns, "rows": rows.map { $0.map(\.spec) }, "delimiter": String(UnicodeScalar(options.delimiter)),
            "nullText": options.nullText, "guard": options.formulaGuard, "crlf": options.lineTerminator == .crlf, "pyarrow": pyarrow,
        ]
        try JSONSerialization.data(withJSONObject: spec).write(to: dir.appendingPathComponent("spec.json"))
        try Data(output).write(to: dir.appendingPathComponent("out.csv"))
        return try PythonOracle.json(OracleReport.self, oracle, arguments: [
            dir.appendingPathComponent("spec.json").path, dir.appendingPathComponent("out.csv").path,
        ])
    }

    @Test func everyValueKindRoundTripsThroughPythonCSV() throws {
        let rows = SampleRows.rows(count: 1_500, seed: 21)
        let report = try Self.check(rows, columns: SampleRows.columns, options: CSVOptions())
        #expect(report.checked == rows.count)
        #expect(report.badCount == 0, "\(report.bad)")
    }

    @Test(arguments: [
        CSVOptions(delimiter: 0x2C, nullText: "", formulaGuard: false),
        CSVOptions(delimiter: 0x3B, nullText: "NULL", formulaGuard: true, lineTerminator: .crlf),
        CSVOptions(delimiter: 0x09, nullText: "\\N", formulaGuard: true),
        CSVOptions(delimiter: 0x7C, nullText: "", formulaGuard: false, lineTerminator: .crlf),
    ])
    func quotingAndFormulaGuard(options: CSVOptions) throws {
        var rng = SeededGenerator(seed: UInt64(options.delimiter))
        let columns = ["text", "with,comma", "quote\"d", "n"]
        var rows: [[SampleValue]] = [[.string([]), .null, .string(Array(options.nullText.utf8)), .int(-5)],
                                     [.string(Array("=1+2".utf8)), .string(Array("-3".utf8)), .string(Array("\t@x".utf8)), .double(-0.5)]]
        for _ in 0 ..< 3_000 {
            rows.append((0 ..< 3).map { _ in Int.random(in: 0 ..< 8, using: &rng) == 0 ? .null : .string(SampleRows.randomText(&rng)) }
                + [.int(Int64.random(in: -9 ... 9, using: &rng))])
        }
        let report = try Self.check(rows, columns: columns, options: options, pyarrow: true)
        #expect(report.checked == rows.count)
        #expect(report.badCount == 0, "\(report.bad)")
    }

    @Test func unusableOptionsAreTypedErrors() {
        for d in Array("\"'.-+:/= \r\na0Z".utf8) + [0, 0xC3] {
            #expect(throws: ParquetError.self) { _ = try CSVWriter(columns: ["a"], options: CSVOptions(delimiter: d)) }
        }
        #expect(throws: ParquetError.self) { _ = try CSVWriter(columns: ["a"], options: CSVOptions(nullText: "a,b")) }
        #expect(throws: ParquetError.self) { _ = try CSVWriter(columns: ["a"], options: CSVOptions(nullText: "\"")) }
    }

    @Test func minimalQuotingRules() throws {
        var writer = try CSVWriter(columns: ["a", "b"], options: CSVOptions(formulaGuard: true))
        writer.writeHeader()
        writer.beginRow()
        Array(" spaced ".utf8).withUnsafeBytes { writer.writeString($0) }
        Array("say \"hi\"\n".utf8).withUnsafeBytes { writer.writeString($0) }
        writer.endRow()
        writer.beginRow()
        writer.writeTimestamp(0, unit: .milliseconds, isAdjustedToUTC: true)
        Array("@x,y".utf8).withUnsafeBytes { writer.writeString($0) }
        writer.endRow()
        #expect(writer.buffer.string() == "a,b\n spaced ,\"say \"\"hi\"\"\n\"\n1970-01-01 00:00:00.000Z,\"'@x,y\"\n")
    }
}
