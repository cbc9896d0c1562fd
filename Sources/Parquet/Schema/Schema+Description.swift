extension LogicalType: CustomStringConvertible {
    public var description: String {
        switch self {
        case .string: "STRING"
        case .map: "MAP"
        case .list: "LIST"
        case .enum: "ENUM"
        case .decimal(let p, let s): "DECIMAL(\(p),\(s))"
        case .date: "DATE"
        case .time(let utc, let unit): "TIME(\(unit),\(utc ? "UTC" : "local"))"
        case .timestamp(let utc, let unit): "TIMESTAMP(\(unit),\(utc ? "UTC" : "local"))"
        case .integer(let w, let s): "INT(\(w),\(s ? "signed" : "unsigned"))"
        case .null: "UNKNOWN"
        case .json: "JSON"
        case .bson: "BSON"
        case .uuid: "UUID"
        case .float16: "FLOAT16"
        case .variant(let v): v.map { "VARIANT(\($0))" } ?? "VARIANT"
        case .geometry(let crs): crs.map { "GEOMETRY(crs=\($0))" } ?? "GEOMETRY"
        case .geography(let crs, let alg): "GEOGRAPHY(crs=\(crs ?? "OGC:CRS84"), algorithm=\(alg.map(String.init) ?? "SPHERICAL"))"
        case .vector: "VECTOR"
        case .unrecognized(let id): "UNRECOGNIZED(\(id))"
        }
    }
}

extension TimeUnit: CustomStringConvertible {
    public var description: String {
        switch self {
        case .millis: "MILLIS"
        case .micros: "MICROS"
        case .nanos: "NANOS"
        }
    }
}

extension Schema {
    /// The schema as an indented tree, one field a line (as `parquet schema` prints it):
    /// `optional int64 id;`, groups with their annotation and children in braces.
    public var treeDescription: String {
        var out = "message \(root.name) {\n"
        for c in root.children { Self.describe(c, indent: "  ", into: &out) }
        out += "}\n"
        return out
    }

    private static func describe(_ node: SchemaNode, indent: String, into out: inout String) {
        let e = node.element
        let rep = node.repetition.description.lowercased()
        var annotation = ""
        if let lt = e.logicalType {
            annotation = " (\(lt))"
        } else if let ct = e.convertedType {
            annotation = ct == .decimal ? " (DECIMAL(\(e.precision ?? 0),\(e.scale ?? 0)))" : " (\(ct))"
        }
        let id = e.fieldID.map { " = \($0)" } ?? ""
        if node.isLeaf, let t = e.type {
            var typeName = t.description.lowercased()
            if t == .fixedLenByteArray { typeName = "fixed_len_byte_array(\(e.typeLength ?? 0))" }
            out += "\(indent)\(rep) \(typeName) \(e.name)\(id)\(annotation);\n"
        } else {
            out += "\(indent)\(rep) group \(e.name)\(id)\(annotation) {\n"
            for c in node.children { describe(c, indent: indent + "  ", into: &out) }
            out += "\(indent)}\n"
        }
    }
}
