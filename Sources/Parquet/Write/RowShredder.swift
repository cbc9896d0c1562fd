// Dremel shredding: the inverse of `RecordAssembler`. A row (`Value.struct` of the top-level fields)
// is split into one (definition level, repetition level, value) slot sequence per leaf column. A node
// at definition level D is present when its slots carry a level >= D; a repeated node's later
// elements start with its own repetition level.

/// Turns rows of `Value`s into the column batches a `ParquetWriter` writes.
///
/// Rows have the shape `RecordAssembler` (and `ParquetFile.readRows`) produces: a `.struct` whose
/// fields are matched to the schema's top-level fields by name (a missing field is null); LIST fields
/// take `.list`, MAP fields `.map` (or `.list` of keys for a map without values), groups `.struct`,
/// unannotated repeated fields `.list` of their elements; leaves take the value kinds the reader
/// gives for their type (see `PhysicalValue`). A row that does not fit throws `invalidArgument`
/// naming the column path and the row, and leaves the shredder as it was before that row.
public struct RowShredder {
    public let schema: Schema
    private let fields: [Node]
    private var leaves: [Leaf]
    /// Rows appended since the last `makeBatches()`.
    public private(set) var rowCount = 0

    /// A schema node with its levels.
    final class Node {
        let schema: SchemaNode
        let definitionLevel: Int
        let repetitionLevel: Int
        let children: [Node]
        /// `Schema.columns` indices of the leaves under this node.
        let leafRange: Range<Int>
        /// Child positions by name.
        let childIndex: [String: Int]

        init(schema: SchemaNode, definitionLevel: Int, repetitionLevel: Int, children: [Node], leafRange: Range<Int>) {
            self.schema = schema
            self.definitionLevel = definitionLevel
            self.repetitionLevel = repetitionLevel
            self.children = children
            self.leafRange = leafRange
            var index: [String: Int] = [:]
            for (i, c) in children.enumerated() where index[c.schema.name] == nil { index[c.schema.name] = i }
            childIndex = index
        }

        var path: String { schema.path.joined(separator: ".") }
    }

    /// Slots of one leaf column.
    struct Leaf {
        let column: ColumnDescriptor
        var definitionLevels: [Int16] = []
        var repetitionLevels: [Int16] = []
        var values: PageValueBuffer

        init(column: ColumnDescriptor) {
            self.column = column
            values = PageValueBuffer(type: column.physicalType, width: column.typeLength)
        }

        /// Drops slots and values beyond the given counts (undoing a failed row).
        mutating func truncate(slots: Int, values count: Int) {
            definitionLevels.removeSubrange(slots...)
            repetitionLevels.removeSubrange(slots...)
            values.truncate(to: count)
        }

        /// The slots as a batch of `rows` records; the leaf is emptied.
        mutating func takeBatch(rows: Int) -> ColumnBatch {
            let batch = ColumnBatch(column: column, values: values.values,
                                    definitionLevels: column.maxDefinitionLevel > 0 ? definitionLevels : nil,
                                    repetitionLevels: column.maxRepetitionLevel > 0 ? repetitionLevels : nil,
                                    levelCount: definitionLevels.count, rowCount: rows)
            self = Leaf(column: column)
            return batch
        }
    }

    public init(schema: Schema) {
        self.schema = schema
        func build(_ s: SchemaNode, def: Int, rep: Int, firstLeaf: inout Int) -> Node {
            var d = def, r = rep
            switch s.repetition {
            case .optional: d += 1
            case .repeated: d += 1; r += 1
            default: break
            }
            let start = firstLeaf
            var children: [Node] = []
            if s.isLeaf {
                firstLeaf += 1
            } else {
                children = s.children.map { build($0, def: d, rep: r, firstLeaf: &firstLeaf) }
            }
            return Node(schema: s, definitionLevel: d, repetitionLevel: r, children: children, leafRange: start ..< firstLeaf)
        }
        var next = 0
        fields = schema.root.children.map { build($0, def: 0, rep: 0, firstLeaf: &next) }
        leaves = schema.columns.map(Leaf.init(column:))
    }

    /// Appends one row; `row` is the row's number in the caller's numbering, used in error messages.
    /// On error nothing of the row is kept.
    public mutating func append(_ row: Value, row number: Int? = nil) throws {
        let marks = leaves.map { ($0.definitionLevels.count, $0.values.count) }
        do {
            guard case .struct(let values) = row else {
                throw ShredError(path: "", message: "a row must be a struct of the top-level fields, not \(Self.kind(row))")
            }
            try shredFields(of: nil, children: fields, childIndex: Self.index(fields), values: values, r: 0, d: 0)
        } catch let e as ShredError {
            for i in leaves.indices { leaves[i].truncate(slots: marks[i].0, values: marks[i].1) }
            let rowText = number.map { "row \($0)" } ?? "row \(rowCount)"
            throw ParquetError(.invalidArgument, "\(rowText), column \(e.path.isEmpty ? "(root)" : e.path): \(e.message)",
                               columnPath: e.path.isEmpty ? nil : e.path)
        }
        rowCount += 1
    }

