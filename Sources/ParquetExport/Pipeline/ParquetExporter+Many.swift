import Parquet

extension ParquetExporter {
    /// Exports several sources with the same options, at most `maxConcurrentExports` at a time; one
    /// result per source, in the order of `sources`. Never throws.
    ///
    /// Outputs that would get the same name (a fixed `filename`, or default names of equally named
    /// sources in the same second) get numbered names (`name_1.csv`, …), chosen atomically.
    /// `progress` gets the index of the source with each of its events. One exact file or standard
    /// output cannot hold several exports: with more than one source those destinations fail.
    public static func exportMany(
        _ sources: [Source], options: ExportOptions, destination: ExportDestination = .directory,
        maxConcurrentExports: Int = 2, readerOptions: ReaderOptions = ReaderOptions(),
        progress: (@Sendable (_ index: Int, ExportProgress) -> Void)? = nil
    ) async -> [ExportResult] {
        if sources.count > 1 {
            switch destination {
            case .file, .standardOutput:
                let message = "\(sources.count) sources cannot be exported to one file or to standard output; give an output directory"
                return sources.map { _ in ExportResult(success: false, error: message) }
            case .directory, .sink:
                break
            }
        }
        var results = [ExportResult?](repeating: nil, count: sources.count)
        await withTaskGroup(of: (Int, ExportResult).self) { group in
            var next = 0
            func start() {
                let index = next
                next += 1
                let source = sources[index]
                group.addTask {
                    var handler: (@Sendable (ExportProgress) -> Void)?
                    if let progress { handler = { progress(index, $0) } }
                    let result = await export(
                        source, options: options, destination: destination, readerOptions: readerOptions, progress: handler)
                    return (index, result)
                }
            }
            while next < min(sources.count, max(1, maxConcurrentExports)) { start() }
            while let (index, result) = await group.next() {
                results[index] = result
                if next < sources.count { start() }
            }
        }
        return results.map { $0 ?? ExportResult(success: false, error: "export did not run") }
    }
}
