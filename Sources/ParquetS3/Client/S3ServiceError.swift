/// An error response from the S3 server, attached as the `cause` of the ``Parquet/ParquetError`` a
/// client call throws (so callers can branch on ``code``).
public struct S3ServiceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The S3 error code (`NoSuchKey`, `AccessDenied`, `SlowDown`…), or `HTTP<status>` / `NotFound`
    /// when the response had no error body (HEAD requests).
    public var code: String
    /// The HTTP status.
    public var status: Int
    /// The server's message, if any (never contains our secrets).
    public var message: String
    /// The server's request ID, for support cases.
    public var requestId: String?
    /// The region the server says the bucket lives in (`x-amz-bucket-region` or `<Region>`), if given.
    public var bucketRegion: String?

    public init(code: String, status: Int, message: String = "", requestId: String? = nil, bucketRegion: String? = nil) {
        self.code = code
        self.status = status
        self.message = message
        self.requestId = requestId
        self.bucketRegion = bucketRegion
    }

    /// Reads the error from a response (XML body when there is one, else the status).
    init(response: HTTPResponse) {
        let xml = S3XMLElement.parse(response.body)
        let errorElement = xml?.name == "Error" ? xml : xml?.child("Error")
        var code = errorElement?.text("Code") ?? ""
        if code.isEmpty {
            switch response.status {
            case 404: code = "NotFound"
            case 403: code = "AccessDenied"
            case 412: code = "PreconditionFailed"
            case 416: code = "InvalidRange"
            case 301: code = "PermanentRedirect"
            default: code = "HTTP\(response.status)"
            }
        }
        let message = errorElement?.text("Message") ?? ""
        self.init(
            code: code, status: response.status, message: String(message.prefix(400)),
            requestId: errorElement?.text("RequestId") ?? response.header("x-amz-request-id"),
            bucketRegion: response.header("x-amz-bucket-region") ?? errorElement?.text("Region"))
    }

    /// Worth another attempt: server errors, throttling, request timeouts.
    var isRetryable: Bool {
        if isThrottling { return true }
        if [500, 502, 503, 504].contains(status) { return true }
        return ["InternalError", "RequestTimeout", "ServiceUnavailable", "OperationAborted"].contains(code)
    }

    /// Throttling responses get a longer back-off.
    var isThrottling: Bool {
        status == 429
            || ["SlowDown", "Throttling", "ThrottlingException", "RequestLimitExceeded", "TooManyRequests",
                "RequestThrottled"].contains(code)
    }

    public var description: String {
        "\(code) (HTTP \(status))" + (message.isEmpty ? "" : ": \(message)")
            + (requestId.map { " [request id \($0)]" } ?? "")
    }
}
