/// The outcome of a (ranged) GET.
public struct S3GetObjectResult: Sendable {
    /// The bytes received: exactly the bytes of ``range``.
    public var body: [UInt8]
    /// Which bytes of the object ``body`` holds.
    public var range: Range<Int64>
    /// The object's total size.
    public var objectSize: Int64
    /// The object's ETag (quotes included), if the server sent one.
    public var etag: String?
    /// The `Last-Modified` header, if any.
    public var lastModified: String?
}
