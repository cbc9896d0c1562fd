/// xxHash64 (XXH64), the hash the Parquet bloom filter specification prescribes (BloomFilter.md,
/// "Technical Approach": xxHash with seed 0, 64-bit output).
///
/// All arithmetic is modulo 2^64 by definition of the algorithm, so the wrapping operators (`&+`, `&*`,
/// `&-`) are the intended semantics throughout this file, not an overflow shortcut.
public enum XXHash64 {
    @usableFromInline static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    @usableFromInline static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    @usableFromInline static let prime3: UInt64 = 0x1656_67B1_9E37_79F9
    @usableFromInline static let prime4: UInt64 = 0x85EB_CA77_C2B2_AE63
    @usableFromInline static let prime5: UInt64 = 0x27D4_EB2F_1656_67C5

    @inlinable @inline(__always)
    static func rotateLeft(_ x: UInt64, _ r: UInt64) -> UInt64 { (x &<< r) | (x &>> (64 &- r)) }

    /// One accumulator round: `acc += input * P2; acc = rotl(acc, 31) * P1`.
    @inlinable @inline(__always)
    static func round(_ acc: UInt64, _ input: UInt64) -> UInt64 {
        rotateLeft(acc &+ input &* prime2, 31) &* prime1
    }

    @inlinable @inline(__always)
    static func mergeRound(_ acc: UInt64, _ value: UInt64) -> UInt64 {
        (acc ^ round(0, value)) &* prime1 &+ prime4
    }

    /// The final mix ("avalanche") of a 64-bit state.
    @inlinable @inline(__always)
    static func avalanche(_ h0: UInt64) -> UInt64 {
        var h = h0
        h ^= h &>> 33
        h = h &* prime2
        h ^= h &>> 29
        h = h &* prime3
        h ^= h &>> 32
        return h
    }

    /// The hash of `bytes` with `seed` (Parquet uses seed 0).
    @inlinable
    public static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        let count = bytes.count
        var offset = 0
        var h: UInt64
        if count >= 32 {
            var v1 = seed &+ prime1 &+ prime2
            var v2 = seed &+ prime2
            var v3 = seed
            var v4 = seed &- prime1
            // Every load below stays inside `bytes`: a stripe is read only while 32 bytes remain.
            while count - offset >= 32 {
                v1 = round(v1, UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
                v2 = round(v2, UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)))
                v3 = round(v3, UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self)))
                v4 = round(v4, UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self)))
                offset += 32
            }
            h = rotateLeft(v1, 1) &+ rotateLeft(v2, 7) &+ rotateLeft(v3, 12) &+ rotateLeft(v4, 18)
            h = mergeRound(h, v1)
            h = mergeRound(h, v2)
            h = mergeRound(h, v3)
            h = mergeRound(h, v4)
        } else {
            h = seed &+ prime5
        }
        h = h &+ UInt64(truncatingIfNeeded: count)
        while count - offset >= 8 {
            let k = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            h ^= round(0, k)
            h = rotateLeft(h, 27) &* prime1 &+ prime4
            offset += 8
        }
        if count - offset >= 4 {
            let k = UInt64(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
            h ^= k &* prime1
            h = rotateLeft(h, 23) &* prime2 &+ prime3
            offset += 4
        }
        while offset < count {
            h ^= UInt64(bytes.load(fromByteOffset: offset, as: UInt8.self)) &* prime5
            h = rotateLeft(h, 11) &* prime1
            offset += 1
        }
        return avalanche(h)
    }

    /// The hash (seed 0) of a 4-byte little-endian word: the general algorithm unrolled for
    /// `count == 4` (used for INT32 and FLOAT values).
    @inlinable
    public static func hash(word32 value: UInt32) -> UInt64 {
        var h = prime5 &+ 4
        h ^= UInt64(value) &* prime1
        h = rotateLeft(h, 23) &* prime2 &+ prime3
        return avalanche(h)
    }

    /// The hash (seed 0) of an 8-byte little-endian word: the general algorithm unrolled for
    /// `count == 8` (used for INT64 and DOUBLE values).
    @inlinable
    public static func hash(word64 value: UInt64) -> UInt64 {
        var h = prime5 &+ 8
        h ^= round(0, value)
        h = rotateLeft(h, 27) &* prime1 &+ prime4
        return avalanche(h)
    }

    /// The hash (seed 0) of a byte collection (convenience; hot code passes an `UnsafeRawBufferPointer`).
    @inlinable
    public static func hash(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { hash($0) }
    }
}
