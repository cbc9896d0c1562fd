import Parquet

/// Renders row values (`Parquet.Value`, each row a `.struct`) as NDJSON through the same `JSONWriter`
/// and value emitter the exports use, so `parquet cat` and the exports follow one set of rules.
public enum ValueRenderer {
    /// Top-level output names for the chosen leaves, in schema order.
    public static func columnNames(schema: Schema, leaves: [ColumnDescriptor]) -> [String] {
        RowGroupRenderer.columnNames(schema: schema, leaves: leaves)
    }

    /// Writes each row as one JSON object line.
    public static func writeRows(_ rows: [Value], to writer: inout JSONWriter) {
        for row in rows {
            guard case .struct(let fields) = row else { continue }
            writer.beginRow()
            for f in fields { ValueEmitter.emit(f.value, into: &writer) }
            writer.endRow()
        }
    }
}
