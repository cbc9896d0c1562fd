extension BloomFilterHeader {
    /// `BloomFilterAlgorithm.BLOCK` (split-block), the only algorithm the format defines.
    public static let block: Int16 = 1
    /// `BloomFilterHash.XXHASH` (xxHash64, seed 0), the only hash the format defines.
    public static let xxHash: Int16 = 1
    /// `BloomFilterCompression.UNCOMPRESSED`, the only compression the format defines.
    public static let uncompressed: Int16 = 1
}
