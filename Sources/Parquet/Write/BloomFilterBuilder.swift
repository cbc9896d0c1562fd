/// Builds the Bloom filter of the column chunk being written.
///
/// With a fixed size the values go straight into the filter; otherwise their distinct hashes are
/// collected (8 bytes per distinct value, within the row group's own memory) and the filter is sized
/// from their count when the chunk ends.
struct BloomFilterBuilder {
    let options: BloomFilterOptions
    private var filter: SplitBlockBloomFilter?
    private var hashes: Set<UInt64> = []

    init(options: BloomFilterOptions) {
        self.options = options
        filter = Self.fixedFilter(options)
    }

    private static func fixedFilter(_ options: BloomFilterOptions) -> SplitBlockBloomFilter? {
        options.distinctValues.map { SplitBlockBloomFilter(distinctValues: $0, fpp: options.fpp) }
    }

    /// Adds `values[range]` (non-null values of the chunk).
    mutating func insert(_ values: ColumnValues, _ range: Range<Int>) {
        guard !range.isEmpty else { return }
        if filter != nil {
            filter!.insert(values, range: range)
        } else {
            SplitBlockBloomFilter.forEachHash(values, range) { hashes.insert($0) }
        }
    }

    /// The chunk's filter; the builder is then empty for the next chunk.
    mutating func finish() -> SplitBlockBloomFilter {
        if let f = filter {
            filter = Self.fixedFilter(options)
            return f
        }
        var f = SplitBlockBloomFilter(distinctValues: hashes.count, fpp: options.fpp)
        for h in hashes { f.insert(hash: h) }
        hashes.removeAll(keepingCapacity: true)
        return f
    }
}
