/// Minimum and maximum of a run of values under a column's order, as PLAIN-encoded bytes, plus the
/// number of NaNs (which take no part in min/max).
struct ValueBounds: Sendable, Equatable {
    var min: [UInt8]
    var max: [UInt8]

    /// Bounds of `values` under `order`; nil when there is no non-NaN value or the order is undefined.
    static func of(_ values: ColumnValues, order: StatisticsOrder, nanCount: inout Int) -> ValueBounds? {
        of(values, 0 ..< values.count, order: order, nanCount: &nanCount)
    }

    /// Bounds of `values[range]` under `order` (NaNs are counted into `nanCount`, not compared).
    static func of(_ values: ColumnValues, _ range: Range<Int>, order: StatisticsOrder, nanCount: inout Int) -> ValueBounds? {
        guard !range.isEmpty, order != .undefined else { return nil }
        switch values {
        case .boolean(let a):
            var anyFalse = false, anyTrue = false
            for v in a[range] { if v { anyTrue = true } else { anyFalse = true } }
            return ValueBounds(min: [anyFalse ? 0 : 1], max: [anyTrue ? 1 : 0])
        case .int32(let a):
            return a.withUnsafeBufferPointer { all in
                let p = UnsafeBufferPointer(rebasing: all[range])
                return order == .unsignedInt32 ? integerBounds(p, as: UInt32.self) : integerBounds(p, as: Int32.self)
            }
        case .int64(let a):
            return a.withUnsafeBufferPointer { all in
                let p = UnsafeBufferPointer(rebasing: all[range])
                return order == .unsignedInt64 ? integerBounds(p, as: UInt64.self) : integerBounds(p, as: Int64.self)
            }
        case .int96:
            return nil
        case .float(let a):
            return a.withUnsafeBufferPointer { floatBounds(UnsafeBufferPointer(rebasing: $0[range]), nanCount: &nanCount) }
        case .double(let a):
            return a.withUnsafeBufferPointer { floatBounds(UnsafeBufferPointer(rebasing: $0[range]), nanCount: &nanCount) }
        case .byteArray(let a):
            guard order == .bytes || order == .decimalBytes else { return nil }
            return a.bytes.withUnsafeBytes { bytes in
                a.offsets.withUnsafeBufferPointer { o in
                    byteBounds(range, order: order) { i in UnsafeRawBufferPointer(rebasing: bytes[o[i] ..< o[i + 1]]) }
                }
            }
        case .fixedLenByteArray(let a):
            let w = a.width
            if order == .float16 {
                return a.bytes.withUnsafeBytes { float16Bounds($0, range, nanCount: &nanCount) }
            }
            guard order == .bytes || order == .decimalBytes else { return nil }
            return a.bytes.withUnsafeBytes { bytes in
                byteBounds(range, order: order) { i in UnsafeRawBufferPointer(rebasing: bytes[i * w ..< (i + 1) * w]) }
            }
        }
    }

    /// Min/max of integers compared as `U` (the same bits reinterpreted for unsigned orders).
    private static func integerBounds<T: FixedWidthInteger & PlainFixedWidth, U: FixedWidthInteger>(
        _ p: UnsafeBufferPointer<T>, as _: U.Type
    ) -> ValueBounds? {
        guard !p.isEmpty else { return nil }
        var lo = U(truncatingIfNeeded: p[0]), hi = lo
        for v in p {
            let u = U(truncatingIfNeeded: v)
            lo = Swift.min(lo, u)
            hi = Swift.max(hi, u)
        }
        return ValueBounds(min: plainBytes(T(truncatingIfNeeded: lo)), max: plainBytes(T(truncatingIfNeeded: hi)))
    }

    /// Min/max of floats without NaNs; a zero minimum is written as -0 and a zero maximum as +0
    /// (parquet.thrift, ColumnOrder), so readers need not care about the sign of zero.
    private static func floatBounds<T: BinaryFloatingPoint & PlainFixedWidth>(
        _ p: UnsafeBufferPointer<T>, nanCount: inout Int
    ) -> ValueBounds? {
        var lo = T.infinity, hi = -T.infinity
        var nans = 0
        for v in p {
            // Swift.min/max keep their first argument when the second is NaN, so NaNs drop out.
            nans &+= v.isNaN ? 1 : 0  // at most p.count: cannot overflow
            lo = Swift.min(lo, v)
            hi = Swift.max(hi, v)
        }
        nanCount += nans
        guard nans < p.count else { return nil }
        if lo == 0 { lo = -T(0) }
        if hi == 0 { hi = T(0) }
        return ValueBounds(min: plainBytes(lo), max: plainBytes(hi))
    }

    /// Min/max of half floats (FIXED_LEN_BYTE_ARRAY(2), little-endian) without NaNs; zero as for floats.
    private static func float16Bounds(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, nanCount: inout Int) -> ValueBounds? {
        var lo: UInt16 = 0, hi: UInt16 = 0
        var seen = false
        for i in range {
            let bits = UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))
            if StatisticsOrder.isFloat16NaN(bits) { nanCount += 1; continue }
            let key = StatisticsOrder.float16Key(bits)
            if !seen {
                lo = bits; hi = bits; seen = true
            } else {
                if key < StatisticsOrder.float16Key(lo) { lo = bits }
                if key > StatisticsOrder.float16Key(hi) { hi = bits }
            }
        }
        guard seen else { return nil }
        if lo & 0x7FFF == 0 { lo = 0x8000 }
        if hi & 0x7FFF == 0 { hi = 0 }
        return ValueBounds(min: plainBytes(lo), max: plainBytes(hi))
    }

    /// Min/max of byte strings (unsigned lexicographic or big-endian decimal order).
    private static func byteBounds(_ range: Range<Int>, order: StatisticsOrder,
                                   _ value: (Int) -> UnsafeRawBufferPointer) -> ValueBounds {
        var lo = value(range.lowerBound), hi = lo
        if order == .decimalBytes {
            for i in range.dropFirst() {
                let v = value(i)
                if StatisticsOrder.compareDecimal(v, lo) < 0 { lo = v }
                if StatisticsOrder.compareDecimal(v, hi) > 0 { hi = v }
            }
        } else {
            for i in range.dropFirst() {
                let v = value(i)
                if StatisticsOrder.compareBytes(v, lo) < 0 { lo = v } else if StatisticsOrder.compareBytes(v, hi) > 0 { hi = v }
            }
        }
        return ValueBounds(min: [UInt8](lo), max: [UInt8](hi))
    }

    /// The PLAIN bytes of a fixed-width value.
    static func plainBytes<T: PlainFixedWidth>(_ v: T) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: T.plainByteWidth) { b, n in
            v.plainStore(to: UnsafeMutableRawPointer(b.baseAddress!))
            n = T.plainByteWidth
        }
    }

    /// The PLAIN bytes of a fixed-width integer that is not a `PlainFixedWidth` (UInt16 half floats).
    static func plainBytes(_ v: UInt16) -> [UInt8] {
        [UInt8(truncatingIfNeeded: v), UInt8(truncatingIfNeeded: v >> 8)]
    }

    /// Widens the bounds to include `other`.
    mutating func merge(_ other: ValueBounds, order: StatisticsOrder) {
        if order.less(other.min, min) { min = other.min }
        if order.less(max, other.max) { max = other.max }
    }
}
