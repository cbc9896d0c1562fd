/// The outcome of signing one request, with every intermediate string of the algorithm.
///
/// Holds no secret: the signature is derived from the secret but does not reveal it.
public struct SigV4Signature: Sendable, Hashable {
    /// The canonical request (method, canonical URI, canonical query, canonical headers, signed headers,
    /// payload hash), joined by newlines.
    public var canonicalRequest: String
    /// `AWS4-HMAC-SHA256`, the timestamp, the credential scope and the hash of the canonical request.
    public var stringToSign: String
    /// The hex HMAC-SHA256 of the string to sign under the derived signing key.
    public var signature: String
    /// The `;`-joined list of signed header names, lower case and sorted.
    public var signedHeaders: String
    /// `date/region/service/aws4_request`.
    public var credentialScope: String
    /// The `X-Amz-Date` value, `yyyyMMdd'T'HHmmss'Z'`.
    public var amzDate: String
    /// Header signing: the headers to add to the request (`X-Amz-Date`, `X-Amz-Security-Token`,
    /// `x-amz-content-sha256` when asked, and `Authorization`). Empty for presigning.
    public var headers: [SigV4Request.Header]
    /// Presigning: the query items to append to the request's own (the `X-Amz-*` parameters, ending with
    /// `X-Amz-Signature`). Empty for header signing.
    public var queryItems: [SigV4Request.QueryItem]

    /// The `Authorization` header value (header signing only).
    public var authorization: String? {
        headers.first { $0.name == "Authorization" }?.value
    }
}
