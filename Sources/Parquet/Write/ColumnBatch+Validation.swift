extension ColumnBatch {
    /// Checks that the batch is a well-formed run of whole records of `column`: the value case and
    /// width match the physical type, level arrays are present exactly when needed with `levelCount`
    /// entries in range, the non-null slots match the value count, records start at repetition level 0
    /// and a repeated level never exceeds what its definition level allows. Byte-array offsets must be
    /// monotonic and inside the bytes.
    func validate(against column: ColumnDescriptor) throws {
        func fail(_ message: String) -> ParquetError {
            ParquetError(.invalidArgument, message, columnPath: column.dottedPath)
        }
        guard self.column.path == column.path, self.column.physicalType == column.physicalType,
              self.column.maxDefinitionLevel == column.maxDefinitionLevel,
              self.column.maxRepetitionLevel == column.maxRepetitionLevel else {
            throw fail("the batch belongs to column \(self.column.dottedPath) (\(self.column.physicalType)), not to this one")
        }
        try validateValues(column, fail)
        guard levelCount >= 0, rowCount >= 0 else { throw fail("negative level or row count") }
        let maxDef = column.maxDefinitionLevel, maxRep = column.maxRepetitionLevel
        var nonNull = levelCount
        if maxDef > 0 {
            guard let defs = definitionLevels, defs.count == levelCount else {
                throw fail("the column needs \(levelCount) definition levels, the batch has \(definitionLevels?.count ?? 0)")
            }
            let m = Int16(maxDef)
            // Branch-free count and range, so the loop vectorizes.
            var lowest: Int16 = 0, highest: Int16 = 0
            nonNull = defs.withUnsafeBufferPointer { d in
                var n = 0
                for x in d {
                    n &+= x == m ? 1 : 0  // at most d.count: cannot overflow
                    lowest = Swift.min(lowest, x)
                    highest = Swift.max(highest, x)
                }
                return n
            }
            if lowest < 0 || highest > m { throw fail("a definition level lies outside 0...\(maxDef)") }
        } else if definitionLevels != nil && definitionLevels!.count != levelCount {
            throw fail("definition levels given for a required column do not match the level count")
        }
        guard nonNull == values.count else {
            throw fail("\(values.count) values for \(nonNull) non-null slots")
        }
        if maxRep > 0 {
            guard let reps = repetitionLevels, reps.count == levelCount else {
                throw fail("the column needs \(levelCount) repetition levels, the batch has \(repetitionLevels?.count ?? 0)")
            }
            guard levelCount == 0 || reps[0] == 0 else { throw fail("the batch does not start at a record (repetition level 0)") }
            let ancestors = column.repeatedAncestorDefinitionLevels
            let defs = definitionLevels ?? []
            var records = 0
            for i in 0 ..< levelCount {
                let r = Int(reps[i])
                guard r >= 0, r <= maxRep else { throw fail("a repetition level lies outside 0...\(maxRep)") }
                if r == 0 {
                    records += 1
                } else if r - 1 < ancestors.count, !defs.isEmpty, Int(defs[i]) < ancestors[r - 1] {
                    throw fail("repetition level \(r) at slot \(i) repeats a list its definition level \(defs[i]) says is absent")
                }
            }
            guard records == rowCount else { throw fail("the levels hold \(records) records, rowCount says \(rowCount)") }
        } else {
            guard levelCount == rowCount else { throw fail("a flat column needs one level per row (\(levelCount) levels, \(rowCount) rows)") }
        }
    }

    private func validateValues(_ column: ColumnDescriptor, _ fail: (String) -> ParquetError) throws {
        let ok: Bool
        switch (values, column.physicalType) {
        case (.boolean, .boolean), (.int32, .int32), (.int64, .int64), (.int96, .int96), (.float, .float), (.double, .double):
            ok = true
        case (.byteArray(let b), .byteArray):
            let offsets = b.offsets
            guard let first = offsets.first, first == 0, offsets.last! <= b.bytes.count else {
                throw fail("byte array offsets do not start at 0 or run past the bytes")
            }
            var monotonic = true
            var tooLong = false
            offsets.withUnsafeBufferPointer { o in
                for i in 1 ..< o.count {
                    let length = o[i] - o[i - 1]
                    if length < 0 { monotonic = false }
                    if length > Int(Int32.max) { tooLong = true }
                }
            }
            guard monotonic else { throw fail("byte array offsets decrease") }
            guard !tooLong else { throw fail("a byte array value is longer than 2^31 - 1 bytes") }
            ok = true
        case (.fixedLenByteArray(let f), .fixedLenByteArray):
            guard f.width == column.typeLength else {
                throw fail("fixed-length values of \(f.width) bytes for a column of \(column.typeLength)")
            }
            guard f.width == 0 || f.bytes.count % f.width == 0 else { throw fail("fixed-length bytes are not a multiple of the width") }
            ok = true
        default:
            ok = false
        }
        guard ok else { throw fail("values of the wrong physical type for \(column.physicalType)") }
    }

    /// Level and value positions just after `rows` more records from (`level`, `value`).
    func advance(rows: Int, fromLevel level: Int, value: Int) -> (level: Int, value: Int) {
        var end = level
        if column.maxRepetitionLevel == 0 {
            end = level + rows
        } else {
            repetitionLevels!.withUnsafeBufferPointer { reps in
                var seen = 0
                while end < levelCount {
                    if reps[end] == 0 {
                        if seen == rows { break }
                        seen += 1
                    }
                    end += 1
                }
            }
        }
        guard column.maxDefinitionLevel > 0 else { return (end, value + end - level) }
        let m = Int16(column.maxDefinitionLevel)
        let n = definitionLevels!.withUnsafeBufferPointer { d in
            var n = 0
            for i in level ..< end where d[i] == m { n += 1 }
            return n
        }
        return (end, value + n)
    }
}
