import Parquet

extension ExportJob {
    /// `stream` with a row filter: the rows of each row group that match, through `FilteredScan` (row
    /// groups and pages pruned by statistics, Bloom filters and the page index; at most `total` rows).
    mutating func streamFiltered(_ file: ParquetFile, _ filter: String, _ total: Int, _ reporter: inout ProgressReporter,
                                 _ body: (inout RowGroupRenderer, Range<Int>) throws -> Void) async throws -> Int {
        var scan = try file.scan(where: filter, columns: options.columns, limit: total)
        var done = 0
        while let batches = try await scan.next() {
            var renderer = try RowGroupRenderer(schema: file.schema, batches: batches)
            let rows = batches.first?.rowCount ?? 0
            try body(&renderer, 0 ..< rows)
            try await sinks.first?.flush()
            done += rows
            report(scan, done, &reporter)
        }
        record(scan.statistics)
        return done
    }

    /// `writeParquet` with a row filter: one output row group per source row group with matches.
    mutating func writeFilteredParquet(_ file: ParquetFile, _ filter: String, _ schema: Schema, _ writer: ParquetWriter,
                                       _ total: Int, _ reporter: inout ProgressReporter) async throws -> Int {
        var scan = try file.scan(where: filter, columns: options.columns, limit: total)
        var done = 0
        while let batches = try await scan.next() {
            try writer.write(batches: batches.map { b in
                var b = b
                b.column = schema.column(path: b.column.path) ?? b.column
                return b
            })
            try writer.endRowGroup()
            try await sinks.first?.flush()
            done += batches.first?.rowCount ?? 0
            report(scan, done, &reporter)
        }
        try writer.close()
        record(scan.statistics)
        return done
    }

    private func report(_ scan: FilteredScan, _ done: Int, _ reporter: inout ProgressReporter) {
        let groups = max(scan.file.rowGroupCount, 1)
        reporter.report(.exporting, 2 + 97 * Double(scan.nextRowGroup) / Double(groups),
                        "row group \(scan.nextRowGroup) of \(scan.file.rowGroupCount): \(done) matching rows")
    }

    private mutating func record(_ statistics: FilterStatistics) {
        filterStatistics = statistics
        bytesRead += statistics.bytesRead + statistics.indexBytesRead
    }
}
