import Foundation
@testable import Parquet

/// Test-side record model and Dremel shredding, to produce nested `ColumnBatch`es and the values
/// other readers should return for them.
///
/// A record is `[String: Any]`; a group's value is `[String: Any]`, a repeated field's value is `[Any]`
/// (its elements are values of the field's own type), a missing key or `NSNull` is null, and leaves
/// are `Bool`, `Int` (INT32/INT64), `Double` or `String` (BYTE_ARRAY).
struct RecordShredder {
    let fields: [SchemaField]
    let schema: Schema
    private var defs: [[Int16]]
    private var reps: [[Int16]]
    private var leafValues: [[Any]]
    private var records = 0

    init(fields: [SchemaField]) throws {
        self.fields = fields
        schema = try Schema(fields: fields)
        let n = schema.columns.count
        defs = Array(repeating: [], count: n)
        reps = Array(repeating: [], count: n)
        leafValues = Array(repeating: [], count: n)
    }

    static func leafCount(_ f: SchemaField) -> Int {
        switch f.kind {
        case .primitive: 1
        case .group(let children): children.reduce(0) { $0 + leafCount($1) }
        }
    }

    static func isNull(_ v: Any?) -> Bool { v == nil || v is NSNull }

    mutating func append(_ record: [String: Any]) {
        var leaf = 0
        for f in fields {
            field(f, record[f.name], rep: 0, def: 0, parentRep: 0, firstLeaf: leaf)
            leaf += Self.leafCount(f)
        }
        records += 1
    }

    private mutating func field(_ f: SchemaField, _ value: Any?, rep: Int, def: Int, parentRep: Int, firstLeaf: Int) {
        switch f.repetition {
        case .required:
            node(f, value!, rep: rep, def: def, parentRep: parentRep, firstLeaf: firstLeaf)
        case .optional:
            if Self.isNull(value) {
                nulls(f, rep: rep, def: def, firstLeaf: firstLeaf)
            } else {
                node(f, value!, rep: rep, def: def + 1, parentRep: parentRep, firstLeaf: firstLeaf)
            }
        default:
            let list = value as? [Any] ?? []
            if list.isEmpty {
                nulls(f, rep: rep, def: def, firstLeaf: firstLeaf)
            } else {
                let myRep = parentRep + 1
                for (i, item) in list.enumerated() {
                    node(f, item, rep: i == 0 ? rep : myRep, def: def + 1, parentRep: myRep, firstLeaf: firstLeaf)
                }
            }
        }
    }

    private mutating func node(_ f: SchemaField, _ value: Any, rep: Int, def: Int, parentRep: Int, firstLeaf: Int) {
        switch f.kind {
        case .primitive:
            defs[firstLeaf].append(Int16(def))
            reps[firstLeaf].append(Int16(rep))
            leafValues[firstLeaf].append(value)
        case .group(let children):
            let dict = value as? [String: Any] ?? [:]
            var leaf = firstLeaf
            for c in children {
                field(c, dict[c.name], rep: rep, def: def, parentRep: parentRep, firstLeaf: leaf)
                leaf += Self.leafCount(c)
            }
        }
    }

    private mutating func nulls(_ f: SchemaField, rep: Int, def: Int, firstLeaf: Int) {
        for i in firstLeaf ..< firstLeaf + Self.leafCount(f) {
            defs[i].append(Int16(def))
            reps[i].append(Int16(rep))
        }
    }

    /// One batch per leaf column with everything appended so far.
    func batches() -> [ColumnBatch] {
        schema.columns.enumerated().map { i, c in
            ColumnBatch(column: c, values: Self.physical(leafValues[i], c), definitionLevels: c.maxDefinitionLevel > 0 ? defs[i] : nil,
                        repetitionLevels: c.maxRepetitionLevel > 0 ? reps[i] : nil, levelCount: defs[i].count, rowCount: records)
        }
    }

    static func physical(_ values: [Any], _ c: ColumnDescriptor) -> ColumnValues {
        switch c.physicalType {
        case .boolean: .boolean(values.map { $0 as! Bool })
        case .int32: .int32(values.map { Int32($0 as! Int) })
        case .int64: .int64(values.map { Int64($0 as! Int) })
        case .double: .double(values.map { $0 as! Double })
        case .byteArray: .byteArray(ByteArrayBuffer(values.map { Array(($0 as! String).utf8) }))
        default: fatalError("unsupported leaf type in nested tests")
        }
    }

    // MARK: expected values and specs for read_back_writer.py

