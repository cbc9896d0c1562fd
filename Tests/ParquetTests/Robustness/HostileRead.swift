import Foundation
@testable import Parquet

/// Reads everything a file offers — footer, schema, page indexes, every column in small batches and
/// whole, rows assembled and traversed — the way an application would, so a mutated file exercises
/// the whole read path. Returns the number of rows read; throws whatever the reader throws.
enum HostileRead {
    /// Limits for hostile input in tests: low enough that a runaway allocation shows, high enough for
    /// every fixture.
    static var testOptions: ReaderOptions {
        var o = ReaderOptions()
        o.maxPageSize = 16 << 20
        o.maxDictionaryEntries = 1 << 20
        o.maxFooterSize = 1 << 20
        o.maxReadBytes = 64 << 20
        o.maxPageValues = 1 << 22
        return o
    }

    @discardableResult
    static func readEverything(_ bytes: [UInt8], options: ReaderOptions = testOptions, batchRows: Int = 0) async throws -> Int {
        let file = try await ParquetFile.open(source: MemoryByteSource(bytes), options: options)
        _ = file.schema.treeDescription
        var rows = 0
        for g in 0 ..< file.rowGroupCount {
            for column in file.schema.columns {
                _ = try await file.offsetIndex(rowGroup: g, column: column)
                _ = try await file.columnIndex(rowGroup: g, column: column)
                if batchRows > 0 {
                    let reader = try await file.columnReader(rowGroup: g, column: column)
                    while let batch = try reader.readBatch(maxRows: batchRows) { _ = batch.rowCount }
                }
            }
            var hasher = Hasher()
            for row in try await file.readRows(rowGroup: g) {
                row.hash(into: &hasher)
                rows += 1
            }
            _ = hasher.finalize()
        }
        return rows
    }

    /// What a read of hostile bytes came to.
    enum Outcome: Equatable {
        case read(rows: Int)
        case refused(ParquetError.Code)
        /// Anything but a ParquetError: a bug (the reader's one error type leaked something else).
        case foreignError(String)
    }

    static func outcome(_ bytes: [UInt8], options: ReaderOptions = testOptions, batchRows: Int = 0) async -> Outcome {
        do {
            return .read(rows: try await readEverything(bytes, options: options, batchRows: batchRows))
        } catch let e as ParquetError {
            return .refused(e.code)
        } catch {
            return .foreignError(String(describing: error))
        }
    }
}
