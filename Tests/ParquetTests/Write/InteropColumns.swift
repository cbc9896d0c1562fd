import Foundation
@testable import Parquet

/// A column for the interop tests: its schema field, its spec for `read_back_writer.py`, and a
/// generator of non-null values with their expected JSON form.
struct InteropColumn {
    var field: SchemaField
    var spec: [String: Any]
    var generate: (inout SeededGenerator, Int) -> (ColumnValues, [Any])

    /// The expected JSON of a value, nulls included, for a batch made by `batch(...)`.
    static func hex<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    /// A flat batch of `rows` rows (a quarter of them null when optional) and the expected JSON values.
    func batch(column: ColumnDescriptor, rows: Int, rng: inout SeededGenerator) -> (ColumnBatch, [Any]) {
        var defs: [Int16]? = column.maxDefinitionLevel > 0 ? [] : nil
        var isNull: [Bool] = []
        for _ in 0 ..< rows {
            let null = defs != nil && Int.random(in: 0 ..< 4, using: &rng) == 0
            isNull.append(null)
            defs?.append(null ? 0 : 1)
        }
        let (values, json) = generate(&rng, isNull.filter { !$0 }.count)
        var expected: [Any] = []
        var j = 0
        for null in isNull {
            if null { expected.append(NSNull()) } else { expected.append(json[j]); j += 1 }
        }
        return (ColumnBatch(column: column, values: values, definitionLevels: defs, repetitionLevels: nil,
                            levelCount: rows, rowCount: rows), expected)
    }

    // MARK: generators

    static func ints(_ field: SchemaField, kind: String = "int", extra: [String: Any] = [:], _ range: ClosedRange<Int64>) -> InteropColumn {
        var spec = extra
        spec["name"] = field.name
        spec["kind"] = kind
        return InteropColumn(field: field, spec: spec) { rng, n in
            let raw = (0 ..< n).map { _ in Int64.random(in: range, using: &rng) }
            guard case .primitive(let type, _) = field.kind else { fatalError() }
            if type == .int32 {
                return (.int32(raw.map { Int32(truncatingIfNeeded: $0) }), raw.map { Int($0) })
            }
            return (.int64(raw), raw.map { Int($0) })
        }
    }

    static func uint64(_ name: String) -> InteropColumn {
        InteropColumn(field: .integer(name, bitWidth: 64, signed: false), spec: ["name": name, "kind": "int"]) { rng, n in
            let raw = (0 ..< n).map { i in i % 5 == 0 ? UInt64.max : UInt64.random(in: 0 ... .max, using: &rng) }
            return (.int64(raw.map { Int64(bitPattern: $0) }), raw.map { NSNumber(value: $0) })
        }
    }

    static func boolean(_ name: String) -> InteropColumn {
        InteropColumn(field: .boolean(name), spec: ["name": name, "kind": "bool"]) { rng, n in
            let v = (0 ..< n).map { _ in Bool.random(using: &rng) }
            return (.boolean(v), v)
        }
    }

    static func float(_ name: String) -> InteropColumn {
        InteropColumn(field: .float(name), spec: ["name": name, "kind": "float"]) { rng, n in
            let pool: [Float] = [0, -0.0, .infinity, -.infinity, .nan, 1.5]
            let v = (0 ..< n).map { i in i % 7 == 3 ? pool[i % pool.count] : Float.random(in: -1e9 ... 1e9, using: &rng) }
            return (.float(v), v.map { "f:" + String(format: "%08x", $0.bitPattern) })
        }
    }

    static func double(_ name: String) -> InteropColumn {
        InteropColumn(field: .double(name), spec: ["name": name, "kind": "double"]) { rng, n in
            let pool: [Double] = [0, -0.0, .infinity, -.infinity, .nan, 1e-300]
            let v = (0 ..< n).map { i in i % 7 == 3 ? pool[i % pool.count] : Double.random(in: -1e15 ... 1e15, using: &rng) }
            return (.double(v), v.map { "d:" + String(format: "%016llx", $0.bitPattern) })
        }
    }

