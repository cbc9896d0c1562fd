import Foundation
import Parquet

extension ExportJob {
    /// Refuses destinations the format cannot use, before the source is opened.
    func checkDestination() throws {
        guard case .standardOutput = destination else { return }
        switch options.format {
        case .xlsx, .parquet:
            throw ParquetError(
                .invalidArgument, "\(options.format.rawValue) cannot be streamed to standard output (csv, json or ndjson can); give a file")
        case .csv, .ndjson:
            guard options.includeMetadata else { return }
            throw ParquetError(
                .invalidArgument, "includeMetadata writes a \(options.format.rawValue) schema sidecar file, which standard output cannot hold; give a file")
        case .json:
            return
        }
    }

    /// Opens the export's output for `destination`: checks the directory and the name, picks the final
    /// name, removes stale temporary files of killed exports there, and creates the sink.
    mutating func openOutput(fileExtension ext: String) async throws -> any ExportSink {
        let sink: any ExportSink
        switch destination {
        case .directory:
            let dir = options.outputDirectory
            var isDir: ObjCBool = false
            if !FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) {
                guard dir == "exports" else { throw ParquetError(.io, "output directory \(dir) does not exist") }
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            } else if !isDir.boolValue {
                throw ParquetError(.io, "\(dir) is not a directory")
            }
            let requested = try requestedName(fileExtension: ext)
            try OutputNaming.checkNotLink((dir as NSString).appendingPathComponent(requested))
            AtomicOutputFile.removeStaleTemporaries(in: dir)
            let fileName = OutputNaming.available(requested, in: dir, fileExtension: ext, overwrite: options.overwrite)
            outputPath = (dir as NSString).appendingPathComponent(fileName)
            sink = try LocalFileSink(path: outputPath, replacing: options.overwrite, fileExtension: ext)
        case .file(let path):
            let name = path.split(separator: "/").last.map(String.init) ?? ""
            guard !path.hasSuffix("/"), !name.isEmpty, name != ".", name != ".." else {
                throw ParquetError(.invalidArgument, "output \(path) is not a file path")
            }
            let dir = AtomicOutputFile.directory(of: path)
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir.isEmpty ? "." : dir, isDirectory: &isDir), isDir.boolValue else {
                throw ParquetError(.io, "output directory \(dir) does not exist")
            }
            outputPath = path
            sink = try LocalFileSink(path: path, replacing: true, fileExtension: ext)
        case .standardOutput:
            outputPath = "-"
            sink = StandardOutputSink()
        case .sink(let open):
            outputPath = try requestedName(fileExtension: ext)
            sink = try await open(outputPath, .data)
        }
        sinks.append(sink)
        return sink
    }

    /// The given file name (checked, extension added) or the default one.
    func requestedName(fileExtension ext: String) throws -> String {
        try options.filename.map { try OutputNaming.validated($0, fileExtension: ext) }
            ?? OutputNaming.defaultName(source: source.name, fileExtension: ext)
    }

    /// Opens the `<name>.schema.json` sidecar next to the output (committed after it).
    mutating func openSidecar() async throws -> any ExportSink {
        let sidecar = AtomicOutputFile.sidecarPath(for: outputPath)
        let sink: any ExportSink
        switch destination {
        case .directory, .file:
            sink = try LocalFileSink(path: sidecar, replacing: true, fileExtension: "schema.json")
        case .standardOutput:
            throw ParquetError(.invalidArgument, "standard output cannot hold a schema sidecar")
        case .sink(let open):
            sink = try await open(sidecar, .schemaSidecar)
        }
        sinks.append(sink)
        return sink
    }
}
