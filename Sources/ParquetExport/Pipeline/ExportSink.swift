/// Where the bytes of one export go: a local file (through a temporary file), standard output, or
/// any other store (S3 implements it in `ParquetS3`).
///
/// The export calls ``write(_:)`` synchronously, one call at a time but possibly from a format
/// writer's worker thread, ``flush()`` at each row-group boundary, then ``commit()`` once; on any
/// error or cancellation it calls ``discard()`` instead, which must leave nothing behind.
public protocol ExportSink: AnyObject, Sendable {
    /// Appends bytes. Keep it cheap: slow work (network) belongs in ``flush()``.
    func write(_ bytes: UnsafeRawBufferPointer) throws
    /// Called between row groups: moves buffered bytes on (e.g. uploads finished parts).
    func flush() async throws
    /// Makes the output visible at its final place.
    func commit() async throws -> ExportSinkCommit
    /// Removes everything written so far; a no-op after a successful commit. Idempotent.
    func discard() async
}

/// Where a committed export ended up.
public struct ExportSinkCommit: Sendable, Hashable {
    /// The final location: a file path, `-` for standard output, or a URL such as `s3://bucket/key`.
    public var location: String
    /// Bytes written.
    public var size: Int64

    public init(location: String, size: Int64) {
        self.location = location
        self.size = size
    }
}
