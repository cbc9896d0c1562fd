// Seeded pseudo-random numbers for reproducible test data, shared by every test target.

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, good enough for test data; the same sequence on
/// every run and platform for a given seed.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value of exactly `bits` significant bits at most (0...64).
    public mutating func bits(_ bits: Int) -> UInt64 {
        bits == 0 ? 0 : next() >> UInt64(64 - bits)
    }
}
