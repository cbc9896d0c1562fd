import Parquet

extension S3Client {
    /// GETs an object, or a range of it, checking status, `Content-Range` and body length: a short or
    /// mismatched body is retried (within the retry budget), never returned.
    ///
    /// - Parameters:
    ///   - range: the bytes wanted; nil for the whole object.
    ///   - ifMatch: an ETag the object must still have (`If-Match`); a replaced object fails clearly.
    ///   - statistics: extra counters to record this call's traffic in (besides the client's).
    ///   - maxBytes: the largest body accepted when `range` does not bound it.
    public func getObject(
        bucket: String, key: String, range: S3ByteRange? = nil, ifMatch: String? = nil,
        statistics: S3TransferStatistics? = nil, maxBytes: Int = 1 << 30
    ) async throws -> S3GetObjectResult {
        try checkKey(key)
        if case .bounded(let r) = range, r.isEmpty || r.lowerBound < 0 {
            throw ParquetError(.invalidArgument, "GET s3://\(bucket)/\(key): empty or negative range \(r)")
        }
        var headers: [SigV4Request.Header] = []
        if let range { headers.append(.init("Range", range.headerValue)) }
        if let ifMatch { headers.append(.init("If-Match", ifMatch)) }
        let limit = range?.maxLength.map { Int(clamping: $0) } ?? maxBytes
        var operation = S3Operation(method: "GET", bucket: bucket, key: key, headers: headers)
        operation.maxResponseBytes = range == nil ? maxBytes : max(limit, 0)
        operation.expectedResponseBytes = range?.maxLength.map { Int(clamping: $0) }
        operation.acceptedStatuses = [200, 206]
        let summary = operation.summary
        operation.check = { response in Self.checkGet(response, range: range, summary: summary) }
        let response = try await execute(operation, statistics: statistics)
        return Self.getResult(response, range: range)
    }

    /// HEADs an object: size, ETag, modification time.
    public func headObject(bucket: String, key: String, statistics: S3TransferStatistics? = nil) async throws
        -> S3ObjectInfo
    {
        try checkKey(key)
        var operation = S3Operation(method: "HEAD", bucket: bucket, key: key)
        operation.maxResponseBytes = 0
        let summary = operation.summary
        operation.check = { response in
            guard let text = response.header("content-length"), let size = Int64(text), size >= 0 else {
                return .retry("\(summary): response without a valid Content-Length")
            }
            return .accept
        }
        let response = try await execute(operation, statistics: statistics)
        return S3ObjectInfo(
            size: Int64(response.header("content-length") ?? "") ?? 0, etag: response.header("etag"),
            lastModified: response.header("last-modified"), contentType: response.header("content-type"))
    }

    /// Uploads a small object in one PUT (use ``S3ObjectWriter`` or multipart calls for large ones).
    /// Returns the new object's ETag.
    @discardableResult
    public func putObject(bucket: String, key: String, body: [UInt8], contentType: String? = nil) async throws
        -> String?
    {
        try checkKey(key)
        var operation = S3Operation(method: "PUT", bucket: bucket, key: key, body: body)
        if let contentType { operation.headers.append(.init("Content-Type", contentType)) }
        return try await execute(operation).header("etag")
    }

    /// Deletes an object (succeeds when it does not exist).
    public func deleteObject(bucket: String, key: String) async throws {
        try checkKey(key)
        var operation = S3Operation(method: "DELETE", bucket: bucket, key: key)
        operation.acceptedStatuses = [200, 204]
        _ = try await execute(operation)
    }

    func checkKey(_ key: String) throws {
        guard !key.isEmpty else { throw ParquetError(.invalidArgument, "an S3 object key must not be empty") }
    }

    /// Validates a GET response against the requested range.
    static func checkGet(_ response: HTTPResponse, range: S3ByteRange?, summary: String) -> S3Operation.Check {
        if let announced = response.header("content-length"), let length = Int(announced), length != response.body.count {
            return .retry("\(summary): received \(response.body.count) of \(length) bytes")
        }
        if response.status == 200 {
            // The whole object (no range asked, or the server ignored it): it must cover the range.
            if let range, range.resolved(objectSize: Int64(response.body.count)) == nil,
                !(response.body.isEmpty && range.maxLength != nil)
            {
                return .fail(ParquetError(.io, "\(summary): the range \(range) is outside the object"))
            }
            return .accept
        }
        guard let text = response.header("content-range"), let contentRange = ContentRange(text),
            let sent = contentRange.range, let total = contentRange.total
        else {
            return .retry("\(summary): 206 response without a valid Content-Range")
        }
        if let range {
            guard let wanted = range.resolved(objectSize: total), wanted == sent else {
                return .retry("\(summary): Content-Range '\(text)' does not match the requested \(range)")
            }
        }
        guard Int64(response.body.count) == sent.upperBound - sent.lowerBound else {
            return .retry("\(summary): body has \(response.body.count) bytes but Content-Range '\(text)' announces "
                + "\(sent.upperBound - sent.lowerBound)")
        }
        return .accept
    }

    /// Builds the result of a checked GET response.
    static func getResult(_ response: HTTPResponse, range: S3ByteRange?) -> S3GetObjectResult {
        let etag = response.header("etag")
        let modified = response.header("last-modified")
        if response.status == 206, let text = response.header("content-range"), let cr = ContentRange(text),
            let sent = cr.range, let total = cr.total
        {
            return S3GetObjectResult(body: response.body, range: sent, objectSize: total, etag: etag, lastModified: modified)
        }
        let size = Int64(response.body.count)
        guard let range, let wanted = range.resolved(objectSize: size) else {
            return S3GetObjectResult(body: response.body, range: 0 ..< size, objectSize: size, etag: etag, lastModified: modified)
        }
        let body = Array(response.body[Int(wanted.lowerBound) ..< Int(wanted.upperBound)])
        return S3GetObjectResult(body: body, range: wanted, objectSize: size, etag: etag, lastModified: modified)
    }
}
