/// Which truth values the rows of a region (row group, run of pages) may take for a predicate.
/// Every flag is an over-approximation: `mayBeTrue == false` proves that no row is selected.
struct Possibility: Sendable, Equatable {
    var mayBeTrue: Bool
    var mayBeFalse: Bool
    var mayBeNull: Bool

    static let anything = Possibility(mayBeTrue: true, mayBeFalse: true, mayBeNull: true)

    static func and(_ a: Possibility, _ b: Possibility) -> Possibility {
        Possibility(mayBeTrue: a.mayBeTrue && b.mayBeTrue, mayBeFalse: a.mayBeFalse || b.mayBeFalse,
                    mayBeNull: a.mayBeNull || b.mayBeNull)
    }

    static func or(_ a: Possibility, _ b: Possibility) -> Possibility {
        Possibility(mayBeTrue: a.mayBeTrue || b.mayBeTrue, mayBeFalse: a.mayBeFalse && b.mayBeFalse,
                    mayBeNull: a.mayBeNull || b.mayBeNull)
    }
}

/// What is known about one column in a region, from column-chunk statistics or a ColumnIndex page entry.
struct ColumnFacts {
    var order: StatisticsOrder
    /// Lower and upper bounds of the non-null, non-NaN values (PLAIN-encoded), when known.
    var bounds: (min: [UInt8], max: [UInt8])?
    /// Whether some value may be null (true when unknown).
    var mayHaveNulls = true
    /// Whether some value may be non-null (false only when the region is known to be all null).
    var mayHaveValues = true
    /// Whether some value may be NaN (floating-point columns; true when unknown).
    var mayHaveNaN: Bool
    /// Whether every non-null value is known to be NaN.
    var allNaN = false
    /// A Bloom filter's answer for a key (false = certainly absent), when one was consulted.
    var mightContain: ((FilterKey) -> Bool)?

    /// Nothing known.
    init(order: StatisticsOrder) {
        self.order = order
        mayHaveNaN = order == .float || order == .double || order == .float16
    }

    /// Whether a PLAIN-encoded bound has the size of the order's values (a short fixed-width bound would
    /// otherwise read as 0) and is not NaN.
    static func usable(_ v: [UInt8], _ order: StatisticsOrder) -> Bool {
        switch order {
        case .boolean: return v.count == 1
        case .signedInt32, .unsignedInt32: return v.count == 4
        case .signedInt64, .unsignedInt64: return v.count == 8
        case .float: return v.count == 4 && !Float(bitPattern: StatisticsOrder.load(v, UInt32.self)).isNaN
        case .double: return v.count == 8 && !Double(bitPattern: StatisticsOrder.load(v, UInt64.self)).isNaN
        case .float16: return v.count == 2 && !StatisticsOrder.isFloat16NaN(StatisticsOrder.load(v, UInt16.self))
        case .bytes, .decimalBytes: return true
        case .undefined: return false
        }
    }

    /// Facts of a column chunk from its metadata statistics.
    ///
    /// `min_value`/`max_value` are used in the column's order (truncated byte strings are still bounds);
    /// the deprecated `min`/`max` only where their signed order agrees with the column's (numbers,
    /// booleans) — byte strings and unsigned integers with only legacy statistics are not pruned.
    init(chunk meta: ColumnMetaData, column: ColumnDescriptor) {
        self.init(order: StatisticsOrder(column))
        guard let s = meta.statistics else { return }
        let lo = s.minValue ?? (order.isLegacySigned && s.maxValue == nil ? s.min : nil)
        let hi = s.maxValue ?? (order.isLegacySigned && s.minValue == nil ? s.max : nil)
        if let lo, let hi, Self.usable(lo, order), Self.usable(hi, order) { bounds = (lo, hi) }
        if let n = s.nullCount, n >= 0 {
            mayHaveNulls = n > 0
            // Flat columns have one level per row: all null when the null count is the value count.
            if column.maxRepetitionLevel == 0 && n >= meta.numValues { mayHaveValues = false }
        }
        if meta.numValues == 0 { mayHaveValues = false; mayHaveNulls = false }
        if mayHaveNaN, let nan = s.nanCount, nan == 0 { mayHaveNaN = false }
        if mayHaveNaN, let nan = s.nanCount, let nulls = s.nullCount, column.maxRepetitionLevel == 0,
           nan > 0, nan == meta.numValues - nulls { allNaN = true }
    }

    /// Facts of page `i` from a ColumnIndex (entries checked against the page count by the caller).
    init(page i: Int, index: ColumnIndex, column: ColumnDescriptor) {
        self.init(order: StatisticsOrder(column))
        if index.nullPages[i] {
            mayHaveValues = false
            return
        }
        let lo = index.minValues[i], hi = index.maxValues[i]
        if Self.usable(lo, order), Self.usable(hi, order) { bounds = (lo, hi) }
        if let counts = index.nullCounts, i < counts.count, counts[i] >= 0 { mayHaveNulls = counts[i] > 0 }
        if mayHaveNaN, let nans = index.nanCounts, i < nans.count, nans[i] == 0 { mayHaveNaN = false }
    }
}