    static func string(_ name: String, logicalType: LogicalType = .string) -> InteropColumn {
        InteropColumn(field: .byteArray(name, logicalType: logicalType),
                      spec: ["name": name, "kind": "string", "json": logicalType == .json]) { rng, n in
            let pool = logicalType == .json ? ["{}", "[1,2]", "\"héllo\"", "{\"k\":\"日本語\"}", "null", "3.5"]
                : ["", "a", "héllo", "日本語テキスト", "emoji 🎉", "same"]
            var buffer = ByteArrayBuffer()
            var json: [Any] = []
            for i in 0 ..< n {
                let s = i % 3 == 0 || logicalType == .json ? pool[Int.random(in: 0 ..< pool.count, using: &rng)]
                    : String((0 ..< Int.random(in: 0 ... 30, using: &rng)).map { _ in Character(Unicode.Scalar(UInt8.random(in: 0x20 ... 0x7E, using: &rng))) })
                buffer.append(Array(s.utf8))
                json.append(s)
            }
            return (.byteArray(buffer), json)
        }
    }

    static func binary(_ name: String) -> InteropColumn {
        InteropColumn(field: .byteArray(name), spec: ["name": name, "kind": "binary"]) { rng, n in
            var buffer = ByteArrayBuffer()
            var json: [Any] = []
            for _ in 0 ..< n {
                let v = (0 ..< Int.random(in: 0 ... 12, using: &rng)).map { _ in UInt8.random(in: 0 ... 255, using: &rng) }
                buffer.append(v)
                json.append(hex(v))
            }
            return (.byteArray(buffer), json)
        }
    }

    static func fixed(_ field: SchemaField, kind: String, width: Int, _ make: @escaping (inout SeededGenerator, Int) -> [UInt8]) -> InteropColumn {
        InteropColumn(field: field, spec: ["name": field.name, "kind": kind, "width": width]) { rng, n in
            var buffer = FixedLenByteArrayBuffer(width: width)
            var json: [Any] = []
            for i in 0 ..< n {
                let v = make(&rng, i)
                buffer.append(v)
                json.append(kind == "float16" ? "h:" + hex(v) : hex(v))
            }
            return (.fixedLenByteArray(buffer), json)
        }
    }

    static func float16(_ name: String) -> InteropColumn {
        fixed(.float16(name), kind: "float16", width: 2) { rng, i in
            let pool: [UInt16] = [0x0000, 0x8000, 0x7C00, 0xFC00, 0x3C00, 0x7BFF]
            var bits = pool[i % pool.count]
            if i % 2 == 1 {
                repeat { bits = UInt16.random(in: 0 ... .max, using: &rng) } while bits & 0x7C00 == 0x7C00
            }
            return [UInt8(bits & 0xFF), UInt8(bits >> 8)]
        }
    }

    /// Decimals in FIXED_LEN_BYTE_ARRAY / BYTE_ARRAY: big-endian two's complement of a random Int64.
    static func bigDecimal(_ name: String, precision: Int32, scale: Int32, byteArray: Bool) -> InteropColumn {
        let width = SchemaField.decimalByteWidth(precision: Int(precision))
        let field: SchemaField = byteArray
            ? .byteArray(name, logicalType: .decimal(precision: precision, scale: scale))
            : .fixedLenByteArray(name, length: Int32(width), logicalType: .decimal(precision: precision, scale: scale))
        return InteropColumn(field: field, spec: ["name": name, "kind": "decimal", "scale": Int(scale)]) { rng, n in
            var json: [Any] = []
            var fixed = FixedLenByteArrayBuffer(width: width)
            var bytes = ByteArrayBuffer()
            for _ in 0 ..< n {
                let v = Int64.random(in: -999_999_999_999_999_999 ... 999_999_999_999_999_999, using: &rng)
                var be = withUnsafeBytes(of: v.bigEndian) { Array($0) }
                let pad: UInt8 = v < 0 ? 0xFF : 0
                while be.count < width { be.insert(pad, at: 0) }
                if byteArray {
                    // Minimal length: drop redundant sign bytes.
                    while be.count > 1 && be[0] == pad && (be[1] & 0x80 == pad & 0x80) { be.removeFirst() }
                    bytes.append(be)
                } else {
                    fixed.append(be)
                }
                json.append("x:" + hex(be))
            }
            return (byteArray ? .byteArray(bytes) : .fixedLenByteArray(fixed), json)
        }
    }

