import Foundation
import Testing
@testable import Parquet

/// Helpers shared by the bloom filter tests.
enum BloomFilterTestSupport {
    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    /// The file `bytes` with its footer replaced by `metadata` (data pages, filters and indexes kept).
    static func withFooter(_ bytes: [UInt8], file: ParquetFile, _ metadata: FileMetaData) -> [UInt8] {
        let footer = metadata.thriftBytes()
        var out = Array(bytes[0 ..< Int(file.footerOffset)]) + footer
        withUnsafeBytes(of: UInt32(footer.count).littleEndian) { out.append(contentsOf: $0) }
        out += Array("PAR1".utf8)
        return out
    }

    /// Random lowercase strings of 1–24 characters prefixed `absent-` (so no corpus or test value equals them).
    static func absentStrings(_ count: Int, rng: inout SeededGenerator) -> [[UInt8]] {
        (0 ..< count).map { _ in
            Array("absent-".utf8) + (0 ..< Int.random(in: 1 ... 24, using: &rng)).map { _ in UInt8.random(in: 0x61 ... 0x7A, using: &rng) }
        }
    }

    /// DuckDB's verdict per probe: whether `parquet_bloom_probe` says the filter of row group `rowGroup`
    /// excludes the value. `literals` are SQL literals (typed, e.g. `5::INTEGER`).
    static func duckdbExcludes(path: String, column: String, literals: [String], rowGroup: Int = 0) throws -> [Bool] {
        let script = """
        import duckdb, json, sys
        path, column, group = sys.argv[1], sys.argv[2], int(sys.argv[3])
        literals = json.load(sys.stdin)
        con = duckdb.connect()
        out = []
        for lit in literals:
            rows = con.sql(f"select bloom_filter_excludes from parquet_bloom_probe('{path}', '{column}', {lit}) where row_group_id = {group}").fetchall()
            out.append(bool(rows[0][0]) if rows else None)
        print(json.dumps(out))
        """
        let data = try TestSupport.run(["python3", "-c", script, path, column, String(rowGroup)], input: try JSONSerialization.data(withJSONObject: literals))
        let parsed = try JSONSerialization.jsonObject(with: data) as! [Any]
        return try parsed.map { v in
            guard let b = v as? Bool else { throw ParquetError(.invalidArgument, "DuckDB found no bloom filter for \(column)") }
            return b
        }
    }
}
