import Foundation
import Testing
@testable import Parquet

/// Rows of every logical type (flat and nested, with nulls) written with the row API: our reader gives
/// them back unchanged and pyarrow reads the same values (Tests/Oracles/compare_values.py).
@Suite struct RowWriterLogicalTypesTests {
    static let fields: [SchemaField] = [
        .boolean("bool"), .integer("i8", bitWidth: 8, signed: true), .integer("i16", bitWidth: 16, signed: true),
        .integer("i32", bitWidth: 32, signed: true), .integer("i64", bitWidth: 64, signed: true),
        .integer("u8", bitWidth: 8, signed: false), .integer("u16", bitWidth: 16, signed: false),
        .integer("u32", bitWidth: 32, signed: false), .integer("u64", bitWidth: 64, signed: false),
        .float("f"), .double("d"), .float16("h"), .uuid("id"),
        SchemaField(name: "iv", repetition: .optional, kind: .primitive(.fixedLenByteArray, typeLength: 12), convertedType: .interval),
        .decimal("dec32", precision: 7, scale: 2), .decimal("dec64", precision: 15, scale: 3), .decimal("dec128", precision: 30, scale: 4),
        .date("day"), .time("tms", unit: .millis), .time("tus", unit: .micros), .time("tns", unit: .nanos),
        .timestamp("tsms", unit: .millis), .timestamp("tsus", unit: .micros, isAdjustedToUTC: false), .timestamp("tsns", unit: .nanos),
        .int96("i96"), .string("s"), .byteArray("e", logicalType: .enum), .byteArray("j", logicalType: .json),
        .byteArray("bin"), .fixedLenByteArray("fx", length: 3),
        .list("l", element: .group("item", .optional, [.int32("a"), .list("b", element: .string("x"))])),
        .map("m", key: .string("k"), value: .list("v", element: .int64("x"))),
    ]

