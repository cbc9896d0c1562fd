/// A failure below HTTP: connection, timeout, TLS, cancellation, or a response too large to accept.
struct TransportError: Error, Sendable, CustomStringConvertible {
    enum Kind: Sendable {
        /// The connection could not be made or broke (resets, empty replies, DNS); retryable.
        case connection
        /// Connect, low-speed or total timeout; retryable.
        case timeout
        /// The body ended before its announced length; retryable.
        case truncated
        /// More bytes arrived than the request allows; retryable (the server misbehaved).
        case responseTooLarge
        /// The task was cancelled or the client shut down.
        case cancelled
        /// Anything else (bad URL, TLS certificate problems…); not retried.
        case other
    }

    var kind: Kind
    /// The libcurl code, when the failure came from libcurl.
    var curlCode: Int
    var message: String

    var isRetryable: Bool {
        switch kind {
        case .connection, .timeout, .truncated, .responseTooLarge: return true
        case .cancelled, .other: return false
        }
    }

    var description: String { message }
}
