// DATE, TIME, TIMESTAMP and INT96 rendering (ISO 8601, proleptic Gregorian) and Excel serial numbers.

import Parquet

extension TextRendering {
    /// Days from 0000-03-01 to 1970-01-01 in the proleptic Gregorian calendar.
    static let daysFromCivilEpochShift: Int64 = 719_468
    /// Julian day number of 1970-01-01.
    public static let julianDayOfUnixEpoch: Int64 = 2_440_588
    /// Days from 1899-12-30 (Excel's day 0 in the 1900 date system) to 1970-01-01.
    public static let excelDaysToUnixEpoch: Int64 = 25_569

    /// Calendar date of `days` since 1970-01-01 (proleptic Gregorian, astronomical year numbering:
    /// year 0 is 1 BC). Exact for any `Int64` day count reachable from Parquet values (|days| < 2^60).
    @inlinable
    public static func civilDate(daysSinceEpoch days: Int64) -> (year: Int64, month: Int, day: Int) {
        // H. Hinnant, "chrono-Compatible Low-Level Date Algorithms" (civil_from_days). Only the era
        // needs signed 64-bit arithmetic; the day of the era fits 32-bit unsigned math.
        let z = days &+ 719_468  // |days| < 2^60: no wrap
        let era = (z >= 0 ? z : z &- 146_096) / 146_097  // floor division
        let doe = UInt32(truncatingIfNeeded: z &- era &* 146_097)  // [0, 146096]
        let yoe = (doe &- doe / 1460 &+ doe / 36524 &- doe / 146_096) / 365  // [0, 399]
        let doy = doe &- (365 &* yoe &+ yoe / 4 &- yoe / 100)  // [0, 365]
        let mp = (5 &* doy &+ 2) / 153  // [0, 11]
        let day = Int(doy &- (153 &* mp &+ 2) / 5 &+ 1)  // [1, 31]
        let month = Int(mp < 10 ? mp &+ 3 : mp &- 9)  // [1, 12]
        let year = Int64(yoe) &+ era &* 400 &+ (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    /// Appends `YYYY-MM-DD` for `days` since 1970-01-01: four-digit years for 0001…9999, otherwise the
    /// ISO 8601 expanded form with a sign and at least six digits (`+290000`, `-000044`, year 0 is
    /// `+000000`).
    public static func appendDate(daysSinceEpoch days: Int64, to out: inout OutputBuffer) {
        out.reserve(maxDateLength + storeSlack)
        let p = out.writePointer
        out.advance(by: storeDate(daysSinceEpoch: days, to: p) - p)
    }

    /// Appends `YYYY-MM-DD` for a Parquet DATE (days since 1970-01-01).
    public static func appendDate(days: Int32, to out: inout OutputBuffer) {
        appendDate(daysSinceEpoch: Int64(days), to: &out)
    }

    /// Appends a Parquet TIME as `HH:MM:SS.fff` / `.ffffff` / `.fffffffff` (always the unit's digits).
    /// Values outside one day (invalid, but representable) keep their sign and count hours past 23
    /// (`-01:00:00.000`, `25:00:00.000`).
    public static func appendTime(_ value: Int64, unit: TimeUnit, to out: inout OutputBuffer) {
        out.reserve(1 + maxTimeOfDayLength + storeSlack)
        let p = out.writePointer
        out.advance(by: storeTime(value, unit: unit, to: p) - p)
    }

    /// Appends date, `separator`, time of day and `Z` when `utc`, for `days` since 1970-01-01 plus
    /// `unitsOfDay` (0 ..< one day) of `unit`.
    static func appendDateTime(
        days: Int64, unitsOfDay: Int64, unit: TimeUnit, separator: UInt8, utc: Bool, to out: inout OutputBuffer
    ) {
        out.reserve(maxDateTimeLength + storeSlack)
        let p = out.writePointer
        let end = storeDateTime(days: days, unitsOfDay: unitsOfDay, unit: unit, separator: separator, utc: utc, to: p)
        out.advance(by: end - p)
    }

    /// Splits `value` units since the epoch into days and units of day (floor division, so values
    /// before 1970 land on the right day).
    @inlinable
    public static func splitDays(_ value: Int64, unit: TimeUnit) -> (days: Int64, unitsOfDay: Int64) {
        switch unit {  // constant divisors
        case .milliseconds: splitDays(value, perDay: 86_400_000)
        case .microseconds: splitDays(value, perDay: 86_400_000_000)
        case .nanoseconds: splitDays(value, perDay: 86_400_000_000_000)
        }
    }

    @inlinable @inline(__always)
    static func splitDays(_ value: Int64, perDay: Int64) -> (days: Int64, unitsOfDay: Int64) {
        var days = value / perDay
        var rest = value &- days &* perDay  // |rest| < perDay
        if rest < 0 {
            days &-= 1  // days > Int64.min / perDay, no wrap
            rest &+= perDay
        }
        return (days, rest)
    }

    /// Appends a Parquet TIMESTAMP: `YYYY-MM-DD<separator>HH:MM:SS.fff…`, fraction digits by unit,
    /// `Z` exactly when `isAdjustedToUTC`. Use `T` (0x54) for JSON and a space (0x20) for CSV.
    public static func appendTimestamp(
        _ value: Int64, unit: TimeUnit, isAdjustedToUTC: Bool, separator: UInt8 = 0x54, to out: inout OutputBuffer
    ) {
        let (days, units) = splitDays(value, unit: unit)
        appendDateTime(days: days, unitsOfDay: units, unit: unit, separator: separator, utc: isAdjustedToUTC, to: &out)
    }

    /// Days since 1970-01-01 and nanoseconds of day of a legacy INT96 timestamp, over its full range
    /// (Julian day ± 2^31; nanoseconds outside one day carry into the day).
    public static func int96DaysAndNanoseconds(_ value: Int96) -> (days: Int64, nanosecondsOfDay: Int64) {
        let perDay: Int64 = 86_400_000_000_000
        var (carry, nanos) = value.nanosecondsOfDay.quotientAndRemainder(dividingBy: perDay)
        if nanos < 0 {
            carry -= 1
            nanos += perDay
        }
        return (value.julianDay - julianDayOfUnixEpoch + carry, nanos)
    }

    /// Appends a legacy INT96 timestamp as a nanosecond timestamp (no `Z`: INT96 carries no UTC flag).
    public static func appendInt96Timestamp(_ value: Int96, separator: UInt8 = 0x54, to out: inout OutputBuffer) {
        let (days, nanos) = int96DaysAndNanoseconds(value)
        appendDateTime(days: days, unitsOfDay: nanos, unit: .nanoseconds, separator: separator, utc: false, to: &out)
    }

    /// Excel serial number (1900 date system: days since 1899-12-30, time as the fraction) of `days`
    /// since 1970-01-01 plus `fractionOfDay`, or nil outside Excel's 1900-01-01 … 9999-12-31.
    ///
    /// Serials up to 60 are lowered by one like Excel and openpyxl do, because Excel counts the
    /// non-existent 1900-02-29 as day 60.
    public static func excelSerial(daysSinceEpoch days: Int64, fractionOfDay: Double = 0) -> Double? {
        guard days >= -25_567, days <= 2_932_896 else { return nil }  // 1900-01-01 … 9999-12-31
        var serial = days + excelDaysToUnixEpoch
        if serial <= 60 { serial -= 1 }
        return Double(serial) + fractionOfDay
    }

    /// Excel serial number of a TIMESTAMP value, or nil outside Excel's date range.
    public static func excelSerial(timestamp value: Int64, unit: TimeUnit) -> Double? {
        let (days, units) = splitDays(value, unit: unit)
        return excelSerial(daysSinceEpoch: days, fractionOfDay: Double(units) / Double(unit.perSecond * 86_400))
    }
}
