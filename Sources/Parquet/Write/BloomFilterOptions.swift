/// Whether and how a column's chunks get a split-block Bloom filter.
///
/// With `distinctValues` nil (the default) each chunk's filter is sized for the number of distinct
/// values the chunk actually holds (counted while writing), like arrow-rs sizes from the dictionary;
/// with a number, every chunk's filter has the size that number and `fpp` give.
public struct BloomFilterOptions: Sendable, Hashable {
    /// Write filters (false turns off a writer-wide setting for one column).
    public var enabled: Bool
    /// Expected distinct values per column chunk (nil: counted per chunk).
    public var distinctValues: Int?
    /// Target false-positive probability, in (0, 1).
    public var fpp: Double

    public init(enabled: Bool = true, distinctValues: Int? = nil,
                fpp: Double = SplitBlockBloomFilter.defaultFalsePositiveProbability) {
        self.enabled = enabled
        self.distinctValues = distinctValues
        self.fpp = fpp
    }

    /// Throws `invalidArgument` for a probability outside (0, 1) or a non-positive distinct count.
    func validate(columnPath: String) throws {
        guard fpp > 0, fpp < 1 else {
            throw ParquetError(.invalidArgument, "bloom filter false-positive probability \(fpp) is not in (0, 1)", columnPath: columnPath)
        }
        if let n = distinctValues, n < 1 {
            throw ParquetError(.invalidArgument, "bloom filter distinct value count \(n) must be positive", columnPath: columnPath)
        }
    }
}

/// Where a `ParquetWriter` puts the Bloom filters (as arrow-rs's `BloomFilterPosition`).
public enum BloomFilterPosition: Sendable, Hashable {
    /// Right after each row group's column chunks: only one row group's filters are held in memory.
    case afterRowGroup
    /// After the last row group, before the page index (as parquet-mr): filters of all row groups are
    /// kept until `close()`, readers find them together.
    case end
}
