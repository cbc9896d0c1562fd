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

/// Emits the row values of projected columns into a `RowWriter`: flat leaves straight from the
/// column batches, nested fields through record assembly.
struct RowGroupRenderer {
    enum Field {
        case leaf(batch: Int, kind: LeafKind)
        case nested(values: [Value])
    }

    let batches: [ColumnBatch]
    let fields: [Field]
    var valueIndex: [Int]

    /// `batches` are the projected leaves of one row group; `topLevel` the top-level schema nodes they fall under.
    init(schema: Schema, batches: [ColumnBatch]) throws {
        self.batches = batches
        valueIndex = Array(repeating: 0, count: batches.count)
        var fields: [Field] = []
        for node in schema.root.children {
            let under = batches.enumerated().filter { $0.element.column.path.first == node.name }
            guard !under.isEmpty else { continue }
            if node.isLeaf, under.count == 1, node.repetition != .repeated {
                fields.append(.leaf(batch: under[0].offset, kind: LeafKind(under[0].element.column)))
            } else {
                let rows = try RecordAssembler.assemble(schema: schema, batches: under.map(\.element))
                fields.append(.nested(values: rows.map { row in
                    if case .struct(let fs) = row, let f = fs.first { return f.value }
                    return .null
                }))
            }
        }
        self.fields = fields
    }

    /// Top-level column names in output order.
    static func columnNames(schema: Schema, leaves: [ColumnDescriptor]) -> [String] {
        schema.root.children.filter { n in leaves.contains { $0.path.first == n.name } }.map(\.name)
    }

    /// Writes rows `range` (all rows of the batches are consumed in order; call with consecutive ranges).
    mutating func render<W: RowWriter & ~Copyable>(rows range: Range<Int>, into w: inout W) throws(ParquetError) {
        for row in range {
            try w.beginRow()
            for f in fields {
                switch f {
                case .nested(let values): ValueEmitter.emit(values[row], into: &w)
                case .leaf(let b, let kind): emitLeaf(b, kind, row: row, into: &w)
                }
            }
            try w.endRow()
        }
    }

    @inline(__always)
    private mutating func emitLeaf<W: RowWriter & ~Copyable>(_ b: Int, _ kind: LeafKind, row: Int, into w: inout W) {
        let batch = batches[b]
        if let d = batch.definitionLevels, Int(d[row]) != batch.column.maxDefinitionLevel {
            w.writeNull()
            return
        }
        let i = valueIndex[b]
        valueIndex[b] = i + 1
        switch (kind, batch.values) {
        case (.alwaysNull, _): w.writeNull()
        case (.boolean, .boolean(let a)): w.writeBool(a[i])
        case (.int32, .int32(let a)): w.writeInt(Int64(a[i]))
        case (.uint32(let bits), .int32(let a)):
            let x = a[i]
            w.writeUInt(bits == 8 ? UInt64(UInt8(truncatingIfNeeded: x)) : bits == 16 ? UInt64(UInt16(truncatingIfNeeded: x)) : UInt64(UInt32(bitPattern: x)))
        case (.date, .int32(let a)): w.writeDate(days: a[i])
        case (.decimal32(let s), .int32(let a)): w.writeDecimal(unscaled: Int64(a[i]), scale: s)
        case (.time32(let u), .int32(let a)): w.writeTime(Int64(a[i]), unit: u)
        case (.int64, .int64(let a)): w.writeInt(a[i])
        case (.uint64, .int64(let a)): w.writeUInt(UInt64(bitPattern: a[i]))
        case (.decimal64(let s), .int64(let a)): w.writeDecimal(unscaled: a[i], scale: s)
        case (.time64(let u), .int64(let a)): w.writeTime(a[i], unit: u)
        case (.timestamp(let u, let utc), .int64(let a)): w.writeTimestamp(a[i], unit: u, isAdjustedToUTC: utc)
        case (.float, .float(let a)): w.writeFloat(a[i])
        case (.double, .double(let a)): w.writeDouble(a[i])
        case (.int96, .int96(let a)):
            let n = a[i].normalizedTimestamp
            w.writeInt96Timestamp(Int96(low: UInt64(bitPattern: n.nanosOfDay), high: UInt32(truncatingIfNeeded: n.julianDay)))
        case (_, .byteArray(let a)):
            a.bytes.withUnsafeBytes { all in
                let v = UnsafeRawBufferPointer(rebasing: all[a.offsets[i] ..< a.offsets[i + 1]])
                Self.emitBytes(kind, v, into: &w)
            }
        case (_, .fixedLenByteArray(let a)):
            a.bytes.withUnsafeBytes { all in
                let v = UnsafeRawBufferPointer(rebasing: all[i * a.width ..< (i + 1) * a.width])
                Self.emitBytes(kind, v, into: &w)
            }
        default: w.writeNull()  // unreachable: kinds are derived from the physical type
        }
    }

    @inline(__always)
    static func emitBytes<W: RowWriter & ~Copyable>(_ kind: LeafKind, _ v: UnsafeRawBufferPointer, into w: inout W) {
        switch kind {
        case .string: w.writeString(v)
        case .decimalBytes(let s): w.writeDecimal(bigEndian: v, scale: s)
        case .uuid: w.writeUUID(v)
        case .interval: w.writeInterval(v)
        case .float16: w.writeFloat16(bits: UInt16(v[0]) | UInt16(v[1]) << 8)
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
