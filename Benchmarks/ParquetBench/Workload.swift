import Parquet

/// A benchmark workload. Each case runs once per measured run; new workloads (write with a codec,
/// export to csv/ndjson/json/xlsx, S3 read) are added as cases here plus a `run` branch and a
/// subcommand in `ParquetBench.swift`.
enum Workload: Sendable {
    /// Open the file: read and decode the footer, build the schema.
    case open
    /// Decode every row group of the chosen columns (all when nil) into `ColumnBatch`es, kept until the
    /// run ends (as `pyarrow.parquet.read_table` keeps its table).
    case decode(columns: [String]?)
    /// Filtered scan (`FilteredScan`): rows matching `where` of the chosen columns (all when nil).
    case filter(where: String, columns: [String]?)

    /// Short name used in tables and JSON (`decode`, `decode[a,b]`, `open`).
    var name: String {
        switch self {
        case .open: "open"
        case .decode(let columns?): "decode[\(columns.joined(separator: ","))]"
        case .decode(nil): "decode"
        case .filter(let w, _): "filter[\(w)]"
        }
    }

    /// Runs the workload once on `path`.
    func run(path: String, options: ReaderOptions) async throws -> RunOutput {
        switch self {
        case .open:
            return try await Self.open(path: path, options: options)
        case .decode(let columns):
            return try await Self.decode(path: path, columns: columns, options: options)
        case .filter(let expression, let columns):
            return try await Self.filter(path: path, where: expression, columns: columns, options: options)
        }
    }
}
