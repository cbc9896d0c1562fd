import Crypto
import Foundation

/// AWS Signature Version 4 (`AWS4-HMAC-SHA256`), in Swift, for header signing and presigned URLs.
///
/// The signer is a pure function of the request, the credentials, the scope and the time: it never
/// touches the network or the clock itself. ``sign(_:date:)`` returns the headers to add;
/// ``presign(_:date:expires:)`` returns the query items to append. Both return every intermediate
/// string (``SigV4Signature``) so tests can compare them with the published vectors.
public struct SigV4Signer: Sendable {
    /// The algorithm name of SigV4.
    public static let algorithm = "AWS4-HMAC-SHA256"
    /// The payload hash placeholder for bodies that are not hashed (S3 GETs, presigned URLs).
    public static let unsignedPayload = "UNSIGNED-PAYLOAD"
    /// SHA-256 of the empty string.
    public static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    /// How the canonical request is formed; S3 differs from every other service.
    public struct Options: Sendable, Hashable {
        /// Remove `.` and `..` segments and repeated slashes from the path (`false` for S3, whose keys
        /// may legitimately contain them).
        public var normalizePath: Bool
        /// URI-encode the (wire) path once more when forming the canonical URI. True for every service
        /// but S3, which signs the path exactly as sent ("do not double-encode").
        public var encodePath: Bool
        /// Header signing also adds and signs `x-amz-content-sha256` with the payload hash (required by S3).
        public var addContentSHA256Header: Bool
        /// Sign the session token (`X-Amz-Security-Token`); when false it is added after signing, which a
        /// few services require. Default true.
        public var signSessionToken: Bool

        public init(
            normalizePath: Bool, encodePath: Bool, addContentSHA256Header: Bool, signSessionToken: Bool = true
        ) {
            self.normalizePath = normalizePath
            self.encodePath = encodePath
            self.addContentSHA256Header = addContentSHA256Header
            self.signSessionToken = signSessionToken
        }

        /// Amazon S3: path neither normalised nor re-encoded, `x-amz-content-sha256` sent.
        public static let s3 = Options(normalizePath: false, encodePath: false, addContentSHA256Header: true)
        /// Every other service: path normalised and encoded again.
        public static let standard = Options(normalizePath: true, encodePath: true, addContentSHA256Header: false)
    }

    /// The credentials requests are signed with.
    public var credentials: S3Credentials
    /// The region of the credential scope, e.g. `us-east-1`.
    public var region: String
    /// The service of the credential scope, e.g. `s3`.
    public var service: String
    /// Canonicalisation options.
    public var options: Options

    public init(credentials: S3Credentials, region: String, service: String = "s3", options: Options = .s3) {
        self.credentials = credentials
        self.region = region
        self.service = service
        self.options = options
    }

    /// Signs `request` with an `Authorization` header.
    ///
    /// Existing `Authorization`, `X-Amz-Date` (and the other headers the signer adds) are replaced.
    public func sign(_ request: SigV4Request, date: Date) -> SigV4Signature {
        let amzDate = AmzDate.format(date)
        let scope = credentialScope(amzDate: amzDate)
        var added: [SigV4Request.Header] = [SigV4Request.Header("X-Amz-Date", amzDate)]
        let signsToken = credentials.sessionToken != nil && options.signSessionToken
        if signsToken, let token = credentials.sessionToken {
            added.append(SigV4Request.Header("X-Amz-Security-Token", token))
        }
        if options.addContentSHA256Header {
            added.append(SigV4Request.Header("x-amz-content-sha256", request.payloadHash))
        }
        var replaced: Set<String> = ["authorization", "x-amz-date"]
        for header in added { replaced.insert(header.name.lowercased()) }
        if credentials.sessionToken != nil { replaced.insert("x-amz-security-token") }
        let headers = request.headers.filter { !replaced.contains(Self.headerName($0.name)) } + added

        let (canonicalHeaders, signedHeaders) = Self.canonicalHeaders(headers)
        let canonical = [
            request.method, canonicalURI(request.path), Self.canonicalQueryString(request.queryItems),
            canonicalHeaders, signedHeaders, request.payloadHash,
        ].joined(separator: "\n")
        let stringToSign = Self.stringToSign(canonicalRequest: canonical, amzDate: amzDate, scope: scope)
        let signature = signatureHex(stringToSign: stringToSign, amzDate: amzDate)

        var out = added
        out.append(SigV4Request.Header(
            "Authorization",
            "\(Self.algorithm) Credential=\(credentials.accessKeyId)/\(scope), SignedHeaders=\(signedHeaders), "
                + "Signature=\(signature)"))
        if !signsToken, let token = credentials.sessionToken {
            out.append(SigV4Request.Header("X-Amz-Security-Token", token))
        }
        return SigV4Signature(
            canonicalRequest: canonical, stringToSign: stringToSign, signature: signature,
            signedHeaders: signedHeaders, credentialScope: scope, amzDate: amzDate, headers: out, queryItems: [])
    }

