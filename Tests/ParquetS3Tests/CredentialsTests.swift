import Foundation
import Parquet
import ParquetS3
import Testing

/// A temporary home directory with optional `.aws/credentials` and `.aws/config`.
struct TemporaryHome: ~Copyable {
    let path: String

    init(credentials: String? = nil, config: String? = nil) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("s3-home-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path + "/.aws", withIntermediateDirectories: true)
        if let credentials { try credentials.write(toFile: path + "/.aws/credentials", atomically: true, encoding: .utf8) }
        if let config { try config.write(toFile: path + "/.aws/config", atomically: true, encoding: .utf8) }
    }

    /// An environment with only `HOME` set, plus `extra`.
    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        extra.merging(["HOME": path]) { a, _ in a }
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

@Suite struct CredentialsTests {
    static let credentialsFile = """
        # comment line
        [default]
        aws_access_key_id = AKIDDEFAULT
        aws_secret_access_key = secretDefault/+=

        [dev]
        aws_access_key_id=AKIDDEV
        aws_secret_access_key=secretDev
        aws_session_token = tokenDev

        [half]
        aws_access_key_id = AKIDHALF
        """

    static let configFile = """
        [default]
        region = eu-west-1

        [profile dev]
        region = ap-south-1
        s3 =
          addressing_style = path
        services = devsvc

        [services devsvc]
        s3 =
          endpoint_url = http://127.0.0.1:9000

        [profile cfgonly]
        aws_access_key_id = AKIDCFG
        aws_secret_access_key = secretCfg
        region = us-west-2
        services = local

        [services local]
        s3 =
          endpoint_url = https://minio.example:9443/base/

        [profile proc]
        credential_process = /bin/echo
        """

    @Test func explicitCredentialsWin() throws {
        let home = try TemporaryHome(credentials: Self.credentialsFile)
        let explicit = S3Credentials(accessKeyId: "AKIDX", secretAccessKey: "sx")
        let config = try S3Configuration.resolve(
            credentials: explicit, environment: home.environment(["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "s"]))
        #expect(config.credentials == explicit)
        #expect(config.credentialSource == .explicit)
    }

    @Test func environmentBeforeFiles() throws {
        let home = try TemporaryHome(credentials: Self.credentialsFile)
        let env = home.environment([
            "AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "secretEnv", "AWS_SESSION_TOKEN": "tokenEnv",
            "AWS_PROFILE": "dev",
        ])
        let config = try S3Configuration.resolve(environment: env)
        #expect(config.credentials == S3Credentials(accessKeyId: "AKIDENV", secretAccessKey: "secretEnv", sessionToken: "tokenEnv"))
        #expect(config.credentialSource == .environment)
        // An explicitly named profile skips the environment's keys (as the AWS CLI's --profile does).
        let named = try S3Configuration.resolve(profile: "dev", environment: env)
        #expect(named.credentials == S3Credentials(accessKeyId: "AKIDDEV", secretAccessKey: "secretDev", sessionToken: "tokenDev"))
        #expect(named.credentialSource == .sharedCredentialsFile(path: home.path + "/.aws/credentials", profile: "dev"))
    }

    @Test func partialEnvironmentIsAnError() throws {
        let home = try TemporaryHome()
        #expect(throws: ParquetError.self) {
            try S3Configuration.resolve(environment: home.environment(["AWS_ACCESS_KEY_ID": "AKID"]))
        }
        let error = #expect(throws: ParquetError.self) {
            try S3Configuration.resolve(environment: home.environment(["AWS_SECRET_ACCESS_KEY": "s"]))
        }
        #expect(error?.message.contains("AWS_ACCESS_KEY_ID is not") == true)
    }

    @Test func profilesFromBothFiles() throws {
        let home = try TemporaryHome(credentials: Self.credentialsFile, config: Self.configFile)
        let byDefault = try S3Configuration.resolve(environment: home.environment())
        #expect(byDefault.credentials?.accessKeyId == "AKIDDEFAULT")
        #expect(byDefault.credentials?.secretAccessKey == "secretDefault/+=")
        #expect(byDefault.region == "eu-west-1")
        #expect(byDefault.endpoint == nil)
        #expect(byDefault.addressingStyle == .auto)

        let dev = try S3Configuration.resolve(environment: home.environment(["AWS_PROFILE": "dev"]))
        #expect(dev.credentials?.sessionToken == "tokenDev")
        #expect(dev.region == "ap-south-1")
        #expect(dev.addressingStyle == .path)
        #expect(dev.endpoint == (try S3Endpoint(url: "http://127.0.0.1:9000")))

        let cfg = try S3Configuration.resolve(profile: "cfgonly", environment: home.environment())
        #expect(cfg.credentials == S3Credentials(accessKeyId: "AKIDCFG", secretAccessKey: "secretCfg"))
        #expect(cfg.credentialSource == .configFile(path: home.path + "/.aws/config", profile: "cfgonly"))
        #expect(cfg.region == "us-west-2")
        #expect(cfg.endpoint?.description == "https://minio.example:9443/base")
    }

    @Test func fileLocationsFromEnvironment() throws {
        let home = try TemporaryHome()
        let other = try TemporaryHome(credentials: Self.credentialsFile, config: Self.configFile)
        let env = home.environment([
            "AWS_SHARED_CREDENTIALS_FILE": other.path + "/.aws/credentials", "AWS_CONFIG_FILE": other.path + "/.aws/config",
            "AWS_PROFILE": "dev",
        ])
        let config = try S3Configuration.resolve(environment: env)
        #expect(config.credentials?.accessKeyId == "AKIDDEV")
        #expect(config.region == "ap-south-1")
        // `~` in those variables means the home directory.
        let tilde = try S3ConfigurationResolver(
            environment: ["AWS_SHARED_CREDENTIALS_FILE": "~/.aws/credentials"], homeDirectory: other.path
        ).resolveCredentials()
        #expect(tilde.0?.accessKeyId == "AKIDDEFAULT")
    }

    @Test func regionAndEndpointPrecedence() throws {
        let home = try TemporaryHome(credentials: Self.credentialsFile, config: Self.configFile)
        var env = home.environment(["AWS_PROFILE": "dev", "AWS_DEFAULT_REGION": "ca-central-1"])
        #expect(try S3Configuration.resolve(environment: env).region == "ca-central-1")
        env["AWS_REGION"] = "sa-east-1"
        #expect(try S3Configuration.resolve(environment: env).region == "sa-east-1")
        #expect(try S3Configuration.resolve(region: "eu-north-1", environment: env).region == "eu-north-1")

        env["AWS_ENDPOINT_URL"] = "http://generic:1"
        #expect(try S3Configuration.resolve(environment: env).endpoint?.host == "generic")
        env["AWS_ENDPOINT_URL_S3"] = "http://s3specific:2"
        #expect(try S3Configuration.resolve(environment: env).endpoint?.host == "s3specific")
        #expect(try S3Configuration.resolve(endpointURL: "https://cli:3", environment: env).endpoint?.port == 3)
        env["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "true"
        #expect(try S3Configuration.resolve(environment: env).endpoint == nil)
        #expect(try S3Configuration.resolve(addressingStyle: .virtualHosted, environment: env).addressingStyle == .virtualHosted)
    }

    @Test func missingAndUnsupportedProfiles() throws {
        let home = try TemporaryHome(credentials: Self.credentialsFile, config: Self.configFile)
        let missing = #expect(throws: ParquetError.self) {
            try S3Configuration.resolve(profile: "nope", environment: home.environment())
        }
        #expect(missing?.message.contains("profile 'nope' not found") == true)
        let proc = #expect(throws: ParquetError.self) {
            try S3Configuration.resolve(profile: "proc", environment: home.environment())
        }
        #expect(proc?.code == .unsupported)
        #expect(proc?.message.contains("credential_process") == true)
        let half = #expect(throws: ParquetError.self) {
            try S3Configuration.resolve(profile: "half", environment: home.environment())
        }
        #expect(half?.message.contains("only one of") == true)
    }

