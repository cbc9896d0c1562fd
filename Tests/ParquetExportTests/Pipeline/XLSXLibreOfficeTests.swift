import Foundation
import Testing
import Parquet
import TestHelpers
@testable import ParquetExport

/// LibreOffice opens our workbooks and reads the same values: each export is converted by headless
/// LibreOffice (`soffice --convert-to xlsx`) and openpyxl compares every cell of every sheet of ours
/// with LibreOffice's copy (Tests/Oracles/libreoffice_roundtrip.py). openpyxl itself is checked
/// against pyarrow's values by the export oracle tests.
@Suite(.enabled(if: LibreOffice.isInstalled, "LibreOffice (soffice) is not installed"))
struct XLSXLibreOfficeTests {
    @Test func libreOfficeReadsTheSameValues() async throws {
        let dir = try ExportPipelineTests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let generated = PipelineSupport.generate(rows: 20_000, perGroup: 5_000)
        defer { try? FileManager.default.removeItem(atPath: generated) }
        let sources: [(String, Bool)] = [
            (ExportPipelineTests.fixture, true),  // with the Schema sheet
            (generated, false),  // strings with commas, quotes, newlines, unicode; lists; UTC timestamps
            (ExportPipelineTests.corpus.appendingPathComponent("alltypes_plain.parquet").path, false),  // INT96, dates
            (ExportPipelineTests.corpus.appendingPathComponent("byte_array_decimal.parquet").path, false),
            (ExportPipelineTests.corpus.appendingPathComponent("nested_structs.rust.parquet").path, false),
        ]
        var workbooks: [String] = []
        for (i, (source, metadata)) in sources.enumerated() {
            let result = await ParquetExporter.export(
                .file(source), options: ExportOptions(format: .xlsx, includeMetadata: metadata, filename: "book\(i)", outputDirectory: dir.path))
            #expect(result.success, "\(source): \(result.error ?? "")")
            workbooks.append(try #require(result.filePath))
        }
        let script = ExportPipelineTests.root.appendingPathComponent("Tests/Oracles/libreoffice_roundtrip.py").path
        let output = try OracleProcess.run(["python3", script, dir.path] + workbooks)
        let report = try #require(try JSONSerialization.jsonObject(with: output) as? [String: Any])
        #expect((report["mismatches"] as? [Any] ?? ["no report"]).isEmpty, "\(report["mismatches"] ?? "")")
        #expect((report["cells"] as? Int ?? 0) > 20_000 * 6, "every cell of every workbook compared")
        let sheets = report["sheets"] as? [String: [String]] ?? [:]
        #expect(sheets[workbooks[0]]?.contains("Schema") == true)
    }
}

/// Headless LibreOffice, when installed (`scripts/install-deps` installs libreoffice-calc-nogui).
enum LibreOffice {
    static let isInstalled = ["/usr/bin/soffice", "/usr/local/bin/soffice"].contains { FileManager.default.isExecutableFile(atPath: $0) }
}
