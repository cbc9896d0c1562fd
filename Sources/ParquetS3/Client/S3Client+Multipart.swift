import Parquet

extension S3Client {
    /// Starts a multipart upload; returns its upload ID.
    public func createMultipartUpload(bucket: String, key: String, contentType: String? = nil) async throws -> String {
        try checkKey(key)
        var operation = S3Operation(
            method: "POST", bucket: bucket, key: key, query: [.init("uploads")], body: [])
        if let contentType { operation.headers.append(.init("Content-Type", contentType)) }
        let summary = "CREATE-MULTIPART s3://\(bucket)/\(key)"
        operation.check = { response in
            guard let id = S3XMLElement.parse(response.body)?.text("UploadId"), !id.isEmpty else {
                return .retry("\(summary): response without an UploadId")
            }
            return .accept
        }
        let response = try await execute(operation)
        return S3XMLElement.parse(response.body)?.text("UploadId") ?? ""
    }

    /// Uploads part `partNumber` (1 … 10000; every part but the last at least 5 MiB).
    public func uploadPart(bucket: String, key: String, uploadId: String, partNumber: Int, body: [UInt8]) async throws
        -> S3CompletedPart
    {
        try checkKey(key)
        guard (1 ... 10000).contains(partNumber) else {
            throw ParquetError(.invalidArgument, "multipart part number \(partNumber) is outside 1…10000")
        }
        var operation = S3Operation(
            method: "PUT", bucket: bucket, key: key,
            query: [.init("partNumber", String(partNumber)), .init("uploadId", uploadId)], body: body)
        let summary = "UPLOAD-PART \(partNumber) s3://\(bucket)/\(key)"
        operation.check = { response in
            response.header("etag") == nil ? .retry("\(summary): response without an ETag") : .accept
        }
        let response = try await execute(operation)
        return S3CompletedPart(partNumber: partNumber, etag: response.header("etag") ?? "")
    }

    /// Completes a multipart upload from its parts (any order; sorted here). Returns the object's ETag.
    @discardableResult
    public func completeMultipartUpload(bucket: String, key: String, uploadId: String, parts: [S3CompletedPart])
        async throws -> String?
    {
        try checkKey(key)
        var xml = "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
        for part in parts.sorted(by: { $0.partNumber < $1.partNumber }) {
            xml += "<Part><PartNumber>\(part.partNumber)</PartNumber><ETag>\(Self.xmlEscape(part.etag))</ETag></Part>"
        }
        xml += "</CompleteMultipartUpload>"
        var operation = S3Operation(
            method: "POST", bucket: bucket, key: key, query: [.init("uploadId", uploadId)], body: Array(xml.utf8))
        operation.headers.append(.init("Content-Type", "application/xml"))
        let summary = "COMPLETE-MULTIPART s3://\(bucket)/\(key)"
        let region = configuration.region
        let described = S3Operation(method: "COMPLETE-MULTIPART", bucket: bucket, key: key)
        operation.check = { [self] response in
            // S3 may answer 200 and still report an error in the body.
            guard let root = S3XMLElement.parse(response.body) else {
                return .retry("\(summary): malformed response")
            }
            if root.name == "Error" {
                let error = S3ServiceError(response: HTTPResponse(status: 200, headers: response.headers, body: response.body))
                if error.isRetryable { return .retry("\(summary): \(error)") }
                return .fail(ParquetError(.io, message(for: error, operation: described, region: region), cause: error))
            }
            return .accept
        }
        let response = try await execute(operation)
        return S3XMLElement.parse(response.body)?.text("ETag")
    }

    /// Aborts a multipart upload, discarding its parts (succeeds when it is already gone).
    public func abortMultipartUpload(bucket: String, key: String, uploadId: String) async throws {
        try checkKey(key)
        var operation = S3Operation(method: "DELETE", bucket: bucket, key: key, query: [.init("uploadId", uploadId)])
        operation.acceptedStatuses = [200, 204]
        do {
            _ = try await execute(operation)
        } catch let error as ParquetError where (error.cause as? S3ServiceError)?.code == "NoSuchUpload" {
            return
        }
    }

    static func xmlEscape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(c)
            }
        }
        return out
    }
}
