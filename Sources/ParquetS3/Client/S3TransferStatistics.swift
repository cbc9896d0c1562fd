import Foundation

/// Counters of the HTTP traffic of a client or of one byte source (for tests and `--verbose`).
///
/// Thread-safe; read the counters at any time.
public final class S3TransferStatistics: @unchecked Sendable, CustomStringConvertible {
    // The counters are only touched under `lock`, hence @unchecked Sendable.
    private let lock = NSLock()
    private var counts = Snapshot()

    /// A consistent copy of the counters.
    public struct Snapshot: Sendable, Hashable {
        /// HTTP requests sent, retries included.
        public var requests = 0
        /// GET requests sent, retries included.
        public var getRequests = 0
        /// Requests that were attempts after a failure.
        public var retries = 0
        /// Body bytes of accepted responses.
        public var bytesReceived: Int64 = 0
        /// Body bytes uploaded.
        public var bytesSent: Int64 = 0
    }

    public init() {}

    /// A consistent copy of all counters.
    public var snapshot: Snapshot {
        lock.lock()
        defer { lock.unlock() }
        return counts
    }

    /// HTTP requests sent, retries included.
    public var requests: Int { snapshot.requests }
    /// GET requests sent, retries included.
    public var getRequests: Int { snapshot.getRequests }
    /// Attempts made after a failure.
    public var retries: Int { snapshot.retries }
    /// Body bytes of accepted responses.
    public var bytesReceived: Int64 { snapshot.bytesReceived }

    func recordRequest(method: String, isRetry: Bool, bytesSent: Int) {
        lock.lock()
        counts.requests += 1
        if method == "GET" { counts.getRequests += 1 }
        if isRetry { counts.retries += 1 }
        counts.bytesSent += Int64(bytesSent)
        lock.unlock()
    }

    func recordReceived(_ bytes: Int) {
        lock.lock()
        counts.bytesReceived += Int64(bytes)
        lock.unlock()
    }

    public var description: String {
        let s = snapshot
        return "\(s.requests) requests (\(s.getRequests) GET, \(s.retries) retries), \(s.bytesReceived) bytes received, "
            + "\(s.bytesSent) bytes sent"
    }
}
