import Synchronization

/// The page indexes (OffsetIndex and ColumnIndex) a `ParquetFile` has already read, so that scrolling
/// through row windows or pruning pages again does not fetch them again.
///
/// Entries are bounded by the footer: at most one of each kind per column chunk.
final class PageIndexCache: Sendable {
    struct Key: Hashable {
        var rowGroup: Int
        var column: Int
    }

    private let offsets = Mutex<[Key: OffsetIndex]>([:])
    private let columns = Mutex<[Key: ColumnIndex]>([:])

    func offsetIndex(_ key: Key) -> OffsetIndex? { offsets.withLock { $0[key] } }
    func store(_ index: OffsetIndex, for key: Key) { offsets.withLock { $0[key] = index } }

    func columnIndex(_ key: Key) -> ColumnIndex? { columns.withLock { $0[key] } }
    func store(_ index: ColumnIndex, for key: Key) { columns.withLock { $0[key] = index } }

    /// Number of cached entries of both kinds (for tests).
    var count: Int { offsets.withLock { $0.count } + columns.withLock { $0.count } }
}
