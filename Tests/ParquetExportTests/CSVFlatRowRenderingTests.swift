import Foundation
import Testing
import Parquet
@testable import ParquetExport

/// The flat-row CSV loop (`CSVWriter.renderRows` / `storeFlatRows`) and the stores behind it, against the
/// generic one-call-per-value route (`RowGroupRenderer.renderSlice` into `CSVWriter.writeX`) and against
/// `TextRendering.appendCSVField` / `appendDouble` / `appendFloat`, over seeded random values and edges.
@Suite("CSV flat row rendering")
struct CSVFlatRowRenderingTests {
    /// Writer settings the routes are compared under.
    struct Setting: Sendable, CustomTestStringConvertible {
        let options: CSVOptions
        let seed: UInt64
        var testDescription: String {
            "delimiter \(options.delimiter) null '\(options.nullText)' guard \(options.formulaGuard) \(options.lineTerminator) header \(options.includeHeader)"
        }
    }

    static let settings: [Setting] = [
        Setting(options: CSVOptions(), seed: 21),
        Setting(options: CSVOptions(delimiter: 0x3B, nullText: "NA", includeHeader: false, formulaGuard: true, lineTerminator: .crlf), seed: 22),
        Setting(options: CSVOptions(delimiter: 0x09, nullText: "\\N", formulaGuard: true), seed: 23),
        Setting(options: CSVOptions(delimiter: 0x7C, nullText: "plain", lineTerminator: .crlf), seed: 24),
        Setting(options: CSVOptions(nullText: "null-ish text", includeHeader: false, formulaGuard: true), seed: 25),
    ]

