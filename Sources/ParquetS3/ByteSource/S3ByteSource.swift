import Parquet

/// A ``Parquet/ByteSource`` over one S3 object, for the Parquet reader.
///
/// ``open(_:client:options:)`` makes one request: a suffix-range GET of the last 256 KiB, which gives
/// the object's size (from `Content-Range`) and ETag and caches the tail, so the reader's footer read
/// costs no further request when the footer fits, nor, usually, its page-index reads (writers put the
/// page indexes just before the footer). Later reads are ranged GETs with `If-Match` on the
/// first ETag (a replaced object fails clearly instead of mixing two versions); ``read(ranges:)``
/// coalesces neighbouring ranges and fetches them concurrently. ``statistics`` counts the requests.
public final class S3ByteSource: ByteSource, Sendable {
    /// Tuning of the request plan.
    public struct Options: Sendable, Hashable {
        /// Ranges at most this far apart are fetched in one request. Default 1 MiB.
        public var coalesceGap: Int64
        /// Longer spans are split into parallel requests of at most this size. Default 32 MiB.
        public var maxRequestSize: Int64
        /// Bytes fetched (and cached) from the end of the object at open. Default 256 KiB: a footer and,
        /// for files of a few hundred column chunks, their page indexes; a few milliseconds of transfer
        /// that save a round trip for every filtered or windowed read.
        public var tailSize: Int

        public init(coalesceGap: Int64 = 1 << 20, maxRequestSize: Int64 = 32 << 20, tailSize: Int = 256 << 10) {
            self.coalesceGap = max(0, coalesceGap)
            self.maxRequestSize = max(1, maxRequestSize)
            self.tailSize = max(1, tailSize)
        }
    }

    /// The object.
    public let location: S3Location
    /// The client requests go through.
    public let client: S3Client
    /// The object's size at open.
    public let size: Int64
    /// The object's ETag at open (sent as `If-Match` afterwards), if the server gave one.
    public let etag: String?
    /// The request plan settings.
    public let options: Options
    /// Requests and bytes of this source (open included).
    public let statistics: S3TransferStatistics
    /// The cached end of the object and where it starts.
    let tail: [UInt8]
    let tailOffset: Int64

    init(
        location: S3Location, client: S3Client, size: Int64, etag: String?, options: Options,
        statistics: S3TransferStatistics, tail: [UInt8], tailOffset: Int64
    ) {
        self.location = location
        self.client = client
        self.size = size
        self.etag = etag
        self.options = options
        self.statistics = statistics
        self.tail = tail
        self.tailOffset = tailOffset
    }

    /// Opens `s3://bucket/key` with one suffix-range GET (see the type's documentation).
    public static func open(_ location: S3Location, client: S3Client, options: Options = Options()) async throws
        -> S3ByteSource
    {
        guard !location.isPrefix else {
            throw ParquetError(.invalidArgument, "\(location) names a prefix, not an object")
        }
        let statistics = S3TransferStatistics()
        do {
            let first = try await client.getObject(
                bucket: location.bucket, key: location.key, range: .suffix(Int64(options.tailSize)),
                statistics: statistics)
            return S3ByteSource(
                location: location, client: client, size: first.objectSize, etag: first.etag, options: options,
                statistics: statistics, tail: first.body, tailOffset: first.range.lowerBound)
        } catch let error as ParquetError where (error.cause as? S3ServiceError)?.status == 416 {
            // No byte range exists in an empty object: confirm the size with HEAD.
            let info = try await client.headObject(bucket: location.bucket, key: location.key, statistics: statistics)
            guard info.size == 0 else {
                throw ParquetError(
                    .io, "GET \(location): the server refused the last \(options.tailSize) bytes of a \(info.size)-byte object",
                    cause: error.cause)
            }
            return S3ByteSource(
                location: location, client: client, size: 0, etag: info.etag, options: options, statistics: statistics,
                tail: [], tailOffset: 0)
        }
    }

