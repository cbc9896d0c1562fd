import Foundation
import Testing
import Parquet
@testable import ParquetExport

/// Many exports at once from one process: every output checked by the oracles.
@Suite("Export concurrency")
struct ExportConcurrencyTests {
    static var sources: [String] {
        [PipelineSupport.fixture, PipelineSupport.bigFile,
         ExportPipelineTests.corpus.appendingPathComponent("alltypes_plain.parquet").path,
         ExportPipelineTests.corpus.appendingPathComponent("nested_lists.snappy.parquet").path]
    }

    /// 16 concurrent exports (mixed formats, same and different sources, default names colliding in the
    /// same second, in one directory): 16 distinct files, each equal to pyarrow's values.
    @Test func sixteenConcurrentExports() async throws {
        let dir = try ExportPipelineTests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let s = Self.sources
        // The large file once per format family (its text check is the slow part), the others repeatedly.
        let jobs: [(String, ExportFormat)] = [
            (s[0], .csv), (s[1], .parquet), (s[0], .ndjson), (s[3], .json), (s[2], .xlsx), (s[1], .ndjson), (s[0], .json),
            (s[3], .csv), (s[0], .csv), (s[2], .parquet), (s[0], .xlsx), (s[2], .csv), (s[3], .ndjson), (s[2], .json),
            (s[0], .parquet), (s[0], .ndjson),
        ]
        let results = await withTaskGroup(of: (Int, ExportResult).self) { group in
            for (i, job) in jobs.enumerated() {
                group.addTask {
                    (i, await ParquetExporter.export(.file(job.0), options: ExportOptions(format: job.1, outputDirectory: dir.path)))
                }
            }
            var out = [ExportResult?](repeating: nil, count: jobs.count)
            for await (i, r) in group { out[i] = r }
            return out.map { $0! }
        }
        for (job, r) in zip(jobs, results) { #expect(r.success, "\(job): \(r.error ?? "")") }
        let paths = results.compactMap(\.filePath)
        #expect(Set(paths).count == 16, "outputs overwrote each other: \(paths)")
        #expect(PipelineSupport.entries(dir.path).count == 16)
        var checks: [[String: Any]] = []
        for (job, r) in zip(jobs, results) where r.success {
            if job.1 == .parquet {
                #expect(try PipelineSupport.parquetEqual(job.0, r.filePath!), "\(job)")
            } else {
                checks.append(["parquet": job.0, "format": job.1.rawValue, "output": r.filePath!])
            }
        }
        let (mismatches, checked) = try PipelineSupport.checkExports(checks)
        #expect(mismatches.isEmpty, "\(mismatches)")
        #expect(checked > 400_000)
    }

    /// exportMany: one result per source in order (a missing source fails alone), bounded concurrency,
    /// per-source progress reaching 100.
    @Test func exportManyBoundedWithPerSourceProgress() async throws {
        let dir = try ExportPipelineTests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let inputs = [PipelineSupport.fixture, Self.sources[2], "/nonexistent/missing.parquet", PipelineSupport.fixture, Self.sources[3]]
        let log = ProgressLog()
        let results = await ParquetExporter.exportMany(inputs.map { .file($0) }, options: ExportOptions(format: .ndjson, outputDirectory: dir.path),
                                                       maxConcurrentExports: 2) { index, p in log.add(index, p) }
        #expect(results.count == 5)
        #expect(results.map(\.success) == [true, true, false, true, true])
        #expect((results[2].error ?? "").contains("missing.parquet"))
        #expect(results[0].rowCount == 1000 && results[3].rowCount == 1000 && results[0].filePath != results[3].filePath)
        #expect(log.maxActive <= 2 && log.maxActive >= 1)
        for i in [0, 1, 3, 4] { #expect(log.last[i]?.stage == .completed && log.last[i]?.percent == 100, "\(i)") }
        #expect(log.last[2]?.stage == .error)
        let checks: [[String: Any]] = zip(inputs, results).filter { $0.1.success }.map {
            ["parquet": $0.0, "format": "ndjson", "output": $0.1.filePath!]
        }
        let (mismatches, _) = try PipelineSupport.checkExports(checks)
        #expect(mismatches.isEmpty, "\(mismatches)")
        // One exact file cannot hold several exports.
        let refused = await ParquetExporter.exportMany([.file(PipelineSupport.fixture), .file(PipelineSupport.fixture)],
                                                       options: ExportOptions(format: .csv), destination: .file(dir.path + "/one.csv"))
        #expect(refused.allSatisfy { !$0.success })
    }
}

/// Progress events per source, and how many exports ran at once.
final class ProgressLog: @unchecked Sendable {
    // Everything is only touched under `lock`, hence @unchecked Sendable.
    private let lock = NSLock()
    private var active = Set<Int>()
    private var _maxActive = 0
    private var _last: [Int: ExportProgress] = [:]

    func add(_ index: Int, _ p: ExportProgress) {
        lock.withLock {
            if p.stage == .completed || p.stage == .error { active.remove(index) } else { active.insert(index) }
            _maxActive = max(_maxActive, active.count)
            if let previous = _last[index], previous.percent > p.percent { _maxActive = 99 }  // never backwards
            _last[index] = p
        }
    }

    var maxActive: Int { lock.withLock { _maxActive } }
    var last: [Int: ExportProgress] { lock.withLock { _last } }
}
