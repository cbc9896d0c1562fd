import Foundation
import Parquet
import Testing
@testable import ParquetExport

@Suite struct JSONWriterTests {
    /// argv: spec path ({"columns", "rows", "style"}), output path. Parses the output strictly
    /// (`json.loads`, numbers as Decimal) and compares every member with the value recomputed from its
    /// spec: keys in column order, floats equal, decimals with exactly their scale digits, NaN → null.
    static let oracle = renderingOraclePrelude + #"""
spec = json.load(open(sys.argv[1]))
raw = open(sys.argv[2], 'rb').read()
text = raw.decode('utf-8')
bad = []
def load(s): return json.loads(s, parse_float=Decimal)
if spec['style'] == 'array':
    if not text.endswith('\n'): bad.append(['no final newline'])
    doc = load(text)
    rows = doc['rows'] if 'rows' in spec.get('wrapped', '') and isinstance(doc, dict) else doc
else:
    lines = text.split('\n')
    if lines[-1] != '': bad.append(['ndjson must end with a newline'])
    rows = [load(l) for l in lines[:-1]]
def same(got, want):
    if isinstance(want, bool) or want is None: return got is want
    if isinstance(want, float): return isinstance(got, Decimal) and float(got) == want
    if isinstance(want, Decimal): return isinstance(got, (Decimal, int)) and str(got) == str(want)
    if isinstance(want, int): return type(got) is int and got == want
    if isinstance(want, str): return got == want
    if isinstance(want, list): return isinstance(got, list) and len(got) == len(want) and all(same(g, w) for g, w in zip(got, want))
    if isinstance(want, dict):
        return isinstance(got, dict) and list(got) == list(want) and all(same(got[k], want[k]) for k in want)
    return False
def expected(s):
    k = s[0]
    if k in ('double', 'float', 'half'):
        v = json_value(s)
        return None if v is None else float(v)
    if k == 'list': return [expected(v) for _, v in s[1]]
    if k == 'struct': return {(key[4:] if key.startswith('map:') else key): expected(v) for key, v in s[1]}
    return json_value(s)
if len(rows) != len(spec['rows']): bad.append(['row count', str(len(rows))])
for r, (got, want_row) in enumerate(zip(rows, spec['rows'])):
    if list(got) != spec['columns']: bad.append(['keys', str(r), str(list(got))])
    for name, s in zip(spec['columns'], want_row):
        want = expected(s)
        if not same(got.get(name), want): bad.append(['r%d %s' % (r, name), str(s)[:100], repr(got.get(name))[:100], repr(want)[:100]])
print(json.dumps({"checked": len(spec['rows']), "bad": bad[:20], "badCount": len(bad)}))
"""#

    static func check(_ rows: [[SampleValue]], style: JSONWriter.Style, wrapped: Bool = false) throws -> OracleReport {
        var writer = JSONWriter(columns: SampleRows.columns, style: style, bufferCapacity: 64)
        var output: [UInt8] = []
        if wrapped { writer.buffer.append(ascii: "{\"schema\": {}, \"rows\": ") }
        for (i, row) in rows.enumerated() {
            writer.beginRow()
            for value in row { value.write(to: &writer) }
            writer.endRow()
            if i % 7 == 0 { writer.buffer.flush(ifAtLeast: 100) { output += $0 } }
        }
        writer.finish()
        if wrapped { writer.buffer.append(ascii: "}\n") }
        writer.buffer.flush(ifAtLeast: 0) { output += $0 }
        #expect(writer.rowCount == rows.count)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("json-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let spec: [String: Any] = ["columns": SampleRows.columns, "rows": rows.map { $0.map(\.spec) },
                                   "style": style == .array ? "array" : "ndjson", "wrapped": wrapped ? "rows" : ""]
        try JSONSerialization.data(withJSONObject: spec).write(to: dir.appendingPathComponent("spec.json"))
        try Data(output).write(to: dir.appendingPathComponent("out.json"))
        return try PythonOracle.json(OracleReport.self, oracle, arguments: [
            dir.appendingPathComponent("spec.json").path, dir.appendingPathComponent("out.json").path,
        ])
    }

    @Test func arrayOfObjectsMatchesTheRenderingRules() throws {
        let rows = SampleRows.rows(count: 1_500, seed: 11)
        let report = try Self.check(rows, style: .array)
        #expect(report.checked == rows.count)
        #expect(report.badCount == 0, "\(report.bad)")
    }

    @Test func ndjsonMatchesTheRenderingRules() throws {
        let rows = SampleRows.rows(count: 1_500, seed: 12)
        let report = try Self.check(rows, style: .ndjson)
        #expect(report.badCount == 0, "\(report.bad)")
    }

    @Test func emptyAndWrappedDocuments() throws {
        #expect(try Self.check([], style: .array).badCount == 0)
        #expect(try Self.check([], style: .ndjson).badCount == 0)
        let wrapped = try Self.check(SampleRows.rows(count: 20, seed: 13), style: .array, wrapped: true)
        #expect(wrapped.badCount == 0, "\(wrapped.bad)")
        var writer = JSONWriter(columns: ["a"], style: .array)
        writer.finish()
        #expect(writer.buffer.string() == "[]\n")
    }

    @Test func compactLayout() {
        var writer = JSONWriter(columns: ["a", "b\"c"], style: .ndjson)
        writer.beginRow()
        writer.writeInt(1)
        writer.beginStruct()
        writer.writeKey(JSONKey("k"))
        writer.beginList()
        writer.writeNull()
        writer.writeBool(true)
        writer.endList()
        Array("m".utf8).withUnsafeBytes { writer.writeKey(utf8: $0) }
        writer.writeDouble(.nan)
        writer.endStruct()
        writer.endRow()
        #expect(writer.buffer.string() == "{\"a\":1,\"b\\\"c\":{\"k\":[null,true],\"m\":null}}\n")
    }
}
