import Foundation
import Synchronization
import Testing
@testable import Parquet

#if canImport(Glibc)
import Glibc
#endif

/// Thousands of seeded mutations of every fixture (bit flips, byte sets, truncations, Thrift fields of
/// the footer and of page headers set to extremes, page bodies aimed at, footer length swapped) must each
/// read fully or throw a `ParquetError`: never trap (which would end the test process), never take
/// longer than a time bound, never grow the process beyond a memory bound.
///
/// Environment (for hunting crashes in a loop): `PARQUET_MUTATIONS` (cases per fixture),
/// `PARQUET_MUTATION_FIXTURE` (only fixtures whose name contains it), `PARQUET_MUTATION_START`
/// (first case), `PARQUET_MUTATION_LOG` (file that gets "fixture case" before each case is run, so the
/// case that killed the process is its last line), `PARQUET_MUTATION_DUMP` (directory: each case is
/// written there as `<fixture>.case<k>.parquet` while it runs and removed after, so a crash leaves it behind).
@Suite("Mutation robustness")
struct MutationTests {
    /// Small files that together cover every encoding, codec, page v2, nesting, page indexes,
    /// dictionaries and checksums.
    static let corpus = [
        "alltypes_plain.parquet", "alltypes_dictionary.parquet", "alltypes_plain.snappy.parquet",
        "datapage_v2.snappy.parquet", "page_v2_empty_compressed.parquet", "datapage_v2_empty_datapage.snappy.parquet",
        "delta_length_byte_array.parquet", "delta_encoding_optional_column.parquet", "delta_binary_packed.parquet",
        "byte_stream_split.zstd.parquet", "byte_stream_split_extended.gzip.parquet", "rle_boolean_encoding.parquet",
        "lz4_raw_compressed.parquet", "hadoop_lz4_compressed.parquet", "non_hadoop_lz4_compressed.parquet",
        "concatenated_gzip_members.parquet",
        "nested_lists.snappy.parquet", "nested_maps.snappy.parquet", "list_columns.parquet", "null_list.parquet",
        "repeated_no_annotation.parquet", "old_list_structure.parquet", "nonnullable.impala.parquet", "nullable.impala.parquet",
        "data_index_bloom_encoding_with_length.parquet", "int32_with_null_pages.parquet", "fixed_length_byte_array.parquet",
        "rle-dict-snappy-checksum.parquet", "fixed_length_decimal.parquet", "int96_from_spark.parquet",
        "float16_nonzeros_and_nans.parquet", "nulls.snappy.parquet", "dict-page-offset-zero.parquet",
    ]

    static var fixtures: [String] {
        let ours = ["Fixtures/wells.parquet", "Fixtures/robustness/brotli.parquet", "Fixtures/robustness/v2_page_index.parquet"].map { TestSupport.packageRoot.appendingPathComponent($0).path }
        let all = ours + corpus.map(TestSupport.corpusFile)
        guard let only = ProcessInfo.processInfo.environment["PARQUET_MUTATION_FIXTURE"] else { return all }
        return all.filter { $0.contains(only) }
    }

    static func environmentInt(_ name: String) -> Int? {
        ProcessInfo.processInfo.environment[name].flatMap { Int($0) }
    }

    /// Peak resident set of this process, in bytes.
    static func peakResidentBytes() -> Int {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return usage.ru_maxrss * 1024
    }

    /// Cases per fixture scale inversely with its size so the suite stays within its time budget.
    static func caseCount(for bytes: Int) -> Int {
        if let n = environmentInt("PARQUET_MUTATIONS") { return n }
        return bytes <= 4096 ? 1200 : 1000
    }

