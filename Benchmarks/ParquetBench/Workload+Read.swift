import Parquet

extension Workload {
    static func open(path: String, options: ReaderOptions) async throws -> RunOutput {
        let file = try await ParquetFile.open(path: path, options: options)
        // Touch the schema so the open is not reduced to the footer read.
        let leaves = file.schema.columns.count
        return RunOutput(rows: leaves > 0 ? Int(file.rowCount) : 0, inputBytes: Int64(file.footerLength), outputBytes: 0)
    }

    static func decode(path: String, columns: [String]?, options: ReaderOptions) async throws -> RunOutput {
        let file = try await ParquetFile.open(path: path, options: options)
        let selected = try file.resolveColumns(columns)
        var out = RunOutput()
        for g in 0 ..< file.rowGroupCount {
            let group = try file.rowGroup(g)
            out.rows += Int(group.numRows)
            for c in selected { out.inputBytes += group.columns[c.index].metaData?.totalCompressedSize ?? 0 }
        }
        // All row groups at once: with --threads > 1 the engine spreads column chunks of every row
        // group over the workers (pyarrow's read_table parallelises the same way).
        let kept = try await file.readRowGroups(nil, columns: selected)
        for batches in kept { for b in batches { out.outputBytes += b.decodedByteCount } }
        withExtendedLifetime(kept) {}
        return out
    }
}

extension ColumnBatch {
    /// Bytes of the decoded buffers: values (byte arrays: payload + offsets), definition and repetition levels.
    var decodedByteCount: Int64 {
        var n: Int
        switch values {
        case .boolean(let v): n = v.count
        case .int32(let v): n = v.count * 4
        case .int64(let v): n = v.count * 8
        case .int96(let v): n = v.count * MemoryLayout<Int96>.stride
        case .float(let v): n = v.count * 4
        case .double(let v): n = v.count * 8
        case .byteArray(let v): n = v.bytes.count + v.offsets.count * MemoryLayout<Int>.size
        case .fixedLenByteArray(let v): n = v.bytes.count
        }
        n += (definitionLevels?.count ?? 0) * 2 + (repetitionLevels?.count ?? 0) * 2
        return Int64(n)
    }
}
