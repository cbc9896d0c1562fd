import Parquet

/// How one flat leaf column's values are handed to a `RowWriter` (decided once per column, not per value).
enum LeafKind {
    case boolean, int32, int64, uint32(bits: Int), uint64, float, double, float16
    case decimal32(scale: Int), decimal64(scale: Int), decimalBytes(scale: Int)
    case string, binary, uuid, interval, date
    case time32(TimeUnit), time64(TimeUnit), timestamp(TimeUnit, utc: Bool), int96, alwaysNull

    static func unit(_ u: Parquet.TimeUnit) -> TimeUnit {
        switch u {
        case .millis: .milliseconds
        case .micros: .microseconds
        case .nanos: .nanoseconds
        }
    }

    init(_ c: ColumnDescriptor) {
        let lt = c.logicalType
        if lt == .null { self = .alwaysNull; return }
        switch c.physicalType {
        case .boolean: self = .boolean
        case .float: self = .float
        case .double: self = .double
        case .int96: self = .int96
        case .int32:
            switch lt {
            case .date: self = .date
            case .decimal(_, let s): self = .decimal32(scale: Int(s))
            case .time(_, let u): self = .time32(Self.unit(u))
            case .integer(let w, false): self = .uint32(bits: Int(w))
            default: self = .int32
            }
        case .int64:
            switch lt {
            case .timestamp(let utc, let u): self = .timestamp(Self.unit(u), utc: utc)
            case .time(_, let u): self = .time64(Self.unit(u))
            case .decimal(_, let s): self = .decimal64(scale: Int(s))
            case .integer(_, false): self = .uint64
            default: self = .int64
            }
        default:
            switch lt {
            case .string, .enum, .json: self = .string
            case .decimal(_, let s): self = .decimalBytes(scale: Int(s))
            case .uuid where c.typeLength == 16: self = .uuid
            case .float16 where c.typeLength == 2: self = .float16
            default:
                self = c.element.convertedType == .interval && c.typeLength == 12 ? .interval : .binary
            }
        }
    }
}

/// One projected top-level field of a row group, seen through raw pointers into its column batch
/// (kept alive and unchanged by the renderer's `batches`), so the row loop touches no reference counts.
struct LeafColumn {
    /// How values are handed to the writer; `.alwaysNull` also for a storage the kind cannot read.
    var kind: LeafKind
    /// Definition levels (one per row), or nil for a required column.
    var levels: UnsafePointer<Int16>?
    var maxDefinitionLevel: Int16
    /// First value of the batch's value array (never dereferenced when the column has no values).
    var values: UnsafeRawPointer
    /// BYTE_ARRAY value offsets (`count + 1` entries), or nil.
    var offsets: UnsafePointer<Int>?
    /// FIXED_LEN_BYTE_ARRAY width (0 for other storages).
    var width: Int
    /// Index into the renderer's nested values, or -1 for a flat leaf.
    var nested: Int
    /// Rows the batch holds (levels or values).
    var rows: Int
}

/// Emits the row values of projected columns into a `RowWriter`: flat leaves straight from the
/// column batches through raw pointers, nested fields through record assembly.
struct RowGroupRenderer: @unchecked Sendable {
    // @unchecked Sendable: the pointers in `columns` point into `batches`' arrays, which are immutable
    // (`let`) and kept alive by this value; slices rendered on other threads only read them.

    let batches: [ColumnBatch]
    /// One entry per output field, in output order.
    let columns: [LeafColumn]
    /// Assembled values of the nested fields (indexed by `LeafColumn.nested`).
    let nestedValues: [[Value]]
    /// Next value index of each field (values of rows before the next `render` call).
    var valueIndex: [Int]

    /// `batches` are the projected leaves of one row group; `topLevel` the top-level schema nodes they fall under.
    init(schema: Schema, batches: [ColumnBatch]) throws(ParquetError) {
        self.batches = batches
        var columns: [LeafColumn] = []
        var nestedValues: [[Value]] = []
        for node in schema.root.children {
            let under = batches.enumerated().filter { $0.element.column.path.first == node.name }
            guard !under.isEmpty else { continue }
            if node.isLeaf, under.count == 1, node.repetition != .repeated {
                columns.append(try Self.leafColumn(under[0].element))
            } else {
                let rows: [Value]
                do { rows = try RecordAssembler.assemble(schema: schema, batches: under.map(\.element)) } catch {
                    throw (error as? ParquetError) ?? ParquetError(.corrupt, "\(error)")
                }
                columns.append(LeafColumn(kind: .alwaysNull, levels: nil, maxDefinitionLevel: 0, values: Self.noValues,
                                          offsets: nil, width: 0, nested: nestedValues.count, rows: rows.count))
                nestedValues.append(rows.map { row in
                    if case .struct(let fs) = row, let f = fs.first { return f.value }
                    return .null
                })
            }
        }
        self.columns = columns
        self.nestedValues = nestedValues
        valueIndex = Array(repeating: 0, count: columns.count)
    }

