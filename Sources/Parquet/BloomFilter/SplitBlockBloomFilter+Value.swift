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
            return PhysicalValue.int32(value, column: column).map { $0.map { [hash(int32: $0)] } ?? [] }
        case .int64:
            return PhysicalValue.int64(value, column: column).map { $0.map { [hash(int64: $0)] } ?? [] }
        case .int96:
            return PhysicalValue.int96(value).map { $0.map { [hash(int96: $0)] } ?? [] }
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
            return PhysicalValue.fixed(value, column: column).map { $0.map { [hash(bytes: $0)] } ?? [] }
        }
    }

    /// Whether a value equal to `value` may be in the column chunk this filter covers: false means
    /// certainly not, true possibly; nil when the filter cannot decide (see `hashes(of:column:)`).
    public func mightContain(_ value: Value, column: ColumnDescriptor) -> Bool? {
        guard let hashes = Self.hashes(of: value, column: column) else { return nil }
        return hashes.contains { mightContain(hash: $0) }
    }
}