    /// String pieces: plain words, every delimiter tested, quotes, line breaks, formula starters, the null
    /// texts of ``settings``, valid and invalid UTF-8.
    static let pieces: [[UInt8]] = [
        "plain", "abcdefghijklmnop", ",", ";", "\t", "|", "\"", "\n", "\r", "\r\n", "=SUM(A1)", "+1", "-x", "@me", " ", "'",
        "NA", "\\N", "null-ish text", "é", "😀", "2020-01-01 00:00:00",
    ].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80]]

    static func randomString(_ rng: inout SeededGenerator) -> [UInt8] {
        switch Int.random(in: 0 ..< 10, using: &rng) {
        case 0: return []
        case 1: return pieces[Int.random(in: 0 ..< pieces.count, using: &rng)]  // one piece alone: null texts, starters
        case 2, 3:  // plain ASCII of every length around the word size
            return (0 ..< Int.random(in: 0 ... 40, using: &rng)).map { _ in UInt8.random(in: 0x61 ... 0x7A, using: &rng) }
        default:
            return (0 ..< Int.random(in: 1 ... 6, using: &rng)).flatMap { _ in pieces[Int.random(in: 0 ..< pieces.count, using: &rng)] }
        }
    }

    /// One row group covering every flat kind (fast-path kinds and the fallbacks), nulls included.
    static func sampleGroup(rows: Int, seed: UInt64) throws -> (Schema, [ColumnBatch], [String]) {
        var rng = SeededGenerator(seed: seed)
        typealias E = SchemaElement
        let elements: [SchemaElement] = [
            E(name: "i64", type: .int64, repetitionType: .required),
            E(name: "i32", type: .int32, repetitionType: .optional),
            E(name: "u8", type: .int32, repetitionType: .optional, logicalType: .integer(bitWidth: 8, isSigned: false)),
            E(name: "u16", type: .int32, repetitionType: .optional, logicalType: .integer(bitWidth: 16, isSigned: false)),
            E(name: "u32", type: .int32, repetitionType: .optional, logicalType: .integer(bitWidth: 32, isSigned: false)),
            E(name: "u64", type: .int64, repetitionType: .optional, logicalType: .integer(bitWidth: 64, isSigned: false)),
            E(name: "dbl", type: .double, repetitionType: .optional),
            E(name: "f", type: .float, repetitionType: .optional),
            E(name: "s", type: .byteArray, repetitionType: .optional, logicalType: .string),
            E(name: "word", type: .byteArray, repetitionType: .required, logicalType: .string),
            E(name: "day", type: .int32, repetitionType: .optional, logicalType: .date),
            E(name: "t_ms", type: .int32, repetitionType: .optional, logicalType: .time(isAdjustedToUTC: false, unit: .millis)),
            E(name: "t_us", type: .int64, repetitionType: .optional, logicalType: .time(isAdjustedToUTC: true, unit: .micros)),
            E(name: "t_ns", type: .int64, repetitionType: .optional, logicalType: .time(isAdjustedToUTC: false, unit: .nanos)),
            E(name: "ts_ms_utc", type: .int64, repetitionType: .optional, logicalType: .timestamp(isAdjustedToUTC: true, unit: .millis)),
            E(name: "ts_us", type: .int64, repetitionType: .optional, logicalType: .timestamp(isAdjustedToUTC: false, unit: .micros)),
            E(name: "ts_ns", type: .int64, repetitionType: .required, logicalType: .timestamp(isAdjustedToUTC: false, unit: .nanos)),
            E(name: "b", type: .boolean, repetitionType: .optional),
            E(name: "dec64", type: .int64, repetitionType: .optional, logicalType: .decimal(precision: 18, scale: 4)),
            E(name: "dec32", type: .int32, repetitionType: .optional, logicalType: .decimal(precision: 9, scale: 2)),
            E(name: "bin", type: .byteArray, repetitionType: .optional),
            E(name: "uuid", type: .fixedLenByteArray, typeLength: 16, repetitionType: .optional, logicalType: .uuid),
            E(name: "iv", type: .fixedLenByteArray, typeLength: 12, repetitionType: .optional, convertedType: .interval),
            E(name: "f16", type: .fixedLenByteArray, typeLength: 2, repetitionType: .optional, logicalType: .float16),
            E(name: "fixed_s", type: .fixedLenByteArray, typeLength: 5, repetitionType: .optional, logicalType: .string),
            E(name: "i96", type: .int96, repetitionType: .optional),
            E(name: "nothing", type: .int32, repetitionType: .optional, logicalType: .null),
            E(name: "=name, \"q\"", type: .int32, repetitionType: .optional),
        ]
        let schema = try Schema(elements: [SchemaElement(name: "schema", numChildren: Int32(elements.count))] + elements)
        let ints = FlatRowRenderingTests.integerSamples()
        var batches: [ColumnBatch] = []
        for (index, column) in schema.columns.enumerated() {
            let required = elements[index].repetitionType == .required
            let levels: [Int16] = (0 ..< rows).map { _ in required || Int.random(in: 0 ..< 10, using: &rng) > 1 ? 1 : 0 }
            let count = required ? rows : levels.filter { $0 == 1 }.count
            func pick<T>(_ edge: [T], _ random: () -> T) -> [T] {
                (0 ..< count).map { _ in Int.random(in: 0 ..< 8, using: &rng) == 0 ? edge[Int.random(in: 0 ..< edge.count, using: &rng)] : random() }
            }
            func fixed(_ width: Int) -> ColumnValues {
                .fixedLenByteArray(FixedLenByteArrayBuffer(width: width, bytes: (0 ..< count * width).map { _ in UInt8.random(in: 0 ... 255, using: &rng) }))
            }
            /// Runs of increasing values sharing days (as sorted timestamps give) and extremes.
            func sorted(_ spread: Int64, step: Int64) -> ColumnValues {
                var t = Int64.random(in: -spread ... spread, using: &rng)
                return .int64(pick([0, -1, 1, .max, .min, .max - 1, .min + 1, 253_402_300_799_999, -62_135_596_800_001]) {
                    if Int.random(in: 0 ..< 50, using: &rng) == 0 { t = Int64.random(in: -spread ... spread, using: &rng) }
                    t &+= Int64.random(in: 0 ... step, using: &rng)
                    return t
                })
            }
            let values: ColumnValues
            switch elements[index].name {
            case "i64", "dec64", "u64": values = .int64(pick(ints) { Int64(bitPattern: rng.next()) })
            case "i32", "u8", "u16", "u32", "dec32", "nothing", "=name, \"q\"":
                values = .int32(pick([0, 1, -1, 255, 256, 65_535, .max, .min]) { Int32(truncatingIfNeeded: rng.next()) })
            case "dbl":
                values = .double(pick([0, -0.0, .nan, -.nan, .infinity, -.infinity, .leastNonzeroMagnitude, -.leastNormalMagnitude,
                                       .greatestFiniteMagnitude, 1e16, 1e15, 1e-5, 0.0001, 123.0]) {
                    Bool.random(using: &rng) ? Double.random(in: -1e3 ... 1e3, using: &rng) : Double(bitPattern: rng.next())
                })
            case "f":
                values = .float(pick([0, -0.0, .nan, .infinity, -.infinity, 0.1, .leastNonzeroMagnitude, .greatestFiniteMagnitude]) {
                    Bool.random(using: &rng) ? Float.random(in: -1e3 ... 1e3, using: &rng) : Float(bitPattern: UInt32(truncatingIfNeeded: rng.next()))
                })
            case "b": values = .boolean(pick([true, false]) { Bool.random(using: &rng) })
            case "day":
                var day = Int32.random(in: -30_000 ... 30_000, using: &rng)
                values = .int32(pick([0, -1, -719_162, -719_163, -719_528, 2_932_896, 2_932_897, .max, .min]) {
                    if Bool.random(using: &rng) { day = Int32.random(in: -3_000_000 ... 3_000_000, using: &rng) }
                    return day
                })
            case "t_ms": values = .int32(pick([0, -1, 86_399_999, 86_400_000, .max, .min]) { Int32.random(in: 0 ..< 86_400_000, using: &rng) })
            case "t_us", "t_ns":
                values = .int64(pick([0, -1, 86_399_999_999, 86_400_000_000_000, .max, .min]) {
                    Int64.random(in: 0 ..< 86_400_000_000_000, using: &rng)
                })
            case "ts_ms_utc": values = sorted(1 << 45, step: 50_000_000)
            case "ts_us": values = sorted(1 << 55, step: 5_000_000_000)
            case "ts_ns": values = sorted(Int64.max / 2, step: 5_000_000_000_000)
            case "s":
                // Now and then one past the inline limit (plain, all quotes, or a delimiter just past the limit).
                let long: [[UInt8]] = [Array(repeating: 0x61, count: 70_000), Array(repeating: 0x22, count: 70_000),
                                       Array(repeating: 0x61, count: 65_536) + [0x2C], Array(repeating: 0x61, count: 65_536)]
                let strings: [[UInt8]] = (0 ..< count).map { _ in
                    Int.random(in: 0 ..< 400, using: &rng) == 0 ? long[Int.random(in: 0 ..< long.count, using: &rng)] : randomString(&rng)
                }
                values = .byteArray(ByteArrayBuffer(strings))
            case "word":
                let strings: [[UInt8]] = (0 ..< count).map { _ in
                    (0 ..< Int.random(in: 0 ... 20, using: &rng)).map { _ in UInt8.random(in: 0x30 ... 0x7A, using: &rng) }
                }
                values = .byteArray(ByteArrayBuffer(strings))
            case "bin":
                values = .byteArray(ByteArrayBuffer((0 ..< count).map { _ in
                    (0 ..< Int.random(in: 0 ... 9, using: &rng)).map { _ in UInt8.random(in: 0 ... 255, using: &rng) }
                }))
            case "uuid": values = fixed(16)
            case "iv": values = fixed(12)
            case "f16": values = fixed(2)
            case "fixed_s":  // five bytes each
                values = .fixedLenByteArray(FixedLenByteArrayBuffer(width: 5, bytes: (0 ..< count).flatMap { _ in
                    Array(["abcde", "a,b\"c", "=x12y", "NA   ", "é123"].randomElement(using: &rng)!.utf8)
                }))
            case "i96":
                values = .int96((0 ..< count).map { _ in
                    Int96(low: rng.next() % 86_400_000_000_000, high: UInt32(truncatingIfNeeded: Int.random(in: 0 ... 5_000_000, using: &rng)))
                })
            default: throw ParquetError(.invalidArgument, "no generator for \(elements[index].name)")
            }
            batches.append(ColumnBatch(column: column, values: values, definitionLevels: required ? nil : levels,
                                       repetitionLevels: nil, levelCount: rows, rowCount: rows))
        }
        return (schema, batches, elements.map(\.name))
    }

    /// Renders `ranges` (consecutive) of `renderer` with a fresh writer (header first) by the fast route or
    /// the generic one; returns the text, the value indices after the last range and the row count.
    static func render(
        _ renderer: RowGroupRenderer, names: [String], options: CSVOptions, ranges: [Range<Int>], fast: Bool
    ) throws -> (text: [UInt8], next: [Int], rows: Int) {
        var w = try CSVWriter(columns: names, options: options, bufferCapacity: 64)
        w.writeHeader()
        var next = renderer.valueIndices(from: 0, [Int](repeating: 0, count: names.count), at: [ranges[0].lowerBound])
        for range in ranges {
            try next.withUnsafeMutableBufferPointer { (n) throws(ParquetError) in
                if fast {
                    try w.renderRows(of: renderer, rows: range, next: n.baseAddress!)
                } else {
                    try renderer.renderSlice(rows: range, next: n.baseAddress!, into: &w)
                }
            }
        }
        return (w.buffer.copyBytes(), next, w.rowCount)
    }

    @Test("the flat-row loop writes the generic route's bytes", arguments: settings)
    func flatRowsMatchGenericRoute(setting: Setting) throws {
        let rows = 4_000
        let (schema, batches, names) = try Self.sampleGroup(rows: rows, seed: setting.seed)
        let renderer = try RowGroupRenderer(schema: schema, batches: batches)
        // Consecutive calls split at seeded points (one-row calls included), so each continues the last.
        var rng = SeededGenerator(seed: setting.seed &* 31)
        var cuts = [0, 1, 2] + (0 ..< 5).map { _ in Int.random(in: 3 ..< rows, using: &rng) } + [rows]
        cuts = Array(Set(cuts)).sorted()
        let ranges = zip(cuts, cuts.dropFirst()).map { $0 ..< $1 }
        let generic = try Self.render(renderer, names: names, options: setting.options, ranges: ranges, fast: false)
        let fast = try Self.render(renderer, names: names, options: setting.options, ranges: ranges, fast: true)
        #expect(fast.next == generic.next)
        #expect(fast.rows == rows && generic.rows == rows)
        #expect(fast.text.count == generic.text.count)
        #expect(Self.difference(fast.text, generic.text) == nil)
        // The rows are really there: one line terminator per row (plus the header) outside quotes.
        let terminator: [UInt8] = setting.options.lineTerminator == .crlf ? [0x0D, 0x0A] : [0x0A]
        var lines = 0
        var quoted = false
        for (k, byte) in fast.text.enumerated() {
            if byte == 0x22 { quoted.toggle() }
            if !quoted && byte == 0x0A && k + 1 >= terminator.count && Array(fast.text[(k + 1 - terminator.count) ... k]) == terminator { lines += 1 }
        }
        #expect(lines == rows + (setting.options.includeHeader ? 1 : 0))
    }

    @Test("slices starting mid-row-group match", arguments: settings)
    func midGroupSlicesMatch(setting: Setting) throws {
        let rows = 3_000
        let (schema, batches, names) = try Self.sampleGroup(rows: rows, seed: setting.seed &+ 100)
        let renderer = try RowGroupRenderer(schema: schema, batches: batches)
        var rng = SeededGenerator(seed: setting.seed &+ 7)
        for _ in 0 ..< 12 {
            let start = Int.random(in: 1 ..< rows, using: &rng)
            let end = Int.random(in: start ... rows, using: &rng)
            let generic = try Self.render(renderer, names: names, options: setting.options, ranges: [start ..< end], fast: false)
            let fast = try Self.render(renderer, names: names, options: setting.options, ranges: [start ..< end], fast: true)
            #expect(Self.difference(fast.text, generic.text) == nil, "rows \(start) ..< \(end)")
            #expect(fast.next == generic.next)
            #expect(fast.rows == end - start)
        }
    }

    @Test("parallel slices (the export's call site) match the generic route")
    func parallelRenderingMatches() throws {
        let rows = 20_000  // above two slices of 8192 rows, so renderInParallel splits the range
        let options = CSVOptions(delimiter: 0x3B, nullText: "NA", formulaGuard: true, lineTerminator: .crlf)
        let (schema, batches, names) = try Self.sampleGroup(rows: rows, seed: 77)
        var renderer = try RowGroupRenderer(schema: schema, batches: batches)
        let generic = try Self.render(renderer, names: names, options: options, ranges: [0 ..< 5_000, 5_000 ..< rows], fast: false)
        var w = try CSVWriter(columns: names, options: options, bufferCapacity: 64)
        w.writeHeader()
        var text: [UInt8] = []
        for range in [0 ..< 5_000, 5_000 ..< rows] {
            try renderer.renderInParallel(rows: range, into: &w, threads: 2) { text += $0 }
        }
        w.buffer.flush(ifAtLeast: 0) { text += $0 }
        #expect(w.rowCount == rows)
        #expect(Self.difference(text, generic.text) == nil)
    }

    /// Nil when `a == b`, else the first differing line of each (compact, for a readable failure).
    static func difference(_ a: [UInt8], _ b: [UInt8]) -> String? {
        guard a != b else { return nil }
        let k = (0 ..< min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
        func line(_ t: [UInt8]) -> String {
            let start = t[..<min(k, t.count)].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
            let end = t[min(k, t.count)...].firstIndex(of: 0x0A) ?? t.count
            return String(decoding: t[start ..< end], as: UTF8.self)
        }
        return "byte \(k) of \(a.count) / \(b.count): \(line(a).debugDescription) vs \(line(b).debugDescription)"
    }

    @Test func unquotedFieldStoreAgreesWithAppendCSVField() {
        var rng = SeededGenerator(seed: 0xC5F1_0001)
        var wrong: [String] = []  // failures, reported once
        for delimiter: UInt8 in [0x2C, 0x3B, 0x09, 0x7C] {
            for _ in 0 ..< 4_000 {
                let s = Self.randomString(&rng)
                var expected = OutputBuffer()
                s.withUnsafeBytes { TextRendering.appendCSVField($0, delimiter: delimiter, to: &expected) }
                for overread in [false, true] {
                    // With read-ahead, readable garbage (including the specials) follows the field.
                    let padded = s + (0 ..< 8).map { _ in [0x2C, 0x22, 0x0A, 0xFF, delimiter, 0x61][Int.random(in: 0 ..< 6, using: &rng)] }
                    var room = [UInt8](repeating: 0, count: s.count + TextRendering.storeSlack)
                    let length = padded.withUnsafeBufferPointer { src in
                        room.withUnsafeMutableBufferPointer { d in
                            TextRendering.storeUnquotedCSVField(src.baseAddress!, count: s.count, delimiter: delimiter,
                                                                overread: overread, to: d.baseAddress!).map { $0 - d.baseAddress! }
                        }
                    }
                    if let length {
                        if Array(room[0 ..< length]) != s || expected.copyBytes() != s { wrong.append("stored \(s) unquoted") }
                    } else if expected.copyBytes() == s {
                        wrong.append("refused \(s), which needs no quotes")
                    }
                }
            }
        }
        #expect(wrong.isEmpty, "\(wrong.count) wrong, first: \(wrong.first ?? "")")
    }

    @Test func floatingPointStoresMatchTheAppends() {
        var rng = SeededGenerator(seed: 0xC5F1_0002)
        var doubles: [Double] = [0, -0.0, .nan, -.nan, .infinity, -.infinity, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 1e16, 0.1]
        for _ in 0 ..< 20_000 { doubles.append(Double(bitPattern: rng.next())) }
        var out = OutputBuffer()
        var room = [UInt8](repeating: 0, count: TextRendering.maxDecimalFormRoom)
        var wrong: [String] = []  // failures, reported once
        for style in [NonFiniteStyle.text, .null] {
            for v in doubles {
                out.removeAll()
                TextRendering.appendDouble(v, nonFinite: style, to: &out)
                let length = room.withUnsafeMutableBufferPointer { b in TextRendering.storeDouble(v, nonFinite: style, to: b.baseAddress!) - b.baseAddress! }
                if Array(room[0 ..< length]) != out.copyBytes() { wrong.append("\(style) \(v)") }
                let f = Float(bitPattern: UInt32(truncatingIfNeeded: v.bitPattern))
                out.removeAll()
                TextRendering.appendFloat(f, nonFinite: style, to: &out)
                let floatLength = room.withUnsafeMutableBufferPointer { b in TextRendering.storeFloat(f, nonFinite: style, to: b.baseAddress!) - b.baseAddress! }
                if Array(room[0 ..< floatLength]) != out.copyBytes() { wrong.append("\(style) \(f) (Float)") }
            }
        }
        #expect(wrong.isEmpty, "\(wrong.count) wrong, first: \(wrong.first ?? "")")
    }
}
