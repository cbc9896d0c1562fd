extension BoundPredicate {
    /// Binds `predicate` to `schema`: checks that each column is a non-repeated leaf and that each literal
    /// fits its column's type. Errors name the character offset of the offending column or literal when
    /// the predicate was parsed from text.
    init(_ predicate: Predicate, schema: Schema) throws {
        var columns: [ColumnDescriptor] = []
        var leaves: [BoundLeaf] = []
        func column(_ c: Predicate.Column) throws -> (Int, ColumnDescriptor) {
            let d = try Self.resolve(c, schema: schema)
            if let i = columns.firstIndex(where: { $0.index == d.index }) { return (i, d) }
            columns.append(d)
            return (columns.count - 1, d)
        }
        func leaf(_ column: Int, _ test: LeafTest) -> Node {
            leaves.append(BoundLeaf(column: column, test: test))
            return .leaf(leaves.count - 1)
        }
        func bind(_ p: Predicate) throws -> Node {
            switch p {
            case .compare(let c, let op, let lit):
                let (i, d) = try column(c)
                return leaf(i, try LiteralBinding.test(op, lit, column: d, reference: c))
            case .between(let c, let lo, let hi):
                let (i, d) = try column(c)
                return .and(leaf(i, try LiteralBinding.test(.greaterOrEqual, lo, column: d, reference: c)),
                            leaf(i, try LiteralBinding.test(.lessOrEqual, hi, column: d, reference: c)))
            case .isIn(let c, let lits):
                let (i, d) = try column(c)
                var keys: [FilterKey] = []
                var nan = false
                for lit in lits {
                    switch try LiteralBinding.test(.equal, lit, column: d, reference: c) {
                    case .compare(_, let k) where !keys.contains(k): keys.append(k)
                    case .isNaN: nan = true
                    default: break  // not representable in the column: never equal
                    }
                }
                let membership = leaf(i, keys.isEmpty ? .constant(false) : .isIn(keys))
                return nan ? .or(membership, leaf(i, .isNaN(negated: false))) : membership
            case .isNull(let c):
                return leaf(try column(c).0, .isNull)
            case .isNotNull(let c):
                return leaf(try column(c).0, .isNotNull)
            case .and(let a, let b): return .and(try bind(a), try bind(b))
            case .or(let a, let b): return .or(try bind(a), try bind(b))
            case .not(let a): return .not(try bind(a))
            }
        }
        root = try bind(predicate)
        self.leaves = leaves
        self.columns = columns
    }

    static func at(_ position: Int?) -> String {
        position.map { "filter expression, at character \($0): " } ?? "filter: "
    }

    /// The leaf column a reference names.
    static func resolve(_ c: Predicate.Column, schema: Schema) throws -> ColumnDescriptor {
        if let d = schema.column(path: c.path) {
            guard d.maxRepetitionLevel == 0 else {
                throw ParquetError(.invalidArgument, at(c.position) + "column '\(c)' is repeated (inside a list, map or repeated field); filters on repeated columns are not supported")
            }
            return d
        }
        let under = schema.columns.filter { $0.path.count > c.path.count && Array($0.path.prefix(c.path.count)) == c.path }
        if !under.isEmpty {
            throw ParquetError(.invalidArgument, at(c.position) + "'\(c)' is a group, not a column; name one of its fields: "
                + under.prefix(10).map(\.dottedPath).joined(separator: ", "))
        }
        throw ParquetError(.invalidArgument, at(c.position) + "unknown column '\(c)'; columns are: "
            + schema.columns.prefix(50).map(\.dottedPath).joined(separator: ", "))
    }
}

/// Converts a literal to a column's representation and folds the comparison accordingly.
enum LiteralBinding {
    /// Where a literal falls among the values a column can hold.
    enum Placement {
        /// Exactly representable.
        case exact(FilterKey)
        /// Strictly between `key` and the next representable value.
        case above(FilterKey)
        /// Below every representable value.
        case belowAll
        /// Above every representable value.
        case aboveAll
    }

    /// The test `column op literal` on non-null rows.
    static func test(_ op: Predicate.ComparisonOperator, _ lit: Predicate.Literal, column: ColumnDescriptor,
                     reference: Predicate.Column) throws -> LeafTest {
        let placement = try place(lit, column: column, reference: reference)
        switch placement {
        case .exact(let k) where k.isNaN:
            // NaN is equal to itself and above every other value.
            switch op {
            case .equal, .greaterOrEqual: return .isNaN(negated: false)
            case .notEqual, .less: return .isNaN(negated: true)
            case .lessOrEqual: return .constant(true)
            case .greater: return .constant(false)
            }
        case .exact(let k): return .compare(op, k)
        case .above(let k):
            switch op {
            case .equal: return .constant(false)
            case .notEqual: return .constant(true)
            case .less, .lessOrEqual: return .compare(.lessOrEqual, k)
            case .greater, .greaterOrEqual: return .compare(.greater, k)
            }
        case .belowAll: return .constant(op == .greater || op == .greaterOrEqual || op == .notEqual)
        case .aboveAll: return .constant(op == .less || op == .lessOrEqual || op == .notEqual)
        }
    }

