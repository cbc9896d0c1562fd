// Probing with logical values: a `Value` (as the reader produces them and predicates hold them) is
// converted to the physical representation the column stores, then hashed.

extension SplitBlockBloomFilter {
    /// The hashes under which `value` would be stored in `column`:
    /// - nil when the filter cannot decide (null, nested values, NaN, a value kind that does not belong
    ///   to the column's type, or a representation that is not unique such as BYTE_ARRAY decimals);
    /// - an empty array when no stored value of the column can equal `value` (an integer out of the
    ///   column's range, a timestamp finer than the column's unit, bytes of the wrong fixed width);
    /// - otherwise one hash, or two for a floating-point zero (`0.0` and `-0.0` compare equal).
    ///
    /// Strings hash their UTF-8 bytes, dates their INT32 days, times and timestamps their count in the
    /// column's unit (INT96 columns: Julian day and nanoseconds), decimals the column's physical form.
    public static func hashes(of value: Value, column: ColumnDescriptor) -> [UInt64]? {
        switch column.physicalType {
        case .boolean:
            if case .boolean(let b) = value { return [hash(boolean: b)] }
            return nil
        case .int32:
            return int32Representation(value, column: column).map { $0.map { [hash(int32: $0)] } ?? [] }
        case .int64:
            return int64Representation(value, column: column).map { $0.map { [hash(int64: $0)] } ?? [] }
        case .int96:
            return int96Representation(value).map { $0.map { [hash(int96: $0)] } ?? [] }
        case .float:
            let f: Float
            switch value {
            case .float(let x): f = x
            case .double(let x):
                guard !x.isNaN else { return nil }
                guard let e = Float(exactly: x) else { return [] }
                f = e
            default: return nil
            }
            if f.isNaN { return nil }
            return f == 0 ? [hash(float: 0), hash(float: -0.0)] : [hash(float: f)]
        case .double:
            let d: Double
            switch value {
            case .double(let x): d = x
            case .float(let x): d = Double(x)
            default: return nil
            }
            if d.isNaN { return nil }
            return d == 0 ? [hash(double: 0), hash(double: -0.0)] : [hash(double: d)]
        case .byteArray:
            switch value {
            case .string(let b), .bytes(let b): return [hash(bytes: b)]
            case .uuid(let b) where column.logicalType == .uuid: return [hash(bytes: b)]
            default: return nil
            }
        default:
            return fixedRepresentation(value, column: column).map { $0.map { [hash(bytes: $0)] } ?? [] }
        }
    }

    /// Whether a value equal to `value` may be in the column chunk this filter covers: false means
    /// certainly not, true possibly; nil when the filter cannot decide (see `hashes(of:column:)`).
    public func mightContain(_ value: Value, column: ColumnDescriptor) -> Bool? {
        guard let hashes = Self.hashes(of: value, column: column) else { return nil }
        return hashes.contains { mightContain(hash: $0) }
    }

    // MARK: physical representations (outer nil: cannot decide; inner nil: not representable)

    static func int32Representation(_ value: Value, column: ColumnDescriptor) -> Int32?? {
        switch (column.logicalType, value) {
        case (.date?, .date(let d)): return .some(d)
        case (.time(_, let unit)?, .time(let t, let u, _)): return .some(rescaleTime(t, from: u, to: unit).flatMap { Int32(exactly: $0) })
        case (.decimal(_, let scale)?, .decimal(let unscaled, _, let s)):
            guard let v = decimalInt64(unscaled, scale: s, to: Int(scale)) else { return nil }
            return .some(v.flatMap { Int32(exactly: $0) })
        case (.integer(let width, false)?, _):
            guard let u = unsignedInteger(value) else { return nil }
            let limit: UInt64 = width >= 32 ? UInt64(UInt32.max) : (1 << UInt64(width)) - 1
            return .some(u.flatMap { $0 <= limit ? Int32(bitPattern: UInt32($0)) : nil })
        default:
            guard let s = signedInteger(value) else { return nil }
            return .some(s.flatMap { Int32(exactly: $0) })
        }
    }

    static func int64Representation(_ value: Value, column: ColumnDescriptor) -> Int64?? {
        switch (column.logicalType, value) {
        case (.timestamp(_, let unit)?, .timestamp(let t, let u, _)), (.time(_, let unit)?, .time(let t, let u, _)):
            return .some(rescaleTime(t, from: u, to: unit))
        case (.decimal(_, let scale)?, .decimal(let unscaled, _, let s)):
            return decimalInt64(unscaled, scale: s, to: Int(scale))
        case (.integer(_, false)?, _):
            guard let u = unsignedInteger(value) else { return nil }
            return .some(u.map { Int64(bitPattern: $0) })
        default:
            guard let s = signedInteger(value) else { return nil }
            return .some(s)
        }
    }

