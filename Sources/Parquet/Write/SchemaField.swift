/// A field of a schema under construction: a primitive leaf or a group of fields, with its repetition,
/// logical type and optional field id. Build schemas from these with `SchemaBuilder`.
///
/// The static constructors cover every physical type and the common logical types; `list` and `map`
/// produce the three-level structures of LogicalTypes.md that every reader understands.
public struct SchemaField: Sendable, Hashable {
    /// What the field holds.
    public enum Kind: Sendable, Hashable {
        /// A leaf of a physical type; `typeLength` is the byte width of FIXED_LEN_BYTE_ARRAY (nil otherwise).
        case primitive(PhysicalType, typeLength: Int32?)
        /// A group (struct) of child fields.
        case group([SchemaField])
    }

    public var name: String
    public var repetition: FieldRepetitionType
    public var kind: Kind
    public var logicalType: LogicalType?
    /// The legacy converted type; nil derives it from `logicalType` where the format defines one.
    public var convertedType: ConvertedType?
    public var fieldID: Int32?

    public init(name: String, repetition: FieldRepetitionType, kind: Kind, logicalType: LogicalType? = nil,
                convertedType: ConvertedType? = nil, fieldID: Int32? = nil) {
        self.name = name
        self.repetition = repetition
        self.kind = kind
        self.logicalType = logicalType
        self.convertedType = convertedType
        self.fieldID = fieldID
    }

    /// The same field with a field id.
    public func fieldID(_ id: Int32) -> SchemaField {
        var copy = self
        copy.fieldID = id
        return copy
    }

    /// The same field with another repetition.
    public func repetition(_ repetition: FieldRepetitionType) -> SchemaField {
        var copy = self
        copy.repetition = repetition
        return copy
    }

    // MARK: physical types

    /// A leaf of any physical type (FIXED_LEN_BYTE_ARRAY needs `typeLength`).
    public static func primitive(_ name: String, _ type: PhysicalType, _ repetition: FieldRepetitionType = .optional,
                                 typeLength: Int32? = nil, logicalType: LogicalType? = nil) -> SchemaField {
        SchemaField(name: name, repetition: repetition, kind: .primitive(type, typeLength: typeLength), logicalType: logicalType)
    }

    public static func boolean(_ name: String, _ repetition: FieldRepetitionType = .optional) -> SchemaField {
        primitive(name, .boolean, repetition)
    }

    public static func int32(_ name: String, _ repetition: FieldRepetitionType = .optional,
                             logicalType: LogicalType? = nil) -> SchemaField {
        primitive(name, .int32, repetition, logicalType: logicalType)
    }

    public static func int64(_ name: String, _ repetition: FieldRepetitionType = .optional,
                             logicalType: LogicalType? = nil) -> SchemaField {
        primitive(name, .int64, repetition, logicalType: logicalType)
    }

    /// A legacy INT96 (Impala/Spark timestamp) leaf.
    public static func int96(_ name: String, _ repetition: FieldRepetitionType = .optional) -> SchemaField {
        primitive(name, .int96, repetition)
    }

    public static func float(_ name: String, _ repetition: FieldRepetitionType = .optional) -> SchemaField {
        primitive(name, .float, repetition)
    }

    public static func double(_ name: String, _ repetition: FieldRepetitionType = .optional) -> SchemaField {
        primitive(name, .double, repetition)
    }

    public static func byteArray(_ name: String, _ repetition: FieldRepetitionType = .optional,
                                 logicalType: LogicalType? = nil) -> SchemaField {
        primitive(name, .byteArray, repetition, logicalType: logicalType)
    }

    public static func fixedLenByteArray(_ name: String, length: Int32, _ repetition: FieldRepetitionType = .optional,
                                         logicalType: LogicalType? = nil) -> SchemaField {
        primitive(name, .fixedLenByteArray, repetition, typeLength: length, logicalType: logicalType)
    }

    // MARK: logical types

    /// UTF-8 text (BYTE_ARRAY, STRING).
    public static func string(_ name: String, _ repetition: FieldRepetitionType = .optional) -> SchemaField {
        byteArray(name, repetition, logicalType: .string)
    }

