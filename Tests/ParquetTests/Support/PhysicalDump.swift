import Foundation
@testable import Parquet

/// Renders decoded batches in the canonical physical JSON form that `Tests/Oracles/compare_physical.py`
/// compares with pyarrow (test-only; allocation per value is fine here).
enum PhysicalDump {
    static func hex<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var s = ""
        s.reserveCapacity(bytes.count * 2)
        for b in bytes {
            s += String(b >> 4, radix: 16) + String(b & 15, radix: 16)
        }
        return s
    }

    /// Values of a flat column batch, nulls included, as JSON-compatible objects.
    static func values(_ batch: ColumnBatch) -> [Any] {
        var out: [Any] = []
        out.reserveCapacity(batch.levelCount)
        var v = 0
        for i in 0 ..< batch.levelCount {
            guard batch.isValid(i) else { out.append(NSNull()); continue }
            switch batch.values {
            case .boolean(let a): out.append(a[v])
            case .int32(let a): out.append(Int(a[v]))
            case .int64(let a): out.append(Int(a[v]))
            case .int96(let a): out.append([Int(Int64(bitPattern: a[v].low)), Int(a[v].high)])
            case .float(let a): out.append("f:" + String(format: "%08x", a[v].bitPattern))
            case .double(let a): out.append("d:" + String(format: "%016llx", a[v].bitPattern))
            case .byteArray(let a): out.append(hex(a[v]))
            case .fixedLenByteArray(let a): out.append(hex(a[v]))
            }
            v += 1
        }
        return out
    }

    /// Reads every column of every row group of a flat file into the dump form.
    static func dumpFile(_ file: ParquetFile) async throws -> [String: Any] {
        var columns: [String: [Any]] = [:]
        for c in file.schema.columns { columns[c.dottedPath] = [] }
        for g in 0 ..< file.rowGroupCount {
            for c in file.schema.columns {
                let batch = try await file.readColumn(rowGroup: g, column: c)
                columns[c.dottedPath]!.append(contentsOf: values(batch))
            }
        }
        var result: [String: Any] = [:]
        for c in file.schema.columns {
            result[c.dottedPath] = ["physical": c.physicalType.description, "values": columns[c.dottedPath]!]
        }
        return ["columns": result]
    }
}
