/// Limits and switches for reading. The defaults are safe for untrusted files; raise a limit when a
/// legitimate file needs it.
public struct ReaderOptions: Sendable, Hashable {
    /// Verify page CRC32 checksums when the writer stored them (a mismatch is an error).
    public var verifyChecksums: Bool = true
    /// Largest uncompressed page accepted, in bytes (stops decompression bombs; the format itself caps pages at 2 GiB).
    public var maxPageSize: Int = Int(Int32.max)
    /// Largest dictionary (decoded values) accepted, in entries.
    public var maxDictionaryEntries: Int = 1 << 28
    /// Largest footer accepted, in bytes.
    public var maxFooterSize: Int = 256 << 20
    /// Deepest schema or Thrift nesting accepted.
    public var maxSchemaDepth: Int = 100
    /// Most values (level slots) one data page may declare. RLE levels and dictionary indices can expand a
    /// few bytes into this many values, so it bounds what one page can make the reader allocate.
    public var maxPageValues: Int = 1 << 27
    /// Most bytes one read may gather: the decoded values, levels and byte-array payloads of one
    /// `readBatch`, or of a whole chunk for `readAll`/`readColumn`. Run-length and dictionary encodings
    /// make the decoded size independent of the file size (a few bytes can name a 100 MB dictionary
    /// string a million times), so this is the bound that stops such amplification.
    public var maxReadBytes: Int = 4 << 30
    /// Number of column chunks decoded in parallel when reading a row group (1 = sequential).
    public var parallelism: Int = 1

    public init() {}
}
