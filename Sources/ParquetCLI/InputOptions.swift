import ArgumentParser
import Parquet
import ParquetExport
import ParquetS3

/// Where input files come from: a local path or `s3://bucket/key`, with the S3 settings.
struct InputOptions: ParsableArguments {
    @Option(name: .customLong("endpoint-url"), help: "S3-compatible endpoint (path-style addressing).") var endpointURL: String?
    @Option(help: "AWS region.") var region: String?
    @Option(help: "Profile of ~/.aws/credentials and ~/.aws/config.") var profile: String?
    @Flag(name: .customLong("no-sign-request"), help: "Anonymous access to public buckets.") var noSignRequest = false

    /// A client configured by these options (share it between the objects of one command).
    func client() throws -> S3Client {
        S3Client(configuration: try S3Configuration.resolve(
            profile: profile, region: region, endpointURL: endpointURL, anonymous: noSignRequest))
    }

    /// Opens a local file or an S3 object as a byte source.
    func source(_ path: String) async throws -> any ByteSource {
        guard S3Location.isS3URL(path) else { return try FileByteSource(path: path) }
        return try await S3ByteSource.open(try S3Location(parsing: path), client: try client())
    }

    func open(_ path: String) async throws -> ParquetFile {
        try await ParquetFile.open(source: try await source(path))
    }

    /// Export sources for the command-line inputs: local files, S3 objects, and every `.parquet`
    /// object under an `s3://bucket/prefix/` (listed, all pages). `client` is made on first need.
    func exportSources(_ inputs: [String], client: () throws -> S3Client) async throws -> [ParquetExporter.Source] {
        var sources: [ParquetExporter.Source] = []
        for input in inputs {
            guard S3Location.isS3URL(input) else {
                sources.append(.file(input))
                continue
            }
            let location = try S3Location(parsing: input)
            let found = try await S3Export.sources(location, client: try client())
            if found.isEmpty { throw ParquetError(.invalidArgument, "no .parquet objects under \(input)") }
            sources += found
        }
        return sources
    }
}
