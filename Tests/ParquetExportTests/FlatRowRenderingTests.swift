import Foundation
import Testing
import Parquet
@testable import ParquetExport

/// The flat-row JSON loop (`JSONWriter.storeFlatRows`) and the pointer-level stores behind it, against
/// the generic one-call-per-value route (`RowGroupRenderer.renderSlice`) and against Swift's own
/// integer text, over seeded random values and edge cases.
@Suite("Flat row rendering")
struct FlatRowRenderingTests {
    /// Edge and random values of every width the stores handle.
    static func integerSamples() -> [Int64] {
        var rng = SeededGenerator(seed: 0xF1A7_0001)
        var values: [Int64] = [0, 1, -1, 9, 10, -10, 99_999_999, 100_000_000, -100_000_000, .max, .min, .max - 1, .min + 1]
        var power: Int64 = 1
        for _ in 0 ... 18 {
            values += [power, power - 1, power + 1, -power, -(power - 1), -(power + 1)]
            if power <= Int64.max / 10 { power *= 10 }
        }
        for _ in 0 ..< 20_000 {
            let bits = Int.random(in: 1 ... 64, using: &rng)
            let raw = rng.next() >> UInt64(64 - bits)
            values.append(Bool.random(using: &rng) ? Int64(bitPattern: raw) : -Int64(truncatingIfNeeded: raw >> 1))
        }
        return values
    }

    @Test func integerStoresMatchSwiftDescription() {
        var out = OutputBuffer()
        for v in Self.integerSamples() {
            out.removeAll()
            TextRendering.appendInteger(v, to: &out)
            #expect(out.string() == String(v))
            out.removeAll()
            TextRendering.appendInteger(UInt64(bitPattern: v), to: &out)
            #expect(out.string() == String(UInt64(bitPattern: v)))
            #expect(TextRendering.decimalDigitCount(v.magnitude) == String(v.magnitude).count)
            // Zero-padded stores of every count that holds the value.
            let digits = String(v.magnitude)
            for n in digits.count ... 20 {
                var bytes = [UInt8](repeating: 0, count: 32)
                bytes.withUnsafeMutableBufferPointer { TextRendering.storeDigits(v.magnitude, count: n, to: $0.baseAddress!) }
                #expect(String(decoding: bytes[0 ..< n], as: UTF8.self) == String(repeating: "0", count: n - digits.count) + digits)
            }
        }
    }

    @Test func pointedDigitsMatchStringSplicing() {
        var rng = SeededGenerator(seed: 0xF1A7_0002)
        for _ in 0 ..< 20_000 {
            let n = Int.random(in: 2 ... 17, using: &rng)
            let low = n == 1 ? 1 : UInt64(TextRendering.powerOfTen(n - 1))
            let value = UInt64.random(in: low ..< TextRendering.powerOfTen(n), using: &rng)
            let point = Int.random(in: 1 ..< n, using: &rng)
            var bytes = [UInt8](repeating: 0, count: 48)
            let length = bytes.withUnsafeMutableBufferPointer { b in
                TextRendering.storePointedDigits(value, count: n, point: point, to: b.baseAddress!) - b.baseAddress!
            }
            let text = String(value)
            let expected = String(text.prefix(point)) + "." + String(text.dropFirst(point))
            #expect(String(decoding: bytes[0 ..< length], as: UTF8.self) == expected)
        }
    }

