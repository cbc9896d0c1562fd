import Foundation
@testable import Parquet

/// Data generation, writing and comparison helpers for the writer tests.
enum WriterTestSupport {
    /// A flat batch of `rows` random values for `column` (nulls with probability `nullFraction` when
    /// the column is optional). Values include edge cases: extremes, NaN, -0.0, empty byte arrays,
    /// repeats (so dictionaries are exercised).
    static func flatBatch(for column: ColumnDescriptor, rows: Int, nullFraction: Double = 0.2,
                          rng: inout SeededGenerator) -> ColumnBatch {
        var defs: [Int16]? = column.maxDefinitionLevel > 0 ? [] : nil
        var n = 0
        for _ in 0 ..< rows {
            if defs != nil {
                let isNull = Double.random(in: 0 ..< 1, using: &rng) < nullFraction
                defs!.append(isNull ? 0 : Int16(column.maxDefinitionLevel))
                if !isNull { n += 1 }
            } else {
                n += 1
            }
        }
        return ColumnBatch(column: column, values: randomValues(for: column, count: n, rng: &rng), definitionLevels: defs,
                           repetitionLevels: nil, levelCount: rows, rowCount: rows)
    }

    /// `count` random values of the column's physical type.
    static func randomValues(for column: ColumnDescriptor, count n: Int, rng: inout SeededGenerator) -> ColumnValues {
        // Half the values come from a small pool so dictionary encoding has repeats.
        func pick<T>(_ pool: [T], _ fresh: () -> T) -> T {
            Bool.random(using: &rng) ? pool[Int.random(in: 0 ..< pool.count, using: &rng)] : fresh()
        }
        switch column.physicalType {
        case .boolean:
            return .boolean((0 ..< n).map { _ in Bool.random(using: &rng) })
        case .int32:
            let pool: [Int32] = [0, 1, -1, .min, .max, 42, 7]
            return .int32((0 ..< n).map { _ in pick(pool) { Int32.random(in: .min ... .max, using: &rng) } })
        case .int64:
            let pool: [Int64] = [0, 1, -1, .min, .max, 1 << 40, 7]
            return .int64((0 ..< n).map { _ in pick(pool) { Int64.random(in: .min ... .max, using: &rng) } })
        case .int96:
            let pool = [Int96(low: 0, high: 2_440_588), Int96(low: 86_399_999_999_999, high: 2_459_000)]
            return .int96((0 ..< n).map { _ in
                pick(pool) { Int96(low: UInt64.random(in: 0 ..< 86_400_000_000_000, using: &rng), high: UInt32.random(in: 2_400_000 ... 2_500_000, using: &rng)) }
            })
        case .float:
            let pool: [Float] = [0, -0.0, 1.5, -2.25, .infinity, -.infinity, .nan, .greatestFiniteMagnitude]
            return .float((0 ..< n).map { _ in pick(pool) { Float.random(in: -1e6 ... 1e6, using: &rng) } })
        case .double:
            let pool: [Double] = [0, -0.0, 1.5, -2.25, .infinity, -.infinity, .nan, .leastNonzeroMagnitude]
            return .double((0 ..< n).map { _ in pick(pool) { Double.random(in: -1e12 ... 1e12, using: &rng) } })
        case .byteArray:
            let pool: [[UInt8]] = [[], Array("a".utf8), Array("hello".utf8), Array("héllo wörld".utf8), Array(repeating: 0x7A, count: 100)]
            var buffer = ByteArrayBuffer()
            for _ in 0 ..< n {
                buffer.append(pick(pool) {
                    let length = Int.random(in: 0 ... 20, using: &rng)
                    return (0 ..< length).map { _ in UInt8.random(in: 0x61 ... 0x7A, using: &rng) }
                })
            }
            return .byteArray(buffer)
        default:
            let w = column.typeLength
            let pool: [[UInt8]] = [Array(repeating: 0, count: w), Array(repeating: 0xFF, count: w)]
            var buffer = FixedLenByteArrayBuffer(width: w)
            for _ in 0 ..< n {
                buffer.append(pick(pool) { (0 ..< w).map { _ in UInt8.random(in: 0 ... 255, using: &rng) } })
            }
            return .fixedLenByteArray(buffer)
        }
    }

    /// Whether two value lists are identical (floats compared by bit pattern).
    static func sameValues(_ a: ColumnValues, _ b: ColumnValues) -> Bool {
        switch (a, b) {
        case (.boolean(let x), .boolean(let y)): x == y
        case (.int32(let x), .int32(let y)): x == y
        case (.int64(let x), .int64(let y)): x == y
        case (.int96(let x), .int96(let y)): x == y
        case (.float(let x), .float(let y)): x.map(\.bitPattern) == y.map(\.bitPattern)
        case (.double(let x), .double(let y)): x.map(\.bitPattern) == y.map(\.bitPattern)
        case (.byteArray(let x), .byteArray(let y)): x.count == y.count && (0 ..< x.count).allSatisfy { x[$0] == y[$0] }
        case (.fixedLenByteArray(let x), .fixedLenByteArray(let y)): x.width == y.width && x.bytes == y.bytes
        default: false
        }
    }

    /// Whether two batches hold the same values and levels.
    static func sameBatch(_ a: ColumnBatch, _ b: ColumnBatch) -> Bool {
        a.rowCount == b.rowCount && a.levelCount == b.levelCount && sameValues(a.values, b.values)
            && (a.definitionLevels ?? []) == (b.definitionLevels ?? []) && (a.repetitionLevels ?? []) == (b.repetitionLevels ?? [])
    }

    /// Concatenation of batches of one column.
    static func concatenate(_ batches: [ColumnBatch]) -> ColumnBatch {
        var total = batches[0]
        for b in batches.dropFirst() { total.append(b) }
        return total
    }

    /// Writes `batches` (one list per row group call) into memory and returns the file bytes.
    static func write(schema: Schema, options: ParquetWriterOptions = ParquetWriterOptions(),
                      _ calls: [[ColumnBatch]]) throws -> [UInt8] {
        let sink = MemorySink()
        let writer = try ParquetWriter(schema: schema, sink: sink, options: options)
        for batches in calls { try writer.write(batches: batches) }
        try writer.close()
        return sink.bytes
    }

    /// Every column of a file, all row groups concatenated.
    static func readAll(_ file: ParquetFile) async throws -> [ColumnBatch] {
        var out: [ColumnBatch] = []
        for c in file.schema.columns {
            var parts: [ColumnBatch] = []
            for g in 0 ..< file.rowGroupCount { parts.append(try await file.readColumn(rowGroup: g, column: c)) }
            if parts.isEmpty {
                parts.append(ColumnBatch(column: c, values: PageValueBuffer(type: c.physicalType, width: c.typeLength).values, definitionLevels: c.maxDefinitionLevel > 0 ? [] : nil,
                                         repetitionLevels: c.maxRepetitionLevel > 0 ? [] : nil, levelCount: 0, rowCount: 0))
            }
            out.append(concatenate(parts))
        }
        return out
    }

    static func open(_ bytes: [UInt8]) async throws -> ParquetFile {
        try await ParquetFile.open(source: MemoryByteSource(bytes))
    }

    /// A fresh temporary file path (not created).
    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("writer-\(UUID().uuidString)-\(name)").path
    }

    /// Writes bytes to a temporary file and returns its path.
    static func temporaryFile(_ bytes: [UInt8], name: String = "test.parquet") throws -> String {
        let path = temporaryPath(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }
}
