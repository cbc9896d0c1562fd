#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A split-block Bloom filter as Parquet stores them (apache/parquet-format BloomFilter.md).
///
/// The bitset is a sequence of 256-bit blocks, each eight 32-bit words. A value's 64-bit xxHash picks
/// a block from its upper 32 bits (`(upper * blockCount) >> 32`) and sets one bit in each word of that
/// block from its lower 32 bits multiplied by eight salt constants. `mightContain` answers false only
/// for values that were never inserted; true may be a false positive.
public struct SplitBlockBloomFilter: Sendable, Hashable {
    /// The bitset as 32-bit words (block `i` is `words[8 * i ..< 8 * i + 8]`), in host order.
    public var words: [UInt32] { storage }
    @usableFromInline var storage: [UInt32]

    /// Smallest bitset: one block.
    public static let minimumBytes = 32
    /// Largest bitset written or read (as parquet-mr and arrow-rs bound it).
    public static let maximumBytes = 128 << 20
    /// False-positive probability used when the caller gives none (arrow-rs's default).
    public static let defaultFalsePositiveProbability = 0.05

    /// The eight odd salt constants of the specification, one per word of a block.
    @usableFromInline static let salt: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (
        0x47B6_137B, 0x4497_4D91, 0x8824_AD5B, 0xA2B7_289D, 0x7054_95C7, 0x2DF1_424B, 0x9EFC_4947, 0x5C6B_FB31)

    /// An empty filter of `numBytes` bytes, rounded up to a power of two and clamped to
    /// `minimumBytes ... maximumBytes`.
    public init(numBytes: Int) {
        let bytes = Self.roundedSize(numBytes)
        storage = Array(repeating: 0, count: bytes / 4)
    }

    /// An empty filter sized for `distinctValues` values at false-positive probability `fpp`
    /// (see `optimalNumBytes(distinctValues:fpp:)`).
    public init(distinctValues: Int, fpp: Double = SplitBlockBloomFilter.defaultFalsePositiveProbability) {
        self.init(numBytes: Self.optimalNumBytes(distinctValues: distinctValues, fpp: fpp))
    }

