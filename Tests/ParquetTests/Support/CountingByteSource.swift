import Synchronization
@testable import Parquet

/// Wraps a byte source and counts reads and bytes (to prove that reads are selective).
final class CountingByteSource: ByteSource {
    let base: any ByteSource
    private let counters = Mutex<(reads: Int, bytes: Int, calls: Int)>((0, 0, 0))
    private let log = Mutex<[[Range<Int64>]]>([])
    var size: Int64 { base.size }

    init(_ base: any ByteSource) { self.base = base }

    var reads: Int { counters.withLock { $0.reads } }
    var bytes: Int { counters.withLock { $0.bytes } }
    /// Calls made to the source: one per `read(offset:length:)` and one per `read(ranges:)` (however
    /// many ranges it holds), as a remote source would turn each call into (coalesced) requests.
    var calls: Int { counters.withLock { $0.calls } }
    /// The ranges of every call, in order (a single read is a call of one range).
    var callRanges: [[Range<Int64>]] { log.withLock { $0 } }
    func reset() {
        counters.withLock { $0 = (0, 0, 0) }
        log.withLock { $0 = [] }
    }

    func read(offset: Int64, length: Int) async throws -> [UInt8] {
        counters.withLock { $0.reads += 1; $0.bytes += length; $0.calls += 1 }
        log.withLock { $0.append([offset ..< offset + Int64(length)]) }
        return try await base.read(offset: offset, length: length)
    }

    func read(ranges: [Range<Int64>]) async throws -> [[UInt8]] {
        counters.withLock { c in
            c.calls += 1
            c.reads += ranges.count
            c.bytes += ranges.reduce(0) { $0 + Int($1.upperBound - $1.lowerBound) }
        }
        log.withLock { $0.append(ranges) }
        return try await base.read(ranges: ranges)
    }
}
