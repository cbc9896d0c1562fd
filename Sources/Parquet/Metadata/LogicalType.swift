/// The `LogicalType` union of parquet.thrift: how to interpret a physical type.
///
/// The union may grow in newer format versions; a member this engine does not know parses as
/// `.unrecognized(fieldID)` so the file still opens and the column falls back to its physical type.
public enum LogicalType: Sendable, Hashable {
    case string
    case map
    case list
    case `enum`
    case decimal(precision: Int32, scale: Int32)
    case date
    case time(isAdjustedToUTC: Bool, unit: TimeUnit)
    case timestamp(isAdjustedToUTC: Bool, unit: TimeUnit)
    case integer(bitWidth: Int8, isSigned: Bool)
    /// `UNKNOWN` in parquet.thrift (NullType): the column holds only nulls.
    case null
    case json
    case bson
    case uuid
    case float16
    case variant(specificationVersion: Int8?)
    case geometry(crs: String?)
    case geography(crs: String?, algorithm: Int32?)
    case vector
    /// A union member this engine does not know (its Thrift field id).
    case unrecognized(Int16)
}

extension LogicalType: ThriftStruct {
    init(thrift r: inout ThriftCompactReader) throws(ThriftError) {
        var result: LogicalType?
        try r.beginStruct()
        while let (id, t) = try r.readFieldHeader() {
            guard t == .struct else { try r.skip(t); continue }
            switch id {
            case 1: try r.skipStruct(); result = .string
            case 2: try r.skipStruct(); result = .map
            case 3: try r.skipStruct(); result = .list
            case 4: try r.skipStruct(); result = .enum
            case 5:
                var scale: Int32?, precision: Int32?
                try r.beginStruct()
                while let (fid, ft) = try r.readFieldHeader() {
                    switch (fid, ft) {
                    case (1, .i32): scale = try r.readI32()
                    case (2, .i32): precision = try r.readI32()
                    default: try r.skip(ft)
                    }
                }
                r.endStruct()
                guard let scale, let precision else { throw .missingField(structName: "DecimalType", field: "scale/precision") }
                result = .decimal(precision: precision, scale: scale)
            case 6: try r.skipStruct(); result = .date
            case 7, 8:
                var utc: Bool?, unit: TimeUnit?
                try r.beginStruct()
                while let (fid, ft) = try r.readFieldHeader() {
                    switch fid {
                    case 1 where ft.isBool: utc = r.readBool()
                    case 2 where ft == .struct: unit = try Self.readTimeUnit(&r)
                    default: try r.skip(ft)
                    }
                }
                r.endStruct()
                guard let utc, let unit else { throw .missingField(structName: id == 7 ? "TimeType" : "TimestampType", field: "isAdjustedToUTC/unit") }
                result = id == 7 ? .time(isAdjustedToUTC: utc, unit: unit) : .timestamp(isAdjustedToUTC: utc, unit: unit)
            case 10:
                var width: Int8?, signed: Bool?
                try r.beginStruct()
                while let (fid, ft) = try r.readFieldHeader() {
                    switch fid {
                    case 1 where ft == .byte: width = try r.readI8()
                    case 2 where ft.isBool: signed = r.readBool()
                    default: try r.skip(ft)
                    }
                }
                r.endStruct()
                guard let width, let signed else { throw .missingField(structName: "IntType", field: "bitWidth/isSigned") }
                result = .integer(bitWidth: width, isSigned: signed)
            case 11: try r.skipStruct(); result = .null
            case 12: try r.skipStruct(); result = .json
            case 13: try r.skipStruct(); result = .bson
            case 14: try r.skipStruct(); result = .uuid
            case 15: try r.skipStruct(); result = .float16
            case 16:
                var version: Int8?
                try r.beginStruct()
                while let (fid, ft) = try r.readFieldHeader() {
                    if fid == 1 && ft == .byte { version = try r.readI8() } else { try r.skip(ft) }
                }
                r.endStruct()
                result = .variant(specificationVersion: version)
            case 17, 18:
                var crs: String?, algorithm: Int32?
                try r.beginStruct()
                while let (fid, ft) = try r.readFieldHeader() {
                    switch (fid, ft) {
                    case (1, .binary): crs = try r.readString()
                    case (2, .i32): algorithm = try r.readI32()
                    default: try r.skip(ft)
                    }
                }
                r.endStruct()
                result = id == 17 ? .geometry(crs: crs) : .geography(crs: crs, algorithm: algorithm)
            case 19: try r.skipStruct(); result = .vector
            default:
                try r.skipStruct()
                result = .unrecognized(id)
            }
        }
        r.endStruct()
        guard let result else { throw .missingField(structName: "LogicalType", field: "(union member)") }
        self = result
    }