    static func random(_ f: SchemaField, rng: inout SeededGenerator) -> Value {
        if Int.random(in: 0 ..< 6, using: &rng) == 0 { return .null }
        func bytes(_ n: Int) -> [UInt8] { (0 ..< n).map { _ in UInt8.random(in: 0 ... 255, using: &rng) } }
        func text() -> [UInt8] { Array("v\(Int.random(in: 0 ..< 1000, using: &rng))é".utf8) }
        func i64() -> Int64 { Int64.random(in: -1_000_000_000_000 ... 1_000_000_000_000, using: &rng) }
        switch f.name {
        case "bool": return .boolean(Bool.random(using: &rng))
        case "i8": return .int32(Int32.random(in: -128 ... 127, using: &rng))
        case "i16": return .int32(Int32.random(in: -32768 ... 32767, using: &rng))
        case "i32": return .int32(Int32.random(in: .min ... .max, using: &rng))
        case "i64": return .int64(Int64.random(in: .min ... .max, using: &rng))
        case "u8": return .uint32(UInt32.random(in: 0 ... 255, using: &rng))
        case "u16": return .uint32(UInt32.random(in: 0 ... 65535, using: &rng))
        case "u32": return .uint32(UInt32.random(in: .min ... .max, using: &rng))
        case "u64": return .uint64(UInt64.random(in: .min ... .max, using: &rng))
        case "f": return .float(Float.random(in: -1e6 ... 1e6, using: &rng))
        case "d": return .double(Double.random(in: -1e12 ... 1e12, using: &rng))
        case "h": return .float16(UInt16.random(in: 0 ... 0x7BFF, using: &rng))
        case "id": return .uuid(bytes(16))
        case "iv": return .interval(months: UInt32.random(in: 0 ... 1000, using: &rng), days: UInt32.random(in: 0 ... 1000, using: &rng),
                                    milliseconds: UInt32.random(in: 0 ... 86_400_000, using: &rng))
        case "dec32": return .decimal(unscaled: LogicalValue.bigEndian(Int64.random(in: -9_999_999 ... 9_999_999, using: &rng)), precision: 7, scale: 2)
        case "dec64": return .decimal(unscaled: LogicalValue.bigEndian(Int64.random(in: -999_999_999_999_999 ... 999_999_999_999_999, using: &rng)), precision: 15, scale: 3)
        case "dec128":
            // 13 bytes (the column's width), sign-extended from 11 random bytes: at most 27 digits, within
            // the 28 digits the oracle's Python decimal context keeps exactly.
            var b = bytes(11)
            b[0] &= 0x7F
            let negative = Bool.random(using: &rng)
            if negative { b = b.map { ~$0 } }
            return .decimal(unscaled: [UInt8](repeating: negative ? 0xFF : 0, count: 2) + b, precision: 30, scale: 4)
        case "day": return .date(Int32.random(in: -100_000 ... 100_000, using: &rng))
        case "tms": return .time(Int64.random(in: 0 ..< 86_400_000, using: &rng), unit: .millis, isAdjustedToUTC: true)
        case "tus": return .time(Int64.random(in: 0 ..< 86_400_000_000, using: &rng), unit: .micros, isAdjustedToUTC: true)
        case "tns": return .time(Int64.random(in: 0 ..< 86_400_000_000_000, using: &rng), unit: .nanos, isAdjustedToUTC: true)
        case "tsms": return .timestamp(i64(), unit: .millis, isAdjustedToUTC: true)
        case "tsus": return .timestamp(i64(), unit: .micros, isAdjustedToUTC: false)
        case "tsns": return .timestamp(i64(), unit: .nanos, isAdjustedToUTC: true)
        case "i96": return .int96Timestamp(julianDay: Int64.random(in: 2_400_000 ... 2_500_000, using: &rng),
                                           nanosOfDay: Int64.random(in: 0 ..< 86_400_000_000_000, using: &rng))
        case "s", "e": return .string(text())
        case "j": return .string(Array("{\"a\":\(Int.random(in: 0 ..< 99, using: &rng))}".utf8))
        case "bin": return .bytes(bytes(Int.random(in: 0 ... 9, using: &rng)))
        case "fx": return .bytes(bytes(3))
        case "l":
            return .list((0 ..< Int.random(in: 0 ... 3, using: &rng)).map { _ in
                Int.random(in: 0 ..< 5, using: &rng) == 0 ? .null : .struct([
                    .init(name: "a", value: Bool.random(using: &rng) ? .null : .int32(Int32.random(in: -9 ... 9, using: &rng))),
                    .init(name: "b", value: .list((0 ..< Int.random(in: 0 ... 2, using: &rng)).map { _ in Bool.random(using: &rng) ? .null : .string(text()) })),
                ])
            })
        default:  // "m"
            return .map((0 ..< Int.random(in: 0 ... 3, using: &rng)).map { k in
                Value.MapEntry(key: .string(Array("k\(k)".utf8)), value: Bool.random(using: &rng) ? .null
                    : .list((0 ..< Int.random(in: 0 ... 2, using: &rng)).map { _ in .int64(i64()) }))
            }, keysAreStrings: true)
        }
    }

    @Test(arguments: [DataPageVersion.v1, .v2])
    func everyLogicalType(pageVersion: DataPageVersion) async throws {
        let schema = try Schema(fields: Self.fields)
        var rng = SeededGenerator(seed: 2026)
        let rows: [Value] = (0 ..< 1500).map { _ in .struct(Self.fields.map { .init(name: $0.name, value: Self.random($0, rng: &rng)) }) }
        var options = ParquetWriterOptions()
        options.dataPageVersion = pageVersion
        options.maxRowGroupRows = 600
        let path = try RowWriterTests.write(rows, schema: schema, options: options, name: "logical.parquet")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try await ParquetFile.open(path: path)
        #expect(file.rowGroupCount == 3)
        let back = try await file.readAllRows()
        #expect(back.count == rows.count)
        for i in rows.indices where !RowWriterTests.same(rows[i], back[i]) {
            Issue.record("row \(i) differs:\n\(rows[i])\n\(back[i])")
            break
        }
        // pyarrow reads ENUM as plain binary: tag that column's values as bytes for the oracle.
        let forOracle = rows.map { row -> Value in
            guard case .struct(let fs) = row else { return row }
            return .struct(fs.map { f in
                if f.name == "e", case .string(let b) = f.value { return .init(name: "e", value: .bytes(b)) }
                return f
            })
        }
        let input = try JSONSerialization.data(withJSONObject: ["files": [path: forOracle.map(NestedOracleTests.row)]])
        let out = try TestSupport.runPython(script: "compare_values.py", input: input)
        let result = try #require(try JSONSerialization.jsonObject(with: out) as? [String: Any])
        #expect((result["mismatches"] as? [Any] ?? []).isEmpty, "\((result["mismatches"] as? [Any] ?? []).prefix(3))")
        #expect(result["checked"] as? Int == rows.count)
    }
}
