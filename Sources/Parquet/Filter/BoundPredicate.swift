/// A predicate bound to a schema: columns resolved to leaves, literals converted to keys in each
/// column's physical representation, BETWEEN / IN / NOT IN desugared, impossible comparisons folded.
struct BoundPredicate: Sendable {
    /// The boolean structure; leaves index `leaves`.
    indirect enum Node: Sendable {
        case leaf(Int)
        case and(Node, Node)
        case or(Node, Node)
        case not(Node)
    }

    var root: Node
    var leaves: [BoundLeaf]
    /// Distinct columns the predicate reads, in first-mention order; `BoundLeaf.column` indexes this.
    var columns: [ColumnDescriptor]
}

/// One test of one column.
struct BoundLeaf: Sendable {
    /// Index into `BoundPredicate.columns`.
    var column: Int
    var test: LeafTest
}

/// What a leaf tests on each row. Null rows make every test but `isNull`/`isNotNull` unknown.
enum LeafTest: Sendable {
    case isNull
    case isNotNull
    /// The same answer for every non-null row (e.g. `int8_column < 1000`, `int_column = 2.5`).
    case constant(Bool)
    case compare(Predicate.ComparisonOperator, FilterKey)
    /// Membership; keys are distinct and exactly representable in the column.
    case isIn([FilterKey])
    /// Floating-point columns: whether the value is (or, `negated`, is not) NaN.
    case isNaN(negated: Bool)
}

/// A literal converted to a column's physical representation (and order).
enum FilterKey: Sendable, Hashable {
    case boolean(Bool)
    case int32(Int32)
    case uint32(UInt32)
    case int64(Int64)
    case uint64(UInt64)
    case float(Float)
    case double(Double)
    /// Unsigned byte-wise order (strings, binary, UUID).
    case bytes([UInt8])
    /// Big-endian two's complement (DECIMAL in BYTE_ARRAY / FIXED_LEN_BYTE_ARRAY).
    case decimal([UInt8])

    /// The key PLAIN-encoded, as statistics store their min/max (compare with `StatisticsOrder`).
    var plain: [UInt8] {
        switch self {
        case .boolean(let b): [b ? 1 : 0]
        case .int32(let v): withUnsafeBytes(of: v.littleEndian) { Array($0) }
        case .uint32(let v): withUnsafeBytes(of: v.littleEndian) { Array($0) }
        case .int64(let v): withUnsafeBytes(of: v.littleEndian) { Array($0) }
        case .uint64(let v): withUnsafeBytes(of: v.littleEndian) { Array($0) }
        case .float(let v): withUnsafeBytes(of: v.bitPattern.littleEndian) { Array($0) }
        case .double(let v): withUnsafeBytes(of: v.bitPattern.littleEndian) { Array($0) }
        case .bytes(let b), .decimal(let b): b
        }
    }

    var isNaN: Bool {
        switch self {
        case .float(let f): f.isNaN
        case .double(let d): d.isNaN
        default: false
        }
    }
}