    /// Opens `s3://bucket/key`.
    public static func open(bucket: String, key: String, client: S3Client, options: Options = Options()) async throws
        -> S3ByteSource
    {
        try await open(S3Location(bucket: bucket, key: key), client: client, options: options)
    }

    public func read(offset: Int64, length: Int) async throws -> [UInt8] {
        try checkRange(offset: offset, length: length)
        if length == 0 { return [] }
        let range = offset ..< offset + Int64(length)
        if let cached = cachedBytes(range) { return cached }
        return try await fetch(range)
    }

    public func read(ranges: [Range<Int64>]) async throws -> [[UInt8]] {
        for range in ranges {
            try checkRange(offset: range.lowerBound, length: Int(clamping: range.upperBound - range.lowerBound))
        }
        var results = [[UInt8]](repeating: [], count: ranges.count)
        var pending: [Int] = []
        for (index, range) in ranges.enumerated() where !range.isEmpty {
            if let cached = cachedBytes(range) { results[index] = cached } else { pending.append(index) }
        }
        guard !pending.isEmpty else { return results }
        let plan = RangeCoalescer.plan(
            pending.map { ranges[$0] }, maxGap: options.coalesceGap, maxSpan: options.maxRequestSize)
        let spans = try await withThrowingTaskGroup(of: (Int, [UInt8]).self) { group in
            for (index, span) in plan.enumerated() {
                group.addTask { (index, try await self.fetch(span)) }
            }
            var bodies = [[UInt8]](repeating: [], count: plan.count)
            for try await (index, body) in group { bodies[index] = body }
            return bodies
        }
        for index in pending {
            results[index] = try assemble(ranges[index], plan: plan, spans: spans)
        }
        return results
    }

    /// The bytes of `range` from the cached tail, when it lies inside it.
    func cachedBytes(_ range: Range<Int64>) -> [UInt8]? {
        guard range.lowerBound >= tailOffset, range.upperBound <= tailOffset + Int64(tail.count) else { return nil }
        return Array(tail[Int(range.lowerBound - tailOffset) ..< Int(range.upperBound - tailOffset)])
    }

    /// One ranged GET, pinned to the ETag seen at open.
    func fetch(_ range: Range<Int64>) async throws -> [UInt8] {
        let result = try await client.getObject(
            bucket: location.bucket, key: location.key, range: .bounded(range), ifMatch: etag, statistics: statistics)
        guard result.objectSize == size, result.range == range else {
            throw ParquetError(
                .io, "GET \(location): the object changed while being read (now \(result.objectSize) bytes, was \(size))",
                offset: range.lowerBound)
        }
        return result.body
    }

    /// Copies `range` out of the fetched spans (sorted, covering it by construction).
    func assemble(_ range: Range<Int64>, plan: [Range<Int64>], spans: [[UInt8]]) throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(Int(range.upperBound - range.lowerBound))
        var position = range.lowerBound
        // The last span starting at or before `position`.
        var low = 0
        var high = plan.count
        while low < high {
            let mid = (low + high) / 2
            if plan[mid].lowerBound <= position { low = mid + 1 } else { high = mid }
        }
        var index = low - 1
        while position < range.upperBound {
            guard index >= 0, index < plan.count, plan[index].contains(position) else {
                throw ParquetError(.io, "internal error: byte \(position) of \(location) was not fetched", offset: position)
            }
            let span = plan[index]
            let end = min(span.upperBound, range.upperBound)
            out.append(contentsOf: spans[index][Int(position - span.lowerBound) ..< Int(end - span.lowerBound)])
            position = end
            index += 1
        }
        return out
    }

    /// Fails with `.io` when a requested range is outside the object.
    func checkRange(offset: Int64, length: Int) throws {
        guard offset >= 0, length >= 0, offset <= size, Int64(length) <= size - offset else {
            throw ParquetError(
                .io, "read of \(length) bytes at offset \(offset) is outside \(location) (size \(size))", offset: offset)
        }
    }
}