    @Test func jsonDoubleStoreMatchesAppendDouble() {
        var rng = SeededGenerator(seed: 0xF1A7_0003)
        var values: [Double] = [0, -0.0, .nan, -.nan, .infinity, -.infinity, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
                                .leastNormalMagnitude, .greatestFiniteMagnitude, 1e16, 1e15, 123456789012345.67, 0.001, 1e-5]
        for _ in 0 ..< 20_000 { values.append(Double(bitPattern: rng.next())) }
        for _ in 0 ..< 20_000 { values.append(Double.random(in: -1e4 ... 1e4, using: &rng)) }
        var out = OutputBuffer()
        for v in values {
            out.removeAll()
            TextRendering.appendDouble(v, nonFinite: .null, to: &out)
            var bytes = [UInt8](repeating: 0, count: TextRendering.maxDecimalFormRoom)
            let length = bytes.withUnsafeMutableBufferPointer { b in TextRendering.storeJSONDouble(v, to: b.baseAddress!) - b.baseAddress! }
            #expect(Array(bytes[0 ..< length]) == out.copyBytes(), "\(v)")
            if v.isFinite { #expect(Double(out.string()) == v) }
        }
    }

    @Test func dateCacheMatchesDateText() {
        var rng = SeededGenerator(seed: 0xF1A7_0004)
        // Runs of repeated days (as sorted timestamps give), jumps, and years outside 0001…9999.
        var days: [Int64] = [0, 0, -1, -719_162, -719_163, -719_528, 2_932_896, 2_932_897, 2_932_897, 106_751_991,
                             -106_751_991, Int64(Int32.max), Int64(Int32.min), Int64(Int32.min), 0]
        for _ in 0 ..< 5_000 {
            let day = Int64.random(in: -3_000_000 ... 3_000_000, using: &rng)
            days += Array(repeating: day, count: Int.random(in: 1 ... 3, using: &rng))
        }
        var cache = DateTextCache()
        var out = OutputBuffer()
        for d in days {
            out.removeAll()
            TextRendering.appendDate(daysSinceEpoch: d, to: &out)
            var bytes = [UInt8](repeating: 0, count: 40)
            let length = bytes.withUnsafeMutableBufferPointer { b in cache.store(daysSinceEpoch: d, to: b.baseAddress!) - b.baseAddress! }
            #expect(Array(bytes[0 ..< length]) == out.copyBytes(), "\(d)")
            let (year, month, day) = TextRendering.civilDate(daysSinceEpoch: d)
            if year >= 1 && year <= 9999 {
                let expected = String(format: "%04d-%02d-%02d", Int(year), month, day)
                #expect(out.string() == expected)
            }
        }
    }

    @Test func escapingWithWordTailsMatchesTheChunkedRoute() {
        var rng = SeededGenerator(seed: 0xF1A7_0005)
        let alphabet: [[UInt8]] = [[0x61], [0x7A], [0x22], [0x5C], [0x0A], [0x01], [0x1F], [0x7F], [0xC3, 0xA9], [0xE2, 0x82, 0xAC],
                                   [0xF0, 0x9F, 0x98, 0x80], [0xFF], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0x20]]
        for _ in 0 ..< 5_000 {
            var s: [UInt8] = []
            for _ in 0 ..< Int.random(in: 0 ... 40, using: &rng) { s += alphabet[Int.random(in: 0 ..< alphabet.count, using: &rng)] }
            var out = OutputBuffer()
            s.withUnsafeBytes { TextRendering.appendJSONStringContent($0, to: &out) }
            // The same bytes followed by readable garbage, scanned a word at a time to the end.
            let padded = s + (0 ..< 8).map { _ in UInt8.random(in: 0 ... 255, using: &rng) }
            var room = [UInt8](repeating: 0, count: TextRendering.jsonEscapedRoom(s.count + 3))
            let length = padded.withUnsafeBufferPointer { src in
                room.withUnsafeMutableBufferPointer { d in
                    TextRendering.storeJSONEscaped(src.baseAddress!, from: 0, stop: s.count, end: s.count, overread: true,
                                                   to: d.baseAddress!).end - d.baseAddress!
                }
            }
            #expect(Array(room[0 ..< length]) == out.copyBytes())
        }
    }

