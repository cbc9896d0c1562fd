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
