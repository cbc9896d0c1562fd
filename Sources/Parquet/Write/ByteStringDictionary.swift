#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Dictionary builder for byte strings (BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY, and INT96 by its 12 PLAIN
/// bytes): an open-addressing hash table (linear probing, load ≤ 1/2) of 64-bit hashes and indices,
/// plus the distinct values in index order.
struct ByteStringDictionary {
    /// Distinct values in index order.
    private(set) var entries = ByteArrayBuffer()
    /// Hash and entry index + 1 of each slot (index 0: empty).
    private var slots: [DictionarySlot]
    private var entryHashes: [UInt64] = []

    init() {
        slots = [DictionarySlot](repeating: DictionarySlot(), count: 1024)
    }

    var count: Int { entries.count }

    /// Total bytes of the distinct values.
    var byteCount: Int { entries.bytes.count }

    /// Appends the index of each value (`value(i)` for i in 0..<n) to `indices`, adding new values.
    mutating func encode(count n: Int, into indices: inout [UInt32], _ value: (Int) -> UnsafeRawBufferPointer) {
        reserve(entries.count + n)
        // The table is moved into a local for the loop (no copy: the property is emptied), so that the
        // entries can grow while the table is held through a pointer.
        var table = slots
        slots = []
        let mask = table.count - 1
        indices.append(growingBy: n) { out in
            table.withUnsafeMutableBufferPointer { table in
                for i in 0 ..< n {
                    let v = value(i)
                    let h = Self.hash(v)
                    var s = Int(truncatingIfNeeded: h) & mask
                    while true {
                        let slot = table[s]
                        if slot.index == 0 {
                            table[s] = DictionarySlot(bits: h, index: UInt32(entries.count + 1))
                            entryHashes.append(h)
                            out[i] = UInt32(entries.count)
                            entries.append(v)
                            break
                        }
                        if slot.bits == h && equals(Int(slot.index - 1), v) {
                            out[i] = slot.index - 1
                            break
                        }
                        s = (s + 1) & mask
                    }
                }
            }
        }
        slots = table
    }

    /// Whether entry `index` has the bytes of `v`.
    @inline(__always)
    private func equals(_ index: Int, _ v: UnsafeRawBufferPointer) -> Bool {
        let start = entries.offsets[index], end = entries.offsets[index + 1]
        guard end - start == v.count else { return false }
        if v.isEmpty { return true }
        return entries.bytes.withUnsafeBytes { b in memcmp(b.baseAddress! + start, v.baseAddress!, v.count) == 0 }
    }

    private mutating func reserve(_ n: Int) {
        guard n * 2 > slots.count else { return }
        var size = slots.count
        while n * 2 > size { size *= 2 }
        slots = [DictionarySlot](repeating: DictionarySlot(), count: size)
        let mask = size - 1
        for (i, h) in entryHashes.enumerated() {
            var s = Int(truncatingIfNeeded: h) & mask
            while slots[s].index != 0 { s = (s + 1) & mask }
            slots[s] = DictionarySlot(bits: h, index: UInt32(i + 1))
        }
    }

    /// A 64-bit hash of a byte string: 8-byte words folded with multiply-rotate, then finalized.
    /// Wrapping multiplications are intended (hash mixing).
    @inline(__always)
    static func hash(_ v: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(v.count)
        var i = 0
        let n = v.count
        while i + 8 <= n {
            let w = v.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            h = (h ^ (w &* 0xC2B2_AE3D_27D4_EB4F)).rotateLeft(31) &* 0x9E37_79B9_7F4A_7C15
            i += 8
        }
        if i < n {
            var w: UInt64 = 0
            var shift: UInt64 = 0
            while i < n {
                w |= UInt64(v[i]) << shift
                shift += 8
                i += 1
            }
            h = (h ^ (w &* 0xC2B2_AE3D_27D4_EB4F)).rotateLeft(31) &* 0x9E37_79B9_7F4A_7C15
        }
        h ^= h >> 29
        h = h &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 32
        return h
    }
}

extension UInt64 {
    @inline(__always) func rotateLeft(_ n: UInt64) -> UInt64 { (self << n) | (self >> (64 - n)) }
}
