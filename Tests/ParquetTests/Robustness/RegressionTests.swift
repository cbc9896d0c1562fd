import Foundation
import Testing
@testable import Parquet

/// Inputs that once crashed the reader (found by the mutation test or the fuzzers), kept as small files
/// under `Fixtures/regression/`: each must now fail with a `ParquetError`.
@Suite("Robustness regressions")
struct RegressionTests {
    static let directory = TestSupport.packageRoot.appendingPathComponent("Fixtures/regression")

    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".parquet") }.sorted()
    }

    @Test(arguments: files)
    func refusedWithParquetError(_ name: String) async throws {
        let bytes = [UInt8](try Data(contentsOf: Self.directory.appendingPathComponent(name)))
        let outcome = await HostileRead.outcome(bytes, options: ReaderOptions())
        guard case .refused = outcome else {
            Issue.record("\(name): \(outcome)")
            return
        }
    }

    @Test func everyRegressionFileIsPresent() {
        #expect(Self.files.contains("negative-chunk-num-values.parquet"))
    }

    /// alltypes_plain.parquet with its first chunk's num_values set to Int64.min: the batch size estimate
    /// computed `num_values - levelsRead` and trapped on the underflow; now refused as corrupt metadata. (`PARQUET_WRITE_REGRESSION=1`
    /// rewrites the fixture.)
    @Test func negativeChunkValueCount() async throws {
        let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: TestSupport.corpusFile("alltypes_plain.parquet"))))
        let file = try await ParquetFile.open(source: MemoryByteSource(original))
        var metadata = file.metadata
        metadata.rowGroups[0].columns[0].metaData!.numValues = Int64.min
        let footer = metadata.thriftBytes()
        let bytes = Array(original[..<Int(file.footerOffset)]) + footer + Mutator.le32(UInt32(footer.count)) + Array("PAR1".utf8)
        if ProcessInfo.processInfo.environment["PARQUET_WRITE_REGRESSION"] != nil {
            try Data(bytes).write(to: Self.directory.appendingPathComponent("negative-chunk-num-values.parquet"))
        }
        let outcome = await HostileRead.outcome(bytes, options: ReaderOptions())
        #expect(outcome == .refused(.corrupt), "\(outcome)")
    }
}
