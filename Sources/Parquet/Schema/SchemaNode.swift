/// A node of the schema tree: a group (with children) or a primitive leaf.
public struct SchemaNode: Sendable, Hashable {
    /// The footer element this node was built from.
    public var element: SchemaElement
    /// Children of a group node; empty for leaves.
    public var children: [SchemaNode]
    /// Index into `Schema.columns` for leaves; nil for groups.
    public var leafIndex: Int?
    /// Path from the root's children to this node.
    public var path: [String]

    public var name: String { element.name }
    public var isLeaf: Bool { leafIndex != nil }
    public var repetition: FieldRepetitionType { element.repetitionType ?? .required }
}

/// A leaf (primitive) column of the schema, with its levels.
public struct ColumnDescriptor: Sendable, Hashable {
    /// Path of names from the root (excluded) to the leaf.
    public var path: [String]
    public var physicalType: PhysicalType
    /// Byte width for FIXED_LEN_BYTE_ARRAY (0 otherwise).
    public var typeLength: Int
    public var maxDefinitionLevel: Int
    public var maxRepetitionLevel: Int
    /// Index of the leaf among all leaves (column chunk index within a row group).
    public var index: Int
    /// The footer element of the leaf.
    public var element: SchemaElement
    /// Definition level at which each repeated ancestor (outermost first) is present; used by record assembly.
    public var repeatedAncestorDefinitionLevels: [Int]

    /// Dotted path, as used in messages and projection.
    public var dottedPath: String { path.joined(separator: ".") }

    /// The logical type: the element's own, or the one its converted type implies (old writers).
    public var logicalType: LogicalType? { element.effectiveLogicalType }
}

extension SchemaElement {
    /// The logical type of this element, derived from the deprecated converted type when the writer
    /// did not set one (LogicalTypes.md, "backward compatibility").
    public var effectiveLogicalType: LogicalType? {
        if let logicalType { return logicalType }
        guard let convertedType else { return nil }
        switch convertedType {
        case .utf8: return .string
        case .map, .mapKeyValue: return .map
        case .list: return .list
        case .enum: return .enum
        case .decimal: return .decimal(precision: precision ?? 0, scale: scale ?? 0)
        case .date: return .date
        case .timeMillis: return .time(isAdjustedToUTC: true, unit: .millis)
        case .timeMicros: return .time(isAdjustedToUTC: true, unit: .micros)
        case .timestampMillis: return .timestamp(isAdjustedToUTC: true, unit: .millis)
        case .timestampMicros: return .timestamp(isAdjustedToUTC: true, unit: .micros)
        case .uint8: return .integer(bitWidth: 8, isSigned: false)
        case .uint16: return .integer(bitWidth: 16, isSigned: false)
        case .uint32: return .integer(bitWidth: 32, isSigned: false)
        case .uint64: return .integer(bitWidth: 64, isSigned: false)
        case .int8: return .integer(bitWidth: 8, isSigned: true)
        case .int16: return .integer(bitWidth: 16, isSigned: true)
        case .int32: return .integer(bitWidth: 32, isSigned: true)
        case .int64: return .integer(bitWidth: 64, isSigned: true)
        case .json: return .json
        case .bson: return .bson
        default: return nil  // INTERVAL has no logical twin; handled by the converted type itself
        }
    }
}
