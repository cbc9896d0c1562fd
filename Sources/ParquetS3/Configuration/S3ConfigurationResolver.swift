import Foundation
import Parquet

/// Finds credentials, region and endpoint from explicit values, the environment and the AWS shared
/// files, in the AWS CLI's order of precedence.
///
/// Credentials: explicit → anonymous when asked → environment (`AWS_ACCESS_KEY_ID`,
/// `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`; skipped when a profile is named explicitly) → the
/// profile in the credentials file (`AWS_SHARED_CREDENTIALS_FILE`, default `~/.aws/credentials`) → the
/// profile in the config file (`AWS_CONFIG_FILE`, default `~/.aws/config`). The profile is the explicit
/// one, else `AWS_PROFILE`, else `default`. Instance roles, SSO and `credential_process` are not supported
/// (a clear error says so).
public struct S3ConfigurationResolver: Sendable {
    /// The environment variables consulted (injected in tests; the process environment by default).
    public var environment: [String: String]
    /// The home directory holding `.aws/`; default `$HOME` from ``environment``.
    public var homeDirectory: String?

    public init(environment: [String: String] = ProcessInfo.processInfo.environment, homeDirectory: String? = nil) {
        self.environment = environment
        self.homeDirectory = homeDirectory
    }

    /// Resolves a full configuration; see ``S3Configuration/resolve(profile:region:endpointURL:credentials:anonymous:addressingStyle:environment:homeDirectory:)``.
    public func resolve(
        profile: String? = nil, region: String? = nil, endpointURL: String? = nil, credentials: S3Credentials? = nil,
        anonymous: Bool = false, addressingStyle: S3AddressingStyle? = nil
    ) throws -> S3Configuration {
        let files = try loadFiles()
        let profileName = self.profileName(explicit: profile)
        try checkProfileExists(profileName, explicit: profile, files: files)
        let (creds, source) = try resolveCredentials(
            explicit: credentials, profile: profile, anonymous: anonymous, files: files)
        let configProfile = files.config.configProfile(profileName)
        var endpoint: S3Endpoint?
        if let url = endpointURL ?? self.endpointURL(profile: configProfile, files: files) {
            endpoint = try S3Endpoint(url: url)
        }
        let style: S3AddressingStyle
        if let addressingStyle {
            style = addressingStyle
        } else if let text = configProfile?.subsections["s3"]?["addressing_style"] {
            guard let parsed = S3AddressingStyle(rawValue: text.lowercased()) else {
                throw ParquetError(
                    .invalidArgument, "unknown s3 addressing_style '\(text)' in profile '\(profileName)' "
                        + "(expected auto, path or virtual)")
            }
            style = parsed
        } else {
            style = .auto
        }
        return S3Configuration(
            credentials: creds, region: region ?? self.region(profile: configProfile), endpoint: endpoint,
            addressingStyle: style, credentialSource: source)
    }

    /// Resolves the credentials alone: nil with `.anonymous` when `anonymous` is set.
    public func resolveCredentials(explicit: S3Credentials? = nil, profile: String? = nil, anonymous: Bool = false)
        throws -> (S3Credentials?, S3CredentialSource)
    {
        let files = try loadFiles()
        try checkProfileExists(profileName(explicit: profile), explicit: profile, files: files)
        return try resolveCredentials(explicit: explicit, profile: profile, anonymous: anonymous, files: files)
    }

    // MARK: - Pieces

    struct Files {
        var credentials: AWSSharedConfigFile
        var config: AWSSharedConfigFile
        var credentialsPath: String
        var configPath: String
    }

    var home: String {
        homeDirectory ?? environment["HOME"] ?? NSHomeDirectory()
    }

    func expandTilde(_ path: String) -> String {
        if path == "~" { return home }
        if path.hasPrefix("~/") { return home + path.dropFirst() }
        return path
    }

    func loadFiles() throws -> Files {
        let credentialsPath = expandTilde(nonEmpty("AWS_SHARED_CREDENTIALS_FILE") ?? "~/.aws/credentials")
        let configPath = expandTilde(nonEmpty("AWS_CONFIG_FILE") ?? "~/.aws/config")
        return Files(
            credentials: try AWSSharedConfigFile.load(path: credentialsPath),
            config: try AWSSharedConfigFile.load(path: configPath), credentialsPath: credentialsPath,
            configPath: configPath)
    }

    func nonEmpty(_ name: String) -> String? {
        guard let value = environment[name], !value.isEmpty else { return nil }
        return value
    }

    func profileName(explicit: String?) -> String {
        explicit ?? nonEmpty("AWS_PROFILE") ?? nonEmpty("AWS_DEFAULT_PROFILE") ?? "default"
    }

