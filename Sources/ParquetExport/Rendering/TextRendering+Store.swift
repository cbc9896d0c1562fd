// Pointer-level stores behind the `append` renderers and the flat JSON and CSV row loops: digits eight at a time
// (SWAR), integers, and the fixed-width pieces of dates and times.
//
// A `store` function writes through a raw pointer into room its caller reserved and returns the end of
// the text (or takes a count). It may write up to ``TextRendering/storeSlack`` bytes of scratch past
// that end, which later stores overwrite, so callers reserve the text's maximum length plus the slack.

extension TextRendering {
    /// Bytes a `store` function may write past the end of the text it returns.
    public static let storeSlack = 8

    /// ASCII `0` in every byte lane.
    @usableFromInline static let asciiZeros: UInt64 = 0x3030_3030_3030_3030

    /// The eight decimal digits of `value` (< 10^8) as byte values 0…9, the most significant digit in
    /// the lowest byte (so a little-endian store writes them in reading order).
    @inlinable @inline(__always)
    static func digitLanes8(_ value: UInt32) -> UInt64 {
        let v = UInt64(value)
        let high = v / 10_000  // the first four digits
        // Two 32-bit lanes below 10^4, the first four digits in the low lane.
        var x = high | ((v &- high &* 10_000) << 32)
        // ⌊x / 100⌋ per lane: x · 10486 < 2^27 stays in its lane and the quotient is exact below 10^4.
        let hundreds = ((x &* 10_486) >> 20) & 0x0000_007F_0000_007F
        x = ((x &- hundreds &* 100) << 16) | hundreds  // four 16-bit lanes below 100
        // ⌊x / 10⌋ per lane: x · 103 < 2^14 stays in its lane and the quotient is exact below 100.
        let tens = ((x &* 103) >> 10) & 0x000F_000F_000F_000F
        return ((x &- tens &* 10) << 8) | tens  // eight byte lanes below 10
    }

    /// Stores one little-endian word at `p` (unaligned).
    @inlinable @inline(__always)
    static func storeWord(_ word: UInt64, at p: UnsafeMutablePointer<UInt8>) {
        UnsafeMutableRawPointer(p).storeBytes(of: word.littleEndian, as: UInt64.self)
    }

    /// Loads one little-endian word at `p` (unaligned).
    @inlinable @inline(__always)
    static func loadWord(at p: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
    }

    /// Stores exactly `n` (1…20) decimal digits of `value` (< 10^n), zero-padded, at `p`.
    /// Writes up to `max(n, 8)` bytes.
    @inlinable @inline(__always)
    static func storeDigits(_ value: UInt64, count n: Int, to p: UnsafeMutablePointer<UInt8>) {
        if n <= 8 {
            storeWord((digitLanes8(UInt32(truncatingIfNeeded: value)) | asciiZeros) >> ((8 &- n) &* 8), at: p)
            return
        }
        if n <= 16 {
            let high = value / 100_000_000  // < 10^8
            let low = UInt32(truncatingIfNeeded: value &- high &* 100_000_000)
            storeWord((digitLanes8(UInt32(truncatingIfNeeded: high)) | asciiZeros) >> ((16 &- n) &* 8), at: p)
            storeWord(digitLanes8(low) | asciiZeros, at: p + (n &- 8))
            return
        }
        let top = value / 10_000_000_000_000_000  // < 1845
        let rest = value &- top &* 10_000_000_000_000_000
        let middle = rest / 100_000_000
        let low = UInt32(truncatingIfNeeded: rest &- middle &* 100_000_000)
        storeWord((digitLanes8(UInt32(truncatingIfNeeded: top)) | asciiZeros) >> ((24 &- n) &* 8), at: p)
        storeWord(digitLanes8(UInt32(truncatingIfNeeded: middle)) | asciiZeros, at: p + (n &- 16))
        storeWord(digitLanes8(low) | asciiZeros, at: p + (n &- 8))
    }