    /// Schema elements and batches of one row group covering every flat kind, nulls included.
    static func sampleGroup(rows: Int, seed: UInt64) throws -> (Schema, [ColumnBatch], [String]) {
        var rng = SeededGenerator(seed: seed)
        let elements: [SchemaElement] = [
            SchemaElement(name: "i64", type: .int64, repetitionType: .required),
            SchemaElement(name: "i32", type: .int32, repetitionType: .optional),
            SchemaElement(name: "dbl", type: .double, repetitionType: .optional),
            SchemaElement(name: "s", type: .byteArray, repetitionType: .optional, logicalType: .string),
            SchemaElement(name: "ts_us", type: .int64, repetitionType: .optional, logicalType: .timestamp(isAdjustedToUTC: false, unit: .micros)),
            SchemaElement(name: "ts_ms_utc", type: .int64, repetitionType: .optional, logicalType: .timestamp(isAdjustedToUTC: true, unit: .millis)),
            SchemaElement(name: "ts_ns", type: .int64, repetitionType: .required, logicalType: .timestamp(isAdjustedToUTC: false, unit: .nanos)),
            SchemaElement(name: "b", type: .boolean, repetitionType: .optional),
            SchemaElement(name: "day", type: .int32, repetitionType: .optional, logicalType: .date),
            SchemaElement(name: "f", type: .float, repetitionType: .optional),
            SchemaElement(name: "dec", type: .int64, repetitionType: .optional, logicalType: .decimal(precision: 18, scale: 4)),
            SchemaElement(name: "bin", type: .byteArray, repetitionType: .optional),
            SchemaElement(name: "fixed_s", type: .fixedLenByteArray, typeLength: 5, repetitionType: .optional, logicalType: .string),
            SchemaElement(name: "k\"ey\u{1}é", type: .int32, repetitionType: .optional, logicalType: .integer(bitWidth: 16, isSigned: false)),
        ]
        let schema = try Schema(elements: [SchemaElement(name: "schema", numChildren: Int32(elements.count))] + elements)
        let ints = integerSamples()
        let pieces: [[UInt8]] = [Array("plain".utf8), Array("with \"quote\"".utf8), [0x5C], [0x0A, 0x09], [0xC3, 0xA9], [0xFF],
                                 [0xF0, 0x9F, 0x98, 0x80], [0xE2, 0x82], [], Array("abcdefghijklmnop".utf8)]
        var batches: [ColumnBatch] = []
        for (index, column) in schema.columns.enumerated() {
            let required = elements[index].repetitionType == .required
            let levels: [Int16] = (0 ..< rows).map { _ in required || Int.random(in: 0 ..< 10, using: &rng) > 1 ? 1 : 0 }
            let count = required ? rows : levels.filter { $0 == 1 }.count
            func pick<T>(_ edge: [T], _ random: () -> T) -> [T] {
                (0 ..< count).map { _ in Int.random(in: 0 ..< 8, using: &rng) == 0 ? edge[Int.random(in: 0 ..< edge.count, using: &rng)] : random() }
            }
            let values: ColumnValues
            switch elements[index].name {
            case "i64", "dec": values = .int64(pick(ints) { Int64(bitPattern: rng.next()) })
            case "i32", "k\"ey\u{1}é": values = .int32(pick([0, 1, -1, .max, .min]) { Int32(truncatingIfNeeded: rng.next()) })
            case "dbl":
                values = .double(pick([0, -0.0, .nan, .infinity, -.infinity, .leastNonzeroMagnitude, 1e16, 1e-5]) {
                    Bool.random(using: &rng) ? Double.random(in: -1e3 ... 1e3, using: &rng) : Double(bitPattern: rng.next())
                })
            case "f": values = .float(pick([0, -0.0, .nan, .infinity, 0.1]) { Float(bitPattern: UInt32(truncatingIfNeeded: rng.next())) })
            case "b": values = .boolean(pick([true, false]) { Bool.random(using: &rng) })
            case "day": values = .int32(pick([0, -719_163, 2_932_897, .max, .min]) { Int32.random(in: -30_000 ... 30_000, using: &rng) })
            case "s", "bin":
                let strings: [[UInt8]] = pick([[], Array(repeating: 0x22, count: 70_000)]) {
                    (0 ..< Int.random(in: 0 ... 6, using: &rng)).flatMap { _ in pieces[Int.random(in: 0 ..< pieces.count, using: &rng)] }
                }
                values = .byteArray(ByteArrayBuffer(strings))
            case "fixed_s":  // FIXED_LEN_BYTE_ARRAY strings have no offsets: the loop must not read them as byte arrays
                values = .fixedLenByteArray(FixedLenByteArrayBuffer(width: 5, bytes: (0 ..< count).flatMap { _ in
                    Array(["abcde", "a,b\"c", "\u{1}\n\\xy", "é123"].randomElement(using: &rng)!.utf8)
                }))
            default:  // timestamps: sorted runs sharing days, and extremes
                var t = Int64.random(in: -(1 << 45) ... (1 << 45), using: &rng)
                values = .int64(pick([0, -1, .max, .min, 253_402_300_799_999]) {
                    t &+= Int64.random(in: 0 ... 5_000_000, using: &rng)
                    return t
                })
            }
            batches.append(ColumnBatch(column: column, values: values, definitionLevels: required ? nil : levels,
                                       repetitionLevels: nil, levelCount: rows, rowCount: rows))
        }
        return (schema, batches, elements.map(\.name))
    }

    @Test("the flat-row loop writes the generic route's bytes", arguments: [JSONWriter.Style.ndjson, .array])
    func flatRowsMatchGenericRoute(style: JSONWriter.Style) throws {
        let rows = 3_000
        let (schema, batches, names) = try Self.sampleGroup(rows: rows, seed: style == .ndjson ? 11 : 12)
        let renderer = try RowGroupRenderer(schema: schema, batches: batches)
        // Two calls (rows 0..<1234, 1234..<rows) per route, so the second continues the first.
        var generic = JSONWriter(columns: names, style: style, bufferCapacity: 64)
        var fast = JSONWriter(columns: names, style: style, bufferCapacity: 64)
        var genericNext = [Int](repeating: 0, count: names.count)
        var fastNext = genericNext
        for range in [0 ..< 1234, 1234 ..< rows] {
            try genericNext.withUnsafeMutableBufferPointer { try renderer.renderSlice(rows: range, next: $0.baseAddress!, into: &generic) }
            try fastNext.withUnsafeMutableBufferPointer { try fast.renderRows(of: renderer, rows: range, next: $0.baseAddress!) }
        }
        generic.finish()
        fast.finish()
        #expect(fastNext == genericNext)
        #expect(fast.rowCount == rows && generic.rowCount == rows)
        let text = fast.buffer.copyBytes()
        let expected = generic.buffer.copyBytes()
        // Compared as text, first differing line only (a failing byte-array comparison prints megabytes).
        let firstDifference = zip(text.split(separator: 0x0A), expected.split(separator: 0x0A)).first { $0 != $1 }
        #expect(firstDifference.map { String(decoding: $0.0, as: UTF8.self) + "\n≠\n" + String(decoding: $0.1, as: UTF8.self) } == nil)
        let identical = text == expected
        #expect(identical)
        // And it is JSON: every line (or the array) parses.
        let data = Data(text)
        if style == .array {
            let parsed = try JSONSerialization.jsonObject(with: data) as? [Any]
            #expect(parsed?.count == rows)
        } else {
            let lines = text.split(separator: 0x0A)
            #expect(lines.count == rows)
            for line in lines.prefix(500) { _ = try JSONSerialization.jsonObject(with: Data(line)) }
        }
    }
}
