/// An uploaded part of a multipart upload: its number and the ETag the server gave it.
public struct S3CompletedPart: Sendable, Hashable {
    /// 1 … 10000.
    public var partNumber: Int
    /// The part's ETag, quotes included.
    public var etag: String

    public init(partNumber: Int, etag: String) {
        self.partNumber = partNumber
        self.etag = etag
    }
}
