/// Where an export writes its output.
public enum ExportDestination: Sendable {
    /// A file in ``ExportOptions/outputDirectory``, named by ``ExportOptions/filename`` or the default
    /// name; an existing file gets a numbered name unless ``ExportOptions/overwrite``.
    case directory
    /// Exactly this file path (its directory must exist); an existing file is replaced.
    case file(String)
    /// Standard output, streamed (csv, json and ndjson only; no temporary file).
    case standardOutput
    /// A sink opened for the output file name (the given or default name with its extension), e.g. an
    /// S3 object under a prefix. Also called, with `.schemaSidecar` and the sidecar's name
    /// (`<name>.schema.json`), for the sidecar of `includeMetadata` with csv and ndjson.
    case sink(@Sendable (_ fileName: String, _ part: ExportOutputPart) async throws -> any ExportSink)
}

/// Which output of an export a sink is opened for.
public enum ExportOutputPart: Sendable, Hashable {
    /// The exported data.
    case data
    /// The `<name>.schema.json` sidecar (csv and ndjson with `includeMetadata`).
    case schemaSidecar
}
