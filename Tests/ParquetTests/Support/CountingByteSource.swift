import Synchronization
@testable import Parquet

/// Wraps a byte source and counts reads and bytes (to prove that reads are selective).
final class CountingByteSource: ByteSource {
    let base: any ByteSource
    private let counters = Mutex<(reads: Int, bytes: Int)>((0, 0))
    var size: Int64 { base.size }

    init(_ base: any ByteSource) { self.base = base }

    var reads: Int { counters.withLock { $0.reads } }
    var bytes: Int { counters.withLock { $0.bytes } }
    func reset() { counters.withLock { $0 = (0, 0) } }

    func read(offset: Int64, length: Int) async throws -> [UInt8] {
        counters.withLock { $0.reads += 1; $0.bytes += length }
        return try await base.read(offset: offset, length: length)
    }
}
