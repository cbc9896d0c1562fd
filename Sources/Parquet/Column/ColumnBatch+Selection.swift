extension ColumnBatch {
    /// The records at `rows` (strictly increasing indices below `rowCount`), in order: values, definition
    /// and repetition levels of each kept record are copied, a nested record as a whole (from its
    /// repetition level 0 to the next).
    public func selecting(rows: [Int]) throws -> ColumnBatch {
        var previous = -1
        for r in rows {
            guard r > previous, r < rowCount else {
                throw ParquetError(.invalidArgument, "row selection must be strictly increasing and below \(rowCount) (got \(r) after \(previous))")
            }
            previous = r
        }
        if rows.count == rowCount { return self }
        // Which value indices and level slots survive.
        var valueIndices: [Int] = []
        var slots: [Int]? = nil
        let maxDef = Int16(column.maxDefinitionLevel)
        if let reps = repetitionLevels {
            let defs = definitionLevels
            var kept: [Int] = []
            kept.reserveCapacity(rows.count)
            var record = -1, next = 0, value = 0
            var keep = false
            for s in 0 ..< levelCount {
                if reps[s] == 0 {
                    record += 1
                    keep = next < rows.count && rows[next] == record
                    if keep { next += 1 }
                }
                let isValue = defs.map { $0[s] == maxDef } ?? true
                if keep {
                    kept.append(s)
                    if isValue { valueIndices.append(value) }
                }
                if isValue { value += 1 }
            }
            slots = kept
        } else if let defs = definitionLevels {
            valueIndices.reserveCapacity(rows.count)
            var value = 0, next = 0
            for r in 0 ..< levelCount where next < rows.count {
                let isValue = defs[r] == maxDef
                if rows[next] == r {
                    if isValue { valueIndices.append(value) }
                    next += 1
                }
                if isValue { value += 1 }
            }
        } else {
            valueIndices = rows
        }
        let levelSlots = slots ?? rows
        return ColumnBatch(
            column: column, values: values.gathering(valueIndices),
            definitionLevels: definitionLevels.map { d in levelSlots.map { d[$0] } },
            repetitionLevels: repetitionLevels.map { r in levelSlots.map { r[$0] } },
            levelCount: levelSlots.count, rowCount: rows.count)
    }

    /// The records in `ranges` (sorted, disjoint, within `0 ..< rowCount`).
    public func selecting(ranges: [Range<Int>]) throws -> ColumnBatch {
        var rows: [Int] = []
        rows.reserveCapacity(ranges.reduce(0) { $0 + $1.count })
        for r in ranges { rows.append(contentsOf: r) }
        return try selecting(rows: rows)
    }
}

extension ColumnValues {
    /// The values at `indices` (each below `count`), in that order.
    func gathering(_ indices: [Int]) -> ColumnValues {
        @inline(__always) func take<T>(_ a: [T]) -> [T] {
            [T](unsafeUninitializedCapacity: indices.count) { out, n in
                a.withUnsafeBufferPointer { src in
                    for (j, i) in indices.enumerated() { out.initializeElement(at: j, to: src[i]) }
                }
                n = indices.count
            }
        }
        switch self {
        case .boolean(let a): return .boolean(take(a))
        case .int32(let a): return .int32(take(a))
        case .int64(let a): return .int64(take(a))
        case .int96(let a): return .int96(take(a))
        case .float(let a): return .float(take(a))
        case .double(let a): return .double(take(a))
        case .byteArray(let a):
            var out = ByteArrayBuffer()
            var total = 0
            for i in indices { total += a.offsets[i + 1] - a.offsets[i] }
            out.reserve(values: indices.count, bytes: total)
            a.bytes.withUnsafeBytes { b in
                for i in indices { out.append(UnsafeRawBufferPointer(rebasing: b[a.offsets[i] ..< a.offsets[i + 1]])) }
            }
            return .byteArray(out)
        case .fixedLenByteArray(let a):
            var out = FixedLenByteArrayBuffer(width: a.width)
            out.bytes.reserveCapacity(indices.count * a.width)
            for i in indices { out.bytes.append(contentsOf: a.bytes[i * a.width ..< (i + 1) * a.width]) }
            return .fixedLenByteArray(out)
        }
    }
}
