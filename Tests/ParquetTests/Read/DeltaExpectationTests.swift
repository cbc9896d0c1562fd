import Foundation
import Testing
@testable import Parquet

/// The DELTA_* corpus files decode to the values of their `*_expect.csv` companions, and every
/// BYTE_STREAM_SPLIT column equals its PLAIN twin.
@Suite("Corpus expectations")
struct DeltaExpectationTests {
    /// Parses a CSV where an unquoted empty cell is null and a quoted one is a string.
    static func parseCSV(_ text: String) -> [[String?]] {
        var rows: [[String?]] = []
        var row: [String?] = []
        var field = ""
        var quoted = false, inQuotes = false
        var chars = Array(text.unicodeScalars)
        if chars.last != "\n" { chars.append("\n") }
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < chars.count && chars[i + 1] == "\"" { field.unicodeScalars.append("\""); i += 1 } else { inQuotes = false }
                } else { field.unicodeScalars.append(c) }
            } else if c == "\"" {
                inQuotes = true
                quoted = true
            } else if c == "," || c == "\n" {
                row.append(quoted || !field.isEmpty ? field : nil)
                field = ""
                quoted = false
                if c == "\n" { rows.append(row); row = [] }
            } else if c != "\r" {
                field.unicodeScalars.append(c)
            }
            i += 1
        }
        return rows
    }

    /// Column values rendered as text (integers in decimal, byte arrays as UTF-8), nulls as nil.
    static func texts(_ batch: ColumnBatch) -> [String?] {
        var out: [String?] = []
        var v = 0
        for i in 0 ..< batch.levelCount {
            guard batch.isValid(i) else { out.append(nil); continue }
            switch batch.values {
            case .int32(let a): out.append(String(a[v]))
            case .int64(let a): out.append(String(a[v]))
            case .byteArray(let a): out.append(String(decoding: a[v], as: UTF8.self))
            default: out.append("?")
            }
            v += 1
        }
        return out
    }

    @Test(arguments: ["delta_binary_packed", "delta_byte_array", "delta_encoding_optional_column",
                      "delta_encoding_required_column", "delta_length_byte_array"])
    func matchesExpectedCSV(_ name: String) async throws {
        let file = try await ParquetFile.open(path: TestSupport.corpusFile("\(name).parquet"))
        let csvPath = TestSupport.corpusFile("\(name)_expect.csv")
        var expected: [[String?]]
        if FileManager.default.fileExists(atPath: csvPath) {
            expected = Self.parseCSV(try String(contentsOfFile: csvPath, encoding: .utf8))
            expected.removeFirst()  // header
        } else {
            // delta_length_byte_array has no CSV; pyarrow is the oracle there.
            let out = try TestSupport.python("""
                import pyarrow.parquet as pq, json
                t = pq.read_table('\(TestSupport.corpusFile("\(name).parquet"))')
                print(json.dumps([list(r.values()) for r in t.to_pylist()]))
                """)
            let rows = try JSONSerialization.jsonObject(with: out) as! [[Any]]
            expected = rows.map { $0.map { $0 is NSNull ? nil : "\($0)" } }
        }
        var columns: [[String?]] = []
        for c in file.schema.columns {
            var all: [String?] = []
            for g in 0 ..< file.rowGroupCount { all += Self.texts(try await file.readColumn(rowGroup: g, column: c)) }
            columns.append(all)
        }
        #expect(columns.first?.count == expected.count)
        for (r, row) in expected.enumerated() {
            for (c, cell) in row.enumerated() where c < columns.count {
                #expect(columns[c][r] == cell, "row \(r) column \(file.schema.columns[c].dottedPath)")
                if columns[c][r] != cell { return }
            }
        }
    }

    @Test(arguments: ["byte_stream_split.zstd", "byte_stream_split_extended.gzip"])
    func byteStreamSplitEqualsPlainTwin(_ name: String) async throws {
        let file = try await ParquetFile.open(path: TestSupport.corpusFile("\(name).parquet"))
        let meta = file.metadata.rowGroups[0].columns
        var pairs = 0
        for c in file.schema.columns {
            let encodings = meta[c.index].metaData?.encodings ?? []
            guard encodings.contains(.byteStreamSplit) else { continue }
            // The twin: `<x>_plain` for `<x>_byte_stream_split`; the older file pairs f32/f64 with no twin.
            let base = c.dottedPath.replacingOccurrences(of: "_byte_stream_split", with: "")
            guard base != c.dottedPath, let twin = file.schema.column(path: [base + "_plain"]) else { continue }
            for g in 0 ..< file.rowGroupCount {
                let a = PhysicalDump.values(try await file.readColumn(rowGroup: g, column: c))
                let b = PhysicalDump.values(try await file.readColumn(rowGroup: g, column: twin))
                #expect((a as NSArray).isEqual(to: b), "\(c.dottedPath) differs from \(twin.dottedPath)")
            }
            pairs += 1
        }
        if name.hasPrefix("byte_stream_split_extended") { #expect(pairs == 7) }
    }
}
