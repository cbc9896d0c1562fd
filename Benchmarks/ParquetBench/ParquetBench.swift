import ArgumentParser
import Parquet
import ParquetExport

/// `parquet-bench`: times the engine's workloads on a file (median of N runs after a warm-up).
@main
struct ParquetBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parquet-bench",
        abstract: "Benchmark swift-parquet workloads: wall time, rows/s, MB/s, peak RSS.",
        discussion: "Datasets: python3 Benchmarks/gen_datasets.py (pyarrow-written, as compare.py uses them) or parquet-bench generate (our writer). Side by side with pyarrow, DuckDB, polars: python3 Benchmarks/compare.py.",
        subcommands: [DecodeCommand.self, OpenCommand.self, WriteCommand.self, ExportCommand.self, WindowCommand.self, FilterCommand.self,
                      GenerateCommand.self])
}

/// Options shared by every workload.
struct BenchOptions: ParsableArguments {
    @Option(help: "Decode threads (ReaderOptions.parallelism); 0 = all cores.") var threads = 1
    @Option(help: "Measured runs (the median is reported).") var runs = 5
    @Option(help: "Unmeasured warm-up runs.") var warmup = 1
    @Flag(help: "Print one JSON object instead of a table.") var json = false
    @Option(name: .customLong("endpoint-url"),
            help: "S3-compatible endpoint for s3:// inputs (else AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL; credentials from the environment).")
    var endpointURL: String?

    func validate() throws {
        guard threads >= 0 else { throw ValidationError("--threads must be 0 (all cores) or positive") }
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
        guard warmup >= 0 else { throw ValidationError("--warmup must not be negative") }
    }

    var effectiveThreads: Int { threads == 0 ? BenchReport.coreCount : threads }

    var readerOptions: ReaderOptions {
        var o = ReaderOptions()
        o.parallelism = effectiveThreads
        return o
    }

    /// Measures `workload` on `file` (a path or `s3://bucket/key`) and prints the report.
    func execute(_ workload: Workload, file: String) async throws {
        let body = try await workload.prepare(BenchSource(path: file, endpointURL: endpointURL), options: readerOptions)
        let m = try await measure(runs: runs, warmup: warmup, body)
        let report = BenchReport(workload: workload.name, file: file, threads: effectiveThreads, measurement: m)
        print(json ? report.json : report.table)
    }
}

struct DecodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode", abstract: "Decode every row group of all (or the chosen) columns into columnar batches.")
    @Argument(help: "A Parquet file.") var file: String
    @Option(help: "Comma-separated column names (projection); default: all columns.") var columns: String?
    @OptionGroup var options: BenchOptions

    func run() async throws {
        let names = columns.map { $0.split(separator: ",").map { String($0) } }
        try await options.execute(.decode(columns: names), file: file)
    }
}

struct OpenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open", abstract: "Open the file: read the footer and build the schema.")
    @Argument(help: "A Parquet file.") var file: String
    @OptionGroup var options: BenchOptions

    func run() async throws {
        try await options.execute(.open, file: file)
    }
}

struct WriteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "write",
        abstract: "Write the file's rows (decoded into memory before timing) with a codec; reports the output size.")
    @Argument(help: "A Parquet file whose rows are written.") var file: String
    @Option(help: "Codec: none, snappy, gzip, lz4, lz4_raw, zstd, brotli (default level: Arrow C++'s).") var codec = "snappy"
    @Option(help: "Write only the first N rows of the file.") var rows: Int?
    @Option(help: "Rows per row group (default: the input's first row group).") var rowGroupRows: Int?
    @Option(help: "Output file (overwritten by every run).") var output = "parquet-bench-write.parquet"
    @OptionGroup var options: BenchOptions

    func run() async throws {
        guard let c = CompressionCodec(name: codec), c != .lzo else { throw ValidationError("unknown or unsupported codec '\(codec)'") }
        try await options.execute(.write(codec: c, rows: rows, rowGroupRows: rowGroupRows, output: output), file: file)
    }
}

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export through ParquetExporter (csv, ndjson, json, xlsx, parquet); reports the output size.")
    @Argument(help: "A Parquet file or s3://bucket/key.") var file: String
    @Option(help: "csv, ndjson, json, xlsx or parquet.") var format = "csv"
    @Option(help: "Export only the first N rows.") var limit: Int?
    @Option(help: "Directory of the output bench.<format> (overwritten by every run).") var outputDir = "."
    @OptionGroup var options: BenchOptions

    func run() async throws {
        guard let f = ExportFormat(rawValue: format) else { throw ValidationError("unknown format '\(format)'") }
        try await options.execute(.export(format: f, limit: limit, outputDirectory: outputDir), file: file)
    }
}

struct WindowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "window",
        abstract: "Time to first window: open the file, read rows [offset, offset + limit) as values (ParquetFile.rowWindowValues).")
    @Argument(help: "A Parquet file or s3://bucket/key.") var file: String
    @Option(help: "First row (default: 90% of the file's rows).") var offset: Int64?
    @Option(help: "Rows in the window.") var limit = 100
    @Option(help: "Comma-separated column names; default: all columns.") var columns: String?
    @OptionGroup var options: BenchOptions

    func run() async throws {
        let names = columns.map { $0.split(separator: ",").map { String($0) } }
        try await options.execute(.window(offset: offset, limit: limit, columns: names), file: file)
    }
}