extension BoundPredicate {
    /// Possible truth values of the predicate in a region, given facts per predicate column.
    func possibility(_ facts: [ColumnFacts]) -> Possibility {
        func visit(_ n: Node) -> Possibility {
            switch n {
            case .leaf(let i): return Self.possibility(leaves[i].test, facts[leaves[i].column])
            case .and(let a, let b): return .and(visit(a), visit(b))
            case .or(let a, let b): return .or(visit(a), visit(b))
            case .not(let a):
                let p = visit(a)
                return Possibility(mayBeTrue: p.mayBeFalse, mayBeFalse: p.mayBeTrue, mayBeNull: p.mayBeNull)
            }
        }
        return visit(root)
    }

    static func possibility(_ test: LeafTest, _ f: ColumnFacts) -> Possibility {
        switch test {
        case .isNull: return Possibility(mayBeTrue: f.mayHaveNulls, mayBeFalse: f.mayHaveValues, mayBeNull: false)
        case .isNotNull: return Possibility(mayBeTrue: f.mayHaveValues, mayBeFalse: f.mayHaveNulls, mayBeNull: false)
        default: break
        }
        guard f.mayHaveValues else { return Possibility(mayBeTrue: false, mayBeFalse: false, mayBeNull: f.mayHaveNulls) }
        let (t, fl): (Bool, Bool)
        switch test {
        case .isNull, .isNotNull: (t, fl) = (true, true)
        case .constant(let b): (t, fl) = (b, !b)
        case .isNaN(let negated): (t, fl) = f.allNaN ? (!negated, negated) : negated ? (true, f.mayHaveNaN) : (f.mayHaveNaN, true)
        case .compare(let op, let k):
            (t, fl) = compare(op, k, f)
        case .isIn(let keys):
            t = keys.contains { compare(.equal, $0, f).0 }
            fl = true
        }
        return Possibility(mayBeTrue: t, mayBeFalse: fl, mayBeNull: f.mayHaveNulls)
    }

    /// (may be true, may be false) of `value op key` over the non-null values of a region.
    static func compare(_ op: Predicate.ComparisonOperator, _ key: FilterKey, _ f: ColumnFacts) -> (Bool, Bool) {
        let absent = f.mightContain.map { !$0(key) } ?? false
        if f.allNaN {
            // Every value is NaN, which is above every key and equal to none.
            switch op {
            case .equal, .less, .lessOrEqual: return (false, true)
            case .notEqual, .greater, .greaterOrEqual: return (true, false)
            }
        }
        guard let (lo, hi) = f.bounds else {
            switch op {
            case .equal: return (!absent, true)
            case .notEqual: return (true, !absent)
            default: return (true, true)
            }
        }
        let k = key.plain
        let o = f.order
        let nan = f.mayHaveNaN  // NaN sorts above every value
        let cl = o.compare(lo, k), ch = o.compare(hi, k)
        switch op {
        case .equal: return (cl <= 0 && ch >= 0 && !absent, !(cl == 0 && ch == 0) || nan)
        case .notEqual: return (!(cl == 0 && ch == 0) || nan, cl <= 0 && ch >= 0 && !absent)
        case .less: return (cl < 0, ch >= 0 || nan)
        case .lessOrEqual: return (cl <= 0, ch > 0 || nan)
        case .greater: return (ch > 0 || nan, cl <= 0)
        case .greaterOrEqual: return (ch >= 0 || nan, cl < 0)
        }
    }

    /// Leaves testing equality (`=` or `IN`) of a column: the keys a Bloom filter could rule out.
    func equalityKeys(column: Int) -> [FilterKey] {
        var out: [FilterKey] = []
        for l in leaves where l.column == column {
            switch l.test {
            case .compare(.equal, let k), .compare(.notEqual, let k): out.append(k)
            case .isIn(let ks): out.append(contentsOf: ks)
            default: break
            }
        }
        return out
    }

    /// Row ranges of a row group of `rowCount` rows whose rows may satisfy the predicate, from the page
    /// indexes of the predicate columns (`pages[c]` for column `c`, nil where absent; then `chunkFacts[c]`
    /// stands for the whole chunk). Adjacent ranges are merged.
    func keptRowRanges(rowCount: Int64, pages: [(ColumnIndex, OffsetIndex)?], chunkFacts: [ColumnFacts]) -> [Range<Int64>] {
        var boundaries = Set<Int64>([0])
        for p in pages {
            guard let (_, offsets) = p else { continue }
            for loc in offsets.pageLocations where loc.firstRowIndex > 0 && loc.firstRowIndex < rowCount { boundaries.insert(loc.firstRowIndex) }
        }
        let starts = boundaries.sorted()
        var cursor = [Int](repeating: 0, count: pages.count)
        var kept: [Range<Int64>] = []
        for (j, start) in starts.enumerated() {
            let end = j + 1 < starts.count ? starts[j + 1] : rowCount
            var facts = chunkFacts
            for (c, p) in pages.enumerated() {
                guard let (index, offsets) = p else { continue }
                let locs = offsets.pageLocations
                while cursor[c] + 1 < locs.count && locs[cursor[c] + 1].firstRowIndex <= start { cursor[c] += 1 }
                var pageFacts = ColumnFacts(page: cursor[c], index: index, column: columns[c])
                pageFacts.mightContain = chunkFacts[c].mightContain
                facts[c] = pageFacts
            }
            guard possibility(facts).mayBeTrue else { continue }
            if let last = kept.last, last.upperBound == start {
                kept[kept.count - 1] = last.lowerBound ..< end
            } else {
                kept.append(start ..< end)
            }
        }
        return kept
    }
}
