/// One HTTP exchange for the curl layer: already signed, ready to send.
struct HTTPRequest: Sendable {
    /// `GET`, `HEAD`, `PUT`, `POST` or `DELETE`.
    var method: String
    /// The full URL, query included.
    var url: String
    /// Header lines to send (`Host` included; curl adds nothing that is signed).
    var headers: [SigV4Request.Header]
    /// The request body, if any.
    var body: [UInt8]?
    /// The largest response body accepted; a larger one aborts the transfer (never an unbounded buffer).
    var maxResponseBytes: Int
    /// The expected response body size, to reserve the buffer up front.
    var expectedResponseBytes: Int?
}

/// A complete HTTP response.
struct HTTPResponse: Sendable {
    /// The status code of the final response.
    var status: Int
    /// Response headers, names lower-cased, in order.
    var headers: [SigV4Request.Header]
    /// The body as received (empty for HEAD).
    var body: [UInt8]

    /// The first value of header `name` (lower case).
    func header(_ name: String) -> String? {
        headers.first { $0.name == name }?.value
    }
}

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