    static func int96Representation(_ value: Value) -> Int96?? {
        let julianEpoch: Int64 = 2_440_588, nanosPerDay: Int64 = 86_400_000_000_000
        switch value {
        case .int96Timestamp(let day, let nanos):
            guard let d = UInt32(exactly: day), let n = UInt64(exactly: nanos) else { return .some(nil) }
            return .some(Int96(low: n, high: d))
        case .timestamp(let t, let unit, _):
            guard let nanos = rescaleTime(t, from: unit, to: .nanos) else { return nil }  // beyond Int64 nanoseconds
            var (days, rem) = nanos.quotientAndRemainder(dividingBy: nanosPerDay)
            if rem < 0 { rem += nanosPerDay; days -= 1 }
            guard let d = UInt32(exactly: days + julianEpoch) else { return .some(nil) }
            return .some(Int96(low: UInt64(rem), high: d))
        default: return nil
        }
    }

    static func fixedRepresentation(_ value: Value, column: ColumnDescriptor) -> [UInt8]?? {
        let width = column.typeLength
        switch value {
        case .string(let b), .bytes(let b), .uuid(let b):
            return .some(b.count == width ? b : nil)
        case .float16(let bits):
            return .some(width == 2 ? [UInt8(truncatingIfNeeded: bits), UInt8(truncatingIfNeeded: bits >> 8)] : nil)
        case .interval(let months, let days, let millis):
            guard width == 12 else { return .some(nil) }
            var out: [UInt8] = []
            for x in [months, days, millis] { withUnsafeBytes(of: x.littleEndian) { out.append(contentsOf: $0) } }
            return .some(out)
        case .decimal(let unscaled, _, let s):
            guard case .decimal(_, let scale)? = column.logicalType else { return nil }
            if s == Int(scale) { return .some(resizeBigEndian(unscaled, to: width)) }
            guard let v = decimalInt64(unscaled, scale: s, to: Int(scale)) else { return nil }
            return .some(v.flatMap { resizeBigEndian(withUnsafeBytes(of: $0.bigEndian) { Array($0) }, to: width) })
        default:
            return nil
        }
    }

    // MARK: helpers

    /// A signed integer value (outer nil: not an integer value; inner nil: beyond Int64).
    static func signedInteger(_ v: Value) -> Int64?? {
        switch v {
        case .int32(let x): .some(Int64(x))
        case .int64(let x): .some(x)
        case .uint32(let x): .some(Int64(x))
        case .uint64(let x): .some(Int64(exactly: x))
        default: nil
        }
    }

    /// An unsigned integer value (outer nil: not an integer value; inner nil: negative).
    static func unsignedInteger(_ v: Value) -> UInt64?? {
        switch v {
        case .int32(let x): .some(UInt64(exactly: x))
        case .int64(let x): .some(UInt64(exactly: x))
        case .uint32(let x): .some(UInt64(x))
        case .uint64(let x): .some(x)
        default: nil
        }
    }

    /// `t` in `unit` expressed in `target` units; nil when not exact or out of the Int64 range.
    static func rescaleTime(_ t: Int64, from unit: TimeUnit, to target: TimeUnit) -> Int64? {
        if unit == target { return t }
        if unit.perSecond < target.perSecond {
            let (r, overflow) = t.multipliedReportingOverflow(by: target.perSecond / unit.perSecond)
            return overflow ? nil : r
        }
        let f = unit.perSecond / target.perSecond
        return t % f == 0 ? t / f : nil
    }

    /// The unscaled big-endian two's-complement `bytes` of scale `scale` as an Int64 at scale `target`.
    /// Outer nil: cannot decide (longer than 8 significant bytes, scale gap beyond 18 digits);
    /// inner nil: not representable at `target` (digits would be lost, or beyond Int64).
    static func decimalInt64(_ bytes: [UInt8], scale: Int, to target: Int) -> Int64?? {
        guard let fitted = resizeBigEndian(bytes, to: 8) else { return nil }
        var v: Int64 = 0
        for b in fitted { v = v << 8 | Int64(b) }  // 8 bytes exactly: the shifts assemble the bit pattern
        let gap = target - scale
        guard abs(gap) <= 18 else { return v == 0 ? .some(0) : nil }
        var p: Int64 = 1
        for _ in 0 ..< abs(gap) { p *= 10 }
        if gap >= 0 {
            let (r, overflow) = v.multipliedReportingOverflow(by: p)
            return .some(overflow ? nil : r)
        }
        return .some(v % p == 0 ? v / p : nil)
    }

    /// Big-endian two's-complement `bytes` sign-extended or trimmed to `width` bytes; nil when the value
    /// does not fit. Empty input is zero.
    static func resizeBigEndian(_ bytes: [UInt8], to width: Int) -> [UInt8]? {
        let negative = (bytes.first ?? 0) & 0x80 != 0
        let fill: UInt8 = negative ? 0xFF : 0
        if bytes.count <= width { return Array(repeating: fill, count: width - bytes.count) + bytes }
        let drop = bytes.count - width
        // The dropped leading bytes must be pure sign extension, and the kept part must keep the sign.
        guard bytes[..<drop].allSatisfy({ $0 == fill }), width == 0 ? !negative : (bytes[drop] & 0x80 != 0) == negative else { return nil }
        return Array(bytes[drop...])
    }
}
