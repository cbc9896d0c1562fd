/// Non-null values of the data page being built, in their physical representation (only the array of
/// the column's physical type is used). Values are copied in from caller batches, so a page may span
/// several `write` calls, and encoded in one go when the page is closed.
struct PageValueBuffer {
    let type: PhysicalType
    /// Byte width of FIXED_LEN_BYTE_ARRAY values.
    let width: Int
    var booleans: [Bool] = []
    var int32s: [Int32] = []
    var int64s: [Int64] = []
    var int96s: [Int96] = []
    var floats: [Float] = []
    var doubles: [Double] = []
    var byteArrays = ByteArrayBuffer()
    var fixed: FixedLenByteArrayBuffer
    /// Number of values held.
    private(set) var count = 0
    /// Size of the held values under PLAIN encoding.
    private(set) var plainSize = 0

    init(type: PhysicalType, width: Int) {
        self.type = type
        self.width = width
        fixed = FixedLenByteArrayBuffer(width: width)
    }

    /// Appends `values[range]` (the case must match the physical type; checked by the writer).
    mutating func append(_ values: ColumnValues, _ range: Range<Int>) {
        guard !range.isEmpty else { return }
        count += range.count
        switch values {
        case .boolean(let a):
            booleans.append(contentsOf: a[range])
            plainSize = (booleans.count + 7) / 8
        case .int32(let a): int32s.append(contentsOf: a[range]); plainSize += 4 * range.count
        case .int64(let a): int64s.append(contentsOf: a[range]); plainSize += 8 * range.count
        case .int96(let a): int96s.append(contentsOf: a[range]); plainSize += 12 * range.count
        case .float(let a): floats.append(contentsOf: a[range]); plainSize += 4 * range.count
        case .double(let a): doubles.append(contentsOf: a[range]); plainSize += 8 * range.count
        case .byteArray(let a):
            plainSize += byteArrays.append(a, range) + 4 * range.count
        case .fixedLenByteArray(let a):
            fixed.bytes.append(contentsOf: a.bytes[range.lowerBound * width ..< range.upperBound * width])
            plainSize += width * range.count
        }
    }

    // Single values (row shredding); the caller appends only values of the buffer's physical type.
    mutating func append(boolean v: Bool) { booleans.append(v); count += 1; plainSize = (booleans.count + 7) / 8 }
    mutating func append(int32 v: Int32) { int32s.append(v); count += 1; plainSize += 4 }
    mutating func append(int64 v: Int64) { int64s.append(v); count += 1; plainSize += 8 }
    mutating func append(int96 v: Int96) { int96s.append(v); count += 1; plainSize += 12 }
    mutating func append(float v: Float) { floats.append(v); count += 1; plainSize += 4 }
    mutating func append(double v: Double) { doubles.append(v); count += 1; plainSize += 8 }
    mutating func append(byteArray v: [UInt8]) { byteArrays.append(v); count += 1; plainSize += 4 + v.count }
    /// `v.count` must equal `width`.
    mutating func append(fixed v: [UInt8]) { fixed.append(v); count += 1; plainSize += width }

    /// Keeps the first `n` values (undoing appends).
    mutating func truncate(to n: Int) {
        guard n < count else { return }
        switch type {
        case .boolean: booleans.removeSubrange(n...)
        case .int32: int32s.removeSubrange(n...)
        case .int64: int64s.removeSubrange(n...)
        case .int96: int96s.removeSubrange(n...)
        case .float: floats.removeSubrange(n...)
        case .double: doubles.removeSubrange(n...)
        case .byteArray:
            byteArrays.offsets.removeSubrange((n + 1)...)
            byteArrays.bytes.removeSubrange(byteArrays.offsets[n]...)
        default: fixed.bytes.removeSubrange((n * width)...)
        }
        count = n
        switch type {
        case .boolean: plainSize = (n + 7) / 8
        case .byteArray: plainSize = byteArrays.bytes.count + 4 * n
        case .int32, .float: plainSize = 4 * n
        case .int64, .double: plainSize = 8 * n
        case .int96: plainSize = 12 * n
        default: plainSize = width * n
        }
    }

    /// The held values as `ColumnValues` (copy-on-write shares the storage).
    var values: ColumnValues {
        switch type {
        case .boolean: .boolean(booleans)
        case .int32: .int32(int32s)
        case .int64: .int64(int64s)
        case .int96: .int96(int96s)
        case .float: .float(floats)
        case .double: .double(doubles)
        case .byteArray: .byteArray(byteArrays)
        default: .fixedLenByteArray(fixed)
        }
    }

    /// Empties the buffer, keeping capacity.
    mutating func removeAll() {
        booleans.removeAll(keepingCapacity: true)
        int32s.removeAll(keepingCapacity: true)
        int64s.removeAll(keepingCapacity: true)
        int96s.removeAll(keepingCapacity: true)
        floats.removeAll(keepingCapacity: true)
        doubles.removeAll(keepingCapacity: true)
        byteArrays.removeAll(keepingCapacity: true)
        fixed.bytes.removeAll(keepingCapacity: true)
        count = 0
        plainSize = 0
    }
}

extension ByteArrayBuffer {
    /// Appends `other[range]`; returns the number of value bytes appended.
    @discardableResult
    mutating func append(_ other: ByteArrayBuffer, _ range: Range<Int>) -> Int {
        let start = other.offsets[range.lowerBound], end = other.offsets[range.upperBound]
        let base = bytes.count - start
        bytes.append(contentsOf: other.bytes[start ..< end])
        other.offsets.withUnsafeBufferPointer { o in
            for i in range { offsets.append(o[i + 1] + base) }
        }
        return end - start
    }
}