    /// Where an empty value array points (never read).
    static var noValues: UnsafeRawPointer { UnsafeRawPointer(bitPattern: 0x10)! }

    /// The base address of an array's storage, valid while the array is alive and not mutated.
    static func base<T>(_ array: [T]) -> UnsafeRawPointer {
        array.withUnsafeBytes { $0.baseAddress } ?? noValues
    }

    /// Checks a flat batch once (levels, value count, offsets) and takes its raw pointers.
    static func leafColumn(_ batch: ColumnBatch) throws(ParquetError) -> LeafColumn {
        let name = batch.column.dottedPath
        var kind = LeafKind(batch.column)
        let rows = batch.definitionLevels?.count ?? batch.values.count
        let maxDef = Int16(clamping: batch.column.maxDefinitionLevel)
        var defined = rows
        if let d = batch.definitionLevels {
            defined = d.withUnsafeBufferPointer { Self.countDefined($0, maxDef) }
        }
        guard batch.values.count >= defined else {
            throw ParquetError(.corrupt, "column \(name): \(batch.values.count) values for \(defined) non-null rows")
        }
        var values = noValues
        var offsets: UnsafePointer<Int>?
        var width = 0
        switch batch.values {
        case .boolean(let a): values = base(a)
        case .int32(let a): values = base(a)
        case .int64(let a): values = base(a)
        case .int96(let a): values = base(a)
        case .float(let a): values = base(a)
        case .double(let a): values = base(a)
        case .byteArray(let a):
            let valid = a.offsets.withUnsafeBufferPointer { o in
                guard o.count >= 1, o[0] == 0, o[o.count - 1] <= a.bytes.count else { return false }
                var previous = 0
                for x in o { if x < previous { return false }; previous = x }
                return true
            }
            guard valid else { throw ParquetError(.corrupt, "column \(name): byte array offsets out of order") }
            values = base(a.bytes)
            offsets = base(a.offsets).assumingMemoryBound(to: Int.self)
        case .fixedLenByteArray(let a):
            guard a.width >= 0, a.width.multipliedReportingOverflow(by: a.count).partialValue <= a.bytes.count else {
                throw ParquetError(.corrupt, "column \(name): fixed-length values exceed their buffer")
            }
            values = base(a.bytes)
            width = a.width
        }
        // A kind that does not match the storage (unreachable: kinds come from the physical type) is
        // null, or binary for byte storage, as before.
        switch (kind, batch.values) {
        case (.alwaysNull, _), (.boolean, .boolean), (.int32, .int32), (.uint32, .int32), (.date, .int32),
             (.decimal32, .int32), (.time32, .int32), (.int64, .int64), (.uint64, .int64), (.decimal64, .int64),
             (.time64, .int64), (.timestamp, .int64), (.float, .float), (.double, .double), (.int96, .int96),
             (.string, .byteArray), (.binary, .byteArray), (.uuid, .byteArray), (.interval, .byteArray),
             (.decimalBytes, .byteArray), (.float16, .byteArray),
             (.string, .fixedLenByteArray), (.binary, .fixedLenByteArray), (.uuid, .fixedLenByteArray),
             (.interval, .fixedLenByteArray), (.decimalBytes, .fixedLenByteArray), (.float16, .fixedLenByteArray):
            break
        case (_, .byteArray), (_, .fixedLenByteArray): kind = .binary
        default: kind = .alwaysNull
        }
        let levels = batch.definitionLevels.map { base($0).assumingMemoryBound(to: Int16.self) }
        return LeafColumn(kind: kind, levels: levels, maxDefinitionLevel: maxDef, values: values, offsets: offsets,
                          width: width, nested: -1, rows: rows)
    }

    /// Number of levels equal to `maxDef`.
    static func countDefined(_ levels: UnsafeBufferPointer<Int16>, _ maxDef: Int16) -> Int {
        var n = 0
        for l in levels where l == maxDef { n &+= 1 }  // ≤ levels.count
        return n
    }

    /// Top-level column names in output order.
    static func columnNames(schema: Schema, leaves: [ColumnDescriptor]) -> [String] {
        schema.root.children.filter { n in leaves.contains { $0.path.first == n.name } }.map(\.name)
    }

