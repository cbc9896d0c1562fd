import Parquet

/// The benchmark datasets, written by our own writer from a seeded generator: the same shapes as
/// `Benchmarks/gen_datasets.py` (which compare.py uses, so no tool reads files written by itself), with
/// different random values. Same seed and row count, same file.
struct DatasetGenerator {
    /// The datasets `parquet-bench generate` knows.
    enum Dataset: String, CaseIterable {
        case mixed, strings, wide200, decimal, nested, wide10k

        var summary: String {
            switch self {
            case .mixed: "9 columns: int64 id, int32, double, low- and high-cardinality strings, timestamp[us], bool, double with 10% nulls, date"
            case .strings: "4 string columns: short (1-8), medium (16-48), long (100-300), words of a 5,000-word vocabulary"
            case .wide200: "200 columns cycling int64, double, string (4-16)"
            case .decimal: "decimal(9,2), decimal(18,4), decimal(38,10), timestamp[ms, UTC], timestamp[ns], date"
            case .nested: "list<struct<a: int64, b: string>> (0-4 elements) and map<string, double>"
            case .wide10k: "10,000 int64 columns (a large footer)"
            }
        }

        /// Rows when none are given (gen_datasets.py's defaults).
        var defaultRows: Int {
            switch self {
            case .mixed: 5_000_000
            case .strings: 500_000
            case .wide200: 100_000
            case .decimal: 1_000_000
            case .nested: 200_000
            case .wide10k: 100
            }
        }
    }

    let dataset: Dataset
    let rows: Int
    let seed: UInt64
    /// Rows per row group (and per batch handed to the writer).
    let rowGroupRows: Int

    /// Writes the dataset to `path`; returns the file size.
    func write(to path: String, options base: ParquetWriterOptions) throws -> Int64 {
        var options = base
        options.maxRowGroupRows = rowGroupRows
        options.maxRowGroupBytes = Int.max
        let writer = try ParquetWriter(path: path, schema: try schema().build(), options: options)
        var rng = WyRand(seed: seed &+ UInt64(Dataset.allCases.firstIndex(of: dataset)!))
        var start = 0
        while start < rows {
            let n = min(rowGroupRows, rows - start)
            if dataset == .nested {
                try writer.write(rows: nestedRows(n, &rng))
            } else {
                let columns = writer.schema.columns
                let values = try flatColumns(start: start, count: n, &rng)
                try writer.write(batches: zip(columns, values).map { column, v in
                    ColumnBatch(column: column, values: v.values, definitionLevels: v.definitionLevels,
                                repetitionLevels: nil, levelCount: n, rowCount: n)
                })
            }
            start += n
        }
        try writer.close()
        return try fileSize(path)
    }

    func schema() -> SchemaBuilder {
        switch dataset {
        case .mixed:
            SchemaBuilder(fields: [
                .int64("id"), .int32("int32"), .double("double"), .string("category"), .string("text"),
                .timestamp("ts", unit: .micros, isAdjustedToUTC: false), .boolean("flag"), .double("maybe"), .date("day"),
            ])
        case .strings:
            SchemaBuilder(fields: [.string("short"), .string("medium"), .string("long"), .string("word")])
        case .wide200:
            SchemaBuilder(fields: (0 ..< 200).map { i in
                switch i % 3 {
                case 0: .int64("i\(pad(i, 3))")
                case 1: .double("d\(pad(i, 3))")
                default: .string("s\(pad(i, 3))")
                }
            })
        case .decimal:
            SchemaBuilder(fields: [
                .decimal("d9_2", precision: 9, scale: 2), .decimal("d18_4", precision: 18, scale: 4),
                .decimal("d38_10", precision: 38, scale: 10), .timestamp("ts_ms_tz", unit: .millis),
                .timestamp("ts_ns", unit: .nanos, isAdjustedToUTC: false), .date("day"),
            ])
        case .nested:
            SchemaBuilder(fields: [
                .list("items", element: .group("element", .optional, [.int64("a"), .string("b")])),
                .map("attributes", key: .string("key"), value: .double("value")),
            ])
        case .wide10k:
            SchemaBuilder(fields: (0 ..< 10_000).map { .int64("c\(pad($0, 5))") })
        }
    }

    /// One column's values and definition levels (nil: no nulls written as levels of 1).
    struct FlatColumn {
        var values: ColumnValues
        var definitionLevels: [Int16]?
    }