    /// Presigns `request`: the signature goes into the query string, valid for `expires` seconds.
    ///
    /// Only the request's own headers are signed (at least `Host`); the payload hash is the request's
    /// (``unsignedPayload`` for S3 presigned URLs).
    public func presign(_ request: SigV4Request, date: Date, expires: Int) -> SigV4Signature {
        let amzDate = AmzDate.format(date)
        let scope = credentialScope(amzDate: amzDate)
        let (canonicalHeaders, signedHeaders) = Self.canonicalHeaders(request.headers)
        var auth: [SigV4Request.QueryItem] = [
            .init("X-Amz-Algorithm", Self.algorithm),
            .init("X-Amz-Credential", "\(credentials.accessKeyId)/\(scope)"),
            .init("X-Amz-Date", amzDate),
            .init("X-Amz-SignedHeaders", signedHeaders),
            .init("X-Amz-Expires", String(expires)),
        ]
        let signsToken = credentials.sessionToken != nil && options.signSessionToken
        if signsToken, let token = credentials.sessionToken {
            auth.append(.init("X-Amz-Security-Token", token))
        }
        let canonical = [
            request.method, canonicalURI(request.path), Self.canonicalQueryString(request.queryItems + auth),
            canonicalHeaders, signedHeaders, request.payloadHash,
        ].joined(separator: "\n")
        let stringToSign = Self.stringToSign(canonicalRequest: canonical, amzDate: amzDate, scope: scope)
        let signature = signatureHex(stringToSign: stringToSign, amzDate: amzDate)
        if !signsToken, let token = credentials.sessionToken {
            auth.append(.init("X-Amz-Security-Token", token))
        }
        auth.append(.init("X-Amz-Signature", signature))
        return SigV4Signature(
            canonicalRequest: canonical, stringToSign: stringToSign, signature: signature,
            signedHeaders: signedHeaders, credentialScope: scope, amzDate: amzDate, headers: [], queryItems: auth)
    }

    /// `yyyyMMdd/region/service/aws4_request`.
    func credentialScope(amzDate: String) -> String {
        "\(amzDate.prefix(8))/\(region)/\(service)/aws4_request"
    }

    /// The canonical URI of a wire path under these options.
    public func canonicalURI(_ path: String) -> String {
        var p = path.isEmpty ? "/" : path
        if options.normalizePath { p = Self.removeDotSegments(p) }
        if options.encodePath { p = Self.uriEncode(p, encodeSlash: false) }
        return p
    }

    /// The hex signature of a string to sign, with the key derived for `amzDate`'s day.
    func signatureHex(stringToSign: String, amzDate: String) -> String {
        let key = Self.signingKey(
            secretAccessKey: credentials.secretAccessKey, date: String(amzDate.prefix(8)), region: region,
            service: service)
        return Self.hex(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key))
    }

    /// The string to sign for a canonical request.
    static func stringToSign(canonicalRequest: String, amzDate: String, scope: String) -> String {
        [algorithm, amzDate, scope, sha256Hex(Array(canonicalRequest.utf8))].joined(separator: "\n")
    }

    /// Derives the SigV4 signing key: HMAC chain over date (`yyyyMMdd`), region, service, `aws4_request`.
    public static func signingKey(secretAccessKey: String, date: String, region: String, service: String)
        -> SymmetricKey
    {
        var key = SymmetricKey(data: Array(("AWS4" + secretAccessKey).utf8))
        for part in [date, region, service, "aws4_request"] {
            key = SymmetricKey(data: Array(HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key)))
        }
        return key
    }

    /// Lower-case hex SHA-256 of `bytes`.
    public static func sha256Hex(_ bytes: some ContiguousBytes) -> String {
        bytes.withUnsafeBytes { hex(SHA256.hash(data: $0)) }
    }

    /// Lower-case hex of a byte sequence.
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
