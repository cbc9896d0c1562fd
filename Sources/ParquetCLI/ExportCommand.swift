import ArgumentParser
import Foundation
import Parquet
import ParquetExport
import ParquetS3

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export Parquet files to csv, json, ndjson, xlsx or parquet.",
        discussion: """
            INPUT is a local file, s3://bucket/key, or s3://bucket/prefix/ (every .parquet object under it); \
            several inputs are exported concurrently (--jobs), one result each. Output goes to --output-dir \
            (default: exports; a local directory or s3://bucket/prefix/) under --filename or \
            <stem>_<yyyyMMdd_HHmmss>.<ext>, or to exactly --output (a file, s3://bucket/key, or - for \
            standard output with csv, json and ndjson).
            """)
    @Argument(help: "Parquet files: local paths, s3://bucket/key or s3://bucket/prefix/.") var inputs: [String]
    @OptionGroup var inputOptions: InputOptions
    @Option(help: "csv, json, ndjson, xlsx or parquet.") var format: String
    @Option(help: "csv/json/ndjson: none, gzip, zstd; parquet: none, snappy, gzip, lz4, lz4_raw, zstd, brotli.") var compression: String?
    @Option(help: "Output file: a path (replaced if it exists), s3://bucket/key, or - for standard output.") var output: String?
    @Option(name: .customLong("output-dir"), help: "Output directory or s3://bucket/prefix/ (default: exports).") var outputDir: String?
    @Option(help: "Output file name (the extension is added when missing).") var filename: String?
    @Flag(name: .customLong("include-metadata"), help: "Include schema and key-value metadata.") var includeMetadata = false
    @Option(help: "Comma-separated columns (dotted paths allowed).") var columns: String?
    @Option(help: "Export at most this many rows.") var limit: Int?
    @Flag(help: "Replace an existing output of the same name (default: a numbered name).") var overwrite = false
    @Option(help: "Exports run at once when there are several inputs.") var jobs: Int = 2
    @Flag(help: "Print the result as JSON (an array for several inputs).") var json = false
    @Option(name: .customLong("where"), help: "Row filter, e.g. \"id = 42 AND ts >= TIMESTAMP '2024-01-01'\".") var filter: String?
    @Flag(help: "Print pruning counters on stderr.") var verbose = false

    func run() async throws {
        guard let fmt = ExportFormat(rawValue: format.lowercased()) else {
            fail(ParquetError(.invalidArgument, "unknown format '\(format)' (csv, json, ndjson, xlsx, parquet)"))
        }
        var options = ExportOptions(format: fmt, compression: compression, includeMetadata: includeMetadata)
        options.filename = filename
        options.overwrite = overwrite
        options.columns = columns?.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
        options.limit = limit
        options.filter = filter
        let sharedClient = SharedClient(options: inputOptions)
        let destination: ExportDestination
        let sources: [ParquetExporter.Source]
        do {
            guard output == nil || (outputDir == nil && filename == nil) else {
                throw ValidationError("--output names the file itself; it does not go with --output-dir or --filename")
            }
            destination = try exportDestination(options: &options, client: sharedClient.get)
            sources = try await inputOptions.exportSources(inputs, client: sharedClient.get)
        } catch { fail(error) }

        let toStdout = output == "-"
        let bar = isatty(2) != 0 ? ProgressBar(count: sources.count) : nil
        let results = await ParquetExporter.exportMany(
            sources, options: options, destination: destination, maxConcurrentExports: jobs
        ) { index, progress in bar?.update(index, progress) }
        bar?.finish()

        let report = toStdout ? FileHandle.standardError : FileHandle.standardOutput
        if verbose {
            for (source, result) in zip(sources, results) {
                guard let stats = result.filterStatistics else { continue }
                let prefix = results.count > 1 ? "\(source.name): " : ""
                FileHandle.standardError.write(Data("parquet: \(prefix)\(stats)\n".utf8))
            }
        }
        if json {
            let enc = JSONEncoder()
            enc.outputFormatting = [.sortedKeys]
            report.write(sources.count == 1 && inputs.count == 1 ? try enc.encode(results[0]) : try enc.encode(results))
            report.write(Data("\n".utf8))
        } else if !toStdout {
            for r in results where r.success {
                report.write(Data("\(r.filePath ?? "") (\(r.rowCount) rows, \(r.fileSize ?? 0) bytes)\n".utf8))
            }
        }
        let failed = zip(sources, results).filter { !$0.1.success }
        for (source, result) in failed {
            let prefix = results.count > 1 ? "\(source.name): " : ""
            let message = (result.error ?? "export failed").replacingOccurrences(of: "\n", with: " ")
            FileHandle.standardError.write(Data("parquet: \(prefix)\(message)\n".utf8))
        }
        if !failed.isEmpty { throw ExitCode(1) }
    }

    /// The destination of `--output` / `--output-dir` (setting the output directory in `options`).
    func exportDestination(options: inout ExportOptions, client: () throws -> S3Client) throws -> ExportDestination {
        if let output {
            if output == "-" { return .standardOutput }
            if S3Location.isS3URL(output) {
                return .s3(try S3Location(parsing: output), client: try client(), overwrite: true)
            }
            return .file(output)
        }
        if let outputDir {
            if S3Location.isS3URL(outputDir) {
                var location = try S3Location(parsing: outputDir)
                if !location.isPrefix { location.key += "/" }
                return .s3(location, client: try client(), overwrite: overwrite)
            }
            options.outputDirectory = outputDir
        }
        return .directory
    }
}

/// One S3 client for the whole command, made on first use.
final class SharedClient {
    let options: InputOptions
    private var client: S3Client?

    init(options: InputOptions) { self.options = options }

    func get() throws -> S3Client {
        if let client { return client }
        let made = try options.client()
        client = made
        return made
    }
}

/// A progress bar on standard error (only used when it is a terminal): the mean percent of all
/// exports and the latest message.
final class ProgressBar: @unchecked Sendable {
    // `percents` is only touched under `lock`, hence @unchecked Sendable.
    private let lock = NSLock()
    private var percents: [Double]
    private var finished = 0

    init(count: Int) { percents = Array(repeating: 0, count: count) }

    func update(_ index: Int, _ progress: ExportProgress) {
        lock.lock()
        defer { lock.unlock() }
        guard percents.indices.contains(index) else { return }
        percents[index] = progress.percent
        if progress.stage == .completed || progress.stage == .error { finished += 1 }
        let mean = percents.reduce(0, +) / Double(max(percents.count, 1))
        let width = 30
        let filled = min(width, Int(mean / 100 * Double(width)))
        let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
        let files = percents.count > 1 ? " \(finished)/\(percents.count) files" : ""
        let message = progress.message.unicodeScalars.filter { $0.value >= 0x20 }.map(String.init).joined().prefix(60)
        FileHandle.standardError.write(Data("\r[\(bar)] \(String(format: "%3.0f", mean))%\(files) \(message)\u{1B}[K".utf8))
    }

    func finish() {
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
