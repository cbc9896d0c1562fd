import ArgumentParser
import Foundation
import Parquet

struct RewriteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rewrite",
        abstract: "Re-encode a Parquet file with this engine's writer, keeping schema, values and key-value metadata.")

    @Argument(help: "The Parquet file to read.") var input: String
    @Argument(help: "The file to write ('-' for standard output).") var output: String
    @Option(help: "Codec and optional level: uncompressed, snappy, gzip[:0-9], brotli[:0-11], lz4, lz4_raw, zstd[:LEVEL].")
    var compression: String?
    @Option(name: .customLong("page-version"), help: "Data page version: 1 or 2.") var pageVersion: Int?
    @Option(help: "Dictionary encoding: on or off.") var dictionary: String?
    @Option(help: "COLUMN=ENCODING (PLAIN, RLE, RLE_DICTIONARY, DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY, BYTE_STREAM_SPLIT); repeatable.")
    var encoding: [String] = []
    @Option(name: .customLong("row-group-rows"), help: "Rows per row group (default: keep the input's row groups).")
    var rowGroupRows: Int?
    @Option(name: .customLong("page-bytes"), help: "Target data page size in bytes.") var pageBytes: Int?
    @Option(name: .customLong("page-index"), help: "Write the page index: on or off.") var pageIndex: String?
    @Option(name: .customLong("bloom-filter"), help: "COLUMN[:NDV]: write a Bloom filter for the column (NDV: distinct values per row group; default: counted); repeatable.")
    var bloomFilter: [String] = []
    @Option(name: .customLong("bloom-filter-fpp"), help: "False-positive probability of the Bloom filters (default 0.05).")
    var bloomFilterFPP: Double?
    @Flag(name: .customLong("keep-bloom-filters"), help: "Write Bloom filters for the columns that have them in the input.")
    var keepBloomFilters = false

    func run() async throws {
        do {
            let options = try ParquetRewriter.Options.parse(
                compression: compression, pageVersion: pageVersion, dictionary: dictionary, encodings: encoding,
                rowGroupRows: rowGroupRows, pageBytes: pageBytes, pageIndex: pageIndex, bloomFilters: bloomFilter,
                bloomFilterFPP: bloomFilterFPP, keepBloomFilters: keepBloomFilters)
            try await ParquetRewriter.rewrite(inputPath: input, outputPath: output, options: options)
        } catch { fail(error) }
    }
}
