import Parquet
import ParquetExport

/// A benchmark workload. Each case runs once per measured run (`run`); a workload that needs data in
/// memory before the clock starts (write) loads it in `prepare`. A new workload is a case here, a
/// `Workload+Name.swift` with its function, and a subcommand in `ParquetBench.swift`.
enum Workload: Sendable {
    /// Open the file: read and decode the footer, build the schema.
    case open
    /// Decode every row group of the chosen columns (all when nil) into `ColumnBatch`es, kept until the
    /// run ends (as `pyarrow.parquet.read_table` keeps its table).
    case decode(columns: [String]?)
    /// Write the file's rows (the first `rows`, all when nil; decoded into memory beforehand) with a codec to `output`.
    case write(codec: CompressionCodec, rows: Int?, rowGroupRows: Int?, output: String)
    /// Export through `ParquetExporter` to `outputDirectory/bench.<format>`, optionally the first `limit` rows.
    case export(format: ExportFormat, limit: Int?, outputDirectory: String)
    /// Open and read one window of rows as values (`offset` nil: at 90% of the rows).
    case window(offset: Int64?, limit: Int, columns: [String]?)
    /// Filtered scan (`FilteredScan`): rows matching `where` of the chosen columns (all when nil).
    case filter(where: String, columns: [String]?)

    /// Short name used in tables and JSON (`decode`, `decode[a,b]`, `open`, `write-zstd`, `export-csv`, `window`).
    var name: String {
        switch self {
        case .open: "open"
        case .decode(let columns?): "decode[\(columns.joined(separator: ","))]"
        case .decode(nil): "decode"
        case .write(let codec, _, _, _): "write-\(codec.benchName)"
        case .export(let format, _, _): "export-\(format.rawValue)"
        case .window: "window"
        case .filter(let w, _): "filter[\(w)]"
        }
    }

    /// Does what must happen before the clock starts and returns the timed body (one run of the workload).
    func prepare(_ source: BenchSource, options: ReaderOptions) async throws -> @Sendable () async throws -> RunOutput {
        switch self {
        case .open:
            return { try await Self.open(path: source.path, options: options) }
        case .decode(let columns):
            return { try await Self.decode(path: source.path, columns: columns, options: options) }
        case .write(let codec, let rows, let rowGroupRows, let output):
            let input = try await Self.loadForWrite(path: source.path, limit: rows, options: options)
            let groupRows = max(1, rowGroupRows ?? input.rowGroups.first?.first?.rowCount ?? 1 << 20)
            return { try Self.writeFile(input, codec: codec, rowGroupRows: groupRows, threads: options.parallelism, output: output) }
        case .export(let format, let limit, let dir):
            return { try await Self.exportFile(source, format: format, limit: limit, outputDirectory: dir, options: options) }
        case .window(let offset, let limit, let columns):
            return { try await Self.readWindow(source, offset: offset, limit: limit, columns: columns, options: options) }
        case .filter(let expression, let columns):
            return { try await Self.filter(source, where: expression, columns: columns, options: options) }
        }
    }
}

extension CompressionCodec {
    /// The codec's name as pyarrow and DuckDB spell it (`none`, `snappy`, `lz4_raw`…).
    var benchName: String { self == .uncompressed ? "none" : description.lowercased() }
}
