import Foundation
import Testing
@testable import Parquet

/// Every flat file of apache/parquet-testing gives pyarrow's values for every column.
@Suite("Corpus against pyarrow")
struct CorpusOracleTests {
    /// Files that must fail to read, with the error code they must fail with.
    static let expectedFailures: [String: ParquetError.Code] = [
        "datapage_v1-corrupt-checksum.parquet": .checksumMismatch,
        "rle-dict-uncompressed-corrupt-checksum.parquet": .checksumMismatch,
        // Its dictionary page claims more bytes than the column chunk holds (arrow C++ refuses it too).
        "nation.dict-malformed.parquet": .corrupt,
    ]

    static func isFlat(_ schema: Schema) -> Bool {
        schema.root.children.allSatisfy(\.isLeaf) && schema.columns.allSatisfy { $0.maxRepetitionLevel == 0 }
    }

    @Test("flat corpus files equal pyarrow")
    func flatFilesMatchPyarrow() async throws {
        var request: [String: Any] = [:]
        var failures: [String] = []
        var flatCount = 0
        for path in TestSupport.corpusFiles() {
            let name = URL(fileURLWithPath: path).lastPathComponent
            do {
                let file = try await ParquetFile.open(path: path)
                guard Self.isFlat(file.schema) else { continue }
                flatCount += 1
                let dump = try await PhysicalDump.dumpFile(file)
                if let code = Self.expectedFailures[name] {
                    failures.append("\(name): expected \(code), read without error")
                    continue
                }
                request[path] = dump
            } catch let e as ParquetError {
                if e.code == .encrypted || Self.expectedFailures[name] == e.code { continue }
                failures.append("\(name): \(e)")
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        #expect(flatCount > 40)
        let input = try JSONSerialization.data(withJSONObject: ["files": request])
        let out = try TestSupport.runPython(script: "compare_physical.py", input: input)
        let result = try #require(try JSONSerialization.jsonObject(with: out) as? [String: Any])
        let mismatches = result["mismatches"] as? [Any] ?? []
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20))")
        #expect((result["checked"] as? Int ?? 0) > 10_000)
    }
}
