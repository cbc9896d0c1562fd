import Foundation
import Testing
@testable import Parquet

/// Every file of parquet-testing's bad_data fails with a typed error and none crashes, except
/// ARROW-GH-43605, which is valid (bit width 0 dictionary indices) and must read.
@Suite("bad_data corpus")
struct BadDataTests {
    @Test(arguments: ["ARROW-GH-41317.parquet", "ARROW-GH-41321.parquet", "ARROW-GH-45185.parquet",
                      "ARROW-GH-47662.parquet", "ARROW-RS-GH-6229-DICTHEADER.parquet", "ARROW-RS-GH-6229-LEVELS.parquet",
                      "PARQUET-1481.parquet"])
    func refusedWithTypedError(_ name: String) async throws {
        await #expect(throws: ParquetError.self) {
            let f = try await ParquetFile.open(path: TestSupport.badDataFile(name))
            for g in 0 ..< f.rowGroupCount { _ = try await f.readRowGroup(g) }
        }
    }
}
