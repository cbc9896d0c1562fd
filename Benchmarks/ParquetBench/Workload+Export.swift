import Parquet
import ParquetExport

extension Workload {
    /// One export through the real pipeline (`ParquetExporter.export`): open, stream row groups, render,
    /// write to a temporary file renamed over `outputDirectory/bench.<ext>`. Input bytes are the column
    /// chunk bytes the exporter read; output bytes the exported file's size.
    static func exportFile(_ source: BenchSource, format: ExportFormat, limit: Int?, outputDirectory: String,
                       options: ReaderOptions) async throws -> RunOutput {
        let exportOptions = ExportOptions(format: format, filename: "bench.\(format.fileExtension)",
                                          outputDirectory: outputDirectory, limit: limit, overwrite: true)
        let result = await ParquetExporter.export(try await source.exportSource(), options: exportOptions, readerOptions: options)
        guard result.success else {
            throw ParquetError(.io, "export to \(format.rawValue) failed: \(result.error ?? "unknown error")")
        }
        return RunOutput(rows: result.rowCount, inputBytes: result.bytesRead, outputBytes: result.fileSize ?? 0)
    }
}
