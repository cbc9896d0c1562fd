/// Where the credentials of an ``S3Configuration`` came from (shown by `--verbose`; never the secret).
public enum S3CredentialSource: Sendable, Hashable, CustomStringConvertible {
    /// Requests are not signed (public buckets, `--no-sign-request`).
    case anonymous
    /// Passed in code.
    case explicit
    /// `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` (/ `AWS_SESSION_TOKEN`).
    case environment
    /// A profile of the shared credentials file.
    case sharedCredentialsFile(path: String, profile: String)
    /// A profile of the shared config file.
    case configFile(path: String, profile: String)

    public var description: String {
        switch self {
        case .anonymous: return "anonymous (requests are not signed)"
        case .explicit: return "explicit credentials"
        case .environment: return "environment (AWS_ACCESS_KEY_ID)"
        case .sharedCredentialsFile(let path, let profile): return "profile '\(profile)' in \(path)"
        case .configFile(let path, let profile): return "profile '\(profile)' in \(path)"
        }
    }
}
