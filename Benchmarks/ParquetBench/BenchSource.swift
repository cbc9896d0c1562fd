import Parquet
import ParquetExport
import ParquetS3

/// Where a workload's input comes from: a local path, or `s3://bucket/key` resolved the way the
/// `parquet` CLI does (credentials and `AWS_ENDPOINT_URL_S3` / `AWS_ENDPOINT_URL` from the environment,
/// or `--endpoint-url`; path-style addressing at an endpoint override).
struct BenchSource: Sendable {
    let path: String
    let endpointURL: String?

    var isS3: Bool { S3Location.isS3URL(path) }

    /// A fresh byte source (an S3 source does its first suffix-range GET here).
    func byteSource() async throws -> any ByteSource {
        guard isS3 else { return try FileByteSource(path: path) }
        let config = try S3Configuration.resolve(profile: nil, region: nil, endpointURL: endpointURL, anonymous: false)
        return try await S3ByteSource.open(try S3Location(parsing: path), client: S3Client(configuration: config))
    }

    /// Opens the file (footer and schema) from a fresh byte source.
    func open(options: ReaderOptions) async throws -> ParquetFile {
        try await ParquetFile.open(source: try await byteSource(), options: options)
    }

    /// The exporter's source for this input.
    func exportSource() async throws -> ParquetExporter.Source {
        isS3 ? .byteSource(try await byteSource(), name: path) : .file(path)
    }
}