    static func mismatch(_ lit: Predicate.Literal, _ column: ColumnDescriptor, _ reference: Predicate.Column, _ expected: String) -> ParquetError {
        ParquetError(.invalidArgument, BoundPredicate.at(lit.position ?? reference.position)
            + "type mismatch: column '\(column.dottedPath)' is \(typeDescription(column)), the literal \(lit) is \(lit.typeName) (expected \(expected))")
    }

    static func typeDescription(_ c: ColumnDescriptor) -> String {
        if let lt = c.logicalType { return "\(c.physicalType) (\(lt))" }
        return "\(c.physicalType)"
    }

    static func place(_ lit: Predicate.Literal, column c: ColumnDescriptor, reference: Predicate.Column) throws -> Placement {
        let lt = c.logicalType
        func fail(_ expected: String) -> ParquetError { mismatch(lit, c, reference, expected) }
        switch c.physicalType {
        case .boolean:
            guard case .boolean(let b) = lit.kind else { throw fail("TRUE or FALSE") }
            return .exact(.boolean(b))
        case .float, .double:
            let isFloat = c.physicalType == .float
            let d: Double
            switch lit.kind {
            case .number(let n):
                // A decimal literal is rounded to the column's type (as DuckDB casts it).
                return isFloat ? .exact(.float(Float(n.description) ?? Float(n.doubleValue))) : .exact(.double(n.doubleValue))
            case .double(let v): d = v
            default: throw fail("a number")
            }
            guard isFloat else { return .exact(.double(d)) }
            if d.isNaN { return .exact(.float(.nan)) }
            var f = Float(d)
            if Double(f) == d { return .exact(.float(f)) }
            if Double(f) > d { f = f.nextDown }
            if f == -.infinity { return .belowAll }
            return .above(.float(f))
        case .int32, .int64:
            switch lt {
            case .date: return try placeDate(lit, c, reference)
            case .timestamp(_, let unit): return try placeTimestamp(lit, unit: unit, c, reference)
            case .time(_, let unit): return try placeTime(lit, unit: unit, c, reference)
            case .decimal(_, let scale):
                guard case .number(let n) = lit.kind else { throw fail("a decimal number") }
                let (v, exact) = n.floorScaled(to: Int(scale))
                return integerPlacement(v, exact: exact, column: c)
            case .integer(let bits, false):
                let maxValue: UInt64 = bits >= 64 ? .max : (1 << UInt64(bits)) - 1
                switch lit.kind {
                case .number(let n):
                    let (v, exact) = n.floorScaled(to: 0)
                    if v.isNegative { return .belowAll }
                    guard let u = v.uint64Value, u <= maxValue else { return .aboveAll }
                    let k: FilterKey = c.physicalType == .int32 ? .uint32(UInt32(u)) : .uint64(u)
                    return exact ? .exact(k) : .above(k)
                case .double(let d):
                    if d.isNaN || d >= 18_446_744_073_709_551_616.0 { return .aboveAll }
                    if d < 0 { return .belowAll }
                    let fl = d.rounded(.down)
                    let u = UInt64(fl)
                    if u > maxValue { return .aboveAll }
                    let k: FilterKey = c.physicalType == .int32 ? .uint32(UInt32(u)) : .uint64(u)
                    return fl == d ? .exact(k) : .above(k)
                default: throw fail("an integer")
                }
            case nil, .integer?:
                switch lit.kind {
                case .number(let n):
                    let (v, exact) = n.floorScaled(to: 0)
                    return integerPlacement(v, exact: exact, column: c)
                case .double(let d):
                    if d.isNaN || d >= 9_223_372_036_854_775_808.0 { return .aboveAll }
                    if d < -9_223_372_036_854_775_808.0 { return .belowAll }
                    let fl = d.rounded(.down)
                    return integerPlacement(DecimalNumber(Int64(fl)), exact: fl == d, column: c)
                default: throw fail("an integer")
                }
            default:
                throw ParquetError(.unsupported, BoundPredicate.at(reference.position)
                    + "filters on column '\(c.dottedPath)' of type \(typeDescription(c)) are not supported")
            }
        case .byteArray, .fixedLenByteArray:
            switch lt {
            case .decimal(_, let scale):
                guard case .number(let n) = lit.kind else { throw fail("a decimal number") }
                let (v, exact) = n.floorScaled(to: Int(scale))
                let bytes = v.twosComplement
                if c.physicalType == .fixedLenByteArray && bytes.count > c.typeLength {
                    return v.isNegative ? .belowAll : .aboveAll
                }
                return exact ? .exact(.decimal(bytes)) : .above(.decimal(bytes))
            case .uuid?:
                guard case .string(let s) = lit.kind else {
                    if case .binary(let b) = lit.kind, b.count == 16 { return .exact(.bytes(b)) }
                    throw fail("a UUID string 'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx'")
                }
                let hex = Array(s.utf8).filter { $0 != UInt8(ascii: "-") }
                guard hex.count == 32, let b = PredicateParser.hexBytes(hex) else { throw fail("a UUID string 'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx'") }
                return .exact(.bytes(b))
            case .string?, .enum?, .json?:
                guard case .string(let s) = lit.kind else { throw fail("a 'string'") }
                return .exact(.bytes(Array(s.utf8)))
            case nil, .bson?:
                if c.element.convertedType == .interval { break }
                switch lit.kind {
                case .string(let s): return .exact(.bytes(Array(s.utf8)))
                case .binary(let b): return .exact(.bytes(b))
                default: throw fail("a 'string' or X'hex' binary literal")
                }
            default: break
            }
            throw ParquetError(.unsupported, BoundPredicate.at(reference.position)
                + "filters on column '\(c.dottedPath)' of type \(typeDescription(c)) are not supported")
        default:
            throw ParquetError(.unsupported, BoundPredicate.at(reference.position)
                + "filters on column '\(c.dottedPath)' of type \(typeDescription(c)) are not supported")
        }
    }

