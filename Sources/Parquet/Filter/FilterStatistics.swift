/// Counters of a filtered scan: how much pruning saved and how many rows were tested and kept.
///
/// Bytes count column-chunk data (pages and dictionary pages) of the columns the scan needs (output
/// plus filter columns); `indexBytesRead` counts page-index and Bloom-filter bytes fetched for pruning.
/// Pages are counted where a column chunk has an OffsetIndex and the row group was not already ruled
/// out by its statistics.
public struct FilterStatistics: Sendable, Hashable, Codable {
    /// Row groups in the file.
    public var rowGroupsTotal = 0
    /// Row groups of which no data page was read: ruled out by statistics, Bloom filters or the page index.
    public var rowGroupsSkipped = 0
    /// Of `rowGroupsSkipped`, those ruled out by a Bloom filter.
    public var rowGroupsSkippedByBloomFilter = 0
    /// Data pages of the needed column chunks, where an OffsetIndex lists them.
    public var pagesTotal = 0
    /// Of `pagesTotal`, the pages not read.
    public var pagesSkipped = 0
    /// Column-chunk bytes fetched.
    public var bytesRead: Int64 = 0
    /// Column-chunk bytes of the needed columns not fetched.
    public var bytesSkipped: Int64 = 0
    /// Page-index and Bloom-filter bytes fetched.
    public var indexBytesRead: Int64 = 0
    /// Rows the predicate was evaluated on (or, without a filter, rows read).
    public var rowsScanned: Int64 = 0
    /// Rows produced.
    public var rowsMatched: Int64 = 0

    public init() {}
}

extension FilterStatistics: CustomStringConvertible {
    /// One line for `--verbose` output.
    public var description: String {
        "row groups: \(rowGroupsSkipped) of \(rowGroupsTotal) skipped (\(rowGroupsSkippedByBloomFilter) by Bloom filters); "
            + "pages: \(pagesSkipped) of \(pagesTotal) skipped; bytes: \(bytesRead) read, \(bytesSkipped) skipped, "
            + "\(indexBytesRead) of indexes; rows: \(rowsMatched) matched of \(rowsScanned) scanned"
    }
}
