import Parquet

/// Streams bytes into a new S3 object: a single PUT for small outputs, a multipart upload (parts
/// uploaded concurrently while writing continues) for large ones. On any failure, and on ``abort()``,
/// the multipart upload is aborted so nothing partial stays behind; the object appears only when
/// ``finish()`` succeeds.
///
/// Write sequentially (one `write` at a time), then call ``finish()`` or ``abort()``.
public actor S3ObjectWriter {
    /// Where the object goes.
    public nonisolated let location: S3Location
    /// Bytes per part (at least 5 MiB, the S3 minimum for all parts but the last).
    public nonisolated let partSize: Int
    private let client: S3Client
    private let contentType: String?
    private let maxConcurrentParts: Int
    private var buffer: [UInt8] = []
    private var uploadId: String?
    private var nextPartNumber = 1
    private var inFlight: [Task<S3CompletedPart, any Error>] = []
    private var completed: [S3CompletedPart] = []
    private var closed = false
    /// Bytes accepted by ``write(_:)`` so far.
    public private(set) var bytesWritten: Int64 = 0

    /// The S3 minimum part size, 5 MiB.
    public static let minimumPartSize = 5 << 20

    public init(
        client: S3Client, location: S3Location, partSize: Int = 8 << 20, maxConcurrentParts: Int = 4,
        contentType: String? = nil
    ) {
        self.client = client
        self.location = location
        self.partSize = max(partSize, Self.minimumPartSize)
        self.maxConcurrentParts = max(1, maxConcurrentParts)
        self.contentType = contentType
    }

    /// Appends bytes; full parts are uploaded in the background (at most `maxConcurrentParts` at once).
    public func write(_ bytes: [UInt8]) async throws {
        try checkOpen()
        buffer.append(contentsOf: bytes)
        bytesWritten += Int64(bytes.count)
        while buffer.count >= partSize {
            let part = Array(buffer[..<partSize])
            buffer.removeFirst(partSize)
            try await startPart(part)
        }
    }

    /// Uploads what is left and completes the object; returns its ETag.
    @discardableResult
    public func finish() async throws -> String? {
        try checkOpen()
        closed = true
        do {
            guard let uploadId else {
                return try await client.putObject(
                    bucket: location.bucket, key: location.key, body: buffer, contentType: contentType)
            }
            if !buffer.isEmpty {
                let last = buffer
                buffer = []
                try await startPart(last, reopen: true)
            }
            for task in inFlight { completed.append(try await task.value) }
            inFlight = []
            return try await client.completeMultipartUpload(
                bucket: location.bucket, key: location.key, uploadId: uploadId, parts: completed)
        } catch {
            await abortUpload()
            throw error
        }
    }

    /// Abandons the object: stops part uploads and aborts the multipart upload.
    public func abort() async {
        closed = true
        buffer = []
        await abortUpload()
    }

    private func checkOpen() throws {
        guard !closed else {
            throw ParquetError(.invalidArgument, "the S3 writer for \(location) is already finished or aborted")
        }
    }

    private func startPart(_ body: [UInt8], reopen: Bool = false) async throws {
        do {
            guard nextPartNumber <= 10000 else {
                throw ParquetError(
                    .limitExceeded, "\(location): more than 10000 parts of \(partSize) bytes; use a larger part size")
            }
            let id: String
            if let uploadId {
                id = uploadId
            } else {
                id = try await client.createMultipartUpload(
                    bucket: location.bucket, key: location.key, contentType: contentType)
                uploadId = id
            }
            let number = nextPartNumber
            nextPartNumber += 1
            let client = self.client
            let location = self.location
            inFlight.append(Task {
                try await client.uploadPart(
                    bucket: location.bucket, key: location.key, uploadId: id, partNumber: number, body: body)
            })
            while inFlight.count >= maxConcurrentParts {
                completed.append(try await inFlight.removeFirst().value)
            }
        } catch {
            if !reopen {
                closed = true
                await abortUpload()
            }
            throw error
        }
    }

    private func abortUpload() async {
        for task in inFlight { task.cancel() }
        for task in inFlight { _ = try? await task.value }
        inFlight = []
        if let uploadId {
            self.uploadId = nil
            // In a task of its own: a cancelled caller (the usual reason to abort) must not cancel the
            // clean-up request too, or the unfinished upload would stay.
            let client = self.client
            let location = self.location
            await Task.detached {
                try? await client.abortMultipartUpload(bucket: location.bucket, key: location.key, uploadId: uploadId)
            }.value
        }
    }
}