    /// The appended rows as one batch per leaf column (schema order); the shredder is then empty.
    public mutating func makeBatches() -> [ColumnBatch] {
        let rows = rowCount
        rowCount = 0
        return leaves.indices.map { leaves[$0].takeBatch(rows: rows) }
    }

    // MARK: shredding

    struct ShredError: Error {
        var path: String
        var message: String
    }

    private static func index(_ nodes: [Node]) -> [String: Int] {
        var index: [String: Int] = [:]
        for (i, n) in nodes.enumerated() where index[n.schema.name] == nil { index[n.schema.name] = i }
        return index
    }

    /// Shreds the fields of a struct value into `children` (missing fields are null).
    private mutating func shredFields(of parent: Node?, children: [Node], childIndex: [String: Int], values: [Value.Field],
                                      r: Int, d: Int) throws {
        // Fast path: fields in schema order with the schema's names.
        if values.count == children.count && zip(values, children).allSatisfy({ $0.name == $1.schema.name }) {
            for (v, c) in zip(values, children) { try value(c, v.value, r: r, d: d) }
            return
        }
        var given = [Value?](repeating: nil, count: children.count)
        for f in values {
            guard let i = childIndex[f.name] else {
                let path = parent.map { $0.path + "." + f.name } ?? f.name
                throw ShredError(path: path, message: "no field named '\(f.name)' in the schema")
            }
            given[i] = f.value
        }
        for (i, c) in children.enumerated() { try value(c, given[i] ?? .null, r: r, d: d) }
    }

    /// Shreds `v` as node `n` (applying its optional/repeated wrapper); `r` and `d` are the levels of
    /// the enclosing present node.
    private mutating func value(_ n: Node, _ v: Value, r: Int, d: Int) throws {
        if n.leafRange.isEmpty { return }  // a group without leaves stores nothing
        switch n.schema.repetition {
        case .repeated:
            let items: [Value]
            switch v {
            case .list(let a): items = a
            case .null: items = []
            default: throw ShredError(path: n.path, message: "a repeated field takes a list, not \(Self.kind(v))")
            }
            try elements(n, items, r: r, d: d) { s, item, r, d in try s.content(n, item, r: r, d: d) }
        case .optional:
            if case .null = v { nulls(n, r: r, d: d) } else { try content(n, v, r: r, d: n.definitionLevel) }
        default:
            if case .null = v { throw ShredError(path: n.path, message: "null in a required field") }
            try content(n, v, r: r, d: d)
        }
    }

    /// Shreds `items` as the instances of repeated node `rep` (none: one slot at the parent's levels).
    private mutating func elements(_ rep: Node, _ items: [Value], r: Int, d: Int,
                                   _ element: (inout RowShredder, Value, Int, Int) throws -> Void) throws {
        if items.isEmpty {
            nulls(rep, r: r, d: d)
            return
        }
        for (i, item) in items.enumerated() {
            try element(&self, item, i == 0 ? r : rep.repetitionLevel, rep.definitionLevel)
        }
    }

    /// One slot at levels (`r`, `d`) in every leaf under `n` (a null or empty `n`).
    private mutating func nulls(_ n: Node, r: Int, d: Int) {
        for i in n.leafRange {
            leaves[i].definitionLevels.append(Int16(d))
            leaves[i].repetitionLevels.append(Int16(r))
        }
    }