    /// An integer number (scale 0) placed in an INT32/INT64 column.
    static func integerPlacement(_ v: DecimalNumber, exact: Bool, column c: ColumnDescriptor) -> Placement {
        guard let i = v.int64Value else { return v.isNegative ? .belowAll : .aboveAll }
        let k: FilterKey
        if c.physicalType == .int32 {
            guard let i32 = Int32(exactly: i) else { return i < 0 ? .belowAll : .aboveAll }
            k = .int32(i32)
        } else {
            k = .int64(i)
        }
        return exact ? .exact(k) : .above(k)
    }

    /// An Int64 count of units placed in the column's physical integer.
    static func unitPlacement(_ v: Int64?, exact: Bool, negative: Bool, column c: ColumnDescriptor) -> Placement {
        guard let v else { return negative ? .belowAll : .aboveAll }
        return integerPlacement(DecimalNumber(v), exact: exact, column: c)
    }

    static func placeDate(_ lit: Predicate.Literal, _ c: ColumnDescriptor, _ ref: Predicate.Column) throws -> Placement {
        var kind = lit.kind
        if case .string(let s) = kind {
            if let d = TemporalText.date(s) { kind = .date(d) } else if let t = TemporalText.timestamp(s) {
                kind = .timestamp(seconds: t.seconds, nanoseconds: t.nanoseconds)
            }
        }
        switch kind {
        case .date(let d): return .exact(.int32(d))
        case .timestamp(let s, let n):
            let (q, r) = s.quotientAndRemainder(dividingBy: 86_400)
            let day = r < 0 ? q - 1 : q
            let exact = r == 0 && n == 0
            return unitPlacement(day, exact: exact, negative: day < 0, column: c)
        default: throw mismatch(lit, c, ref, "DATE 'YYYY-MM-DD'")
        }
    }

    static func placeTimestamp(_ lit: Predicate.Literal, unit: TimeUnit, _ c: ColumnDescriptor, _ ref: Predicate.Column) throws -> Placement {
        var kind = lit.kind
        if case .string(let s) = kind, let t = TemporalText.timestamp(s) { kind = .timestamp(seconds: t.seconds, nanoseconds: t.nanoseconds) }
        let perSecond = unit.perSecond
        switch kind {
        case .timestamp(let s, let n):
            let nanosPerUnit = Int64(1_000_000_000) / perSecond
            let (a, o1) = s.multipliedReportingOverflow(by: perSecond)
            let (v, o2) = a.addingReportingOverflow(Int64(n) / nanosPerUnit)
            return unitPlacement(o1 || o2 ? nil : v, exact: Int64(n) % nanosPerUnit == 0, negative: s < 0, column: c)
        case .date(let d):
            let (v, o) = (Int64(d) * 86_400).multipliedReportingOverflow(by: perSecond)
            return unitPlacement(o ? nil : v, exact: true, negative: d < 0, column: c)
        default: throw mismatch(lit, c, ref, "TIMESTAMP 'YYYY-MM-DD HH:MM:SS'")
        }
    }

    static func placeTime(_ lit: Predicate.Literal, unit: TimeUnit, _ c: ColumnDescriptor, _ ref: Predicate.Column) throws -> Placement {
        var kind = lit.kind
        if case .string(let s) = kind, let t = TemporalText.time(s) { kind = .time(t) }
        guard case .time(let nanos) = kind else { throw mismatch(lit, c, ref, "TIME 'HH:MM:SS'") }
        let nanosPerUnit = Int64(1_000_000_000) / unit.perSecond
        return unitPlacement(nanos / nanosPerUnit, exact: nanos % nanosPerUnit == 0, negative: false, column: c)
    }
}
