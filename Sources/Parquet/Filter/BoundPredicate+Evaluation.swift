/// Kleene (three-valued) truth of a predicate on each row of a batch: two byte masks, 1 where the row is
/// definitely true / definitely false; rows with 0 in both are unknown (a null took part).
struct TruthMask {
    var isTrue: [UInt8]
    var isFalse: [UInt8]

    /// AND: true when both are true, false when either is false.
    static func and(_ a: TruthMask, _ b: TruthMask) -> TruthMask {
        TruthMask(isTrue: zip(a.isTrue, b.isTrue, &), isFalse: zip(a.isFalse, b.isFalse, |))
    }

    /// OR: true when either is true, false when both are false.
    static func or(_ a: TruthMask, _ b: TruthMask) -> TruthMask {
        TruthMask(isTrue: zip(a.isTrue, b.isTrue, |), isFalse: zip(a.isFalse, b.isFalse, &))
    }

    /// Element-wise combination of two equally long masks (vectorizes).
    @inline(__always)
    static func zip(_ a: [UInt8], _ b: [UInt8], _ op: (UInt8, UInt8) -> UInt8) -> [UInt8] {
        let n = a.count
        return [UInt8](unsafeUninitializedCapacity: n) { out, count in
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    for i in 0 ..< n { out[i] = op(pa[i], pb[i]) }
                }
            }
            count = n
        }
    }
}

extension BoundPredicate {
    /// Selected rows of a batch set: `batches[i]` holds `columns[i]` for the same `rowCount` rows. The
    /// result has one byte per row, 1 where the predicate is true (false and unknown rows are 0).
    func evaluate(_ batches: [ColumnBatch], rowCount: Int) throws -> [UInt8] {
        guard batches.count == columns.count else {
            throw ParquetError(.invalidArgument, "filter evaluation got \(batches.count) column batches for \(columns.count) columns")
        }
        for b in batches where b.rowCount != rowCount || b.levelCount != rowCount {
            throw ParquetError(.corrupt, "column '\(b.column.dottedPath)' has \(b.rowCount) rows where \(rowCount) were expected",
                               columnPath: b.column.dottedPath)
        }
        return try evaluate(root, batches, rowCount).isTrue
    }

    private func evaluate(_ node: Node, _ batches: [ColumnBatch], _ n: Int) throws -> TruthMask {
        switch node {
        case .leaf(let i): return try Self.evaluate(leaves[i].test, batches[leaves[i].column], n)
        case .and(let a, let b): return TruthMask.and(try evaluate(a, batches, n), try evaluate(b, batches, n))
        case .or(let a, let b): return TruthMask.or(try evaluate(a, batches, n), try evaluate(b, batches, n))
        case .not(let a):
            let m = try evaluate(a, batches, n)
            return TruthMask(isTrue: m.isFalse, isFalse: m.isTrue)
        }
    }

    /// One leaf over one (flat) column batch.
    static func evaluate(_ test: LeafTest, _ batch: ColumnBatch, _ n: Int) throws -> TruthMask {
        let valid: [UInt8]?
        if let defs = batch.definitionLevels {
            let maxDef = Int16(batch.column.maxDefinitionLevel)
            valid = defs.withUnsafeBufferPointer { d in
                [UInt8](unsafeUninitializedCapacity: n) { out, count in
                    for i in 0 ..< n { out[i] = d[i] == maxDef ? 1 : 0 }
                    count = n
                }
            }
        } else {
            valid = nil
        }
        switch test {
        case .isNull, .isNotNull:
            let present = valid ?? [UInt8](repeating: 1, count: n)
            let absent = present.map { $0 ^ 1 }
            return test.isNullTest ? TruthMask(isTrue: absent, isFalse: present) : TruthMask(isTrue: present, isFalse: absent)
        default: break
        }
        let hits = try denseHits(test, batch.values)
        guard let valid else {
            return TruthMask(isTrue: hits, isFalse: hits.map { $0 ^ 1 })
        }
        guard hits.count == valid.reduce(0, { $0 + Int($1) }) else {
            throw ParquetError(.corrupt, "column has \(hits.count) values for its non-null rows", columnPath: batch.column.dottedPath)
        }
        // Scatter the per-value answers to the rows holding a value.
        var t = [UInt8](repeating: 0, count: n)
        var f = [UInt8](repeating: 0, count: n)
        hits.withUnsafeBufferPointer { h in
            valid.withUnsafeBufferPointer { v in
                t.withUnsafeMutableBufferPointer { pt in
                    f.withUnsafeMutableBufferPointer { pf in
                        var k = 0
                        for i in 0 ..< n where v[i] != 0 {
                            pt[i] = h[k]
                            pf[i] = h[k] ^ 1
                            k += 1  // k < hits.count: checked above
                        }
                    }
                }
            }
        }
        return TruthMask(isTrue: t, isFalse: f)
    }