    /// The values of rows `start ..< start + count` of a flat dataset, one per leaf column.
    func flatColumns(start: Int, count n: Int, _ rng: inout WyRand) throws -> [FlatColumn] {
        let all = [Int16](repeating: 1, count: n)  // every field is optional, as pyarrow writes them
        func column(_ values: ColumnValues) -> FlatColumn { FlatColumn(values: values, definitionLevels: all) }
        switch dataset {
        case .mixed:
            let categories = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliett",
                              "kilo", "lima", "mike", "november", "oscar", "papa"].map { Array($0.utf8) }
            // Timestamps in order from 2020-01-01 (as gen_datasets.py sorts them), 25 s apart on average.
            var ts = 1_577_836_800_000_000 + Int64(start) * 25_000_000
            var maybeLevels = [Int16](repeating: 1, count: n)
            var maybe: [Double] = []
            maybe.reserveCapacity(n)
            for i in 0 ..< n {
                if rng.next() % 10 == 0 { maybeLevels[i] = 0 } else { maybe.append(rng.normal() * 100) }
            }
            return [
                column(.int64((0 ..< n).map { Int64(start + $0) })),
                column(.int32((0 ..< n).map { _ in Int32(truncatingIfNeeded: rng.next()) })),
                column(.double((0 ..< n).map { _ in rng.normal() })),
                column(.byteArray(ByteArrayBuffer((0 ..< n).map { _ in categories[Int(rng.next() % 16)] }))),
                column(.byteArray(rng.strings(n, lengths: 8 ... 24))),
                column(.int64((0 ..< n).map { _ in
                    ts += Int64(rng.next() % 50_000_000)
                    return ts
                })),
                column(.boolean((0 ..< n).map { _ in rng.next() & 1 == 1 })),
                FlatColumn(values: .double(maybe), definitionLevels: maybeLevels),
                column(.int32((0 ..< n).map { _ in Int32(rng.next() % 20_000) })),
            ]
        case .strings:
            var vocabulary = WyRand(seed: seed ^ 0x5757)
            let words = vocabulary.strings(5000, lengths: 4 ... 12)
            return [
                column(.byteArray(rng.strings(n, lengths: 1 ... 8))),
                column(.byteArray(rng.strings(n, lengths: 16 ... 48))),
                column(.byteArray(rng.strings(n, lengths: 100 ... 300))),
                column(.byteArray(ByteArrayBuffer((0 ..< n).map { _ in words[Int(rng.next() % 5000)] }))),
            ]
        case .wide200:
            return (0 ..< 200).map { i in
                switch i % 3 {
                case 0: column(.int64((0 ..< n).map { _ in Int64(rng.next() >> 24) }))
                case 1: column(.double((0 ..< n).map { _ in rng.normal() }))
                default: column(.byteArray(rng.strings(n, lengths: 4 ... 16)))
                }
            }
        case .decimal:
            func unscaled(_ digits: Int) -> Int64 {
                var bound: Int64 = 1
                for _ in 0 ..< digits { bound *= 10 }
                return Int64(rng.next() % UInt64(2 * bound - 1)) - (bound - 1)
            }
            var wide = FixedLenByteArrayBuffer(width: 16)
            wide.bytes.reserveCapacity(16 * n)
            for _ in 0 ..< n {
                // 18 random digits, sign-extended to 16 big-endian bytes.
                let v = unscaled(18)
                let high: UInt64 = v < 0 ? .max : 0
                withUnsafeBytes(of: high.bigEndian) { wide.bytes.append(contentsOf: $0) }
                withUnsafeBytes(of: UInt64(bitPattern: v).bigEndian) { wide.bytes.append(contentsOf: $0) }
            }
            let ms = (0 ..< n).map { _ in 1_609_459_200_000 + Int64(rng.next() % (3 * 365 * 86_400_000)) }
            return [
                column(.int32((0 ..< n).map { _ in Int32(unscaled(9)) })),
                column(.int64((0 ..< n).map { _ in unscaled(18) })),
                column(.fixedLenByteArray(wide)),
                column(.int64(ms)),
                column(.int64(ms.map { $0 * 1_000_000 + Int64(rng.next() % 1_000_000) })),
                column(.int32((0 ..< n).map { _ in Int32(rng.next() % 20_000) })),
            ]
        case .wide10k:
            return (0 ..< 10_000).map { _ in column(.int64((0 ..< n).map { _ in Int64(rng.next() % 1000) })) }
        case .nested:
            throw ParquetError(.invalidArgument, "the nested dataset is written as rows")
        }
    }

    /// Rows of the nested dataset: 0-4 list items and as many map entries per row.
    func nestedRows(_ n: Int, _ rng: inout WyRand) -> [Value] {
        (0 ..< n).map { _ in
            let k = Int(rng.next() % 5)
            let items: [Value] = (0 ..< k).map { _ in
                .struct([.init(name: "a", value: .int64(Int64(rng.next() >> 24))),
                         .init(name: "b", value: .string(rng.string(lengths: 1 ... 12)))])
            }
            let entries: [Value.MapEntry] = (0 ..< k).map { _ in
                .init(key: .string(rng.string(lengths: 1 ... 6)), value: .double(rng.normal()))
            }
            return .struct([.init(name: "items", value: .list(items)),
                            .init(name: "attributes", value: .map(entries, keysAreStrings: true))])
        }
    }

    private func pad(_ i: Int, _ width: Int) -> String {
        let s = String(i)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
}

/// wyrand (Wang Yi): a tiny seeded generator, enough for benchmark data.
struct WyRand: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0xA076_1D64_78BD_642F
        let product = state.multipliedFullWidth(by: state ^ 0xE703_7ED1_A0B4_28DB)
        return product.high ^ product.low
    }

    /// Roughly standard-normal: the sum of four uniforms, centred and scaled (variance 1).
    mutating func normal() -> Double {
        var sum = 0.0
        for _ in 0 ..< 4 { sum += Double(next() >> 11) * 0x1p-53 }
        return (sum - 2) * 1.7320508075688772
    }

    static let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)

    /// One random string of [a-z0-9] with a length in `lengths`.
    mutating func string(lengths: ClosedRange<Int>) -> [UInt8] {
        let length = lengths.lowerBound + Int(next() % UInt64(lengths.count))
        return (0 ..< length).map { _ in Self.alphabet[Int(next() % 36)] }
    }

    /// `n` random strings, written straight into one buffer.
    mutating func strings(_ n: Int, lengths: ClosedRange<Int>) -> ByteArrayBuffer {
        var buffer = ByteArrayBuffer()
        buffer.reserve(values: n, bytes: n * (lengths.lowerBound + lengths.upperBound) / 2)
        var scratch: [UInt8] = []
        scratch.reserveCapacity(lengths.upperBound)
        for _ in 0 ..< n {
            let length = lengths.lowerBound + Int(next() % UInt64(lengths.count))
            scratch.removeAll(keepingCapacity: true)
            for _ in 0 ..< length { scratch.append(Self.alphabet[Int(next() % 36)]) }
            buffer.append(scratch)
        }
        return buffer
    }
}
