import ArgumentParser
import Foundation
import Parquet
import ParquetExport
import ParquetS3

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export a Parquet file to csv, json, ndjson or xlsx.")
    @Argument(help: "A Parquet file (local path or s3://bucket/key).") var input: String
    @OptionGroup var inputOptions: InputOptions
    @Option(help: "csv, json, ndjson or xlsx.") var format: String
    @Option(help: "csv/json/ndjson: none, gzip, zstd.") var compression: String?
    @Option(help: "Output file path (its directory must exist; replaces an existing file).") var output: String?
    @Option(name: .customLong("output-dir"), help: "Output directory (default: exports).") var outputDir: String?
    @Option(help: "Output file name (the extension is added when missing).") var filename: String?
    @Flag(name: .customLong("include-metadata"), help: "Include schema and key-value metadata.") var includeMetadata = false
    @Option(help: "Comma-separated columns (dotted paths allowed).") var columns: String?
    @Option(help: "Export at most this many rows.") var limit: Int?
    @Flag(help: "Print the result as JSON.") var json = false
    @Option(name: .customLong("where"), help: "Row filter, e.g. \"id = 42 AND ts >= TIMESTAMP '2024-01-01'\".") var filter: String?
    @Flag(help: "Print pruning counters on stderr.") var verbose = false

    func run() async throws {
        guard let fmt = ExportFormat(rawValue: format.lowercased()) else {
            fail(ParquetError(.invalidArgument, "unknown format '\(format)' (csv, json, ndjson, xlsx, parquet)"))
        }
        var options = ExportOptions(format: fmt, compression: compression, includeMetadata: includeMetadata)
        if let output {
            let url = URL(fileURLWithPath: output)
            options.outputDirectory = url.deletingLastPathComponent().path
            options.filename = url.lastPathComponent
            options.overwrite = true
        } else {
            if let outputDir { options.outputDirectory = outputDir }
            options.filename = filename
        }
        options.columns = columns?.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
        options.limit = limit
        options.filter = filter
        let showBar = isatty(2) != 0
        let source: ParquetExporter.Source
        do {
            source = S3Location.isS3URL(input) ? .byteSource(try await inputOptions.source(input), name: input) : .file(input)
        } catch { fail(error) }
        let result = await ParquetExporter.export(source, options: options) { p in
            guard showBar else { return }
            let width = 30
            let filled = Int(p.percent / 100 * Double(width))
            let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
            FileHandle.standardError.write(Data("\r[\(bar)] \(String(format: "%3.0f", p.percent))% \(p.message.prefix(60))\u{1B}[K".utf8))
            if p.stage == .completed || p.stage == .error { FileHandle.standardError.write(Data("\n".utf8)) }
        }
        if verbose, let stats = result.filterStatistics {
            FileHandle.standardError.write(Data("parquet: \(stats)\n".utf8))
        }
        if json {
            let enc = JSONEncoder()
            enc.outputFormatting = [.sortedKeys]
            FileHandle.standardOutput.write(try enc.encode(result))
            print()
        } else if result.success {
            print("\(result.filePath ?? "") (\(result.rowCount) rows, \(result.fileSize ?? 0) bytes)")
        }
        if !result.success {
            FileHandle.standardError.write(Data("parquet: \(result.error ?? "export failed")\n".utf8))
            throw ExitCode(1)
        }
    }
}