    @Test func anonymousAndNothingFound() throws {
        let home = try TemporaryHome()
        let anonymous = try S3Configuration.resolve(anonymous: true, environment: home.environment())
        #expect(anonymous.credentials == nil)
        #expect(anonymous.credentialSource == .anonymous)
        let none = #expect(throws: ParquetError.self) {
            try S3Configuration.resolve(environment: home.environment())
        }
        #expect(none?.message.contains("--no-sign-request") == true)
    }

    @Test func secretsNeverPrinted() throws {
        let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
        let token = "FwoGZXIvYXdzEXAMPLETOKEN"
        let creds = S3Credentials(accessKeyId: "AKIAEXAMPLE", secretAccessKey: secret, sessionToken: token)
        let signer = SigV4Signer(credentials: creds, region: "us-east-1")
        let config = S3Configuration(credentials: creds)
        var dumped = ""
        dump(creds, to: &dumped)
        dump(signer, to: &dumped)
        dump(config, to: &dumped)
        let texts = [
            "\(creds)", String(reflecting: creds), "\(signer)", String(reflecting: signer), "\(config)",
            String(reflecting: config), "\([creds])", dumped,
        ]
        for text in texts {
            #expect(!text.contains(secret))
            #expect(!text.contains(token))
        }
        #expect("\(creds)".contains("AKIAEXAMPLE"))
        #expect(config.description.contains("session token: yes"))
    }

    @Test func configFileSyntax() throws {
        let text = "[default]\r\n; comment\r\nregion = us-east-2   \r\n[profile  spaced ]\r\n\tregion=eu-west-2\r\n"
        let home = try TemporaryHome(config: text)
        let config = try S3Configuration.resolve(anonymous: true, environment: home.environment())
        #expect(config.region == "us-east-2")
        let spaced = try S3Configuration.resolve(anonymous: true, environment: home.environment(["AWS_PROFILE": "spaced"]))
        #expect(spaced.region == "eu-west-2")
    }

    // MARK: Differential against botocore's resolution

    struct Scenario: Encodable {
        var env: [String: String]
        var profile: String?
    }

    struct Resolved: Decodable {
        var access_key: String?
        var secret_key: String?
        var token: String?
        var region: String?
        var endpoint: String?
        var error: String?
    }

    @Test func sameChoicesAsBotocore() async throws {
        let home = try TemporaryHome(credentials: Self.credentialsFile, config: Self.configFile)
        let env = home.environment()
        let scenarios: [Scenario] = [
            Scenario(env: env),
            Scenario(env: env.merging(["AWS_PROFILE": "dev"]) { $1 }),
            Scenario(env: env, profile: "dev"),
            Scenario(env: env, profile: "cfgonly"),
            Scenario(env: env.merging(["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "se", "AWS_SESSION_TOKEN": "te"]) { $1 }),
            Scenario(env: env.merging(["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "se", "AWS_PROFILE": "dev"]) { $1 }),
            Scenario(env: env.merging(["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "se"]) { $1 }, profile: "dev"),
            // (botocore reads AWS_DEFAULT_REGION only; AWS_REGION, which the other SDKs read first, is tested above.)
            Scenario(env: env.merging(["AWS_DEFAULT_REGION": "ca-central-1"]) { $1 }),
            Scenario(env: env.merging(["AWS_DEFAULT_REGION": "ca-central-1", "AWS_PROFILE": "dev"]) { $1 }),
            Scenario(env: env.merging(["AWS_ENDPOINT_URL": "http://generic:1234"]) { $1 }),
            Scenario(env: env.merging(["AWS_ENDPOINT_URL": "http://generic:1234", "AWS_ENDPOINT_URL_S3": "http://s3only:99"]) { $1 }),
            Scenario(env: env.merging(["AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/creds"]) { $1 }, profile: "cfgonly"),
        ]
        let output = try await Python.run(script: TestPaths.script("botocore_resolve.py"), input: JSONEncoder().encode(scenarios))
        let oracle = try JSONDecoder().decode([Resolved].self, from: output)
        try #require(oracle.count == scenarios.count)
        for (scenario, expected) in zip(scenarios, oracle) {
            #expect(expected.error == nil, "botocore failed: \(expected.error ?? "")")
            let ours = try S3Configuration.resolve(profile: scenario.profile, environment: scenario.env)
            #expect(ours.credentials?.accessKeyId == expected.access_key, "\(scenario.env) \(scenario.profile ?? "-")")
            #expect(ours.credentials?.secretAccessKey == expected.secret_key)
            #expect(ours.credentials?.sessionToken == expected.token)
            #expect(ours.region == (expected.region ?? "us-east-1"))
            if let url = expected.endpoint {
                #expect(try ours.endpoint == S3Endpoint(url: url), "\(url)")
            } else {
                #expect(ours.endpoint == nil)
            }
        }
    }
}

@Suite struct S3LocationTests {
    @Test(arguments: [
        ("s3://bucket/key.parquet", "bucket", "key.parquet", false),
        ("s3://bucket/dir/sub/", "bucket", "dir/sub/", true),
        ("s3://bucket", "bucket", "", true),
        ("s3://bucket/", "bucket", "", true),
        ("S3://my.bucket/a b/%41+x", "my.bucket", "a b/%41+x", false),
    ])
    func parses(_ text: String, _ bucket: String, _ key: String, _ isPrefix: Bool) throws {
        let location = try S3Location(parsing: text)
        #expect(location.bucket == bucket)
        #expect(location.key == key)
        #expect(location.isPrefix == isPrefix)
        #expect(S3Location.isS3URL(text))
    }

    @Test(arguments: ["s3://", "s3:///key", "http://bucket/key", "/tmp/file.parquet", "s3://bad bucket/k"])
    func rejects(_ text: String) {
        #expect(throws: ParquetError.self) { try S3Location(parsing: text) }
    }

    @Test func endpoints() throws {
        let local = try S3Endpoint(url: "http://127.0.0.1:9000/")
        #expect(local.scheme == "http" && local.host == "127.0.0.1" && local.port == 9000 && local.basePath == "")
        let v6 = try S3Endpoint(url: "https://[::1]:8443/s3")
        #expect(v6.host == "[::1]" && v6.port == 8443 && v6.basePath == "/s3")
        #expect(v6.description == "https://[::1]:8443/s3")
        #expect(try S3Endpoint(url: "https://minio.local:443").description == "https://minio.local")
        #expect(S3Endpoint.aws(region: "eu-west-1").description == "https://s3.eu-west-1.amazonaws.com")
        #expect(S3Endpoint.aws(region: "cn-north-1").host == "s3.cn-north-1.amazonaws.com.cn")
        for bad in ["ftp://x", "127.0.0.1:9000", "http://:9000", "http://h:99999", "http://u@h", "http://h?x=1"] {
            #expect(throws: ParquetError.self, "\(bad)") { try S3Endpoint(url: bad) }
        }
    }
}
