import Foundation
import ParquetExport

/// Random rows over every value kind, for the JSON and CSV writer tests.
enum SampleRows {
    static let columns = [
        "b", "i", "u", "d", "f", "h", "dec", "decb", "s", "bin", "uuid", "iv", "date", "time", "ts", "i96", "list", "struct", "map",
    ]

    static func randomBytes(_ rng: inout SeededGenerator, max: Int) -> [UInt8] {
        (0 ..< Int.random(in: 0 ... max, using: &rng)).map { _ in UInt8.random(in: 0 ... 255, using: &rng) }
    }

    static func randomText(_ rng: inout SeededGenerator) -> [UInt8] {
        let pieces = [",", "\"", "\n", "\r\n", "\r", ";", "\t", "|", " ", "=SUM(A1)", "+1", "-x", "@me", "é", "😀", "plain", "'"]
        var s: [UInt8] = []
        for _ in 0 ..< Int.random(in: 0 ... 6, using: &rng) {
            if Int.random(in: 0 ..< 8, using: &rng) == 0 { s.append(UInt8.random(in: 0x80 ... 0xFF, using: &rng)) }  // invalid UTF-8
            s += Array(pieces.randomElement(using: &rng)!.utf8)
        }
        return s
    }

    static func randomDouble(_ rng: inout SeededGenerator) -> Double {
        switch Int.random(in: 0 ..< 6, using: &rng) {
        case 0: [Double.nan, .infinity, -.infinity, 0, -0.0, 1e16, .leastNonzeroMagnitude].randomElement(using: &rng)!
        case 1: Double(bitPattern: rng.next())
        default: Double(Int64.random(in: -1_000_000 ... 1_000_000, using: &rng)) / 1000
        }
    }

    static func row(_ rng: inout SeededGenerator) -> [SampleValue] {
        func maybe(_ value: SampleValue) -> SampleValue { Int.random(in: 0 ..< 6, using: &rng) == 0 ? .null : value }
        let d = randomDouble(&rng)
        let list: SampleValue = .nested(isList: true, items: (0 ..< Int.random(in: 0 ... 3, using: &rng)).map { _ in
            (nil, maybe(.int(Int64.random(in: -99 ... 99, using: &rng))))
        })
        let inner: SampleValue = .nested(isList: true, items: [(nil, .date(Int32.random(in: -100_000 ... 100_000, using: &rng)))])
        let structValue: SampleValue = .nested(isList: false, items: [
            ("x", maybe(.double(randomDouble(&rng)))), ("name \"q\"", .string(randomText(&rng))), ("inner", inner),
        ])
        let map: SampleValue = .nested(isList: false, items: (0 ..< Int.random(in: 0 ... 2, using: &rng)).map { i in
            ("map:k\(i)", .timestamp(Int64.random(in: -1 << 50 ... 1 << 50, using: &rng), .microseconds, utc: true))
        })
        return [
            maybe(.bool(Bool.random(using: &rng))), maybe(.int(Int64(bitPattern: rng.next()))), maybe(.uint(rng.next())),
            maybe(.double(d)), maybe(.float(Float(bitPattern: UInt32(truncatingIfNeeded: rng.next())))),
            maybe(.half(UInt16(truncatingIfNeeded: rng.next()))),
            maybe(.decimal(Int64.random(in: -1_000_000 ... 1_000_000, using: &rng), scale: Int.random(in: 0 ... 8, using: &rng))),
            maybe(.decimalBytes((0 ..< 16).map { _ in UInt8.random(in: 0 ... 255, using: &rng) }, scale: Int.random(in: 0 ... 38, using: &rng))),
            maybe(.string(randomText(&rng))), maybe(.binary(randomBytes(&rng, max: 20))),
            maybe(.uuid((0 ..< 16).map { _ in UInt8.random(in: 0 ... 255, using: &rng) })),
            maybe(.interval((0 ..< 12).map { _ in UInt8.random(in: 0 ... 255, using: &rng) })),
            maybe(.date(Int32.random(in: -1_000_000 ... 3_000_000, using: &rng))),
            maybe(.time(Int64.random(in: 0 ..< 86_400_000_000_000, using: &rng), .nanoseconds)),
            maybe(.timestamp(Int64.random(in: -1 << 60 ... 1 << 60, using: &rng), [.milliseconds, .microseconds, .nanoseconds].randomElement(using: &rng)!, utc: Bool.random(using: &rng))),
            maybe(.int96(julianDay: Int32.random(in: 0 ... 5_000_000, using: &rng), nanos: Int64.random(in: 0 ..< 86_400_000_000_000, using: &rng))),
            maybe(list), maybe(structValue), maybe(map),
        ]
    }

    static func rows(count: Int, seed: UInt64) -> [[SampleValue]] {
        var rng = SeededGenerator(seed: seed)
        return (0 ..< count).map { _ in row(&rng) }
    }
}
