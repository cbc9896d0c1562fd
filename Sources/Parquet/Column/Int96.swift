/// A raw INT96 value (legacy Impala/Spark timestamp): 8 bytes of nanoseconds within the day,
/// then 4 bytes of Julian day number, both little-endian.
public struct Int96: Hashable, Sendable {
    /// Low 8 bytes (nanoseconds of day in timestamp usage).
    public var low: UInt64
    /// High 4 bytes (Julian day in timestamp usage).
    public var high: UInt32

    public init(low: UInt64, high: UInt32) {
        self.low = low
        self.high = high
    }

    /// Nanoseconds since the Unix epoch when interpreted as an Impala timestamp. Exact over the whole
    /// range (returned as a 128-bit-safe pair: seconds and nanoseconds) — see `timestampParts`.
    public var julianDay: Int64 { Int64(Int32(bitPattern: high)) }
    public var nanosecondsOfDay: Int64 { Int64(bitPattern: low) }
}
