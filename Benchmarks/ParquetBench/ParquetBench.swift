import ArgumentParser
import Parquet

/// `parquet-bench`: times the engine's workloads on a file (median of N runs after a warm-up).
@main
struct ParquetBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parquet-bench",
        abstract: "Benchmark swift-parquet workloads: wall time, rows/s, MB/s, peak RSS.",
        discussion: "Datasets: python3 Benchmarks/gen_datasets.py. Side by side with pyarrow, DuckDB, polars: python3 Benchmarks/compare.py.",
        subcommands: [DecodeCommand.self, OpenCommand.self, FilterCommand.self])
}

/// Options shared by every workload.
struct BenchOptions: ParsableArguments {
    @Option(help: "Decode threads (ReaderOptions.parallelism); 0 = all cores.") var threads = 1
    @Option(help: "Measured runs (the median is reported).") var runs = 5
    @Option(help: "Unmeasured warm-up runs.") var warmup = 1
    @Flag(help: "Print one JSON object instead of a table.") var json = false

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

    /// Measures `workload` on `file` and prints the report.
    func execute(_ workload: Workload, file: String) async throws {
        let options = readerOptions
        let m = try await measure(runs: runs, warmup: warmup) {
            try await workload.run(path: file, options: options)
        }
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