    /// Throws unless every field has rows `range`.
    func check(_ range: Range<Int>) throws(ParquetError) {
        for c in columns where range.lowerBound < 0 || range.upperBound > c.rows {
            throw ParquetError(.corrupt, "row group has \(c.rows) rows in a column, \(range.upperBound) expected")
        }
    }

    /// Value index of every field at each of `rows` (ascending, ≥ `from`), given the indices at `from`;
    /// entry `k * columns.count + f` is field `f` at `rows[k]`.
    func valueIndices(from: Int, _ start: [Int], at rows: [Int]) -> [Int] {
        var out = [Int](repeating: 0, count: rows.count * columns.count)
        for (f, c) in columns.enumerated() {
            var index = start[f]
            var row = from
            for (k, target) in rows.enumerated() {
                if let levels = c.levels {
                    while row < target {
                        if levels[row] == c.maxDefinitionLevel { index &+= 1 }  // ≤ rows of the batch
                        row &+= 1
                    }
                } else {
                    index &+= target &- row
                    row = target
                }
                out[k * columns.count + f] = index
            }
        }
        return out
    }

    /// Writes rows `range` (all rows of the batches are consumed in order; call with consecutive ranges).
    mutating func render<W: RowWriter & ~Copyable>(rows range: Range<Int>, into w: inout W) throws(ParquetError) {
        try check(range)
        let end = valueIndices(from: range.lowerBound, valueIndex, at: [range.upperBound])
        var next = valueIndex
        try next.withUnsafeMutableBufferPointer { next throws(ParquetError) in
            try renderSlice(rows: range, next: next.baseAddress!, into: &w)
        }
        valueIndex = end
    }

    /// Writes rows `range` whose first values are at `next` (one index per field, advanced as values are
    /// consumed). The range must have passed ``check(_:)``.
    func renderSlice<W: RowWriter & ~Copyable>(
        rows range: Range<Int>, next: UnsafeMutablePointer<Int>, into w: inout W
    ) throws(ParquetError) {
        try columns.withUnsafeBufferPointer { (cols) throws(ParquetError) in
            let count = cols.count
            let fields = cols.baseAddress!
            for row in range {
                try w.beginRow()
                for f in 0 ..< count {
                    let c = fields + f
                    if c.pointee.nested >= 0 {
                        ValueEmitter.emit(nestedValues[c.pointee.nested][row], into: &w)
                        continue
                    }
                    if let levels = c.pointee.levels, levels[row] != c.pointee.maxDefinitionLevel {
                        w.writeNull()
                        continue
                    }
                    let i = next[f]
                    next[f] = i &+ 1  // < values.count, checked by leafColumn
                    Self.emitLeaf(c, i, into: &w)
                }
                try w.endRow()
            }
        }
    }

    @inline(__always)
    static func emitLeaf<W: RowWriter & ~Copyable>(_ c: UnsafePointer<LeafColumn>, _ i: Int, into w: inout W) {
        let v = c.pointee.values
        switch c.pointee.kind {
        case .alwaysNull: w.writeNull()
        case .boolean: w.writeBool(v.load(fromByteOffset: i, as: Bool.self))
        case .int32: w.writeInt(Int64(v.load(fromByteOffset: i &* 4, as: Int32.self)))
        case .uint32(let bits):
            let x = v.load(fromByteOffset: i &* 4, as: Int32.self)
            w.writeUInt(bits == 8 ? UInt64(UInt8(truncatingIfNeeded: x)) : bits == 16 ? UInt64(UInt16(truncatingIfNeeded: x)) : UInt64(UInt32(bitPattern: x)))
        case .date: w.writeDate(days: v.load(fromByteOffset: i &* 4, as: Int32.self))
        case .decimal32(let s): w.writeDecimal(unscaled: Int64(v.load(fromByteOffset: i &* 4, as: Int32.self)), scale: s)
        case .time32(let u): w.writeTime(Int64(v.load(fromByteOffset: i &* 4, as: Int32.self)), unit: u)
        case .int64: w.writeInt(v.load(fromByteOffset: i &* 8, as: Int64.self))
        case .uint64: w.writeUInt(UInt64(bitPattern: v.load(fromByteOffset: i &* 8, as: Int64.self)))
        case .decimal64(let s): w.writeDecimal(unscaled: v.load(fromByteOffset: i &* 8, as: Int64.self), scale: s)
        case .time64(let u): w.writeTime(v.load(fromByteOffset: i &* 8, as: Int64.self), unit: u)
        case .timestamp(let u, let utc):
            w.writeTimestamp(v.load(fromByteOffset: i &* 8, as: Int64.self), unit: u, isAdjustedToUTC: utc)
        case .float: w.writeFloat(v.load(fromByteOffset: i &* 4, as: Float.self))
        case .double: w.writeDouble(v.load(fromByteOffset: i &* 8, as: Double.self))
        case .int96:
            let n = v.assumingMemoryBound(to: Int96.self)[i].normalizedTimestamp
            w.writeInt96Timestamp(Int96(low: UInt64(bitPattern: n.nanosOfDay), high: UInt32(truncatingIfNeeded: n.julianDay)))
        default:
            let bytes: UnsafeRawBufferPointer
            if let o = c.pointee.offsets {
                bytes = UnsafeRawBufferPointer(start: v + o[i], count: o[i &+ 1] &- o[i])  // checked by leafColumn
            } else {
                let width = c.pointee.width
                bytes = UnsafeRawBufferPointer(start: v + i &* width, count: width)
            }
            emitBytes(c.pointee.kind, bytes, into: &w)
        }
    }