    /// A filter over an existing bitset (its bytes as stored in a file). Throws `corrupt` when the
    /// size is not a positive multiple of 32 bytes or exceeds `maximumBytes`.
    public init(bitset: UnsafeRawBufferPointer) throws {
        let n = bitset.count
        guard n >= Self.minimumBytes, n <= Self.maximumBytes, n % 32 == 0 else {
            throw ParquetError(.corrupt, "a bloom filter bitset of \(n) bytes is not a multiple of 32 bytes between \(Self.minimumBytes) and \(Self.maximumBytes)")
        }
        storage = Array(unsafeUninitializedCapacity: n / 4) { out, initialized in
            // n is a multiple of 4, so every load is inside `bitset`.
            for i in 0 ..< n / 4 {
                out[i] = UInt32(littleEndian: bitset.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self))
            }
            initialized = n / 4
        }
    }

    /// Convenience over `init(bitset: UnsafeRawBufferPointer)`.
    public init(bitset: [UInt8]) throws {
        self = try bitset.withUnsafeBytes { try SplitBlockBloomFilter(bitset: $0) }
    }

    /// Size of the bitset in bytes.
    public var numBytes: Int { storage.count * 4 }

    /// Number of 256-bit blocks.
    public var blockCount: Int { storage.count / 8 }

    /// The bitset bytes as stored in a file (words little-endian).
    public var bitset: [UInt8] {
        Array(unsafeUninitializedCapacity: numBytes) { out, initialized in
            let raw = UnsafeMutableRawBufferPointer(out)
            for (i, w) in storage.enumerated() { raw.storeBytes(of: w.littleEndian, toByteOffset: i * 4, as: UInt32.self) }
            initialized = numBytes
        }
    }

    /// The header that precedes the bitset in a file (BLOCK, XXHASH, UNCOMPRESSED).
    public var header: BloomFilterHeader { BloomFilterHeader(numBytes: Int32(numBytes)) }

    /// Header and bitset as written into a file.
    public var serialized: [UInt8] { header.thriftBytes() + bitset }

    // MARK: sizing

    /// Bits needed for `distinctValues` values at false-positive probability `fpp`, by the formula of
    /// the specification for eight bits set per value: `m = -8 n / ln(1 - fpp^(1/8))`.
    public static func optimalNumBits(distinctValues: Int, fpp: Double) -> Double {
        let p = fpp.isNaN ? defaultFalsePositiveProbability : min(max(fpp, 1e-12), 0.999_999)
        return -8.0 * Double(max(distinctValues, 0)) / log(1.0 - pow(p, 1.0 / 8.0))
    }

    /// Bytes of a filter for `distinctValues` values at `fpp`: `optimalNumBits / 8` rounded up to a
    /// power of two, within `minimumBytes ... maximumBytes`.
    public static func optimalNumBytes(distinctValues: Int, fpp: Double) -> Int {
        let bytes = optimalNumBits(distinctValues: distinctValues, fpp: fpp) / 8
        return roundedSize(bytes >= Double(maximumBytes) ? maximumBytes : Int(bytes.rounded(.up)))
    }

    /// `bytes` rounded up to a power of two, clamped to `minimumBytes ... maximumBytes`.
    static func roundedSize(_ bytes: Int) -> Int {
        if bytes <= minimumBytes { return minimumBytes }
        if bytes >= maximumBytes { return maximumBytes }
        return 1 << (Int.bitWidth - (bytes - 1).leadingZeroBitCount)
    }

    // MARK: insert and probe

    /// Index of the first word of the block `hash` selects: `((hash >> 32) * blockCount) >> 32`.
    @inlinable @inline(__always)
    func blockStart(_ hash: UInt64) -> Int {
        // (hash >> 32) < 2^32 and blockCount <= 2^22, so the product fits in 64 bits.
        Int(truncatingIfNeeded: ((hash >> 32) &* UInt64(storage.count >> 3)) >> 32) &<< 3
    }

    /// The bit of word `i` of a block that `key` (the lower 32 bits of the hash) sets.
    @inlinable @inline(__always)
    static func mask(_ key: UInt32, _ i: Int) -> UInt32 {
        let s: UInt32
        switch i {
        case 0: s = salt.0
        case 1: s = salt.1
        case 2: s = salt.2
        case 3: s = salt.3
        case 4: s = salt.4
        case 5: s = salt.5
        case 6: s = salt.6
        default: s = salt.7
        }
        // Multiplication modulo 2^32 is the specified mixing step; the top 5 bits select the bit.
        return 1 &<< ((key &* s) &>> 27)
    }

    /// Adds a value by its xxHash64 (see the `hash(…)` functions).
    @inlinable
    public mutating func insert(hash: UInt64) {
        let start = blockStart(hash)
        let key = UInt32(truncatingIfNeeded: hash)
        storage.withUnsafeMutableBufferPointer { w in
            // start + 7 < words.count: start is a block index below blockCount times 8.
            for i in 0 ..< 8 { w[start &+ i] |= Self.mask(key, i) }
        }
    }

    /// Whether a value with this xxHash64 may have been inserted (false: certainly not).
    @inlinable
    public func mightContain(hash: UInt64) -> Bool {
        let start = blockStart(hash)
        let key = UInt32(truncatingIfNeeded: hash)
        return storage.withUnsafeBufferPointer { w in
            for i in 0 ..< 8 where w[start &+ i] & Self.mask(key, i) == 0 { return false }
            return true
        }
    }

    /// Adds every value of `values` (the non-null values of a column batch).
    public mutating func insert(_ values: ColumnValues, range: Range<Int>? = nil) {
        let r = range ?? 0 ..< values.count
        switch values {
        case .boolean(let a): for i in r { insert(hash: Self.hash(boolean: a[i])) }
        case .int32(let a): for i in r { insert(hash: Self.hash(int32: a[i])) }
        case .int64(let a): for i in r { insert(hash: Self.hash(int64: a[i])) }
        case .int96(let a): for i in r { insert(hash: Self.hash(int96: a[i])) }
        case .float(let a): for i in r { insert(hash: Self.hash(float: a[i])) }
        case .double(let a): for i in r { insert(hash: Self.hash(double: a[i])) }
        case .byteArray(let a):
            a.bytes.withUnsafeBytes { raw in
                a.offsets.withUnsafeBufferPointer { offsets in
                    // Offsets are non-decreasing and end inside `bytes` (a ByteArrayBuffer invariant).
                    for i in r {
                        insert(hash: XXHash64.hash(UnsafeRawBufferPointer(rebasing: raw[offsets[i] ..< offsets[i + 1]])))
                    }
                }
            }
        case .fixedLenByteArray(let a):
            let w = a.width
            a.bytes.withUnsafeBytes { raw in
                for i in r { insert(hash: XXHash64.hash(UnsafeRawBufferPointer(rebasing: raw[i * w ..< (i + 1) * w]))) }
            }
        }
    }
}