    /// The test on each non-null value (1 = true), in value order.
    static func denseHits(_ test: LeafTest, _ values: ColumnValues) throws -> [UInt8] {
        switch test {
        case .isNull, .isNotNull: return []
        case .constant(let b): return [UInt8](repeating: b ? 1 : 0, count: values.count)
        case .isNaN(let negated):
            switch values {
            case .float(let a): return fill(a) { $0.isNaN != negated }
            case .double(let a): return fill(a) { $0.isNaN != negated }
            default: return [UInt8](repeating: negated ? 1 : 0, count: values.count)
            }
        case .compare(let op, let key):
            switch (values, key) {
            case (.boolean(let a), .boolean(let k)): return compare(a, op, UInt8(k ? 1 : 0)) { $0 ? UInt8(1) : 0 }
            case (.int32(let a), .int32(let k)): return compare(a, op, k) { $0 }
            case (.int32(let a), .uint32(let k)): return compare(a, op, k) { UInt32(bitPattern: $0) }
            case (.int64(let a), .int64(let k)): return compare(a, op, k) { $0 }
            case (.int64(let a), .uint64(let k)): return compare(a, op, k) { UInt64(bitPattern: $0) }
            case (.float(let a), .float(let k)): return compare(a, op, k) { $0 }
            case (.double(let a), .double(let k)): return compare(a, op, k) { $0 }
            case (.byteArray(let a), .bytes(let k)): return compareBytes(a, op, k, decimal: false)
            case (.byteArray(let a), .decimal(let k)): return compareBytes(a, op, k, decimal: true)
            case (.fixedLenByteArray(let a), .bytes(let k)): return compareFixed(a, op, k, decimal: false)
            case (.fixedLenByteArray(let a), .decimal(let k)): return compareFixed(a, op, k, decimal: true)
            default: throw ParquetError(.corrupt, "column values do not have the type the filter was bound to")
            }
        case .isIn(let keys):
            var out = [UInt8](repeating: 0, count: values.count)
            for k in keys {
                let h = try denseHits(.compare(.equal, k), values)
                out = TruthMask.zip(out, h, |)
            }
            return out
        }
    }

    @inline(__always)
    static func fill<T>(_ a: [T], _ body: (T) -> Bool) -> [UInt8] {
        let n = a.count
        return [UInt8](unsafeUninitializedCapacity: n) { out, count in
            a.withUnsafeBufferPointer { src in
                for i in 0 ..< n { out[i] = body(src[i]) ? 1 : 0 }
            }
            count = n
        }
    }

    /// `value op key` for ordered values. `>`, `>=` and `!=` are written as negations of `<=`, `<`, `==`,
    /// so a NaN value (which fails every IEEE comparison) counts as greater than and unequal to any key.
    @inline(__always)
    static func compare<T, K: Comparable>(_ a: [T], _ op: Predicate.ComparisonOperator, _ k: K, _ map: (T) -> K) -> [UInt8] {
        switch op {
        case .equal: fill(a) { map($0) == k }
        case .notEqual: fill(a) { !(map($0) == k) }
        case .less: fill(a) { map($0) < k }
        case .lessOrEqual: fill(a) { map($0) <= k }
        case .greater: fill(a) { !(map($0) <= k) }
        case .greaterOrEqual: fill(a) { !(map($0) < k) }
        }
    }

    @inline(__always)
    static func holds(_ op: Predicate.ComparisonOperator, _ c: Int) -> Bool {
        switch op {
        case .equal: c == 0
        case .notEqual: c != 0
        case .less: c < 0
        case .lessOrEqual: c <= 0
        case .greater: c > 0
        case .greaterOrEqual: c >= 0
        }
    }

    static func compareBytes(_ a: ByteArrayBuffer, _ op: Predicate.ComparisonOperator, _ key: [UInt8], decimal: Bool) -> [UInt8] {
        let n = a.count
        return [UInt8](unsafeUninitializedCapacity: n) { out, count in
            a.bytes.withUnsafeBytes { bytes in
                a.offsets.withUnsafeBufferPointer { offs in
                    key.withUnsafeBytes { k in
                        for i in 0 ..< n {
                            let v = UnsafeRawBufferPointer(rebasing: bytes[offs[i] ..< offs[i + 1]])
                            let c = decimal ? StatisticsOrder.compareDecimal(v, k) : StatisticsOrder.compareBytes(v, k)
                            out[i] = holds(op, c) ? 1 : 0
                        }
                    }
                }
            }
            count = n
        }
    }

    static func compareFixed(_ a: FixedLenByteArrayBuffer, _ op: Predicate.ComparisonOperator, _ key: [UInt8], decimal: Bool) -> [UInt8] {
        let n = a.count, w = a.width
        return [UInt8](unsafeUninitializedCapacity: n) { out, count in
            a.bytes.withUnsafeBytes { bytes in
                key.withUnsafeBytes { k in
                    for i in 0 ..< n {
                        let v = UnsafeRawBufferPointer(rebasing: bytes[i * w ..< (i + 1) * w])
                        let c = decimal ? StatisticsOrder.compareDecimal(v, k) : StatisticsOrder.compareBytes(v, k)
                        out[i] = holds(op, c) ? 1 : 0
                    }
                }
            }
            count = n
        }
    }
}

extension LeafTest {
    var isNullTest: Bool { if case .isNull = self { true } else { false } }
}
