/// Metadata of one object (HEAD).
public struct S3ObjectInfo: Sendable, Hashable {
    /// Size in bytes.
    public var size: Int64
    /// The ETag (quotes included), if any.
    public var etag: String?
    /// The `Last-Modified` header, if any.
    public var lastModified: String?
    /// The `Content-Type` header, if any.
    public var contentType: String?
}