    /// The value readers give for field `f` (lists for LIST, [key, value] pairs for MAP, objects for groups).
    static func logical(_ f: SchemaField, _ value: Any?) -> Any {
        if isNull(value) { return NSNull() }
        switch f.kind {
        case .primitive(let type, _):
            if type == .double { return "d:" + String(format: "%016llx", (value as! Double).bitPattern) }
            return value!
        case .group(let children):
            let dict = value as! [String: Any]
            if f.logicalType == .list, case .group(let inner) = children[0].kind {
                return (dict[children[0].name] as? [Any] ?? []).map { logical(inner[0], ($0 as! [String: Any])[inner[0].name]) }
            }
            if f.logicalType == .map, case .group(let kv) = children[0].kind {
                return (dict[children[0].name] as? [Any] ?? []).map { e -> [Any] in
                    let pair = e as! [String: Any]
                    return [logical(kv[0], pair[kv[0].name]), logical(kv[1], pair[kv[1].name])]
                }
            }
            var out: [String: Any] = [:]
            for c in children { out[c.name] = logical(c, dict[c.name]) }
            return out
        }
    }

    /// The oracle's spec of field `f` (without values).
    static func spec(_ f: SchemaField) -> [String: Any] {
        switch f.kind {
        case .primitive(let type, _):
            let kind = switch type {
            case .boolean: "bool"
            case .double: "double"
            case .byteArray: "string"
            default: "int"
            }
            return ["name": f.name, "kind": kind]
        case .group(let children):
            if f.logicalType == .list, case .group(let inner) = children[0].kind {
                return ["name": f.name, "kind": "list", "element": spec(inner[0])]
            }
            if f.logicalType == .map, case .group(let kv) = children[0].kind {
                return ["name": f.name, "kind": "map", "key": spec(kv[0]), "value": spec(kv[1])]
            }
            return ["name": f.name, "kind": "struct", "fields": children.map(spec)]
        }
    }

    // MARK: random records

    /// A random value for field `f` (null with probability 1/5 where allowed, lists of 0–3 elements).
    static func randomValue(_ f: SchemaField, rng: inout SeededGenerator) -> Any {
        if f.repetition == .repeated {
            return (0 ..< Int.random(in: 0 ... 3, using: &rng)).map { _ in randomNonNull(f, rng: &rng) }
        }
        if f.repetition == .optional && Int.random(in: 0 ..< 5, using: &rng) == 0 { return NSNull() }
        return randomNonNull(f, rng: &rng)
    }

    static func randomNonNull(_ f: SchemaField, rng: inout SeededGenerator) -> Any {
        switch f.kind {
        case .primitive(let type, _):
            switch type {
            case .boolean: return Bool.random(using: &rng)
            case .int32: return Int(Int32.random(in: -1000 ... 1000, using: &rng))
            case .int64: return Int(Int64.random(in: .min ... .max, using: &rng))
            case .double: return [0.5, -0.0, 1e300, Double.random(in: -10 ... 10, using: &rng)][Int.random(in: 0 ..< 4, using: &rng)]
            default:
                let pool = ["", "x", "日本", "value"]
                return pool[Int.random(in: 0 ..< pool.count, using: &rng)] + String(Int.random(in: 0 ..< 50, using: &rng))
            }
        case .group(let children):
            var out: [String: Any] = [:]
            for c in children { out[c.name] = randomValue(c, rng: &rng) }
            return out
        }
    }

    /// A record model value for a LIST of `elements` (raw three-level shape).
    static func listValue(_ elements: [Any]) -> [String: Any] {
        ["list": elements.map { ["element": $0] }]
    }
}

extension RecordShredder {
    /// A random schema (seeded): structs, LISTs, MAPs and legacy repeated fields up to `depth` levels,
    /// leaves of BOOLEAN, INT32, INT64, DOUBLE and STRING with any repetition.
    static func randomFields(count: Int, depth: Int, rng: inout SeededGenerator, prefix: String = "f") -> [SchemaField] {
        (0 ..< count).map { i in randomField(name: "\(prefix)\(i)", depth: depth, rng: &rng) }
    }

    static func randomField(name: String, depth: Int, rng: inout SeededGenerator) -> SchemaField {
        let repetitions: [FieldRepetitionType] = [.required, .optional, .optional, .repeated]
        let repetition = repetitions[Int.random(in: 0 ..< repetitions.count, using: &rng)]
        let choice = depth == 0 ? 0 : Int.random(in: 0 ..< 5, using: &rng)
        switch choice {
        case 1:
            let children = randomFields(count: Int.random(in: 1 ... 3, using: &rng), depth: depth - 1, rng: &rng, prefix: name + "_")
            return .group(name, repetition, children)
        case 2:
            let element = randomField(name: "element", depth: depth - 1, rng: &rng)
            return .list(name, repetition == .repeated ? .optional : repetition, element: element.repetition == .repeated ? element.repetition(.optional) : element)
        case 3:
            let value = randomField(name: "value", depth: depth - 1, rng: &rng)
            return .map(name, repetition == .repeated ? .required : repetition, key: .string("key", .required),
                        value: value.repetition == .repeated ? value.repetition(.optional) : value)
        default:
            let leaves: [(String, FieldRepetitionType) -> SchemaField] = [
                { .boolean($0, $1) }, { .int32($0, $1) }, { .int64($0, $1) }, { .double($0, $1) }, { .string($0, $1) },
            ]
            return leaves[Int.random(in: 0 ..< leaves.count, using: &rng)](name, repetition)
        }
    }
}
