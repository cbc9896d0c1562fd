/// A value of 4 or 8 bytes that a `FixedWidthDictionary` can key by its bit pattern.
protocol DictionaryBitPattern: PlainFixedWidth {
    /// The value's bits, zero-extended (floats by bit pattern, so -0 and +0 and NaN payloads stay distinct).
    var dictionaryBits: UInt64 { get }
}

extension Int32: DictionaryBitPattern {
    @inline(__always) var dictionaryBits: UInt64 { UInt64(UInt32(bitPattern: self)) }
}

extension Int64: DictionaryBitPattern {
    @inline(__always) var dictionaryBits: UInt64 { UInt64(bitPattern: self) }
}

extension Float: DictionaryBitPattern {
    @inline(__always) var dictionaryBits: UInt64 { UInt64(bitPattern) }
}

extension Double: DictionaryBitPattern {
    @inline(__always) var dictionaryBits: UInt64 { bitPattern }
}

/// Dictionary builder for INT32, INT64, FLOAT and DOUBLE: an open-addressing hash table (linear
/// probing, load ≤ 1/2) from bit patterns to indices, plus the entries in insertion order.
struct FixedWidthDictionary<T: DictionaryBitPattern> {
    /// Distinct values in index order.
    private(set) var entries: [T] = []
    /// Bit pattern of the entry in each slot.
    private var slotKeys: [UInt64]
    /// Entry index + 1 of each slot; 0 marks an empty slot.
    private var slotIndices: [UInt32]
    /// 64 - log2(slot count): Fibonacci hashing keeps the top bits of the product.
    private var shift: UInt64

    init() {
        slotKeys = [UInt64](repeating: 0, count: 1024)
        slotIndices = [UInt32](repeating: 0, count: 1024)
        shift = 54
    }

    var count: Int { entries.count }

    /// Size of the dictionary page body (PLAIN).
    var plainSize: Int { entries.count * T.plainByteWidth }

    /// Appends the index of each value to `indices`, adding new values to the dictionary.
    mutating func encode(_ values: UnsafeBufferPointer<T>, into indices: inout [UInt32]) {
        reserve(entries.count + values.count)
        let mask = slotKeys.count - 1
        let shift = self.shift
        var added: [T] = []
        var next = UInt32(entries.count)
        indices.append(growingBy: values.count) { out in
            slotKeys.withUnsafeMutableBufferPointer { keys in
                slotIndices.withUnsafeMutableBufferPointer { slots in
                    for (i, v) in values.enumerated() {
                        let bits = v.dictionaryBits
                        // Fibonacci hashing: the product wraps by design; its top bits index the table.
                        var s = Int(truncatingIfNeeded: (bits &* 0x9E37_79B9_7F4A_7C15) >> shift)
                        while true {
                            let e = slots[s]
                            if e == 0 {
                                next += 1
                                slots[s] = next
                                keys[s] = bits
                                added.append(v)
                                out[i] = next - 1
                                break
                            }
                            if keys[s] == bits {
                                out[i] = e - 1
                                break
                            }
                            s = (s + 1) & mask
                        }
                    }
                }
            }
        }
        entries.append(contentsOf: added)
    }

    /// Grows the table so that `n` entries keep the load at most 1/2.
    private mutating func reserve(_ n: Int) {
        guard n * 2 > slotKeys.count else { return }
        var size = slotKeys.count
        while n * 2 > size { size *= 2 }
        shift = UInt64(64 - (size.trailingZeroBitCount))
        slotKeys = [UInt64](repeating: 0, count: size)
        slotIndices = [UInt32](repeating: 0, count: size)
        let mask = size - 1
        for (i, v) in entries.enumerated() {
            let bits = v.dictionaryBits
            var s = Int(truncatingIfNeeded: (bits &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while slotIndices[s] != 0 { s = (s + 1) & mask }
            slotIndices[s] = UInt32(i + 1)
            slotKeys[s] = bits
        }
    }

    /// The dictionary page body: the entries PLAIN-encoded.
    func plainEncoded() -> [UInt8] {
        var out: [UInt8] = []
        entries.withUnsafeBufferPointer { PlainEncoder.append($0, to: &out) }
        return out
    }

    /// The entries at `indices`, in that order.
    func gather(_ indices: [Int]) -> [T] {
        indices.map { entries[$0] }
    }
}
