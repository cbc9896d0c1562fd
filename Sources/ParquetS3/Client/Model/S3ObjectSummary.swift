/// One object of a listing.
public struct S3ObjectSummary: Sendable, Hashable {
    /// The full key.
    public var key: String
    /// Size in bytes.
    public var size: Int64
    /// The ETag (quotes included), if listed.
    public var etag: String?
    /// ISO 8601 modification time, if listed.
    public var lastModified: String?
}