    private static func readTimeUnit(_ r: inout ThriftCompactReader) throws(ThriftError) -> TimeUnit? {
        var unit: TimeUnit?
        try r.beginStruct()
        while let (id, t) = try r.readFieldHeader() {
            switch (id, t) {
            case (1, .struct): try r.skipStruct(); unit = .millis
            case (2, .struct): try r.skipStruct(); unit = .micros
            case (3, .struct): try r.skipStruct(); unit = .nanos
            default: try r.skip(t)
            }
        }
        r.endStruct()
        return unit
    }

    private static func writeTimeUnit(_ unit: TimeUnit, _ w: inout ThriftCompactWriter) {
        w.beginStruct()
        switch unit {
        case .millis: w.field(1, emptyStruct: ())
        case .micros: w.field(2, emptyStruct: ())
        case .nanos: w.field(3, emptyStruct: ())
        }
        w.endStruct()
    }

    func write(to w: inout ThriftCompactWriter) {
        w.beginStruct()
        switch self {
        case .string: w.field(1, emptyStruct: ())
        case .map: w.field(2, emptyStruct: ())
        case .list: w.field(3, emptyStruct: ())
        case .enum: w.field(4, emptyStruct: ())
        case .decimal(let precision, let scale):
            w.fieldHeader(5, .struct)
            w.beginStruct(); w.field(1, i32: scale); w.field(2, i32: precision); w.endStruct()
        case .date: w.field(6, emptyStruct: ())
        case .time(let utc, let unit), .timestamp(let utc, let unit):
            if case .time = self { w.fieldHeader(7, .struct) } else { w.fieldHeader(8, .struct) }
            w.beginStruct()
            w.field(1, bool: utc)
            w.fieldHeader(2, .struct)
            Self.writeTimeUnit(unit, &w)
            w.endStruct()
        case .integer(let width, let signed):
            w.fieldHeader(10, .struct)
            w.beginStruct(); w.field(1, i8: width); w.field(2, bool: signed); w.endStruct()
        case .null: w.field(11, emptyStruct: ())
        case .json: w.field(12, emptyStruct: ())
        case .bson: w.field(13, emptyStruct: ())
        case .uuid: w.field(14, emptyStruct: ())
        case .float16: w.field(15, emptyStruct: ())
        case .variant(let version):
            w.fieldHeader(16, .struct)
            w.beginStruct(); if let version { w.field(1, i8: version) }; w.endStruct()
        case .geometry(let crs):
            w.fieldHeader(17, .struct)
            w.beginStruct(); if let crs { w.field(1, string: crs) }; w.endStruct()
        case .geography(let crs, let algorithm):
            w.fieldHeader(18, .struct)
            w.beginStruct()
            if let crs { w.field(1, string: crs) }
            if let algorithm { w.field(2, i32: algorithm) }
            w.endStruct()
        case .vector: w.field(19, emptyStruct: ())
        case .unrecognized(let id): w.field(id, emptyStruct: ())
        }
        w.endStruct()
    }
}
