/// Parsing and formatting of the date, time and timestamp literals of the filter language
/// (proleptic Gregorian calendar, ISO 8601 shapes).
enum TemporalText {
    /// Days since 1970-01-01 of a civil date (Howard Hinnant's `days_from_civil`).
    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a day number (`civil_from_days`).
    static func civil(days z0: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    static func format(days: Int64) -> String {
        let c = civil(days: days)
        func pad(_ v: Int64, _ n: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, n - s.count)) + s }
        return "\(c.year < 0 ? "-" : "")\(pad(abs(c.year), 4))-\(pad(c.month, 2))-\(pad(c.day, 2))"
    }

    static func format(seconds: Int64, nanoseconds: Int32) -> String {
        let (d, r) = seconds.quotientAndRemainder(dividingBy: 86_400)
        let day = r < 0 ? d - 1 : d
        let sod = r < 0 ? r + 86_400 : r
        func pad(_ v: Int64, _ n: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, n - s.count)) + s }
        var s = "\(format(days: day)) \(pad(sod / 3600, 2)):\(pad(sod / 60 % 60, 2)):\(pad(sod % 60, 2))"
        if nanoseconds != 0 { s += "." + pad(Int64(nanoseconds), 9) }
        return s
    }

    /// A small cursor over ASCII text.
    private struct Scanner {
        let bytes: [UInt8]
        var i = 0
        var atEnd: Bool { i >= bytes.count }
        mutating func number(minDigits: Int, maxDigits: Int) -> Int64? {
            var v: Int64 = 0, n = 0
            while i < bytes.count, n < maxDigits, bytes[i] >= 0x30, bytes[i] <= 0x39 {
                v = v * 10 + Int64(bytes[i] - 0x30)  // at most 9 digits per call: no overflow
                i += 1
                n += 1
            }
            return n >= minDigits ? v : nil
        }
        mutating func take(_ c: Character) -> Bool {
            if i < bytes.count, bytes[i] == c.asciiValue! { i += 1; return true }
            return false
        }
        mutating func skipSpaces() { while i < bytes.count, bytes[i] == 0x20 { i += 1 } }
    }

    private static func parseDate(_ s: inout Scanner) -> Int64? {
        let negative = s.take("-")
        guard let y = s.number(minDigits: 4, maxDigits: 6), s.take("-"), let m = s.number(minDigits: 1, maxDigits: 2),
              s.take("-"), let d = s.number(minDigits: 1, maxDigits: 2), (1 ... 12).contains(m), d >= 1 else { return nil }
        let year = negative ? -y : y
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths: [Int64] = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard d <= lengths[Int(m - 1)] else { return nil }
        return days(year: year, month: m, day: d)
    }

    /// Nanoseconds since midnight of `HH:MM[:SS[.fffffffff]]`.
    private static func parseTime(_ s: inout Scanner) -> Int64? {
        guard let h = s.number(minDigits: 1, maxDigits: 2), s.take(":"), let mi = s.number(minDigits: 2, maxDigits: 2),
              h < 24, mi < 60 else { return nil }
        var sec: Int64 = 0, nanos: Int64 = 0
        if s.take(":") {
            guard let v = s.number(minDigits: 2, maxDigits: 2), v < 60 else { return nil }
            sec = v
            if s.take(".") {
                let start = s.i
                guard let f = s.number(minDigits: 1, maxDigits: 9) else { return nil }
                var scale = s.i - start
                nanos = f
                while scale < 9 { nanos *= 10; scale += 1 }
            }
        }
        return ((h * 60 + mi) * 60 + sec) * 1_000_000_000 + nanos
    }

    /// Days since the epoch of `YYYY-MM-DD`.
    static func date(_ text: String) -> Int32? {
        var s = Scanner(bytes: Array(text.utf8))
        guard let d = parseDate(&s), s.atEnd, let v = Int32(exactly: d) else { return nil }
        return v
    }

    /// Nanoseconds since midnight of `HH:MM[:SS[.fffffffff]]`.
    static func time(_ text: String) -> Int64? {
        var s = Scanner(bytes: Array(text.utf8))
        guard let t = parseTime(&s), s.atEnd else { return nil }
        return t
    }

    /// A UTC instant of `YYYY-MM-DD[( |T)HH:MM[:SS[.f]]][ ][Z|UTC|±HH[:MM]]`.
    static func timestamp(_ text: String) -> (seconds: Int64, nanoseconds: Int32)? {
        var s = Scanner(bytes: Array(text.utf8))
        guard let day = parseDate(&s) else { return nil }
        var nanosOfDay: Int64 = 0
        if s.take(" ") || s.take("T") {
            s.skipSpaces()
            guard let t = parseTime(&s) else { return nil }
            nanosOfDay = t
        }
        s.skipSpaces()
        var offsetSeconds: Int64 = 0
        if s.take("Z") {
        } else if s.take("U") {
            guard s.take("T"), s.take("C") else { return nil }
        } else if !s.atEnd {
            let sign: Int64
            if s.take("+") { sign = 1 } else if s.take("-") { sign = -1 } else { return nil }
            guard let h = s.number(minDigits: 2, maxDigits: 2), h <= 23 else { return nil }
            var m: Int64 = 0
            if s.take(":") || !s.atEnd {
                guard let v = s.number(minDigits: 2, maxDigits: 2), v < 60 else { return nil }
                m = v
            }
            offsetSeconds = sign * (h * 3600 + m * 60)
        }
        guard s.atEnd else { return nil }
        let seconds = day * 86_400 + nanosOfDay / 1_000_000_000 - offsetSeconds
        return (seconds, Int32(nanosOfDay % 1_000_000_000))
    }
}
