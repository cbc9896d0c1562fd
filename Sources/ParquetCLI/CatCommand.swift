import ArgumentParser
import Foundation
import Parquet
import ParquetExport

struct CatCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cat", abstract: "Print rows as JSON, one object per line (NDJSON).")
    @Argument(help: "A Parquet file.") var file: String
    @Option(help: "Output format (ndjson).") var format: String = "ndjson"
    @Option(help: "Comma-separated columns (dotted paths allowed).") var columns: String?
    @Option(help: "Print at most this many rows.") var limit: Int?

    func run() async throws {
        do {
            guard format == "ndjson" else { throw ValidationError("unsupported format '\(format)' (ndjson)") }
            let f = try await ParquetFile.open(path: file)
            let names = columns?.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
            var remaining = limit ?? Int.max
            var out = OutputBuffer()
            for g in 0 ..< f.rowGroupCount where remaining > 0 {
                let rows = try await f.readRows(rowGroup: g, columns: names)
                for row in rows.prefix(remaining) {
                    ValueRenderer.appendJSON(row, to: &out)
                    out.append(0x0A)
                    if out.count > 1 << 20 { flush(&out) }
                }
                remaining -= min(remaining, rows.count)
            }
            flush(&out)
        } catch { fail(error) }
    }

    func flush(_ out: inout OutputBuffer) {
        out.withUnsafeBytes { FileHandle.standardOutput.write(Data($0)) }
        out.removeAll()
    }
}