    @inline(__always)
    static func emitBytes<W: RowWriter & ~Copyable>(_ kind: LeafKind, _ v: UnsafeRawBufferPointer, into w: inout W) {
        switch kind {
        case .string: w.writeString(v)
        case .decimalBytes(let s): w.writeDecimal(bigEndian: v, scale: s)
        case .uuid: w.writeUUID(v)
        case .interval: w.writeInterval(v)
        case .float16 where v.count >= 2: w.writeFloat16(bits: UInt16(v[0]) | UInt16(v[1]) << 8)
        default: w.writeBinary(v)
        }
    }
}

/// Streams a `Value` (nested or not) into a `RowWriter`.
enum ValueEmitter {
    static func emit<W: RowWriter & ~Copyable>(_ v: Value, into w: inout W) {
        switch v {
        case .null: w.writeNull()
        case .boolean(let b): w.writeBool(b)
        case .int32(let x): w.writeInt(Int64(x))
        case .int64(let x): w.writeInt(x)
        case .uint32(let x): w.writeUInt(UInt64(x))
        case .uint64(let x): w.writeUInt(x)
        case .float(let x): w.writeFloat(x)
        case .double(let x): w.writeDouble(x)
        case .float16(let x): w.writeFloat16(bits: x)
        case .decimal(let u, _, let s): u.withUnsafeBytes { w.writeDecimal(bigEndian: $0, scale: s) }
        case .string(let b): b.withUnsafeBytes { w.writeString($0) }
        case .bytes(let b): b.withUnsafeBytes { w.writeBinary($0) }
        case .uuid(let b): b.withUnsafeBytes { w.writeUUID($0) }
        case .date(let d): w.writeDate(days: d)
        case .time(let x, let u, _): w.writeTime(x, unit: LeafKind.unit(u))
        case .timestamp(let x, let u, let utc): w.writeTimestamp(x, unit: LeafKind.unit(u), isAdjustedToUTC: utc)
        case .int96Timestamp(let jd, let n):
            w.writeInt96Timestamp(Int96(low: UInt64(bitPattern: n), high: UInt32(truncatingIfNeeded: jd)))
        case .interval(let m, let d, let ms):
            var bytes = [UInt8](repeating: 0, count: 12)
            for (k, x) in [m, d, ms].enumerated() {
                for j in 0 ..< 4 { bytes[k * 4 + j] = UInt8(truncatingIfNeeded: x >> (8 * UInt32(j))) }
            }
            bytes.withUnsafeBytes { w.writeInterval($0) }
        case .list(let items):
            w.beginList()
            for e in items { emit(e, into: &w) }
            w.endList()
        case .struct(let fields):
            w.beginStruct()
            for f in fields {
                Array(f.name.utf8).withUnsafeBytes { w.writeKey(utf8: $0) }
                emit(f.value, into: &w)
            }
            w.endStruct()
        case .map(let entries, let keysAreStrings):
            let stringKeys = keysAreStrings && entries.allSatisfy { if case .string = $0.key { true } else { false } }
            if stringKeys {
                w.beginStruct()
                for e in entries {
                    if case .string(let k) = e.key { k.withUnsafeBytes { w.writeKey(utf8: $0) } }
                    emit(e.value, into: &w)
                }
                w.endStruct()
            } else {
                w.beginList()
                for e in entries {
                    w.beginStruct()
                    Array("key".utf8).withUnsafeBytes { w.writeKey(utf8: $0) }
                    emit(e.key, into: &w)
                    Array("value".utf8).withUnsafeBytes { w.writeKey(utf8: $0) }
                    emit(e.value, into: &w)
                    w.endStruct()
                }
                w.endList()
            }
        }
    }
}
