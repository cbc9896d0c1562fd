import Foundation
import Testing
@testable import Parquet

/// Filter results against DuckDB: seeded random files (pyarrow, several row groups, small pages, a page
/// index) and seeded random predicates; our matched `id` and `s` values must equal DuckDB's
/// `SELECT id, s … WHERE … ORDER BY id` (Tests/Oracles/filter_oracle.py).
@Suite("Filter DuckDB oracle")
struct FilterOracleTests {
    struct Case {
        var expression: String
        var ids: [Int64]
        var strings: [String?]
    }

    static func oracle(seed: Int, count: Int) throws -> (path: String, cases: [Case]) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("filter-oracle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let out = try TestSupport.runPython(script: "filter_oracle.py", arguments: [dir.path, String(seed), String(count)])
        let json = try #require(try JSONSerialization.jsonObject(with: out) as? [String: Any])
        let path = try #require(json["file"] as? String)
        let raw = try #require(json["cases"] as? [[String: Any]])
        let cases = try raw.map { c in
            Case(expression: try #require(c["where"] as? String),
                 ids: try #require(c["ids"] as? [NSNumber]).map(\.int64Value),
                 strings: try #require(c["s"] as? [Any]).map { $0 as? String })
        }
        return (path, cases)
    }

    /// Runs a scan and returns the `id` and `s` columns of the matched rows.
    static func matched(_ file: ParquetFile, _ expression: String) async throws -> (ids: [Int64], strings: [String?], stats: FilterStatistics) {
        var scan = try file.scan(where: expression, columns: ["id", "s"])
        var ids: [Int64] = []
        var strings: [String?] = []
        while let batches = try await scan.next() {
            #expect(batches.count == 2)
            #expect(batches[0].rowCount == batches[1].rowCount)
            guard case .int64(let v) = batches[0].values, case .byteArray(let s) = batches[1].values else {
                Issue.record("unexpected column types")
                break
            }
            ids += v
            var k = 0
            for i in 0 ..< batches[1].rowCount {
                if batches[1].isValid(i) { strings.append(String(decoding: s[k], as: UTF8.self)); k += 1 } else { strings.append(nil) }
            }
        }
        return (ids, strings, scan.statistics)
    }

    @Test("matched rows equal DuckDB's", arguments: [11, 12])
    func matchesDuckDB(seed: Int) async throws {
        let (path, cases) = try Self.oracle(seed: seed, count: 110)
        let file = try await ParquetFile.open(path: path)
        var pruned = 0
        let clock = ContinuousClock()
        let start = clock.now
        var failures = 0
        for c in cases {
            let ours = try await Self.matched(file, c.expression)
            // DuckDB's rows come ordered by id; ours in file order.
            let order = ours.ids.indices.sorted { ours.ids[$0] < ours.ids[$1] }
            let ids = order.map { ours.ids[$0] }, strings = order.map { ours.strings[$0] }
            if ids != c.ids || strings != c.strings {
                failures += 1
                let missing = Set(c.ids).subtracting(ids).sorted().prefix(5), extra = Set(ids).subtracting(c.ids).sorted().prefix(5)
                Issue.record("\(c.expression): ours \(ids.count) rows, DuckDB \(c.ids.count); missing ids \(Array(missing)), extra ids \(Array(extra))")
                if failures > 10 { break }
            }
            #expect(ours.stats.rowsMatched == Int64(c.ids.count))
            if ours.stats.rowGroupsSkipped > 0 || ours.stats.pagesSkipped > 0 { pruned += 1 }
            // The printed predicate parses back to the same tree.
            let p = try Predicate(parsing: c.expression)
            #expect(try Predicate(parsing: p.description) == p, "round trip of \(p)")
        }
        print("filter oracle seed \(seed): \(cases.count) predicates in \(clock.now - start)")
        // The files are clustered by one column, so some predicates must have pruned something.
        #expect(pruned > 0)
    }
}
