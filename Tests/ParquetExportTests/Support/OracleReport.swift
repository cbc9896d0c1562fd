/// The JSON every batch oracle prints: how many cases it checked and the first mismatches.
struct OracleReport: Decodable {
    var checked: Int
    var bad: [[String]]
    var badCount: Int
}

/// Lowercase hex of bytes (tests only).
func hex<C: Collection<UInt8>>(_ bytes: C) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count * 2)
    for b in bytes {
        out.append(digits[Int(b >> 4)])
        out.append(digits[Int(b & 15)])
    }
    return String(decoding: out, as: UTF8.self)
}

/// Builds a tab-separated, newline-terminated batch for an oracle (tests only).
struct OracleBatch {
    var bytes: [UInt8] = []
    var count = 0
    mutating func add(_ fields: String...) {
        bytes += Array(fields.joined(separator: "\t").utf8)
        bytes.append(10)
        count += 1
    }
}
