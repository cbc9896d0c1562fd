// Record assembly (the inverse of Dremel shredding): rebuilds nested values from the definition and
// repetition levels of the leaf columns. A node with definition level D is present when the level at
// its first leaf is >= D; a repeated node continues while the next repetition level equals its own.

/// Rebuilds rows (as `Value.struct`) from the column batches of the same rows.
public struct RecordAssembler {
    /// Assembles the rows of `batches` (leaf columns of the same rows; fields without a batch are left out).
    public static func assemble(schema: Schema, batches: [ColumnBatch]) throws -> [Value] {
        try RecordAssembler(schema: schema, batches: batches).rows()
    }

    /// A schema node with its levels, pruned to the projected leaves.
    final class Node {
        let schema: SchemaNode
        let definitionLevel: Int
        let repetitionLevel: Int
        var children: [Node] = []
        /// Position in `cursors` of the first projected leaf under this node.
        var firstLeaf = 0
        var leaf: Int?  // position in `cursors` for leaves

        init(schema: SchemaNode, definitionLevel: Int, repetitionLevel: Int) {
            self.schema = schema
            self.definitionLevel = definitionLevel
            self.repetitionLevel = repetitionLevel
        }
    }

    /// Read position in one leaf batch.
    final class Cursor {
        let batch: ColumnBatch
        var slot = 0
        var value = 0
        init(batch: ColumnBatch) { self.batch = batch }
        var definition: Int { batch.definitionLevels.map { Int($0[slot]) } ?? batch.column.maxDefinitionLevel }
        var repetition: Int { slot < batch.levelCount ? batch.repetitionLevels.map { Int($0[slot]) } ?? 0 : -1 }
    }

    let fields: [Node]
    let cursors: [Cursor]
    let rowCount: Int

    /// `batches` must hold the same rows of the projected leaf columns, in schema order.
    init(schema: Schema, batches: [ColumnBatch]) throws {
        var cursors: [Cursor] = []
        let byIndex = Dictionary(uniqueKeysWithValues: batches.map { ($0.column.index, $0) })
        func build(_ s: SchemaNode, def: Int, rep: Int) -> Node? {
            var d = def, r = rep
            switch s.repetition {
            case .optional: d += 1
            case .repeated: d += 1; r += 1
            default: break
            }
            let n = Node(schema: s, definitionLevel: d, repetitionLevel: r)
            n.firstLeaf = cursors.count
            if let li = s.leafIndex {
                guard let b = byIndex[li] else { return nil }
                n.leaf = cursors.count
                cursors.append(Cursor(batch: b))
                return n
            }
            n.children = s.children.compactMap { build($0, def: d, rep: r) }
            return n.children.isEmpty ? nil : n
        }
        fields = schema.root.children.compactMap { build($0, def: 0, rep: 0) }
        self.cursors = cursors
        let counts = Set(batches.map(\.rowCount))
        guard counts.count <= 1 else {
            throw ParquetError(.corrupt, "projected columns disagree on the row count: \(counts.sorted())")
        }
        rowCount = counts.first ?? 0
    }

    /// Assembles every row.
    func rows() throws -> [Value] {
        var out: [Value] = []
        out.reserveCapacity(rowCount)
        for _ in 0 ..< rowCount {
            var fs: [Value.Field] = []
            fs.reserveCapacity(fields.count)
            for f in fields { fs.append(Value.Field(name: f.schema.name, value: try value(f))) }
            out.append(.struct(fs))
        }
        return out
    }

    private func check(_ c: Cursor) throws {
        guard c.slot < c.batch.levelCount else {
            throw ParquetError(.corrupt, "levels of column \(c.batch.column.dottedPath) end before its records do",
                               columnPath: c.batch.column.dottedPath)
        }
    }

    /// Advances every leaf under `n` past one slot (a null or empty instance of `n`).
    private func skip(_ n: Node) throws {
        if let l = n.leaf {
            try check(cursors[l])
            cursors[l].slot += 1
            return
        }
        for c in n.children { try skip(c) }
    }

