/// One page of a ListObjectsV2 listing.
public struct S3ListPage: Sendable, Hashable {
    /// The objects of this page, in key order.
    public var objects: [S3ObjectSummary]
    /// "Directories" rolled up by the delimiter, if one was given.
    public var commonPrefixes: [String]
    /// Pass to the next call to continue; nil on the last page.
    public var nextContinuationToken: String?
}
