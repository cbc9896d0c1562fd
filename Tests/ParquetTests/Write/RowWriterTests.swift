import Foundation
import Testing
@testable import Parquet

@Suite struct RowWriterTests {
    /// Value equality with floating-point values compared by bit pattern (NaN equals itself).
    static func same(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.float(let x), .float(let y)): return x.bitPattern == y.bitPattern
        case (.double(let x), .double(let y)): return x.bitPattern == y.bitPattern
        case (.list(let x), .list(let y)): return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        case (.map(let x, let kx), .map(let y, let ky)):
            return kx == ky && x.count == y.count && zip(x, y).allSatisfy { same($0.key, $1.key) && same($0.value, $1.value) }
        case (.struct(let x), .struct(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.name == $1.name && same($0.value, $1.value) }
        default: return a == b
        }
    }

    /// Writes `rows` with the row API into a temporary file.
    static func write(_ rows: [Value], schema: Schema, options: ParquetWriterOptions = ParquetWriterOptions(), name: String) throws -> String {
        let path = WriterTestSupport.temporaryPath(name)
        let writer = try ParquetWriter(path: path, schema: schema, options: options)
        try writer.write(rows: rows)
        try writer.close()
        return path
    }

    /// Every corpus file our reader reads as rows: its rows written back with the row API and the
    /// file's schema read back equal with our reader, and pyarrow reads the copy equal to the original.
    @Test func corpusRowsRoundTrip() async throws {
        var pairs: [[String]] = []
        var failures: [String] = []
        var compared = 0
        var written: [String] = []
        defer { for p in written { try? FileManager.default.removeItem(atPath: p) } }
        for path in TestSupport.corpusFiles() where !path.hasSuffix("large_string_map.brotli.parquet") {
            guard let file = try? await ParquetFile.open(path: path), let rows = try? await file.readAllRows() else { continue }
            let name = URL(fileURLWithPath: path).lastPathComponent
            do {
                var options = ParquetWriterOptions()
                options.maxRowGroupRows = 700  // several row groups for the larger files
                let out = try Self.write(rows, schema: file.schema, options: options, name: "rows-\(name)")
                written.append(out)
                // int96_from_spark holds Spark-overflowed INT96 values: rows carry them normalised the way Spark
                // reads them, pyarrow reads the raw bits differently, so only our reader compares that copy.
                if !name.hasPrefix("int96_from_spark") { pairs.append([path, out]) }
                let back = try await ParquetFile.open(path: out).readAllRows()
                compared += 1
                if back.count != rows.count {
                    failures.append("\(name): \(back.count) rows back of \(rows.count)")
                } else if let i = rows.indices.first(where: { !Self.same(rows[$0], back[$0]) }) {
                    failures.append("\(name): row \(i) differs:\n  \(rows[i])\n  \(back[i])")
                }
            } catch {
                failures.append("\(name): \(error)")
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        // Every corpus file that our reader reads as rows (about 70; the rest are encrypted, corrupt on
        // purpose or hold only the 2 GB chunk).
        #expect(compared > 60, "\(compared) files")
        let out = try TestSupport.runPython(script: "compare_rewrite.py", input: try JSONSerialization.data(withJSONObject: ["pairs": pairs]))
        let result = try #require(try JSONSerialization.jsonObject(with: out) as? [String: Any])
        #expect((result["mismatches"] as? [Any] ?? []).isEmpty, "\(result["mismatches"] ?? [])")
        // (Files pyarrow cannot read in the first place are listed as unreadable originals.)
        #expect((result["compared"] as? Int ?? 0) + (result["originalUnreadable"] as? [Any] ?? []).count == pairs.count)
        #expect((result["compared"] as? Int ?? 0) > 60)
    }

    /// Seeded random nested files (pyarrow: lists of structs of maps, nulls at every level, empty
    /// containers) round trip through the row API, checked by our reader and by pyarrow.
    @Test func randomNestedRoundTrip() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rows-nested-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let listing = try TestSupport.runPython(script: "gen_random_nested.py", arguments: [dir, "4242", "12"])
        let inputs = String(decoding: listing, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(inputs.count == 12)
        var pairs: [[String]] = []
        for (k, path) in inputs.enumerated() {
            let file = try await ParquetFile.open(path: path)
            let rows = try await file.readAllRows()
            var options = ParquetWriterOptions()
            options.maxRowGroupRows = 97
            options.dataPageRowLimit = 31
            options.dataPageVersion = k % 2 == 0 ? .v1 : .v2
            let out = try Self.write(rows, schema: file.schema, options: options, name: "nested-\(k).parquet")
            pairs.append([path, out])
            let back = try await ParquetFile.open(path: out).readAllRows()
            #expect(back.count == rows.count)
            #expect(zip(rows, back).allSatisfy { Self.same($0, $1) }, "\(path)")
        }
        let out = try TestSupport.runPython(script: "compare_rewrite.py", input: try JSONSerialization.data(withJSONObject: ["pairs": pairs]))
        let result = try #require(try JSONSerialization.jsonObject(with: out) as? [String: Any])
        #expect((result["mismatches"] as? [Any] ?? []).isEmpty, "\(result["mismatches"] ?? [])")
        #expect(result["compared"] as? Int == inputs.count)
    }

    static let schema: Schema = try! Schema(fields: [
        .int32("id", .required),
        .group("s", .optional, [.list("tags", .optional, element: .string("t", .optional)), .double("x", .required)]),
        .map("m", .optional, key: .string("k"), value: .timestamp("v", unit: .millis)),
        .decimal("dec", precision: 5, scale: 2),
        .date("day"),
    ])

    static func validRow(_ i: Int) -> Value {
        .struct([
            .init(name: "id", value: .int32(Int32(i))),
            .init(name: "s", value: i % 3 == 0 ? .null : .struct([
                .init(name: "tags", value: .list(i % 2 == 0 ? [] : [.string(Array("a\(i)".utf8)), .null])),
                .init(name: "x", value: .double(Double(i) / 4)),
            ])),
            .init(name: "m", value: .map([.init(key: .string(Array("k".utf8)), value: .timestamp(Int64(i), unit: .millis, isAdjustedToUTC: true))],
                                          keysAreStrings: true)),
            .init(name: "dec", value: .decimal(unscaled: LogicalValue.bigEndian(Int64(i)), precision: 5, scale: 2)),
            // Fields may come in any order and be left out (null).
        ])
    }

    @Test func valuesThatDoNotFitNameColumnAndRow() async throws {
        let bad: [(Value, String, String)] = [
            (.struct([.init(name: "id", value: .null)]), "id", "required"),
            (.struct([.init(name: "id", value: .int32(1)), .init(name: "s", value: .struct([.init(name: "tags", value: .list([.int32(5)])), .init(name: "x", value: .double(1))]))]),
             "s.tags.list.element", "int32"),
            (.struct([.init(name: "id", value: .int64(1 << 40))]), "id", "exactly"),
            (.struct([.init(name: "id", value: .int32(1)), .init(name: "nope", value: .null)]), "nope", "no field"),
            (.struct([.init(name: "id", value: .int32(1)), .init(name: "dec", value: .decimal(unscaled: [1], precision: 5, scale: 3))]), "dec", "exactly"),
            (.struct([.init(name: "id", value: .int32(1)), .init(name: "m", value: .list([]))]), "m", "map"),
            (.int32(3), "", "struct"),
        ]
        for (row, path, words) in bad {
            let writer = try ParquetWriter(schema: Self.schema, sink: MemorySink())
            let rows = (0 ..< 5).map(Self.validRow) + [row] + (6 ..< 8).map(Self.validRow)
            do {
                try writer.write(rows: rows)
                Issue.record("no error for \(row)")
            } catch let e as ParquetError {
                #expect(e.code == .invalidArgument)
                #expect(e.message.contains("row 5"), "\(e)")
                #expect(e.columnPath == (path.isEmpty ? nil : path), "\(e)")
                #expect(e.message.contains(words), "\(e)")
            }
            writer.abort()
        }
        // The shredder drops the failed row and stays usable.
        var shredder = RowShredder(schema: Self.schema)
        try shredder.append(Self.validRow(0))
        #expect(throws: ParquetError.self) { try shredder.append(bad[1].0) }
        try shredder.append(Self.validRow(1))
        let sink = MemorySink()
        let writer = try ParquetWriter(schema: Self.schema, sink: sink)
        try writer.write(batches: shredder.makeBatches())
        try writer.close()
        let back = try await WriterTestSupport.open(sink.bytes).readAllRows()
        #expect(back.count == 2)
        #expect(back[1] == Self.expected(Self.validRow(1)))
    }

    /// `validRow` as the reader returns it: fields in schema order, missing ones null.
    static func expected(_ row: Value) -> Value {
        guard case .struct(let fs) = row else { return row }
        return .struct(schema.root.children.map { c in .init(name: c.name, value: fs.first { $0.name == c.name }?.value ?? .null) })
    }

    @Test func handWrittenRowsReadBackAndPyarrowAgrees() async throws {
        let rows = (0 ..< 50).map(Self.validRow)
        let path = try Self.write(rows, schema: Self.schema, name: "hand.parquet")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let back = try await ParquetFile.open(path: path).readAllRows()
        #expect(back == rows.map(Self.expected))
        let out = try TestSupport.python("""
        import pyarrow.parquet as pq, json, sys
        t = pq.read_table(sys.stdin.read()).to_pylist()
        print(json.dumps([[r["id"], r["s"] and r["s"]["tags"], r["m"] and [[k, v.isoformat()] for k, v in r["m"]], str(r["dec"]), r["day"]] for r in t]))
        """, input: Data(path.utf8))
        let py = try #require(try JSONSerialization.jsonObject(with: out) as? [[Any]])
        #expect(py.count == 50)
        for (i, r) in py.enumerated() {
            #expect(r[0] as? Int == i)
            if i % 3 == 0 { #expect(r[1] is NSNull) } else if i % 2 == 0 { #expect((r[1] as? [Any])?.isEmpty == true) } else {
                #expect((r[1] as? [Any])?.count == 2 && (r[1] as? [Any])?.first as? String == "a\(i)")
            }
            #expect(r[3] as? String == String(format: "%d.%02d", i / 100, i % 100))
            #expect(r[4] is NSNull)
        }
    }
}