    private func peekDefinition(_ n: Node) throws -> Int {
        let c = cursors[n.firstLeaf]
        try check(c)
        return c.definition
    }

    /// The value of `n` at the current position, applying its own optional/repeated wrapper.
    func value(_ n: Node) throws -> Value {
        if n.schema.repetition == .repeated {
            // An unannotated repeated field is a list of required elements.
            return .list(try elements(n) { try self.content(n) })
        }
        if n.schema.repetition == .optional, try peekDefinition(n) < n.definitionLevel {
            try skip(n)
            return .null
        }
        return try content(n)
    }

    /// The elements of repeated node `rep` at the current position (empty when absent).
    private func elements(_ rep: Node, _ element: () throws -> Value) throws -> [Value] {
        if try peekDefinition(rep) < rep.definitionLevel {
            try skip(rep)
            return []
        }
        var out: [Value] = []
        repeat {
            out.append(try element())
        } while cursors[rep.firstLeaf].repetition == rep.repetitionLevel
        return out
    }

    /// The value of a present node.
    private func content(_ n: Node) throws -> Value {
        if let l = n.leaf { return try leafValue(cursors[l]) }
        let annotation = n.schema.element.effectiveLogicalType
        let convertedMap = n.schema.element.convertedType == .mapKeyValue
        if annotation == .list, n.children.count == 1, n.children[0].schema.repetition == .repeated {
            let rep = n.children[0]
            return .list(try elements(rep) { try self.listElement(rep, parentName: n.schema.name) })
        }
        if annotation == .map || convertedMap, n.children.count == 1, n.children[0].schema.repetition == .repeated {
            let kv = n.children[0]
            if kv.children.count == 1 {
                // A map without values reads as the list of its keys (as pyarrow and arrow-rs do).
                return .list(try elements(kv) { try self.value(kv.children[0]) })
            }
            let entries = try elements(kv) { () throws -> Value in
                guard !kv.children.isEmpty else { return .null }
                let key = try self.value(kv.children[0])
                let val: Value = kv.children.count > 1 ? try self.value(kv.children[1]) : .null
                return .list([key, val])
            }
            let keyType = kv.children.first?.schema.element.effectiveLogicalType
            let textKeys = keyType == .string || keyType == .enum || keyType == .json
            return .map(entries.map { e in
                if case .list(let kv) = e, kv.count == 2 { return Value.MapEntry(key: kv[0], value: kv[1]) }
                return Value.MapEntry(key: .null, value: .null)
            }, keysAreStrings: textKeys)
        }
        var fs: [Value.Field] = []
        fs.reserveCapacity(n.children.count)
        for c in n.children { fs.append(Value.Field(name: c.schema.name, value: try value(c))) }
        return .struct(fs)
    }

    /// One element of a LIST: the 3-level form's element, or (legacy 2-level forms) the repeated node itself.
    private func listElement(_ rep: Node, parentName: String) throws -> Value {
        if rep.leaf != nil { return try content(rep) }
        let name = rep.schema.name
        let legacy = rep.schema.children.count != 1 || name == "array" || name == parentName + "_tuple"
        if legacy { return try content(rep) }
        return try value(rep.children[0])
    }

    /// Consumes one slot of a leaf and converts its value by the logical type.
    private func leafValue(_ c: Cursor) throws -> Value {
        try check(c)
        let col = c.batch.column
        let present = c.definition == col.maxDefinitionLevel
        c.slot += 1
        guard present else { return .null }
        let i = c.value
        c.value += 1
        guard i < c.batch.values.count else {
            throw ParquetError(.corrupt, "column \(col.dottedPath) has fewer values than its levels require", columnPath: col.dottedPath)
        }
        return LogicalValue.convert(c.batch.values, i, column: col)
    }
}
