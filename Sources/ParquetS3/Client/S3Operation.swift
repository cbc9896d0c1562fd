import Parquet

/// One S3 API call as the client's request loop sees it.
struct S3Operation: Sendable {
    /// What a successful-status response turned out to be.
    enum Check: Sendable {
        /// Good: return it.
        case accept
        /// Bad in a way another attempt may fix (short body, wrong range): retry.
        case retry(String)
        /// Bad for good: throw.
        case fail(ParquetError)
    }

    var method: String
    var bucket: String
    var key: String?
    var query: [SigV4Request.QueryItem] = []
    /// Extra headers, signed (Range, If-Match, Content-Type…).
    var headers: [SigV4Request.Header] = []
    var body: [UInt8]?
    var maxResponseBytes: Int = 16 << 20
    var expectedResponseBytes: Int?
    /// Statuses handed to `check` instead of being treated as errors.
    var acceptedStatuses: Set<Int> = [200]
    /// Validates an accepted-status response.
    var check: @Sendable (HTTPResponse) -> Check = { _ in .accept }

    /// `GET s3://bucket/key` (for messages).
    var summary: String {
        "\(method) s3://\(bucket)/\(key ?? "")"
    }

    /// `s3://bucket/key`, or `bucket 'name'` for bucket-level calls (for messages).
    var resource: String {
        key.map { "s3://\(bucket)/\($0)" } ?? "bucket '\(bucket)'"
    }
}
