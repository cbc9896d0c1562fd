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

/// One slot of a dictionary hash table: the key's bits and its entry index + 1 (0: empty). Key and
/// index share a cache line, so a probe touches one line.
struct DictionarySlot {
    var bits: UInt64 = 0
    var index: UInt32 = 0
}

/// Dictionary builder for INT32, INT64, FLOAT and DOUBLE: an open-addressing hash table (linear
/// probing, load ≤ 1/2) from bit patterns to indices, plus the entries in insertion order.
struct FixedWidthDictionary<T: DictionaryBitPattern> {
    /// Distinct values in index order.
    private(set) var entries: [T] = []
    private var slots: [DictionarySlot]
    /// 64 - log2(slot count): Fibonacci hashing keeps the top bits of the product.
    private var shift: UInt64

    init() {
        slots = [DictionarySlot](repeating: DictionarySlot(), count: 1024)
        shift = 54
    }

    var count: Int { entries.count }

    /// Size of the dictionary page body (PLAIN).
    var plainSize: Int { entries.count * T.plainByteWidth }

    /// Slot of `bits` in a table of 2^(64 - shift) slots. The multiplication wraps by design.
    @inline(__always)
    private static func home(_ bits: UInt64, _ shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (bits &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// Appends the index of each value to `indices`, adding new values to the dictionary.
    mutating func encode(_ values: UnsafeBufferPointer<T>, into indices: inout [UInt32]) {
        reserve(entries.count + values.count)
        // The table is moved into a local for the loop (no copy: the property is emptied), so that
        // `entries` can be appended to while the table is held through a pointer.
        var table = slots
        slots = []
        let mask = table.count - 1
        let shift = self.shift
        var next = UInt32(entries.count)
        indices.append(growingBy: values.count) { out in
            table.withUnsafeMutableBufferPointer { table in
                for i in 0 ..< values.count {
                    let v = values[i]
                    let bits = v.dictionaryBits
                    var s = Self.home(bits, shift)
                    while true {
                        let slot = table[s]
                        if slot.index == 0 {
                            next += 1
                            table[s] = DictionarySlot(bits: bits, index: next)
                            entries.append(v)
                            out[i] = next - 1
                            break
                        }
                        if slot.bits == bits {
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

    /// Grows the table so that `n` entries keep the load at most 1/2.
    private mutating func reserve(_ n: Int) {
        guard n * 2 > slots.count else { return }
        var size = slots.count
        while n * 2 > size { size *= 2 }
        shift = UInt64(64 - size.trailingZeroBitCount)
        slots = [DictionarySlot](repeating: DictionarySlot(), count: size)
        let mask = size - 1
        for (i, v) in entries.enumerated() {
            let bits = v.dictionaryBits
            var s = Self.home(bits, shift)
            while slots[s].index != 0 { s = (s + 1) & mask }
            slots[s] = DictionarySlot(bits: bits, index: UInt32(i + 1))
        }
    }

    /// The dictionary page body: the entries PLAIN-encoded.
    func plainEncoded() -> [UInt8] {
        var out: [UInt8] = []
        entries.withUnsafeBufferPointer { PlainEncoder.append($0, to: &out) }
        return out
    }
}