    /// Shreds the present value `v` of node `n` at levels (`r`, `d`).
    private mutating func content(_ n: Node, _ v: Value, r: Int, d: Int) throws {
        if n.schema.isLeaf {
            try leafValue(n, v, r: r, d: d)
            return
        }
        let annotation = n.schema.element.effectiveLogicalType
        if annotation == .list, n.children.count == 1, n.children[0].schema.repetition == .repeated {
            guard case .list(let items) = v else { throw ShredError(path: n.path, message: "a LIST field takes a list, not \(Self.kind(v))") }
            let rep = n.children[0]
            let legacy = rep.schema.isLeaf || rep.schema.children.count != 1 || rep.schema.name == "array"
                || rep.schema.name == n.schema.name + "_tuple"
            try elements(rep, items, r: r, d: d) { s, item, r, d in
                if legacy { try s.content(rep, item, r: r, d: d) } else { try s.value(rep.children[0], item, r: r, d: d) }
            }
            return
        }
        if annotation == .map || n.schema.element.convertedType == .mapKeyValue, n.children.count == 1,
           n.children[0].schema.repetition == .repeated {
            let kv = n.children[0]
            if kv.children.count == 1 {
                guard case .list(let keys) = v else { throw ShredError(path: n.path, message: "a MAP without values takes a list of keys, not \(Self.kind(v))") }
                try elements(kv, keys, r: r, d: d) { s, key, r, d in try s.value(kv.children[0], key, r: r, d: d) }
                return
            }
            guard case .map(let entries, _) = v else { throw ShredError(path: n.path, message: "a MAP field takes a map, not \(Self.kind(v))") }
            try elements(kv, entries.map { .list([$0.key, $0.value]) }, r: r, d: d) { s, entry, r, d in
                guard case .list(let pair) = entry else { return }
                try s.value(kv.children[0], pair[0], r: r, d: d)
                try s.value(kv.children[1], pair[1], r: r, d: d)
                for extra in kv.children.dropFirst(2) { try s.value(extra, .null, r: r, d: d) }
            }
            return
        }
        guard case .struct(let fs) = v else { throw ShredError(path: n.path, message: "a group takes a struct, not \(Self.kind(v))") }
        try shredFields(of: n, children: n.children, childIndex: n.childIndex, values: fs, r: r, d: d)
    }

    /// Stores a present leaf value.
    private mutating func leafValue(_ n: Node, _ v: Value, r: Int, d: Int) throws {
        let i = n.leafRange.lowerBound
        let column = leaves[i].column
        func unfit(_ representable: Bool) -> ShredError {
            ShredError(path: n.path, message: representable
                ? "\(Self.kind(v)) value \(v) cannot be represented exactly in this \(column.physicalType) column"
                : "a \(Self.kind(v)) value does not fit this \(column.physicalType) column\(column.logicalType.map { " (\($0))" } ?? "")")
        }
        switch column.physicalType {
        case .boolean:
            guard case .boolean(let b) = v else { throw unfit(false) }
            leaves[i].values.append(boolean: b)
        case .int32:
            guard let x = PhysicalValue.int32(v, column: column) else { throw unfit(false) }
            guard let x else { throw unfit(true) }
            leaves[i].values.append(int32: x)
        case .int64:
            guard let x = PhysicalValue.int64(v, column: column) else { throw unfit(false) }
            guard let x else { throw unfit(true) }
            leaves[i].values.append(int64: x)
        case .int96:
            guard let x = PhysicalValue.int96(v) else { throw unfit(false) }
            guard let x else { throw unfit(true) }
            leaves[i].values.append(int96: x)
        case .float:
            switch v {
            case .float(let x): leaves[i].values.append(float: x)
            case .double(let x):
                guard x.isNaN || Float(exactly: x) != nil else { throw unfit(true) }
                leaves[i].values.append(float: Float(x))
            default: throw unfit(false)
            }
        case .double:
            switch v {
            case .double(let x): leaves[i].values.append(double: x)
            case .float(let x): leaves[i].values.append(double: Double(x))
            default: throw unfit(false)
            }
        case .byteArray:
            switch v {
            case .string(let b), .bytes(let b), .uuid(let b): leaves[i].values.append(byteArray: b)
            case .decimal(let unscaled, _, let s):
                guard case .decimal(_, let scale)? = column.logicalType else { throw unfit(false) }
                if s == Int(scale) {
                    leaves[i].values.append(byteArray: unscaled)
                } else {
                    guard let x = PhysicalValue.decimalInt64(unscaled, scale: s, to: Int(scale)), let x else { throw unfit(true) }
                    leaves[i].values.append(byteArray: withUnsafeBytes(of: x.bigEndian) { Array($0) })
                }
            default: throw unfit(false)
            }
        default:
            guard let x = PhysicalValue.fixed(v, column: column) else { throw unfit(false) }
            guard let x else { throw unfit(true) }
            leaves[i].values.append(fixed: x)
        }
        leaves[i].definitionLevels.append(Int16(d))
        leaves[i].repetitionLevels.append(Int16(r))
    }

    /// The name of a value's kind, for messages.
    static func kind(_ v: Value) -> String {
        switch v {
        case .null: "null"
        case .boolean: "boolean"
        case .int32: "int32"
        case .int64: "int64"
        case .uint32: "uint32"
        case .uint64: "uint64"
        case .float: "float"
        case .double: "double"
        case .float16: "float16"
        case .decimal: "decimal"
        case .string: "string"
        case .bytes: "bytes"
        case .uuid: "uuid"
        case .date: "date"
        case .time: "time"
        case .timestamp: "timestamp"
        case .int96Timestamp: "INT96 timestamp"
        case .interval: "interval"
        case .list: "list"
        case .map: "map"
        case .struct: "struct"
        }
    }
}
