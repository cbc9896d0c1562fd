/// Builds a `Schema` from `SchemaField`s, checking that every logical type fits its physical type and
/// deriving the legacy converted types older readers need.
///
/// ```swift
/// var b = SchemaBuilder()
/// b.add(.int64("id", .required))
/// b.add(.string("name"))
/// b.add(.list("tags", element: .string("element")))
/// let schema = try b.build()
/// ```
public struct SchemaBuilder: Sendable, Hashable {
    /// Name of the root group (`schema` by convention).
    public var name: String
    public var fields: [SchemaField]

    public init(name: String = "schema", fields: [SchemaField] = []) {
        self.name = name
        self.fields = fields
    }

    /// Appends a top-level field.
    public mutating func add(_ field: SchemaField) {
        fields.append(field)
    }

    /// The validated schema; throws `invalidArgument` for an inconsistent field.
    public func build() throws -> Schema {
        try Schema(elements: try elements())
    }

    /// The footer's depth-first element list for these fields (root first).
    public func elements() throws -> [SchemaElement] {
        guard !fields.isEmpty else { throw ParquetError(.invalidArgument, "a schema needs at least one field") }
        var out = [SchemaElement(name: name, numChildren: Int32(fields.count))]
        try Self.checkUniqueNames(fields, parent: [])
        for f in fields { try Self.append(f, path: [], to: &out) }
        return out
    }

    private static func checkUniqueNames(_ fields: [SchemaField], parent: [String]) throws {
        var seen = Set<String>()
        for f in fields where !seen.insert(f.name).inserted {
            throw ParquetError(.invalidArgument, "duplicate field name '\(f.name)'",
                               columnPath: parent.isEmpty ? nil : parent.joined(separator: "."))
        }
    }

    private static func append(_ f: SchemaField, path: [String], to out: inout [SchemaElement]) throws {
        let myPath = path + [f.name]
        let dotted = myPath.joined(separator: ".")
        guard !f.name.isEmpty else { throw ParquetError(.invalidArgument, "empty field name", columnPath: dotted) }
        guard f.repetition == .required || f.repetition == .optional || f.repetition == .repeated else {
            throw ParquetError(.invalidArgument, "unsupported repetition \(f.repetition)", columnPath: dotted)
        }
        var e = SchemaElement(name: f.name, repetitionType: f.repetition, fieldID: f.fieldID, logicalType: f.logicalType)
        switch f.kind {
        case .group(let children):
            guard !children.isEmpty else { throw ParquetError(.invalidArgument, "group without fields", columnPath: dotted) }
            try checkUniqueNames(children, parent: myPath)
            try checkGroupLogicalType(f, children: children, path: dotted)
            e.numChildren = Int32(children.count)
            e.convertedType = f.convertedType ?? f.logicalType.flatMap(convertedType(for:))
            out.append(e)
            for c in children { try append(c, path: myPath, to: &out) }
        case .primitive(let type, let typeLength):
            e.type = type
            if type == .fixedLenByteArray {
                guard let typeLength, typeLength >= 0 else {
                    throw ParquetError(.invalidArgument, "FIXED_LEN_BYTE_ARRAY needs a non-negative length", columnPath: dotted)
                }
                e.typeLength = typeLength
            } else if typeLength != nil {
                throw ParquetError(.invalidArgument, "only FIXED_LEN_BYTE_ARRAY has a type length", columnPath: dotted)
            }
            guard [PhysicalType.boolean, .int32, .int64, .int96, .float, .double, .byteArray, .fixedLenByteArray].contains(type) else {
                throw ParquetError(.invalidArgument, "unknown physical type \(type)", columnPath: dotted)
            }
            if let lt = f.logicalType {
                try checkLeafLogicalType(lt, type: type, typeLength: Int(typeLength ?? 0), path: dotted)
                if case .decimal(let p, let s) = lt {
                    e.precision = p
                    e.scale = s
                }
            }
            e.convertedType = f.convertedType ?? f.logicalType.flatMap(convertedType(for:))
            if e.convertedType == .decimal, e.precision == nil {
                throw ParquetError(.invalidArgument, "DECIMAL converted type needs a decimal logical type", columnPath: dotted)
            }
            out.append(e)
        }
    }

