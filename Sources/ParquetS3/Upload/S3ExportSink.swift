import Foundation
import Parquet
import ParquetExport

/// An export's output written to an S3 object through ``S3ObjectWriter``: bytes are buffered while a
/// row group is rendered and handed to the writer at each row-group boundary (``flush()``), which
/// uploads full parts concurrently (multipart for outputs past one part, one PUT otherwise). The
/// object appears only on ``commit()``; ``discard()`` aborts the multipart upload, so nothing
/// partial stays.
///
/// Memory: the output of one row group plus the writer's parts in flight.
public final class S3ExportSink: ExportSink, @unchecked Sendable {
    // `pending` and `state` are only touched under `lock`, hence @unchecked Sendable.
    private let lock = NSLock()
    private var pending: [UInt8] = []
    private var state = State.open
    /// The writer uploading the object.
    public let writer: S3ObjectWriter

    private enum State { case open, committed, discarded }

    /// A sink for `location` (an object key). `contentType` defaults to one derived from the key's
    /// extension (``contentType(forKey:)``).
    public init(client: S3Client, location: S3Location, partSize: Int = 8 << 20, maxConcurrentParts: Int = 4,
                contentType: String? = nil) {
        writer = S3ObjectWriter(client: client, location: location, partSize: partSize, maxConcurrentParts: maxConcurrentParts,
                                contentType: contentType ?? Self.contentType(forKey: location.key))
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        lock.lock()
        defer { lock.unlock() }
        guard state == .open else { throw ParquetError(.io, "the S3 output \(writer.location) is closed") }
        pending.append(contentsOf: bytes)
    }

    public func flush() async throws {
        let chunk: [UInt8] = lock.withLock {
            let taken = pending
            pending = []
            return taken
        }
        if !chunk.isEmpty { try await writer.write(chunk) }
    }

    public func commit() async throws -> ExportSinkCommit {
        try await flush()
        try await writer.finish()
        lock.withLock { state = .committed }
        return ExportSinkCommit(location: writer.location.description, size: await writer.bytesWritten)
    }

    public func discard() async {
        let open: Bool = lock.withLock {
            defer { if state == .open { state = .discarded } }
            pending = []
            return state == .open
        }
        if open { await writer.abort() }
    }

    /// The MIME type of an export by its key's extension (`csv`, `json`, `ndjson`, `xlsx`, `parquet`,
    /// `gz`, `zst`); nil when unknown.
    public static func contentType(forKey key: String) -> String? {
        let lower = key.lowercased()
        let types: [(String, String)] = [
            (".gz", "application/gzip"), (".zst", "application/zstd"), (".csv", "text/csv"),
            (".ndjson", "application/x-ndjson"), (".json", "application/json"),
            (".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            (".parquet", "application/vnd.apache.parquet"),
        ]
        return types.first { lower.hasSuffix($0.0) }?.1
    }
}