    @Test(arguments: fixtures)
    func mutatedFixtureReadsOrThrows(_ path: String) async throws {
        let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let name = URL(fileURLWithPath: path).lastPathComponent
        let layout = try await FileLayout.of(original)
        // The unmutated file must read, or every case would only test the error path.
        #expect(try await HostileRead.readEverything(original) >= 0)
        let mutator = Mutator(layout: layout)
        let seed = UInt64(truncatingIfNeeded: name.utf8.reduce(5381) { ($0 &* 33) &+ Int($1) })
        let dump = ProcessInfo.processInfo.environment["PARQUET_MUTATION_DUMP"]
        let log = ProcessInfo.processInfo.environment["PARQUET_MUTATION_LOG"].flatMap { FileHandle(forWritingAtPath: $0) }
        log?.seekToEndOfFile()
        let start = Self.environmentInt("PARQUET_MUTATION_START") ?? 0
        let count = Self.caseCount(for: original.count)
        let rssBefore = Self.peakResidentBytes()
        let began = ContinuousClock.now
        var outcomes: [String: Int] = [:]
        var slowest = Duration.zero
        let clock = ContinuousClock()
        for k in start ..< start + count {
            let bytes = mutator.mutation(k, seed: seed)
            log?.write(Data("\(name) \(k)\n".utf8))
            let dumped = dump.map { "\($0)/\(name).case\(k).parquet" }
            if let dumped { FileManager.default.createFile(atPath: dumped, contents: Data(bytes)) }
            defer { if let dumped { try? FileManager.default.removeItem(atPath: dumped) } }
            var options = HostileRead.testOptions
            options.verifyChecksums = k % 3 != 0
            var outcome = HostileRead.Outcome.read(rows: 0)
            let watch = MutationWatchdog.shared.begin("case \(k) (\(Mutator.kind(ofCase: k))) of \(name)")
            let elapsed = await clock.measure {
                outcome = await HostileRead.outcome(bytes, options: options, batchRows: k % 4 == 1 ? 3 : 0)
            }
            MutationWatchdog.shared.end(watch)
            slowest = max(slowest, elapsed)
            // A hang guard, not a speed test (cases take milliseconds; a loaded CI machine may be 10x slower).
            #expect(elapsed < .seconds(15), "case \(k) (\(Mutator.kind(ofCase: k))) of \(name) took \(elapsed)")
            switch outcome {
            case .read: outcomes["read", default: 0] += 1
            case .refused(let code): outcomes[code.rawValue, default: 0] += 1
            case .foreignError(let e): Issue.record("case \(k) (\(Mutator.kind(ofCase: k))) of \(name) threw a non-ParquetError: \(e)")
            }
        }
        let grown = Self.peakResidentBytes() - rssBefore
        #expect(grown < 1 << 30, "peak RSS grew by \(grown >> 20) MiB while reading mutations of \(name)")
        // Mutations must reach past the footer: some cases read, some fail as corrupt data.
        #expect(outcomes["corrupt", default: 0] > count / 20, "\(name): \(outcomes)")
        print("mutations of \(name): \(count) cases in \(ContinuousClock.now - began), slowest \(slowest), outcomes \(outcomes.sorted { $0.key < $1.key })")
    }
}

/// Turns a hang into a failure: a thread that ends the test process, naming the case, when one
/// mutation case has run for longer than `limit` (a case that never returns cannot fail an `#expect`).
final class MutationWatchdog: Sendable {
    static let shared = MutationWatchdog()
    static let limit: Duration = .seconds(60)

    private let running = Mutex<(next: Int, cases: [Int: (String, ContinuousClock.Instant)])>((0, [:]))

    private init() {
        let thread = Thread { [self] in
            while true {
                Thread.sleep(forTimeInterval: 1)
                let now = ContinuousClock.now
                if let (label, _) = running.withLock({ $0.cases.values.first { now - $0.1 > Self.limit } }) {
                    FileHandle.standardError.write(Data("mutation \(label) ran for more than \(Self.limit): a hang; failing the run\n".utf8))
                    exit(EXIT_FAILURE)
                }
            }
        }
        thread.start()
    }

    func begin(_ label: String) -> Int {
        running.withLock { state in
            state.next += 1
            state.cases[state.next] = (label, .now)
            return state.next
        }
    }

    func end(_ token: Int) { _ = running.withLock { $0.cases.removeValue(forKey: token) } }
}
