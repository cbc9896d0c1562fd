import Foundation
import Parquet
import Synchronization

/// Forwards reads to another byte source (single and multi-range reads alike, so an S3 source keeps
/// coalescing and fetching concurrently) and counts the bytes requested.
final class CountingByteSource: ByteSource {
    let base: any ByteSource
    private let counter = Mutex<Int64>(0)
    var size: Int64 { base.size }

    init(_ base: any ByteSource) { self.base = base }

    /// Bytes requested so far.
    var bytesRead: Int64 { counter.withLock { $0 } }

    func read(offset: Int64, length: Int) async throws -> [UInt8] {
        counter.withLock { $0 += Int64(length) }
        return try await base.read(offset: offset, length: length)
    }

    func read(ranges: [Range<Int64>]) async throws -> [[UInt8]] {
        counter.withLock { $0 += ranges.reduce(0) { $0 + $1.upperBound - $1.lowerBound } }
        return try await base.read(ranges: ranges)
    }
}

/// Size of a written file in bytes.
func fileSize(_ path: String) throws -> Int64 {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return (attributes[.size] as? NSNumber)?.int64Value ?? 0
}
