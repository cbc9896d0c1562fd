import Foundation
import Parquet

/// Exports a Parquet file (local or any `ByteSource`, e.g. S3) to CSV, JSON, NDJSON, XLSX or Parquet,
/// streamed row group by row group, with progress and cancellation (Swift task cancellation).
///
/// Output goes to a temporary file in the target directory that is renamed into place only on success:
/// on any error or cancellation nothing is left behind and the result says why.
public enum ParquetExporter {
    /// Where the Parquet input comes from.
    public enum Source: Sendable {
        /// A local file path.
        case file(String)
        /// Any byte source (S3, memory…); `name` is used for the default output name (its last path component).
        case byteSource(any ByteSource, name: String)
        /// A byte source opened only when its export starts (e.g. one of many S3 objects under a prefix).
        case deferred(name: String, open: @Sendable () async throws -> any ByteSource)

        /// The path, key or name of the source.
        public var name: String {
            switch self {
            case .file(let p): p
            case .byteSource(_, let n): n
            case .deferred(let n, _): n
            }
        }
    }

    /// Runs an export; never throws: failures come back as `success == false` with `error` set.
    /// `destination` says where the output goes (default: a file in `options.outputDirectory`).
    public static func export(
        _ source: Source, options: ExportOptions, destination: ExportDestination = .directory,
        readerOptions: ReaderOptions = ReaderOptions(), progress: (@Sendable (ExportProgress) -> Void)? = nil
    ) async -> ExportResult {
        let started = Date()
        var reporter = ProgressReporter(handler: progress)
        reporter.report(.preparing, 0, "opening \(source.name)")
        var job = ExportJob(source: source, options: options, readerOptions: readerOptions)
        job.destination = destination
        do {
            var result = try await job.run(reporter: &reporter)
            result.durationSeconds = Date().timeIntervalSince(started)
            reporter.report(.completed, 100, "exported \(result.rowCount) rows to \(result.fileName ?? "")")
            return result
        } catch {
            await job.discard()
            let message: String
            if error is CancellationError { message = "export cancelled" } else if let e = error as? ParquetError {
                message = e.description
            } else { message = "\(error)" }
            reporter.report(.error, reporter.lastPercent, message)
            return ExportResult(success: false, rowCount: 0, error: message, durationSeconds: Date().timeIntervalSince(started),
                                bytesRead: job.bytesRead)
        }
    }

    /// The same export with its progress as an `AsyncStream`; the task yields the result.
    public static func exportWithProgressStream(
        _ source: Source, options: ExportOptions, destination: ExportDestination = .directory,
        readerOptions: ReaderOptions = ReaderOptions()
    ) -> (progress: AsyncStream<ExportProgress>, result: Task<ExportResult, Never>) {
        let (stream, continuation) = AsyncStream<ExportProgress>.makeStream()
        let task = Task {
            let r = await export(source, options: options, destination: destination, readerOptions: readerOptions) {
                continuation.yield($0)
            }
            continuation.finish()
            return r
        }
        return (stream, task)
    }
}

/// Reports progress, keeping percent monotonic.
struct ProgressReporter {
    let handler: (@Sendable (ExportProgress) -> Void)?
    var lastPercent: Double = 0

    mutating func report(_ stage: ExportProgress.Stage, _ percent: Double, _ message: String) {
        let p = min(100, max(lastPercent, percent))
        lastPercent = p
        handler?(ExportProgress(stage: stage, percent: p, message: message))
    }
}