    /// Stores the decimal digits of `value` at `p`; returns the end (at most 20 digits, slack 8).
    @inlinable @inline(__always)
    static func storeInteger(_ value: UInt64, to p: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        if value < 100_000_000 {
            let lanes = digitLanes8(UInt32(truncatingIfNeeded: value))
            // Leading zero digits are the low zero lanes (all but the last one for zero).
            let lead = value == 0 ? 7 : lanes.trailingZeroBitCount &>> 3
            storeWord((lanes | asciiZeros) >> (lead &* 8), at: p)
            return p + (8 &- lead)
        }
        let n = decimalDigitCount(value)
        storeDigits(value, count: n, to: p)
        return p + n
    }

    /// Stores `value` in decimal with a leading `-` when negative; returns the end (at most 20 bytes,
    /// slack 8).
    @inlinable @inline(__always)
    static func storeInteger(_ value: Int64, to p: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        p[0] = 0x2D  // '-'; overwritten by the first digit when the value is not negative
        return storeInteger(value.magnitude, to: p + (value < 0 ? 1 : 0))
    }

    /// Longest date text: a sign, a year of up to 19 digits, `-MM-DD`.
    static let maxDateLength = 26

    /// `YYYY-MM-DD` of a year in 0001…9999 as two words to store (ten bytes), or nil for other years.
    @inline(__always)
    static func dateWords(year: Int64, month: Int, day: Int) -> (head: UInt64, tail: UInt64)? {
        guard year >= 1 && year <= 9999 else { return nil }
        // YYYYMMDD as eight digit lanes, then the dashes moved in: "YYYY-MM-" and "DD".
        let lanes = digitLanes8(UInt32(truncatingIfNeeded: year &* 10_000 &+ Int64(month &* 100 &+ day))) | asciiZeros
        let head = (lanes & 0xFFFF_FFFF) | (0x2D << 32) | ((lanes & 0xFFFF_0000_0000) << 8) | (0x2D << 56)
        return (head, lanes >> 48)
    }

    /// Stores `YYYY-MM-DD` (expanded years outside 0001…9999, see ``appendDate(daysSinceEpoch:to:)``) for
    /// `days` since 1970-01-01; returns the end (at most ``maxDateLength`` bytes, slack 8).
    @inline(__always)
    static func storeDate(daysSinceEpoch days: Int64, to p: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        if let (head, tail) = dateWords(year: year, month: month, day: day) {
            storeWord(head, at: p)
            storeWord(tail, at: p + 8)
            return p + 10
        }
        p[0] = year < 0 ? 0x2D : 0x2B
        let magnitude = year.magnitude
        let n = max(decimalDigitCount(magnitude), 6)
        storeDigits(magnitude, count: n, to: p + 1)
        var q = p + 1 + n
        q[0] = 0x2D
        storeDigits(UInt64(month), count: 2, to: q + 1)
        q[3] = 0x2D
        storeDigits(UInt64(day), count: 2, to: q + 4)
        q += 6
        return q
    }

    /// Longest time-of-day text of ``storeTimeOfDay(_:unit:to:)``: 20-digit hours, `:MM:SS.` and nine
    /// fraction digits.
    static let maxTimeOfDayLength = 36

    /// Stores `HH:MM:SS.fff…` for `units` of `unit` (hours past 99 get more digits), the unit's
    /// fraction digits; returns the end (slack 8).
    @inline(__always)
    static func storeTimeOfDay(_ units: UInt64, unit: TimeUnit, to p: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        // One call per unit so that every division is by a constant (multiply and shift).
        switch unit {
        case .milliseconds: storeTimeOfDay(units, perSecond: 1_000, fractionDigits: 3, to: p)
        case .microseconds: storeTimeOfDay(units, perSecond: 1_000_000, fractionDigits: 6, to: p)
        case .nanoseconds: storeTimeOfDay(units, perSecond: 1_000_000_000, fractionDigits: 9, to: p)
        }
    }

