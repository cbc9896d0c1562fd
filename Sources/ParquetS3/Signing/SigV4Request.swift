/// An HTTP request as the AWS Signature Version 4 signer sees it.
///
/// `path` is the path exactly as it goes on the wire (already percent-encoded where the URL needs it,
/// e.g. an S3 key encoded with ``SigV4Signer/uriEncode(_:encodeSlash:)``); whether the signer normalises
/// it or encodes it once more is decided by ``SigV4Signer/Options``. Query items are *decoded* names and
/// values: the signer encodes them itself, per the specification.
public struct SigV4Request: Sendable, Hashable {
    /// One header line. Names are case-insensitive; repeated names are allowed and keep their order.
    public struct Header: Sendable, Hashable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// One query parameter, decoded. A parameter without `=` has an empty value.
    public struct QueryItem: Sendable, Hashable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String = "") {
            self.name = name
            self.value = value
        }
    }

    /// The HTTP method, e.g. `GET`.
    public var method: String
    /// The path as sent on the wire, starting with `/`.
    public var path: String
    /// Query parameters, decoded, in any order.
    public var queryItems: [QueryItem]
    /// Headers to sign, including `Host`. The signer adds `X-Amz-Date` and friends itself.
    public var headers: [Header]
    /// Lower-case hex SHA-256 of the body, or ``SigV4Signer/unsignedPayload``.
    public var payloadHash: String

    public init(
        method: String, path: String, queryItems: [QueryItem] = [], headers: [Header] = [],
        payloadHash: String = SigV4Signer.emptyPayloadHash
    ) {
        self.method = method
        self.path = path
        self.queryItems = queryItems
        self.headers = headers
        self.payloadHash = payloadHash
    }
}
