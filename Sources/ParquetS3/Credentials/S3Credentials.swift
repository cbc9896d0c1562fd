/// AWS credentials: an access key pair and, for temporary credentials, a session token.
///
/// `description`, `debugDescription` and the reflection mirror (`dump`) show the access key ID only;
/// the secret access key and the session token never appear in logs, errors or `--verbose` output.
public struct S3Credentials: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The access key ID (`AKIA…`, or `ASIA…` for temporary credentials). Not secret.
    public var accessKeyId: String
    /// The secret access key. Secret.
    public var secretAccessKey: String
    /// The session token of temporary credentials (STS), if any. Secret.
    public var sessionToken: String?

    public init(accessKeyId: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }

    public var description: String {
        "S3Credentials(accessKeyId: \(accessKeyId), secretAccessKey: <redacted>, sessionToken: "
            + (sessionToken == nil ? "none)" : "<redacted>)")
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "accessKeyId": accessKeyId, "secretAccessKey": "<redacted>",
                "sessionToken": sessionToken == nil ? "none" : "<redacted>",
            ],
            displayStyle: .struct)
    }
}
