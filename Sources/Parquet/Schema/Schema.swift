/// The schema of a file: the tree of fields and the flat list of leaf columns.
public struct Schema: Sendable, Hashable {
    /// The root group (its name is the schema name, usually `schema`).
    public var root: SchemaNode
    /// Leaf columns in depth-first order (= column chunk order in each row group).
    public var columns: [ColumnDescriptor]

    /// Maximum nesting depth accepted when building a schema.
    public static let defaultMaxDepth = 100

    /// Builds the tree from the footer's flattened, depth-first element list.
    public init(elements: [SchemaElement], maxDepth: Int = Schema.defaultMaxDepth) throws {
        guard let first = elements.first else {
            throw ParquetError(.corrupt, "the schema has no elements")
        }
        var builder = Builder(elements: elements, maxDepth: maxDepth)
        let rootChildren = Int(first.numChildren ?? 0)
        guard rootChildren >= 0 else { throw ParquetError(.corrupt, "schema root declares \(rootChildren) children") }
        builder.next = 1
        var children: [SchemaNode] = []
        for _ in 0 ..< rootChildren {
            children.append(try builder.node(path: [], definition: 0, repetition: 0, repeatedDefs: [], depth: 1))
        }
        guard builder.next == elements.count else {
            throw ParquetError(.corrupt, "schema has \(elements.count) elements but the tree uses \(builder.next)")
        }
        root = SchemaNode(element: first, children: children, leafIndex: nil, path: [])
        columns = builder.columns
    }

    /// The leaf column with this path, if any.
    public func column(path: [String]) -> ColumnDescriptor? {
        columns.first { $0.path == path }
    }

    /// Resolves a dotted name (`a.b.c`) or a top-level field name to the leaf columns under it.
    public func columns(matching dotted: String) -> [ColumnDescriptor] {
        let parts = dotted.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        return columns.filter { $0.path.count >= parts.count && Array($0.path.prefix(parts.count)) == parts }
    }

    private struct Builder {
        let elements: [SchemaElement]
        let maxDepth: Int
        var next = 0
        var columns: [ColumnDescriptor] = []

        mutating func node(path: [String], definition: Int, repetition: Int, repeatedDefs: [Int], depth: Int) throws -> SchemaNode {
            guard depth <= maxDepth else {
                throw ParquetError(.limitExceeded, "schema nesting deeper than \(maxDepth)")
            }
            guard next < elements.count else {
                throw ParquetError(.corrupt, "schema declares more children than it has elements")
            }
            let e = elements[next]
            next += 1
            let myPath = path + [e.name]
            var def = definition, rep = repetition
            var reps = repeatedDefs
            switch e.repetitionType ?? .required {
            case .optional: def += 1
            case .repeated:
                def += 1
                rep += 1
                reps.append(def)
            case .required: break
            default:
                throw ParquetError(.unsupported, "field \(myPath.joined(separator: ".")) has repetition \(e.repetitionType!)")
            }
            let childCount = Int(e.numChildren ?? 0)
            if e.type == nil || childCount > 0 {
                // A group. (A group with 0 children has no leaves; parquet-mr can write such empty groups.)
                guard childCount >= 0, childCount <= elements.count - next else {
                    throw ParquetError(.corrupt, "group \(myPath.joined(separator: ".")) declares \(childCount) children, more than the schema holds")
                }
                var children: [SchemaNode] = []
                children.reserveCapacity(childCount)
                for _ in 0 ..< childCount {
                    children.append(try node(path: myPath, definition: def, repetition: rep, repeatedDefs: reps, depth: depth + 1))
                }
                return SchemaNode(element: e, children: children, leafIndex: nil, path: myPath)
            }
            let type = e.type!
            var width = 0
            if type == .fixedLenByteArray {
                guard let tl = e.typeLength, tl >= 0 else {
                    throw ParquetError(.corrupt, "FIXED_LEN_BYTE_ARRAY column \(myPath.joined(separator: ".")) has no valid type_length")
                }
                width = Int(tl)
            }
            let idx = columns.count
            columns.append(ColumnDescriptor(
                path: myPath, physicalType: type, typeLength: width, maxDefinitionLevel: def,
                maxRepetitionLevel: rep, index: idx, element: e, repeatedAncestorDefinitionLevels: reps))
            return SchemaNode(element: e, children: [], leafIndex: idx, path: myPath)
        }
    }
}
