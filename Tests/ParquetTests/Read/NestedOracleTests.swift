import Foundation
import Testing
@testable import Parquet

/// Rows assembled from every unencrypted corpus file (nested included) equal pyarrow's, with logical types.
@Suite("Rows against pyarrow")
struct NestedOracleTests {
    static func hex<C: Collection>(_ b: C) -> String where C.Element == UInt8 { PhysicalDump.hex(b) }

    /// The tagged JSON form `Tests/Oracles/compare_values.py` reads.
    static func tagged(_ v: Value) -> Any {
        switch v {
        case .null: return NSNull()
        case .boolean(let b): return b
        case .int32(let x): return Int(x)
        case .int64(let x): return Int(x)
        case .uint32(let x): return Int(x)
        case .uint64(let x): return x > UInt64(Int.max) ? NSDecimalNumber(string: String(x)) : Int(x)
        case .float(let x): return ["f", String(format: "%08x", x.bitPattern)]
        case .double(let x): return ["d", String(format: "%016llx", x.bitPattern)]
        case .float16(let x): return ["h", String(format: "%04x", x)]
        case .decimal(let u, _, let s): return ["dec", hex(u), s]
        case .string(let b): return ["s", hex(b)]
        case .bytes(let b), .uuid(let b): return ["b", hex(b)]
        case .date(let d): return ["ts", Int(d)]
        case .time(let x, _, _), .timestamp(let x, _, _): return ["ts", Int(x)]
        case .int96Timestamp(let jd, let n): return ["i96", Int(jd), Int(n)]
        case .interval(let m, let d, let ms): return ["iv", Int(m), Int(d), Int(ms)]
        case .list(let a): return a.map(tagged)
        case .map(let entries, _): return ["map": entries.map { [tagged($0.key), tagged($0.value)] }]
        case .struct(let fs):
            return ["struct": fs.map { [$0.name, tagged($0.value)] }]
        }
    }

    /// JSON objects lose key order; the oracle compares keys in order, so emit rows as ordered pairs.
    static func row(_ v: Value) -> Any {
        tagged(v)
    }

    static let skip: Set<String> = [
        "datapage_v1-corrupt-checksum.parquet", "rle-dict-uncompressed-corrupt-checksum.parquet", "nation.dict-malformed.parquet",
        "large_string_map.brotli.parquet",  // > 2 GB uncompressed: covered by the flat reader test path, too slow here
    ]

    @Test("every unencrypted corpus file's rows equal pyarrow's")
    func rowsMatchPyarrow() async throws {
        var request: [String: Any] = [:]
        var failures: [String] = []
        for path in TestSupport.corpusFiles() {
            let name = URL(fileURLWithPath: path).lastPathComponent
            if Self.skip.contains(name) || name.hasSuffix(".encrypted") { continue }
            do {
                let f = try await ParquetFile.open(path: path)
                request[path] = try await f.readAllRows().map(Self.row)
            } catch let e as ParquetError where e.code == .encrypted {
                continue
            } catch {
                failures.append("\(name): \(error)")
            }
        }
        // Valid despite living in bad_data: bit-width-0 dictionary indices over a one-entry dictionary.
        let gh43605 = TestSupport.badDataFile("ARROW-GH-43605.parquet")
        request[gh43605] = try await ParquetFile.open(path: gh43605).readAllRows().map(Self.row)
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        let input = try JSONSerialization.data(withJSONObject: ["files": request])
        let out = try TestSupport.runPython(script: "compare_values.py", input: input)
        let result = try #require(try JSONSerialization.jsonObject(with: out) as? [String: Any])
        let mismatches = result["mismatches"] as? [Any] ?? []
        #expect(mismatches.isEmpty, "\(mismatches.count) files differ: \(mismatches.prefix(30))")
    }

    /// Seeded random nested schemas written by pyarrow (lists of structs of maps, nulls at every level,
    /// empty containers, several row groups, tiny pages, page v1/v2) read back to pyarrow's values.
    @Test("random nested files written by pyarrow", arguments: [1, 2, 3])
    func randomNestedFiles(seed: Int) async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nested-\(seed)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let listing = try TestSupport.runPython(script: "gen_random_nested.py", arguments: [dir.path, String(seed), "12"])
        let paths = String(decoding: listing, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(paths.count == 12)
        var request: [String: Any] = [:]
        for p in paths { request[p] = try await ParquetFile.open(path: p).readAllRows().map(Self.row) }
        let out = try TestSupport.runPython(script: "compare_values.py", input: try JSONSerialization.data(withJSONObject: ["files": request]))
        let result = try #require(try JSONSerialization.jsonObject(with: out) as? [String: Any])
        let mismatches = result["mismatches"] as? [Any] ?? []
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }
}