    /// LIST and MAP groups must have the shape LogicalTypes.md prescribes.
    private static func checkGroupLogicalType(_ f: SchemaField, children: [SchemaField], path: String) throws {
        guard let lt = f.logicalType else { return }
        switch lt {
        case .list, .map:
            guard f.repetition != .repeated else {
                throw ParquetError(.invalidArgument, "a \(lt) group cannot be repeated", columnPath: path)
            }
            guard children.count == 1, children[0].repetition == .repeated else {
                throw ParquetError(.invalidArgument, "a \(lt) group needs exactly one repeated child", columnPath: path)
            }
            if lt == .map {
                guard case .group(let kv) = children[0].kind, kv.count == 2 || kv.count == 1,
                      kv[0].repetition == .required else {
                    throw ParquetError(.invalidArgument, "a MAP's repeated group needs a required key and a value", columnPath: path)
                }
            }
        case .variant, .unrecognized: break
        default:
            throw ParquetError(.invalidArgument, "logical type \(lt) does not apply to a group", columnPath: path)
        }
    }

    /// Checks that a leaf's logical type is defined for its physical type.
    private static func checkLeafLogicalType(_ lt: LogicalType, type: PhysicalType, typeLength: Int, path: String) throws {
        func bad() -> ParquetError {
            ParquetError(.invalidArgument, "logical type \(lt) does not apply to \(type)", columnPath: path)
        }
        switch lt {
        case .string, .enum, .json, .bson:
            guard type == .byteArray else { throw bad() }
        case .geometry, .geography:
            guard type == .byteArray else { throw bad() }
        case .uuid:
            guard type == .fixedLenByteArray, typeLength == 16 else { throw bad() }
        case .float16:
            guard type == .fixedLenByteArray, typeLength == 2 else { throw bad() }
        case .date:
            guard type == .int32 else { throw bad() }
        case .time(_, let unit):
            guard type == (unit == .millis ? .int32 : .int64) else { throw bad() }
        case .timestamp:
            guard type == .int64 else { throw bad() }
        case .integer(let width, _):
            guard [8, 16, 32, 64].contains(width) else { throw ParquetError(.invalidArgument, "integer bit width \(width)", columnPath: path) }
            guard type == (width == 64 ? .int64 : .int32) else { throw bad() }
        case .decimal(let precision, let scale):
            guard precision >= 1, scale >= 0, scale <= precision else {
                throw ParquetError(.invalidArgument, "decimal precision \(precision) / scale \(scale) invalid", columnPath: path)
            }
            let maxPrecision: Int
            switch type {
            case .int32: maxPrecision = 9
            case .int64: maxPrecision = 18
            case .fixedLenByteArray: maxPrecision = SchemaField.maxDecimalPrecision(byteWidth: typeLength)
            case .byteArray: maxPrecision = Int.max
            default: throw bad()
            }
            guard Int(precision) <= maxPrecision else {
                throw ParquetError(.invalidArgument, "decimal precision \(precision) exceeds \(maxPrecision) for \(type)", columnPath: path)
            }
        case .null: break
        case .list, .map, .variant, .vector:
            throw bad()
        case .unrecognized: break
        }
    }

    /// The legacy converted type equivalent to a logical type (LogicalTypes.md, backward compatibility).
    static func convertedType(for lt: LogicalType) -> ConvertedType? {
        switch lt {
        case .string: .utf8
        case .map: .map
        case .list: .list
        case .enum: .enum
        case .decimal: .decimal
        case .date: .date
        case .time(true, .millis): .timeMillis
        case .time(true, .micros): .timeMicros
        case .timestamp(true, .millis): .timestampMillis
        case .timestamp(true, .micros): .timestampMicros
        case .integer(8, true): .int8
        case .integer(16, true): .int16
        case .integer(32, true): .int32
        case .integer(64, true): .int64
        case .integer(8, false): .uint8
        case .integer(16, false): .uint16
        case .integer(32, false): .uint32
        case .integer(64, false): .uint64
        case .json: .json
        case .bson: .bson
        default: nil
        }
    }
}

extension Schema {
    /// Builds a schema from fields (see `SchemaBuilder`).
    public init(fields: [SchemaField], name: String = "schema") throws {
        self = try SchemaBuilder(name: name, fields: fields).build()
    }
}
