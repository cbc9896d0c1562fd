import Foundation
import Parquet

extension S3Client {
    /// One page of ListObjectsV2.
    ///
    /// - Parameters:
    ///   - prefix: only keys starting with this.
    ///   - delimiter: roll keys up to the next occurrence of this (usually `/`) into ``S3ListPage/commonPrefixes``.
    ///   - continuationToken: ``S3ListPage/nextContinuationToken`` of the previous page.
    ///   - maxKeys: page size (the server caps it at 1000).
    public func listObjectsPage(
        bucket: String, prefix: String = "", delimiter: String? = nil, continuationToken: String? = nil,
        maxKeys: Int = 1000
    ) async throws -> S3ListPage {
        var query: [SigV4Request.QueryItem] = [.init("list-type", "2"), .init("encoding-type", "url")]
        if !prefix.isEmpty { query.append(.init("prefix", prefix)) }
        if let delimiter { query.append(.init("delimiter", delimiter)) }
        if let continuationToken { query.append(.init("continuation-token", continuationToken)) }
        query.append(.init("max-keys", String(max(1, min(maxKeys, 1000)))))
        var operation = S3Operation(method: "GET", bucket: bucket, key: nil, query: query)
        operation.maxResponseBytes = 64 << 20
        let summary = "LIST s3://\(bucket)/\(prefix)"
        operation.check = { response in
            guard S3XMLElement.parse(response.body)?.name == "ListBucketResult" else {
                return .retry("\(summary): malformed listing response")
            }
            return .accept
        }
        let response = try await execute(operation)
        guard let xml = S3XMLElement.parse(response.body) else {
            throw ParquetError(.io, "\(summary): malformed listing response")
        }
        let encoded = xml.text("EncodingType")?.lowercased() == "url"
        func decode(_ text: String) -> String {
            encoded ? SigV4Signer.percentDecode(text.replacingOccurrences(of: "+", with: " ")) : text
        }
        var objects: [S3ObjectSummary] = []
        for element in xml.children("Contents") {
            guard let key = element.text("Key"), let size = element.text("Size").flatMap({ Int64($0) }), size >= 0 else {
                throw ParquetError(.io, "\(summary): listing entry without a key or size")
            }
            objects.append(S3ObjectSummary(
                key: decode(key), size: size, etag: element.text("ETag"), lastModified: element.text("LastModified")))
        }
        let prefixes = xml.children("CommonPrefixes").compactMap { $0.text("Prefix") }.map(decode)
        let truncated = xml.text("IsTruncated")?.lowercased() == "true"
        let token = truncated ? xml.text("NextContinuationToken") : nil
        if truncated && (token ?? "").isEmpty {
            throw ParquetError(.io, "\(summary): truncated listing without a continuation token")
        }
        return S3ListPage(objects: objects, commonPrefixes: prefixes, nextContinuationToken: token)
    }

    /// Every object under `prefix`, following continuation tokens across pages.
    public func listObjects(bucket: String, prefix: String = "", maxKeys: Int = 1000) async throws -> [S3ObjectSummary] {
        var all: [S3ObjectSummary] = []
        var token: String?
        var seen = Set<String>()
        repeat {
            let page = try await listObjectsPage(bucket: bucket, prefix: prefix, continuationToken: token, maxKeys: maxKeys)
            all += page.objects
            token = page.nextContinuationToken
            if let token, !seen.insert(token).inserted {
                throw ParquetError(.io, "LIST s3://\(bucket)/\(prefix): the server repeated a continuation token")
            }
        } while token != nil
        return all
    }

    /// Every object under the location's prefix (`s3://bucket/prefix/`), or the object itself.
    public func listObjects(in location: S3Location) async throws -> [S3ObjectSummary] {
        try await listObjects(bucket: location.bucket, prefix: location.key)
    }
}
