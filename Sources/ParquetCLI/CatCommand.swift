import ArgumentParser
import Foundation
import Parquet
import ParquetExport

struct CatCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cat", abstract: "Print rows as JSON, one object per line (NDJSON).")
    @Argument(help: "A Parquet file (local path or s3://bucket/key).") var file: String
    @OptionGroup var input: InputOptions
    @Option(help: "Output format (ndjson).") var format: String = "ndjson"
    @Option(help: "Comma-separated columns (dotted paths allowed).") var columns: String?
    @Option(help: "Print at most this many rows.") var limit: Int?
    @Option(help: "Start at this row (reads only the pages holding the window when the file has a page index).") var offset: Int64?
    @Option(name: .customLong("where"), help: "Row filter, e.g. \"id = 42 AND name IN ('a', 'b')\".") var filter: String?
    @Flag(help: "Print pruning counters on stderr (with --where).") var verbose = false

    func run() async throws {
        do {
            guard format == "ndjson" else { throw ValidationError("unsupported format '\(format)' (ndjson)") }
            let f = try await input.open(file)
            let names = columns?.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
            var remaining = limit ?? Int.max
            var writer = JSONWriter(columns: ValueRenderer.columnNames(schema: f.schema, leaves: try f.resolveColumns(names)), style: .ndjson)
            if let filter {
                guard offset == nil else { throw ValidationError("--offset cannot be combined with --where") }
                var scan = try f.scan(where: filter, columns: names, limit: limit)
                while let batches = try await scan.next() {
                    ValueRenderer.writeRows(try RecordAssembler.assemble(schema: f.schema, batches: batches), to: &writer)
                    flush(&writer.buffer)
                }
                if verbose { FileHandle.standardError.write(Data("parquet: \(scan.statistics)\n".utf8)) }
                return
            }
            if let offset {
                let count = Int(min(Int64(remaining), max(0, f.rowCount - offset)))
                var start = offset
                var left = count
                while left > 0 {  // windows of at most 64K rows keep memory bounded
                    let n = min(left, 65_536)
                    ValueRenderer.writeRows(try await f.rowWindowValues(offset: start, limit: n, columns: names), to: &writer)
                    flush(&writer.buffer)
                    start += Int64(n)
                    left -= n
                }
                return
            }
            for g in 0 ..< f.rowGroupCount where remaining > 0 {
                let rows = try await f.readRows(rowGroup: g, columns: names)
                ValueRenderer.writeRows(Array(rows.prefix(remaining)), to: &writer)
                flush(&writer.buffer)
                remaining -= min(remaining, rows.count)
            }
            flush(&writer.buffer)
        } catch { fail(error) }
    }

    func flush(_ out: inout OutputBuffer) {
        out.withUnsafeBytes { FileHandle.standardOutput.write(Data($0)) }
        out.removeAll()
    }
}
