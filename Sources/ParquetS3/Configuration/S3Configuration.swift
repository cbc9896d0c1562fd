import Foundation

/// Everything an ``S3Client`` needs: credentials, region, endpoint, addressing, and transfer settings.
///
/// Build it by hand, or with ``resolve(profile:region:endpointURL:credentials:anonymous:addressingStyle:environment:homeDirectory:)``
/// from the AWS environment variables and shared files (what the CLI's `--profile`, `--region`,
/// `--endpoint-url` and `--no-sign-request` map to). `description` never shows secrets.
public struct S3Configuration: Sendable, CustomStringConvertible {
    /// The credentials to sign with; nil sends unsigned (anonymous) requests.
    public var credentials: S3Credentials?
    /// Where ``credentials`` came from.
    public var credentialSource: S3CredentialSource
    /// The region requests are signed for (and, on AWS, sent to).
    public var region: String
    /// A custom endpoint (S3-compatible server); nil means AWS.
    public var endpoint: S3Endpoint?
    /// How buckets appear in URLs.
    public var addressingStyle: S3AddressingStyle
    /// Requests in flight at once per client (one libcurl handle and thread each).
    public var maxConcurrency: Int
    /// Time allowed to establish a connection.
    public var connectTimeout: Duration
    /// A transfer slower than ``lowSpeedLimit`` bytes per second for this long is aborted (and retried).
    public var lowSpeedTime: Duration
    /// See ``lowSpeedTime``.
    public var lowSpeedLimit: Int
    /// An overall limit per request, if any.
    public var requestTimeout: Duration?
    /// Retry behaviour.
    public var retryPolicy: S3RetryPolicy
    /// The `User-Agent` header.
    public var userAgent: String

    public init(
        credentials: S3Credentials?, region: String = "us-east-1", endpoint: S3Endpoint? = nil,
        addressingStyle: S3AddressingStyle = .auto, credentialSource: S3CredentialSource? = nil,
        maxConcurrency: Int = 8, connectTimeout: Duration = .seconds(10), lowSpeedTime: Duration = .seconds(30),
        lowSpeedLimit: Int = 1, requestTimeout: Duration? = nil, retryPolicy: S3RetryPolicy = .standard,
        userAgent: String = "swift-parquet"
    ) {
        self.credentials = credentials
        self.credentialSource = credentialSource ?? (credentials == nil ? .anonymous : .explicit)
        self.region = region
        self.endpoint = endpoint
        self.addressingStyle = addressingStyle
        self.maxConcurrency = max(1, maxConcurrency)
        self.connectTimeout = connectTimeout
        self.lowSpeedTime = lowSpeedTime
        self.lowSpeedLimit = max(1, lowSpeedLimit)
        self.requestTimeout = requestTimeout
        self.retryPolicy = retryPolicy
        self.userAgent = userAgent
    }

    /// Resolves a configuration the way the AWS CLI does (see ``S3ConfigurationResolver``).
    ///
    /// - Parameters:
    ///   - profile: `--profile`; else `AWS_PROFILE`, else `default`.
    ///   - region: `--region`; else `AWS_REGION`, `AWS_DEFAULT_REGION`, the profile's `region`, `us-east-1`.
    ///   - endpointURL: `--endpoint-url`; else `AWS_ENDPOINT_URL_S3`, `AWS_ENDPOINT_URL`, the profile.
    ///   - credentials: explicit credentials, which win over everything else.
    ///   - anonymous: `--no-sign-request`.
    ///   - addressingStyle: overrides the profile's `s3.addressing_style`.
    ///   - environment: the variables to read (inject a dictionary in tests).
    ///   - homeDirectory: where `~/.aws` lives; default `$HOME`.
    public static func resolve(
        profile: String? = nil, region: String? = nil, endpointURL: String? = nil, credentials: S3Credentials? = nil,
        anonymous: Bool = false, addressingStyle: S3AddressingStyle? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment, homeDirectory: String? = nil
    ) throws -> S3Configuration {
        try S3ConfigurationResolver(environment: environment, homeDirectory: homeDirectory).resolve(
            profile: profile, region: region, endpointURL: endpointURL, credentials: credentials,
            anonymous: anonymous, addressingStyle: addressingStyle)
    }

    /// One line per setting, for `--verbose` (the access key ID at most; never a secret).
    public var description: String {
        var lines = [
            "endpoint: \(endpoint?.description ?? "AWS (\(S3Endpoint.aws(region: region)))")",
            "region: \(region)",
            "addressing: \(addressingStyle.rawValue)",
            "credentials: \(credentialSource)" + (credentials.map { " (access key \($0.accessKeyId))" } ?? ""),
        ]
        if credentials?.sessionToken != nil { lines.append("session token: yes") }
        lines.append("concurrency: \(maxConcurrency), attempts: \(retryPolicy.maxAttempts)")
        return lines.joined(separator: "\n")
    }
}