    @inline(__always)
    static func storeTimeOfDay(
        _ units: UInt64, perSecond: UInt64, fractionDigits: Int, to p: UnsafeMutablePointer<UInt8>
    ) -> UnsafeMutablePointer<UInt8> {
        let seconds = units / perSecond
        let fraction = units &- seconds &* perSecond
        let hours = seconds / 3600
        let rest = seconds &- hours &* 3600
        let minutes = rest / 60
        let secs = rest &- minutes &* 60
        var q = p
        if hours >= 100 {
            let n = decimalDigitCount(hours)
            storeDigits(hours, count: n, to: q)
            q += n &- 2
        }
        // HHMMSS in lanes 2…7 of eight digit lanes: "HH:MM:SS" (HH = the last two hour digits, whose
        // leading ones were stored above).
        let hh = hours >= 100 ? hours % 100 : hours
        let lanes = digitLanes8(UInt32(truncatingIfNeeded: hh &* 10_000 &+ minutes &* 100 &+ secs)) | asciiZeros
        let word = ((lanes >> 16) & 0xFFFF) | (0x3A << 16) | ((lanes & 0xFFFF_0000_0000) >> 8)
            | (0x3A << 40) | ((lanes >> 48) << 48)
        storeWord(word, at: q)
        q[8] = 0x2E
        storeDigits(fraction, count: fractionDigits, to: q + 9)
        return q + (9 &+ fractionDigits)
    }

    /// Stores a Parquet TIME as ``appendTime(_:unit:to:)`` writes it (a `-` before negative values);
    /// returns the end (at most 1 + ``maxTimeOfDayLength`` bytes, slack 8).
    @inline(__always)
    static func storeTime(_ value: Int64, unit: TimeUnit, to p: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        p[0] = 0x2D  // '-'; overwritten when not negative
        return storeTimeOfDay(value.magnitude, unit: unit, to: p + (value < 0 ? 1 : 0))
    }

    /// Longest date-time text: date, separator, time of day within one day (`HH:MM:SS.` + 9), `Z`.
    static let maxDateTimeLength = maxDateLength + 1 + 18 + 1

    /// Stores date, `separator`, time of day and `Z` when `utc` for `days` since 1970-01-01 plus
    /// `unitsOfDay` (0 ..< one day) of `unit`; returns the end (at most ``maxDateTimeLength``, slack 8).
    @inline(__always)
    static func storeDateTime(
        days: Int64, unitsOfDay: Int64, unit: TimeUnit, separator: UInt8, utc: Bool, to p: UnsafeMutablePointer<UInt8>
    ) -> UnsafeMutablePointer<UInt8> {
        var cache = DateTextCache()
        return storeDateTime(days: days, unitsOfDay: unitsOfDay, unit: unit, separator: separator, utc: utc, cache: &cache, to: p)
    }

    /// ``storeDateTime(days:unitsOfDay:unit:separator:utc:to:)`` with the date text kept in `cache`
    /// for the next value (timestamps in order mostly share their day).
    @inline(__always)
    static func storeDateTime(
        days: Int64, unitsOfDay: Int64, unit: TimeUnit, separator: UInt8, utc: Bool, cache: inout DateTextCache,
        to p: UnsafeMutablePointer<UInt8>
    ) -> UnsafeMutablePointer<UInt8> {
        var q = cache.store(daysSinceEpoch: days, to: p)
        q[0] = separator
        q = storeTimeOfDay(UInt64(unitsOfDay), unit: unit, to: q + 1)
        q[0] = 0x5A  // 'Z', kept only when UTC-adjusted
        return utc ? q + 1 : q
    }
}

/// The text of the last four-digit-year date stored, reused while the day stays the same.
struct DateTextCache {
    /// Day of the cached text (meaningful only when `valid`).
    var days = Int64.min
    var head: UInt64 = 0
    var tail: UInt64 = 0
    /// Whether `head`/`tail` hold the text of `days` (false for expanded years).
    var valid = false

    init() {}

    /// Stores `YYYY-MM-DD` for `days` since 1970-01-01 like ``TextRendering/storeDate(daysSinceEpoch:to:)``.
    @inline(__always)
    mutating func store(daysSinceEpoch days: Int64, to p: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        if days != self.days || !valid {
            self.days = days
            let (year, month, day) = TextRendering.civilDate(daysSinceEpoch: days)
            guard let (head, tail) = TextRendering.dateWords(year: year, month: month, day: day) else {
                valid = false
                return TextRendering.storeDate(daysSinceEpoch: days, to: p)
            }
            (self.head, self.tail, valid) = (head, tail, true)
        }
        TextRendering.storeWord(head, at: p)
        TextRendering.storeWord(tail, at: p + 8)
        return p + 10
    }
}
