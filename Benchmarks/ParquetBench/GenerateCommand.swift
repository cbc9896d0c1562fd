import ArgumentParser
import Foundation
import Parquet

/// `parquet-bench generate`: writes a seeded benchmark dataset with our writer.
struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a seeded benchmark dataset with our writer (same seed and rows: same file).",
        discussion: DatasetGenerator.Dataset.allCases.map { "\($0.rawValue): \($0.summary)" }.joined(separator: "\n")
            + "\n\ncompare.py uses the same shapes written by pyarrow (Benchmarks/gen_datasets.py), so that no tool reads its own writer's files.")
    @Argument(help: "mixed, strings, wide200, decimal, nested or wide10k.") var dataset: String
    @Option(help: "Rows (default: the dataset's size in gen_datasets.py).") var rows: Int?
    @Option(help: "Rows per row group.") var rowGroupRows = 1_000_000
    @Option(help: "Random seed.") var seed: UInt64 = 20_240_601
    @Option(help: "Codec: none, snappy, gzip, lz4_raw, zstd, brotli.") var codec = "snappy"
    @Option(help: "Output file (default: <dataset>.parquet).") var output: String?
    @Flag(help: "Print one JSON object.") var json = false

    func run() async throws {
        guard let set = DatasetGenerator.Dataset(rawValue: dataset) else {
            throw ValidationError("unknown dataset '\(dataset)'; one of \(DatasetGenerator.Dataset.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let c = CompressionCodec(name: codec), c != .lzo else { throw ValidationError("unknown or unsupported codec '\(codec)'") }
        let n = rows ?? set.defaultRows
        guard n >= 0, rowGroupRows >= 1 else { throw ValidationError("--rows must not be negative, --row-group-rows must be positive") }
        let path = output ?? "\(set.rawValue).parquet"
        var options = ParquetWriterOptions()
        options.compression = c
        let started = ProcessClock.now()
        let size = try DatasetGenerator(dataset: set, rows: n, seed: seed, rowGroupRows: rowGroupRows).write(to: path, options: options)
        let seconds = ProcessClock.now() - started
        if json {
            print(#"{"dataset":"\#(set.rawValue)","rows":\#(n),"path":"\#(path)","bytes":\#(size),"seconds":\#(seconds)}"#)
        } else {
            print("wrote \(path): \(set.rawValue), \(n) rows, \(size) bytes in \(String(format: "%.2f", seconds)) s")
        }
    }
}