    /// Signed or unsigned integer of 8, 16, 32 (INT32) or 64 (INT64) bits.
    public static func integer(_ name: String, bitWidth: Int8, signed: Bool,
                               _ repetition: FieldRepetitionType = .optional) -> SchemaField {
        primitive(name, bitWidth == 64 ? .int64 : .int32, repetition, logicalType: .integer(bitWidth: bitWidth, isSigned: signed))
    }

    /// Days since 1970-01-01 (INT32, DATE).
    public static func date(_ name: String, _ repetition: FieldRepetitionType = .optional) -> SchemaField {
        int32(name, repetition, logicalType: .date)
    }

    /// Time of day (INT32 for milliseconds, INT64 otherwise).
    public static func time(_ name: String, unit: TimeUnit, isAdjustedToUTC: Bool = true,
                            _ repetition: FieldRepetitionType = .optional) -> SchemaField {
        primitive(name, unit == .millis ? .int32 : .int64, repetition,
                  logicalType: .time(isAdjustedToUTC: isAdjustedToUTC, unit: unit))
    }

    /// Instant or local date-time (INT64) in `unit` since the epoch.
    public static func timestamp(_ name: String, unit: TimeUnit, isAdjustedToUTC: Bool = true,
                                 _ repetition: FieldRepetitionType = .optional) -> SchemaField {
        int64(name, repetition, logicalType: .timestamp(isAdjustedToUTC: isAdjustedToUTC, unit: unit))
    }

    /// Decimal stored as INT32 (precision ≤ 9), INT64 (≤ 18) or the smallest FIXED_LEN_BYTE_ARRAY that holds it.
    public static func decimal(_ name: String, precision: Int32, scale: Int32,
                               _ repetition: FieldRepetitionType = .optional) -> SchemaField {
        let lt = LogicalType.decimal(precision: precision, scale: scale)
        if precision <= 9 { return int32(name, repetition, logicalType: lt) }
        if precision <= 18 { return int64(name, repetition, logicalType: lt) }
        return fixedLenByteArray(name, length: Int32(decimalByteWidth(precision: Int(precision))), repetition, logicalType: lt)
    }

    /// 16-byte UUID (FIXED_LEN_BYTE_ARRAY(16), UUID).
    public static func uuid(_ name: String, _ repetition: FieldRepetitionType = .optional) -> SchemaField {
        fixedLenByteArray(name, length: 16, repetition, logicalType: .uuid)
    }

    /// IEEE half-precision float (FIXED_LEN_BYTE_ARRAY(2), FLOAT16).
    public static func float16(_ name: String, _ repetition: FieldRepetitionType = .optional) -> SchemaField {
        fixedLenByteArray(name, length: 2, repetition, logicalType: .float16)
    }

    // MARK: nested

    /// A group (struct) of fields.
    public static func group(_ name: String, _ repetition: FieldRepetitionType = .optional,
                             logicalType: LogicalType? = nil, _ children: [SchemaField]) -> SchemaField {
        SchemaField(name: name, repetition: repetition, kind: .group(children), logicalType: logicalType)
    }

    /// A LIST: `<repetition> group name (LIST) { repeated group list { <element> element; } }`.
    /// The element keeps its own repetition (optional elements may be null); its name becomes `element`.
    public static func list(_ name: String, _ repetition: FieldRepetitionType = .optional,
                            element: SchemaField) -> SchemaField {
        var e = element
        e.name = "element"
        return group(name, repetition, logicalType: .list, [group("list", .repeated, [e])])
    }

    /// A MAP: `<repetition> group name (MAP) { repeated group key_value { required <key> key; <value> value; } }`.
    public static func map(_ name: String, _ repetition: FieldRepetitionType = .optional,
                           key: SchemaField, value: SchemaField) -> SchemaField {
        var k = key, v = value
        k.name = "key"
        k.repetition = .required
        v.name = "value"
        return group(name, repetition, logicalType: .map, [group("key_value", .repeated, [k, v])])
    }

    /// Bytes needed for a two's-complement decimal of `precision` digits.
    static func decimalByteWidth(precision: Int) -> Int {
        var width = 1
        while maxDecimalPrecision(byteWidth: width) < precision { width += 1 }
        return width
    }

    /// Largest precision a `byteWidth`-byte two's-complement decimal holds: floor(log10(2^(8n-1) - 1)).
    static func maxDecimalPrecision(byteWidth: Int) -> Int {
        Int((Double(8 * byteWidth - 1) * 0.30102999566398120).rounded(.down))
    }
}
