@testable import Parquet

/// The parts of a valid Parquet file a structured mutation aims at: the footer's Thrift fields, every
/// page header's Thrift fields, the page bodies, and the offsets where structures begin or end.
struct FileLayout: Sendable {
    let bytes: [UInt8]
    /// Offset and length of the serialized FileMetaData.
    let footerStart: Int
    let footerLength: Int
    /// Footer fields, with ranges absolute in the file.
    let footerFields: [ThriftFieldMap.Field]
    /// Page header fields of every page of every column chunk, absolute in the file.
    let pageHeaderFields: [ThriftFieldMap.Field]
    /// Body ranges of every page (compressed bytes), absolute in the file.
    let pageBodies: [Range<Int>]
    /// Offsets where a page, a chunk, the footer or a footer field starts or ends (sorted, unique).
    let boundaries: [Int]

    /// Maps a valid file (it must open and its pages must parse).
    static func of(_ bytes: [UInt8]) async throws -> FileLayout {
        let file = try await ParquetFile.open(source: MemoryByteSource(bytes))
        let footerStart = Int(file.footerOffset), footerLength = file.footerLength
        let footerMap = bytes.withUnsafeBytes { ThriftFieldMap(UnsafeRawBufferPointer(rebasing: $0[footerStart ..< footerStart + footerLength])) }
        var footerFields = footerMap.fields
        for i in footerFields.indices { footerFields[i].range = footerFields[i].range.shifted(by: footerStart) }
        var headerFields: [ThriftFieldMap.Field] = []
        var bodies: [Range<Int>] = []
        var marks = Set([0, 4, footerStart, footerStart + footerLength, bytes.count - 8, bytes.count - 4])
        for f in footerFields { marks.insert(f.range.lowerBound) }
        for (g, group) in file.metadata.rowGroups.enumerated() {
            for column in file.schema.columns {
                let (offset, length, _) = try file.chunkRange(group.columns[column.index], column: column)
                var position = Int(offset)
                let end = position + length
                marks.insert(end)
                while position < end {
                    marks.insert(position)
                    let header = bytes.withUnsafeBytes { all -> (ThriftFieldMap, Int32)? in
                        let raw = UnsafeRawBufferPointer(rebasing: all[position ..< end])
                        var r = ThriftCompactReader(raw)
                        guard let h = try? PageHeader(thrift: &r) else { return nil }
                        return (ThriftFieldMap(raw), h.compressedPageSize)
                    }
                    guard let (map, compressed) = header, map.length > 0 else {
                        throw ParquetError(.corrupt, "cannot map the pages of row group \(g)", columnPath: column.dottedPath)
                    }
                    for var f in map.fields {
                        f.range = f.range.shifted(by: position)
                        headerFields.append(f)
                    }
                    let body = position + map.length ..< position + map.length + Int(compressed)
                    bodies.append(body)
                    marks.insert(body.lowerBound)
                    position = body.upperBound
                }
            }
        }
        return FileLayout(bytes: bytes, footerStart: footerStart, footerLength: footerLength, footerFields: footerFields,
                          pageHeaderFields: headerFields, pageBodies: bodies.filter { !$0.isEmpty },
                          boundaries: marks.filter { $0 >= 0 && $0 <= bytes.count }.sorted())
    }
}

extension Range<Int> {
    func shifted(by delta: Int) -> Range<Int> { lowerBound + delta ..< upperBound + delta }
}
