import Foundation
import Parquet
import ParquetExport

extension ExportDestination {
    /// Exports into S3 through ``S3ExportSink``: `s3://bucket/key` writes exactly that object (its
    /// schema sidecar, if any, next to it); `s3://bucket/prefix/` writes objects under the prefix named
    /// like local exports (given or default name), where an existing key gets a numbered name
    /// (`name_1.csv`, …) unless `overwrite`.
    public static func s3(
        _ location: S3Location, client: S3Client, overwrite: Bool = false, partSize: Int = 8 << 20
    ) -> ExportDestination {
        let reserved = S3Export.KeyReservations()
        return .sink { fileName, part in
            let key: String
            if location.isPrefix {
                key = try await S3Export.availableKey(
                    location.key + fileName, client: client, bucket: location.bucket,
                    overwrite: overwrite || part == .schemaSidecar, reserved: reserved)
            } else {
                key = part == .data ? location.key : OutputNaming.sidecarName(for: location.key)
            }
            return S3ExportSink(client: client, location: S3Location(bucket: location.bucket, key: key), partSize: partSize)
        }
    }
}

extension ParquetExporter.Source {
    /// An S3 object as an export source, opened (HEAD and footer) only when its export starts.
    public static func s3(_ location: S3Location, client: S3Client) -> ParquetExporter.Source {
        .deferred(name: location.key) { try await S3ByteSource.open(location, client: client) }
    }
}

/// Listing and naming for exports from and to S3.
public enum S3Export {
    /// Every `.parquet` object (case-insensitive extension) under the location's prefix, following
    /// ListObjectsV2 continuation tokens across pages of `maxKeys`; in key order.
    public static func parquetObjects(under location: S3Location, client: S3Client, maxKeys: Int = 1000) async throws
        -> [S3ObjectSummary]
    {
        try await client.listObjects(bucket: location.bucket, prefix: location.key, maxKeys: maxKeys)
            .filter { $0.key.lowercased().hasSuffix(".parquet") && !$0.key.hasSuffix("/") }
    }

    /// The sources of `location`: every `.parquet` object under it when it is a prefix
    /// (`s3://bucket/prefix/`), else the object itself.
    public static func sources(_ location: S3Location, client: S3Client, maxKeys: Int = 1000) async throws
        -> [ParquetExporter.Source]
    {
        guard location.isPrefix else { return [.s3(location, client: client)] }
        return try await parquetObjects(under: location, client: client, maxKeys: maxKeys).map {
            .s3(S3Location(bucket: location.bucket, key: $0.key), client: client)
        }
    }

    /// Keys handed out by one destination, so concurrent exports into it never pick the same key.
    final class KeyReservations: @unchecked Sendable {
        // `keys` is only touched under `lock`, hence @unchecked Sendable.
        private let lock = NSLock()
        private var keys = Set<String>()

        /// Reserves `key`; false when it was already taken.
        func reserve(_ key: String) -> Bool { lock.withLock { keys.insert(key).inserted } }
    }

    /// `key` if no object has it (or `overwrite`), else the first free `stem_<n>.ext` (by HEAD requests),
    /// skipping keys already `reserved` by exports running into the same destination.
    static func availableKey(_ key: String, client: S3Client, bucket: String, overwrite: Bool,
                             reserved: KeyReservations) async throws -> String {
        guard !overwrite else { return key }
        let name = key.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? key
        let dir = key.dropLast(name.count)
        let ext = name.split(separator: ".", maxSplits: 1).dropFirst().first.map(String.init) ?? ""
        for number in 0 ..< 10_000 {
            let candidate = number == 0 ? key : dir + OutputNaming.numbered(name, number, fileExtension: ext)
            do {
                _ = try await client.headObject(bucket: bucket, key: candidate)
            } catch let error as ParquetError where (error.cause as? S3ServiceError)?.status == 404 {
                if reserved.reserve(candidate) { return candidate }
            }
        }
        throw ParquetError(.io, "no free name for s3://\(bucket)/\(key)")
    }
}
