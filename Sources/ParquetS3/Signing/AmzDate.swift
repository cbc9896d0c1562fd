import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Formats instants as SigV4 timestamps (`20150830T123600Z`), in UTC, without `DateFormatter`.
enum AmzDate {
    /// The `X-Amz-Date` form, `yyyyMMdd'T'HHmmss'Z'`.
    static func format(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return pad(Int(parts.tm_year) + 1900, 4) + pad(Int(parts.tm_mon) + 1, 2) + pad(Int(parts.tm_mday), 2)
            + "T" + pad(Int(parts.tm_hour), 2) + pad(Int(parts.tm_min), 2) + pad(Int(parts.tm_sec), 2) + "Z"
    }

    /// Parses `yyyyMMdd'T'HHmmss'Z'` or ISO 8601 `yyyy-MM-dd'T'HH:mm:ss'Z'`; nil when malformed.
    static func parse(_ text: String) -> Date? {
        let digits = text.filter(\.isNumber)
        guard digits.count == 14, text.hasSuffix("Z") else { return nil }
        let d = Array(digits.utf8).map { Int($0 - 48) }
        func num(_ from: Int, _ count: Int) -> Int { d[from ..< from + count].reduce(0) { $0 * 10 + $1 } }
        var parts = tm()
        parts.tm_year = Int32(num(0, 4) - 1900)
        parts.tm_mon = Int32(num(4, 2) - 1)
        parts.tm_mday = Int32(num(6, 2))
        parts.tm_hour = Int32(num(8, 2))
        parts.tm_min = Int32(num(10, 2))
        parts.tm_sec = Int32(num(12, 2))
        let t = timegm(&parts)
        return Date(timeIntervalSince1970: TimeInterval(t))
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let s = String(value)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
