/// How failed requests are retried: a bounded number of attempts with exponential back-off and full
/// jitter (AWS's recommended scheme), longer after throttling (429, 503 SlowDown).
public struct S3RetryPolicy: Sendable, Hashable {
    /// Total attempts per request, the first included (at least 1).
    public var maxAttempts: Int
    /// The back-off ceiling after the first failure; doubled after each further failure.
    public var initialBackoff: Duration
    /// The largest back-off ceiling.
    public var maxBackoff: Duration
    /// Multiplier of the ceiling after throttling responses.
    public var throttlingFactor: Int

    public init(
        maxAttempts: Int = 5, initialBackoff: Duration = .milliseconds(100), maxBackoff: Duration = .seconds(10),
        throttlingFactor: Int = 4
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.throttlingFactor = max(1, throttlingFactor)
    }

    /// The default: 5 attempts, 100 ms initial back-off, 10 s at most.
    public static let standard = S3RetryPolicy()

    /// No retries at all.
    public static let none = S3RetryPolicy(maxAttempts: 1)

    /// The back-off before attempt `failedAttempts + 1`: uniformly random in `0 ... ceiling`.
    public func backoff(afterFailedAttempts failedAttempts: Int, throttled: Bool) -> Duration {
        let exponent = min(max(failedAttempts - 1, 0), 30)
        var ceiling = initialBackoff * (1 << exponent)
        if throttled { ceiling = ceiling * throttlingFactor }
        if ceiling > maxBackoff { ceiling = maxBackoff }
        let nanos = ceiling.components.seconds * 1_000_000_000 + ceiling.components.attoseconds / 1_000_000_000
        guard nanos > 0 else { return .zero }
        return .nanoseconds(Int64.random(in: 0 ... nanos))
    }
}
