import Foundation
import Parquet

/// An export into a local file: written to `.<name>.partial-XXXXXX` in the target directory and moved
/// into place by ``commit()`` (replacing an existing file, or under the next free numbered name).
/// Thread-safe: writes may come from a format writer's worker thread.
public final class LocalFileSink: ExportSink, @unchecked Sendable {
    // `file` is only touched under `lock`, hence @unchecked Sendable.
    private let lock = NSLock()
    private let file: AtomicOutputFile
    private let replacing: Bool
    private let fileExtension: String

    /// Creates the temporary file for `path`.
    /// - Parameters:
    ///   - replacing: replace an existing file at `path`; else a numbered name is chosen at commit.
    ///   - fileExtension: the extension the number goes before (`csv.gz`…).
    public init(path: String, replacing: Bool, fileExtension: String) throws {
        try OutputNaming.checkNotLink(path)
        file = try AtomicOutputFile(path: path)
        self.replacing = replacing
        self.fileExtension = fileExtension
    }

    /// Test hook: writes past this many bytes fail with ENOSPC, as on a full disk.
    convenience init(path: String, replacing: Bool, fileExtension: String, failingAfterBytes: Int64) throws {
        try self.init(path: path, replacing: replacing, fileExtension: fileExtension)
        file.failWritesAfterBytes = failingAfterBytes
    }

    /// The temporary file written until commit.
    public var temporaryPath: String { file.temporaryPath }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        lock.lock()
        defer { lock.unlock() }
        try file.write(bytes)
    }

    public func flush() async throws {}

    public func commit() async throws -> ExportSinkCommit {
        try lock.withLock {
            try file.commit(replacing: replacing, fileExtension: fileExtension)
            return ExportSinkCommit(location: file.finalPath, size: file.bytesWritten)
        }
    }

    public func discard() async {
        lock.withLock { file.discard() }
    }
}

/// An export streamed to standard output (or any open descriptor): nothing to commit or discard.
public final class StandardOutputSink: ExportSink, @unchecked Sendable {
    // `written` is only touched under `lock`, hence @unchecked Sendable.
    private let lock = NSLock()
    private let output: FileDescriptorOutput
    private var written: Int64 = 0

    /// Writes to `fileDescriptor` (default 1, standard output), which stays open.
    public init(fileDescriptor: Int32 = 1) {
        output = FileDescriptorOutput(fileDescriptor)
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        lock.lock()
        defer { lock.unlock() }
        do {
            try output.write(bytes)
        } catch {
            throw ParquetError(.io, "writing to standard output failed: \(error.message)")
        }
        written += Int64(bytes.count)
    }

    public func flush() async throws {}

    public func commit() async throws -> ExportSinkCommit {
        ExportSinkCommit(location: "-", size: lock.withLock { written })
    }

    public func discard() async {}
}
