import ArgumentParser
import Parquet

extension Workload {
    /// Scans the file with a row filter, keeping every matching batch until the run ends (as a query
    /// engine materialises its result). Input bytes are the column-chunk and index bytes the scan fetched.
    static func filter(_ source: BenchSource, where expression: String, columns: [String]?, options: ReaderOptions) async throws -> RunOutput {
        let file = try await source.open(options: options)
        var scan = try file.scan(where: expression, columns: columns)
        var kept: [[ColumnBatch]] = []
        var out = RunOutput()
        while let batches = try await scan.next() {
            out.rows += batches.first?.rowCount ?? 0
            for b in batches { out.outputBytes += b.decodedByteCount }
            kept.append(batches)
        }
        out.inputBytes = scan.statistics.bytesRead + scan.statistics.indexBytesRead
        withExtendedLifetime(kept) {}
        return out
    }
}

struct FilterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "filter", abstract: "Scan with a row filter (statistics, Bloom filter and page-index pruning).")
    @Argument(help: "A Parquet file.") var file: String
    @Option(name: .customLong("where"), help: "Filter in the --where language, e.g. \"id BETWEEN 100 AND 199\".") var filter: String
    @Option(help: "Comma-separated column names (projection); default: all columns.") var columns: String?
    @OptionGroup var options: BenchOptions

    func run() async throws {
        let names = columns.map { $0.split(separator: ",").map { String($0) } }
        try await options.execute(.filter(where: filter, columns: names), file: file)
    }
}
