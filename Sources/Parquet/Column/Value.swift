/// One value of a row, with its logical type applied (row-wise access; exporters use the columnar batches).
public indirect enum Value: Sendable, Hashable {
    case null
    case boolean(Bool)
    case int32(Int32)
    case int64(Int64)
    case uint32(UInt32)
    case uint64(UInt64)
    case float(Float)
    case double(Double)
    /// IEEE half-precision bits (FLOAT16).
    case float16(UInt16)
    /// Exact decimal: unscaled value as big-endian two's complement bytes.
    case decimal(unscaled: [UInt8], precision: Int, scale: Int)
    /// Text (STRING, ENUM, JSON) as its raw bytes; may be invalid UTF-8 in corrupt files.
    case string([UInt8])
    /// Bytes without a string type (also BSON, WKB geometry, VARIANT parts).
    case bytes([UInt8])
    case uuid([UInt8])
    /// Days since 1970-01-01.
    case date(Int32)
    /// Time of day in `unit`s since midnight.
    case time(Int64, unit: TimeUnit, isAdjustedToUTC: Bool)
    /// Units since the Unix epoch.
    case timestamp(Int64, unit: TimeUnit, isAdjustedToUTC: Bool)
    /// A legacy INT96 timestamp, normalised: Julian day number and nanoseconds within that day (0 ..< 86400e9).
    case int96Timestamp(julianDay: Int64, nanosOfDay: Int64)
    case interval(months: UInt32, days: UInt32, milliseconds: UInt32)
    case list([Value])
    /// Entries in file order; `keysAreStrings` says whether the key type is textual (JSON renders such a
    /// map as an object, others as an array of key/value objects — also when the map is empty).
    case map([MapEntry], keysAreStrings: Bool)
    case `struct`([Field])

    /// A key/value pair of a map.
    public struct MapEntry: Sendable, Hashable {
        public var key: Value
        public var value: Value
        public init(key: Value, value: Value) {
            self.key = key
            self.value = value
        }
    }

    /// A named field of a struct.
    public struct Field: Sendable, Hashable {
        public var name: String
        public var value: Value
        public init(name: String, value: Value) {
            self.name = name
            self.value = value
        }
    }
}

extension Int96 {
    /// The Julian day and nanoseconds of day this INT96 denotes, normalised the way Spark reads it:
    /// microseconds since the epoch computed with wrapping 64-bit arithmetic (which undoes the overflow
    /// Spark's writer commits for years beyond 2^63 nanoseconds, e.g. 290000-12-31), plus the sub-microsecond
    /// nanoseconds. Ordinary values come out exactly as stored.
    public var normalizedTimestamp: (julianDay: Int64, nanosOfDay: Int64) {
        let day = Int64(Int32(bitPattern: high))
        let nanos = Int64(bitPattern: low)
        let microsPerDay: Int64 = 86_400_000_000
        // Wrapping by design: mirrors Spark's `(day - JULIAN_EPOCH) * MICROS_PER_DAY + nanos / 1000` on Long.
        let micros = (day &- 2_440_588) &* microsPerDay &+ nanos / 1000
        let subMicro = nanos % 1000
        var (days, rem) = micros.quotientAndRemainder(dividingBy: microsPerDay)
        if rem < 0 { rem += microsPerDay; days -= 1 }
        var nanosOfDay = rem * 1000 + subMicro
        if nanosOfDay < 0 { nanosOfDay += 86_400_000_000_000; days -= 1 }
        return (days + 2_440_588, nanosOfDay)
    }
}
