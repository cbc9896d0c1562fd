import ArgumentParser
import Parquet
import ParquetS3

/// Where input files come from: a local path or `s3://bucket/key`, with the S3 settings.
struct InputOptions: ParsableArguments {
    @Option(name: .customLong("endpoint-url"), help: "S3-compatible endpoint (path-style addressing).") var endpointURL: String?
    @Option(help: "AWS region.") var region: String?
    @Option(help: "Profile of ~/.aws/credentials and ~/.aws/config.") var profile: String?
    @Flag(name: .customLong("no-sign-request"), help: "Anonymous access to public buckets.") var noSignRequest = false

    /// Opens a local file or an S3 object as a byte source.
    func source(_ path: String) async throws -> any ByteSource {
        guard S3Location.isS3URL(path) else { return try FileByteSource(path: path) }
        let location = try S3Location(parsing: path)
        let config = try S3Configuration.resolve(profile: profile, region: region, endpointURL: endpointURL, anonymous: noSignRequest)
        return try await S3ByteSource.open(location, client: S3Client(configuration: config))
    }

    func open(_ path: String) async throws -> ParquetFile {
        try await ParquetFile.open(source: try await source(path))
    }
}
