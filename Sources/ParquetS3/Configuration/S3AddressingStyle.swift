/// How a bucket appears in request URLs.
public enum S3AddressingStyle: String, Sendable, Hashable, CaseIterable {
    /// Virtual-hosted style on AWS (for DNS-compatible bucket names), path style on a custom endpoint.
    case auto
    /// `https://endpoint/bucket/key`.
    case path
    /// `https://bucket.endpoint/key`.
    case virtualHosted = "virtual"
}