    /// A profile named explicitly or by `AWS_PROFILE` must exist in one of the files.
    func checkProfileExists(_ name: String, explicit: String?, files: Files) throws {
        guard explicit != nil || nonEmpty("AWS_PROFILE") != nil || nonEmpty("AWS_DEFAULT_PROFILE") != nil else {
            return
        }
        if files.credentials.credentialsProfile(name) == nil && files.config.configProfile(name) == nil {
            throw ParquetError(
                .invalidArgument,
                "AWS profile '\(name)' not found in \(files.credentialsPath) or \(files.configPath)")
        }
    }

    func resolveCredentials(explicit: S3Credentials?, profile: String?, anonymous: Bool, files: Files) throws
        -> (S3Credentials?, S3CredentialSource)
    {
        if let explicit { return (explicit, .explicit) }
        if anonymous { return (nil, .anonymous) }
        if profile == nil {
            let key = nonEmpty("AWS_ACCESS_KEY_ID")
            let secret = nonEmpty("AWS_SECRET_ACCESS_KEY")
            switch (key, secret) {
            case let (key?, secret?):
                let token = nonEmpty("AWS_SESSION_TOKEN") ?? nonEmpty("AWS_SECURITY_TOKEN")
                return (S3Credentials(accessKeyId: key, secretAccessKey: secret, sessionToken: token), .environment)
            case (.some, nil):
                throw ParquetError(.invalidArgument, "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")
            case (nil, .some):
                throw ParquetError(.invalidArgument, "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not")
            case (nil, nil):
                break
            }
        }
        let name = profileName(explicit: profile)
        if let section = files.credentials.credentialsProfile(name),
            let creds = try credentials(in: section, profile: name, path: files.credentialsPath)
        {
            return (creds, .sharedCredentialsFile(path: files.credentialsPath, profile: name))
        }
        if let section = files.config.configProfile(name) {
            if let creds = try credentials(in: section, profile: name, path: files.configPath) {
                return (creds, .configFile(path: files.configPath, profile: name))
            }
            for unsupported in ["credential_process", "role_arn", "sso_session", "sso_start_url", "web_identity_token_file"]
            where section.values[unsupported] != nil {
                throw ParquetError(
                    .unsupported,
                    "AWS profile '\(name)' uses \(unsupported), which is not supported here; export static "
                        + "credentials instead (e.g. `aws configure export-credentials --format env`)")
            }
        }
        throw ParquetError(
            .invalidArgument,
            "no AWS credentials found (looked at AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY and profile '\(name)' in "
                + "\(files.credentialsPath) and \(files.configPath)); use --no-sign-request for public buckets")
    }

    /// The key pair of a profile section, nil when it has none; an error when only half is present.
    func credentials(in section: AWSSharedConfigFile.Section, profile: String, path: String) throws -> S3Credentials? {
        let key = section.values["aws_access_key_id"].flatMap { $0.isEmpty ? nil : $0 }
        let secret = section.values["aws_secret_access_key"].flatMap { $0.isEmpty ? nil : $0 }
        switch (key, secret) {
        case let (key?, secret?):
            let token = section.values["aws_session_token"] ?? section.values["aws_security_token"]
            return S3Credentials(
                accessKeyId: key, secretAccessKey: secret, sessionToken: token.flatMap { $0.isEmpty ? nil : $0 })
        case (nil, nil):
            return nil
        default:
            throw ParquetError(
                .invalidArgument,
                "AWS profile '\(profile)' in \(path) has only one of aws_access_key_id and aws_secret_access_key")
        }
    }

    func region(profile: AWSSharedConfigFile.Section?) -> String {
        nonEmpty("AWS_REGION") ?? nonEmpty("AWS_DEFAULT_REGION") ?? profile?.values["region"].flatMap {
            $0.isEmpty ? nil : $0
        } ?? "us-east-1"
    }

    func endpointURL(profile: AWSSharedConfigFile.Section?, files: Files) -> String? {
        if let flag = nonEmpty("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"), flag.lowercased() == "true" { return nil }
        if let url = nonEmpty("AWS_ENDPOINT_URL_S3") ?? nonEmpty("AWS_ENDPOINT_URL") { return url }
        guard let profile else { return nil }
        if profile.values["ignore_configured_endpoint_urls"]?.lowercased() == "true" { return nil }
        if let services = profile.values["services"], let url = files.config.services(services)?.subsections["s3"]?["endpoint_url"] {
            return url
        }
        return profile.values["endpoint_url"]
    }
}
