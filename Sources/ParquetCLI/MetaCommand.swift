import ArgumentParser
import Foundation
import Parquet

struct MetaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meta", abstract: "Print file metadata: row groups, column chunks, encodings, codecs, sizes, statistics.")
    @Argument(help: "A Parquet file (local path or s3://bucket/key).") var file: String
    @OptionGroup var input: InputOptions
    @Flag(help: "Print as JSON.") var json = false

    func run() async throws {
        do {
            let f = try await input.open(file)
            let m = MetadataReport(file: f)
            if json {
                let data = try JSONSerialization.data(withJSONObject: m.json, options: [.prettyPrinted, .sortedKeys])
                FileHandle.standardOutput.write(data)
                print()
            } else {
                print(m.text, terminator: "")
            }
        } catch { fail(error) }
    }
}

/// The metadata of a file, as text and as a JSON object.
struct MetadataReport {
    let file: ParquetFile

    static func hex(_ b: [UInt8]?) -> Any {
        guard let b else { return NSNull() }
        return b.map { String(format: "%02x", $0) }.joined()
    }

    static func stats(_ s: Statistics?) -> Any {
        guard let s else { return NSNull() }
        var o: [String: Any] = [:]
        if let v = s.nullCount { o["nullCount"] = v }
        if let v = s.distinctCount { o["distinctCount"] = v }
        if let v = s.nanCount { o["nanCount"] = v }
        if s.minValue != nil || s.min != nil { o["min"] = hex(s.minValue ?? s.min) }
        if s.maxValue != nil || s.max != nil { o["max"] = hex(s.maxValue ?? s.max) }
        if let v = s.isMinValueExact { o["isMinValueExact"] = v }
        if let v = s.isMaxValueExact { o["isMaxValueExact"] = v }
        return o
    }

    var json: [String: Any] {
        let m = file.metadata
        var groups: [[String: Any]] = []
        for (gi, g) in m.rowGroups.enumerated() {
            var cols: [[String: Any]] = []
            for (ci, c) in g.columns.enumerated() {
                var o: [String: Any] = ["path": file.schema.columns[ci].dottedPath]
                if let md = c.metaData {
                    o["physicalType"] = md.type.description
                    o["codec"] = md.codec.description
                    o["encodings"] = md.encodings.map(\.description)
                    o["numValues"] = md.numValues
                    o["totalCompressedSize"] = md.totalCompressedSize
                    o["totalUncompressedSize"] = md.totalUncompressedSize
                    o["dataPageOffset"] = md.dataPageOffset
                    if let d = md.dictionaryPageOffset { o["dictionaryPageOffset"] = d }
                    o["statistics"] = Self.stats(md.statistics)
                } else {
                    o["encrypted"] = true
                }
                if let v = c.offsetIndexOffset { o["offsetIndexOffset"] = v }
                if let v = c.columnIndexOffset { o["columnIndexOffset"] = v }
                cols.append(o)
            }
            groups.append(["index": gi, "numRows": g.numRows, "totalByteSize": g.totalByteSize, "columns": cols])
        }
        var kv: [String: Any] = [:]
        for e in m.keyValueMetadata ?? [] { kv[e.key] = e.value ?? NSNull() }
        let columns: [[String: Any]] = file.schema.columns.map { c in
            var o: [String: Any] = [
                "path": c.dottedPath, "physicalType": c.physicalType.description,
                "maxDefinitionLevel": c.maxDefinitionLevel, "maxRepetitionLevel": c.maxRepetitionLevel,
            ]
            if let lt = c.logicalType { o["logicalType"] = lt.description }
            if let ct = c.element.convertedType { o["convertedType"] = ct.description }
            return o
        }
        return [
            "version": m.version, "numRows": m.numRows, "createdBy": m.createdBy ?? NSNull(),
            "rowGroups": groups, "keyValueMetadata": kv, "columns": columns,
        ]
    }

    var text: String {
        let m = file.metadata
        var s = "created by: \(m.createdBy ?? "-")\nversion: \(m.version)\nrows: \(m.numRows)\nrow groups: \(m.rowGroups.count)\n"
        s += "columns: \(file.schema.columns.count)\n"
        for e in m.keyValueMetadata ?? [] {
            let v = e.value ?? ""
            s += "metadata \(e.key): \(v.count > 200 ? String(v.prefix(200)) + "…" : v)\n"
        }
        for (gi, g) in m.rowGroups.enumerated() {
            s += "row group \(gi): \(g.numRows) rows, \(g.totalByteSize) bytes\n"
            for (ci, c) in g.columns.enumerated() {
                let path = file.schema.columns[ci].dottedPath
                guard let md = c.metaData else { s += "  \(path): encrypted\n"; continue }
                s += "  \(path): \(md.type) \(md.codec) [\(md.encodings.map(\.description).joined(separator: ","))]"
                s += " values=\(md.numValues) compressed=\(md.totalCompressedSize) uncompressed=\(md.totalUncompressedSize)"
                if let st = md.statistics, let nc = st.nullCount { s += " nulls=\(nc)" }
                s += "\n"
            }
        }
        return s
    }
}