    static func int96(_ name: String) -> InteropColumn {
        InteropColumn(field: .int96(name), spec: ["name": name, "kind": "int96"]) { rng, n in
            let v = (0 ..< n).map { _ in
                // Julian days within ±160 years of 1970, so nanoseconds since the epoch fit in Int64.
                Int96(low: UInt64.random(in: 0 ..< 86_400_000_000_000, using: &rng), high: UInt32.random(in: 2_382_000 ... 2_499_000, using: &rng))
            }
            return (.int96(v), v.map { [NSNumber(value: $0.low), NSNumber(value: $0.high)] })
        }
    }

    /// Every interop column stored as `type`.
    static func columns(for type: PhysicalType) -> [InteropColumn] {
        let day: Int64 = 86_400
        switch type {
        case .boolean:
            return [boolean("flag")]
        case .int32:
            return [
                ints(.int32("i32"), Int64(Int32.min) ... Int64(Int32.max)),
                ints(.integer("i8", bitWidth: 8, signed: true), -128 ... 127),
                ints(.integer("u8", bitWidth: 8, signed: false), 0 ... 255),
                ints(.integer("i16", bitWidth: 16, signed: true), -32768 ... 32767),
                ints(.integer("u16", bitWidth: 16, signed: false), 0 ... 65535),
                ints(.integer("u32", bitWidth: 32, signed: false), 0 ... Int64(UInt32.max)),
                ints(.date("date"), kind: "date", -20_000 ... 50_000),
                ints(.time("time_ms", unit: .millis), kind: "time", extra: ["unit": "ms"], 0 ... day * 1000 - 1),
                ints(.decimal("dec9", precision: 9, scale: 2), kind: "decimal", extra: ["scale": 2], -999_999_999 ... 999_999_999),
            ]
        case .int64:
            return [
                ints(.int64("i64"), Int64.min ... Int64.max),
                uint64("u64"),
                ints(.timestamp("ts_ms", unit: .millis), kind: "timestamp", extra: ["unit": "ms"], -day * 1000 * 20_000 ... day * 1000 * 50_000),
                ints(.timestamp("ts_us", unit: .micros, isAdjustedToUTC: false), kind: "timestamp", extra: ["unit": "us"],
                     -day * 1_000_000 * 20_000 ... day * 1_000_000 * 50_000),
                ints(.timestamp("ts_ns", unit: .nanos), kind: "timestamp", extra: ["unit": "ns"], -(1 << 62) ... (1 << 62)),
                ints(.time("time_us", unit: .micros), kind: "time", extra: ["unit": "us"], 0 ... day * 1_000_000 - 1),
                ints(.decimal("dec18", precision: 18, scale: 4), kind: "decimal", extra: ["scale": 4],
                     -999_999_999_999_999_999 ... 999_999_999_999_999_999),
            ]
        case .int96:
            return [int96("i96")]
        case .float:
            return [float("f32")]
        case .double:
            return [double("f64")]
        case .byteArray:
            return [string("text"), binary("blob"), string("json", logicalType: .json),
                    bigDecimal("dec_ba", precision: 20, scale: 3, byteArray: true)]
        default:
            return [
                fixed(.fixedLenByteArray("fixed5", length: 5), kind: "fixed", width: 5) { rng, _ in (0 ..< 5).map { _ in UInt8.random(in: 0 ... 255, using: &rng) } },
                fixed(.uuid("uuid"), kind: "uuid", width: 16) { rng, _ in (0 ..< 16).map { _ in UInt8.random(in: 0 ... 255, using: &rng) } },
                float16("half"),
                bigDecimal("dec_flba", precision: 25, scale: 5, byteArray: false),
            ]
        }
    }
}
