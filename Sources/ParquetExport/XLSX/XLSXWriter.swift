// Rows as an Office Open XML workbook (.xlsx), streamed in constant memory through our ZIP writer.

import Parquet

/// Writes rows as an XLSX workbook: each row is rendered as SpreadsheetML, deflated as it comes and
/// streamed to the sink, so memory stays constant whatever the row count. By default the deflate runs
/// on background threads (``XLSXOptions/backgroundCompression``), in parallel 256 KiB pieces.
///
/// Cells: numbers (integers, floating point, decimals) as numbers; booleans as `t="b"`; strings, binary
/// (base64), UUIDs, INTERVALs and nested values (their JSON text) as inline strings; DATE, TIME,
/// TIMESTAMP and INT96 as Excel serial numbers with a date, time or date-time format (as ISO text when
/// outside Excel's 1900-01-01…9999-12-31, or a TIME outside one day); NaN/±infinity as the strings `nan`,
/// `inf`, `-inf`; nulls as absent cells. Text loses the characters XML 1.0 forbids and is cut at 32,767
/// UTF-16 code units (``truncatedCellCount`` counts such cells). Past ``XLSXOptions/maxRowsPerSheet``
/// rows the data continues on `Sheet2`, `Sheet3`…, each starting with the header row.
public struct XLSXWriter: ~Copyable, RowWriter {
    /// The options in force.
    public let options: XLSXOptions
    /// Data rows ended so far (headers not counted).
    public private(set) var rowCount = 0
    /// Cells cut at Excel's 32,767-character limit.
    public private(set) var truncatedCellCount = 0
    /// Sheets started so far.
    public private(set) var sheetCount = 0

    /// Bytes written to the sink so far.
    public var bytesWritten: UInt64 { worker?.bytesWritten ?? zip.bytesWritten }

    let zip: ZipWriter
    /// Deflates on a background thread when ``XLSXOptions/backgroundCompression`` is set.
    let worker: ZipWorker?
    /// Sheet XML not yet deflated.
    var sheet: OutputBuffer
    let columnCount: Int
    /// `<row r="1">…</row>` with the column names, or empty.
    let headerRow: [UInt8]
    /// `<c r="` + column letters, for every column, concatenated.
    let cellStarts: [UInt8]
    let cellStartOffsets: [Int]
    /// Rows in the current sheet, header included.
    var rowsInSheet = 0
    /// ASCII digits of the current row number (at most 7), in memory order.
    var rowDigits: UInt64 = 0
    var rowDigitCount = 0
    var column = 0
    /// JSON text of a nested value, or scratch text for a fallback string cell.
    var scratch: OutputBuffer
    var nested = JSONEmitter()
    var finished = false

    /// Sheet XML is deflated whenever this much is pending.
    static let flushThreshold = 256 * 1024

    /// A workbook writer for the given columns, streaming the archive to `sink`. Writes the package
    /// parts and the header of the first sheet immediately.
    public init(columns: [String], options: XLSXOptions = XLSXOptions(), sink: @escaping ZipWriter.Sink) throws(ParquetError) {
        guard columns.count <= XLSXOptions.excelMaxColumns else {
            throw ParquetError(.invalidArgument, "\(columns.count) columns exceed Excel's \(XLSXOptions.excelMaxColumns)")
        }
        let minimumRows = options.includeHeader ? 2 : 1
        guard (minimumRows ... XLSXOptions.excelMaxRows).contains(options.maxRowsPerSheet) else {
            throw ParquetError(.invalidArgument, "rows per sheet must be \(minimumRows)…\(XLSXOptions.excelMaxRows)")
        }
        // Everything that can throw before initialization comes first: a ~Copyable value cannot be
        // left partially initialized.
        let zip = try ZipWriter(compressionLevel: options.compressionLevel, sink: sink)
        try zip.addEntry(name: "_rels/.rels", contents: Array(Self.rootRelationships.utf8))
        try zip.addEntry(name: "xl/styles.xml", contents: Array(Self.styles.utf8))
        try zip.beginEntry(name: "xl/worksheets/sheet1.xml")
        worker = options.backgroundCompression
            ? try ZipWorker(zip: zip, bufferSize: Self.flushThreshold, compressionLevel: options.compressionLevel) : nil
        self.zip = zip
        self.options = options
        columnCount = columns.count
        sheet = OutputBuffer(capacity: Self.flushThreshold + 64 * 1024)
        scratch = OutputBuffer(capacity: 256)
        var starts: [UInt8] = []
        var offsets = [0]
        for i in 0 ..< columns.count {
            starts += Array("<c r=\"".utf8) + Self.columnName(i)
            offsets.append(starts.count)
        }
        cellStarts = starts
        cellStartOffsets = offsets
        headerRow = options.includeHeader
            ? Self.headerRow(columns, cellStarts: starts, offsets: offsets, bold: options.boldHeader) : []
        startSheetContent()
    }

    /// `<row r="1">` with one bold (or plain) inline-string cell per column name.
    static func headerRow(_ columns: [String], cellStarts: [UInt8], offsets: [Int], bold: Bool) -> [UInt8] {
        var header = OutputBuffer(capacity: 1024)
        header.append(ascii: "<row r=\"1\">")
        for (i, name) in columns.enumerated() {
            header.append(contentsOf: Array(cellStarts[offsets[i] ..< offsets[i + 1]]))
            header.append(ascii: "1\" t=\"inlineStr\"")
            if bold { header.append(ascii: " s=\"1\"") }
            header.append(ascii: "><is><t xml:space=\"preserve\">")
            var copy = name
            _ = copy.withUTF8 { XMLCellText.append(UnsafeRawBufferPointer($0), limit: XMLCellText.excelCellLimit, to: &header) }
            header.append(ascii: "</t></is></c>")
        }
        header.append(ascii: "</row>")
        return header.copyBytes()
    }

    /// A workbook writer appending to an open file descriptor (not closed by the writer).
    public init(columns: [String], options: XLSXOptions = XLSXOptions(), fileDescriptor: Int32) throws(ParquetError) {
        let output = FileDescriptorOutput(fileDescriptor)
        try self.init(columns: columns, options: options) { bytes in try output.write(bytes) }
    }

    deinit {
        worker?.abort()  // stops the thread when the writer is dropped unfinished (error paths)
    }

    // MARK: Archive (direct, or through the background thread)

    func zipBegin(_ name: String) throws(ParquetError) {
        if let worker { try worker.beginEntry(name: name) } else { try zip.beginEntry(name: name) }
    }

    func zipWrite(_ bytes: UnsafeRawBufferPointer) throws(ParquetError) {
        if let worker { try worker.write(bytes) } else { try zip.write(bytes) }
    }

    func zipEnd() throws(ParquetError) {
        if let worker { try worker.endEntry() } else { try zip.endEntry() }
    }

    func zipAdd(_ name: String, _ contents: String) throws(ParquetError) {
        if let worker { try worker.addEntry(name: name, contents: Array(contents.utf8)) } else {
            try zip.addEntry(name: name, contents: Array(contents.utf8))
        }
    }

    func zipFinish() throws(ParquetError) {
        if let worker { try worker.finish() } else { try zip.finish() }
    }

    mutating func openSheet() throws(ParquetError) {
        try zipBegin("xl/worksheets/sheet\(sheetCount + 1).xml")
        startSheetContent()
    }

    /// Counts the sheet whose entry was just begun and writes its start and header row.
    mutating func startSheetContent() {
        sheetCount += 1
        sheet.append(contentsOf: Array(Self.sheetStart.utf8))
        sheet.append(contentsOf: headerRow)
        rowsInSheet = options.includeHeader ? 1 : 0
    }

    mutating func flushSheet() throws(ParquetError) {
        try zipWrite(UnsafeRawBufferPointer(start: sheet.base, count: sheet.count))
        sheet.removeAll()
    }

    mutating func closeSheet() throws(ParquetError) {
        sheet.append(contentsOf: Array(Self.sheetEnd.utf8))
        try flushSheet()
        try zipEnd()
    }

    public mutating func beginRow() throws(ParquetError) {
        precondition(!finished, "beginRow after finish")
        if rowsInSheet >= options.maxRowsPerSheet {
            try closeSheet()
            try openSheet()
        }
        rowsInSheet += 1
        rowDigitCount = TextRendering.decimalDigitCount(UInt64(rowsInSheet))
        rowDigits = 0
        let count = rowDigitCount
        let row = UInt64(rowsInSheet)
        withUnsafeMutableBytes(of: &rowDigits) { raw in
            TextRendering.writeDigits(row, count: count, endingAt: raw.baseAddress!.assumingMemoryBound(to: UInt8.self) + count)
        }
        sheet.append(ascii: "<row r=\"")
        appendRowDigits()
        sheet.append(ascii: "\">")
        column = 0
    }

    public mutating func endRow() throws(ParquetError) {
        precondition(nested.depth == 0, "a list or struct is still open at the end of the row")
        precondition(column == columnCount, "a row needs one value per column")
        sheet.append(ascii: "</row>")
        rowCount += 1
        if sheet.count >= Self.flushThreshold { try flushSheet() }
    }

    /// Ends the last sheet, adds `extraSheets` (plain string cells, e.g. a "Schema" sheet), writes the
    /// workbook parts and the ZIP central directory.
    public mutating func finish(extraSheets: [XLSXStringSheet] = []) throws(ParquetError) {
        precondition(!finished, "finish called twice")
        finished = true
        try closeSheet()
        var names = (1 ... sheetCount).map { "Sheet\($0)" }
        for extra in extraSheets {
            guard Self.isValidSheetName(extra.name),
                  !names.contains(where: { $0.lowercased() == extra.name.lowercased() }) else {
                throw ParquetError(.invalidArgument, "invalid or duplicate sheet name \(extra.name.debugDescription)")
            }
            guard extra.rows.count <= XLSXOptions.excelMaxRows,
                  extra.rows.allSatisfy({ $0.count <= XLSXOptions.excelMaxColumns }) else {
                throw ParquetError(.invalidArgument, "sheet \(extra.name) exceeds Excel's size limits")
            }
            try writeStringSheet(extra)
            names.append(extra.name)
        }
        try zipAdd("xl/workbook.xml", Self.workbook(sheetNames: names))
        try zipAdd("xl/_rels/workbook.xml.rels", Self.workbookRelationships(sheetCount: names.count))
        try zipAdd("[Content_Types].xml", Self.contentTypes(sheetCount: names.count))
        try zipFinish()
    }

    mutating func writeStringSheet(_ extra: XLSXStringSheet) throws(ParquetError) {
        sheetCount += 1
        try zipBegin("xl/worksheets/sheet\(sheetCount).xml")
        sheet.append(contentsOf: Array(Self.sheetStart.utf8))
        for (r, cells) in extra.rows.enumerated() {
            let rowNumber = Array(String(r + 1).utf8)
            sheet.append(ascii: "<row r=\"")
            sheet.append(contentsOf: rowNumber)
            sheet.append(ascii: "\">")
            for (c, text) in cells.enumerated() {
                sheet.append(ascii: "<c r=\"")
                sheet.append(contentsOf: Self.columnName(c))
                sheet.append(contentsOf: rowNumber)
                sheet.append(ascii: "\" t=\"inlineStr\"><is><t xml:space=\"preserve\">")
                var copy = text
                let cut = copy.withUTF8 {
                    XMLCellText.append(UnsafeRawBufferPointer($0), limit: XMLCellText.excelCellLimit, to: &sheet)
                }
                if cut { truncatedCellCount += 1 }
                sheet.append(ascii: "</t></is></c>")
            }
            sheet.append(ascii: "</row>")
            if sheet.count >= Self.flushThreshold { try flushSheet() }
        }
        try closeSheet()
    }

    // MARK: Cells

    @inline(__always)
    mutating func appendRowDigits() {
        sheet.reserve(8)
        UnsafeMutableRawPointer(sheet.writePointer).storeBytes(of: rowDigits, as: UInt64.self)
        sheet.advance(by: rowDigitCount)
    }

    /// Writes `<c r="XX123` + `attributes` for the next column.
    @inline(__always)
    mutating func openCell(_ attributes: StaticString) {
        precondition(column < columnCount, "more values than columns in a row")
        cellStarts.withUnsafeBytes { starts in
            sheet.append(bytes: UnsafeRawBufferPointer(rebasing: starts[cellStartOffsets[column] ..< cellStartOffsets[column + 1]]))
        }
        appendRowDigits()
        sheet.append(ascii: attributes)
        column &+= 1  // < columnCount, checked above
    }

    @inline(__always) mutating func openNumberCell() { openCell("\"><v>") }
    @inline(__always) mutating func closeNumberCell() { sheet.append(ascii: "</v></c>") }

    mutating func writeStringCell(_ utf8: UnsafeRawBufferPointer) {
        // xml:space="preserve" only where whitespace at either end would otherwise be trimmed.
        @inline(__always) func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        if let first = utf8.first, let last = utf8.last, isSpace(first) || isSpace(last) {
            openCell("\" t=\"inlineStr\"><is><t xml:space=\"preserve\">")
        } else {
            openCell("\" t=\"inlineStr\"><is><t>")
        }
        if XMLCellText.append(utf8, limit: XMLCellText.excelCellLimit, to: &sheet) { truncatedCellCount += 1 }
        sheet.append(ascii: "</t></is></c>")
    }

    /// Writes the text in `scratch` as a string cell.
    mutating func writeScratchCell() {
        writeStringCell(UnsafeRawBufferPointer(start: scratch.base, count: scratch.count))
    }

    mutating func writeSerialCell(_ serial: Double, style: StaticString) {
        openCell(style)
        TextRendering.appendDouble(serial, nonFinite: .null, to: &sheet)
        closeNumberCell()
    }

    public mutating func writeNull() {
        if nested.depth > 0 { return nested.writeNull(&scratch) }
        precondition(column < columnCount, "more values than columns in a row")
        column += 1
    }

    public mutating func writeBool(_ value: Bool) {
        if nested.depth > 0 { return nested.writeBool(value, &scratch) }
        openCell("\" t=\"b\"><v>")
        sheet.append(value ? 0x31 : 0x30)
        closeNumberCell()
    }

    public mutating func writeInt(_ value: Int64) {
        if nested.depth > 0 { return nested.writeInt(value, &scratch) }
        openNumberCell()
        TextRendering.appendInteger(value, to: &sheet)
        closeNumberCell()
    }

    public mutating func writeUInt(_ value: UInt64) {
        if nested.depth > 0 { return nested.writeUInt(value, &scratch) }
        openNumberCell()
        TextRendering.appendInteger(value, to: &sheet)
        closeNumberCell()
    }

    mutating func writeNonFinite(isNaN: Bool, negative: Bool) {
        scratch.removeAll()
        TextRendering.appendNonFinite(isNaN: isNaN, negative: negative, .text, &scratch)
        writeScratchCell()
    }

    public mutating func writeDouble(_ value: Double) {
        if nested.depth > 0 { return nested.writeDouble(value, &scratch) }
        guard value.isFinite else { return writeNonFinite(isNaN: value.isNaN, negative: value < 0) }
        openNumberCell()
        TextRendering.appendDouble(value, nonFinite: .null, to: &sheet)
        closeNumberCell()
    }

    public mutating func writeFloat(_ value: Float) {
        if nested.depth > 0 { return nested.writeFloat(value, &scratch) }
        guard value.isFinite else { return writeNonFinite(isNaN: value.isNaN, negative: value < 0) }
        openNumberCell()
        TextRendering.appendFloat(value, nonFinite: .null, to: &sheet)
        closeNumberCell()
    }

    public mutating func writeFloat16(bits: UInt16) {
        if nested.depth > 0 { return nested.writeFloat16(bits: bits, &scratch) }
        if bits & 0x7C00 == 0x7C00 { return writeNonFinite(isNaN: bits & 0x3FF != 0, negative: bits & 0x8000 != 0) }
        openNumberCell()
        TextRendering.appendFloat16(bits: bits, nonFinite: .null, to: &sheet)
        closeNumberCell()
    }

    public mutating func writeDecimal(unscaled: Int64, scale: Int) {
        if nested.depth > 0 { return nested.writeDecimal(unscaled: unscaled, scale: scale, &scratch) }
        openNumberCell()
        TextRendering.appendDecimal(unscaled: unscaled, scale: scale, to: &sheet)
        closeNumberCell()
    }

    public mutating func writeDecimal(bigEndian bytes: UnsafeRawBufferPointer, scale: Int) {
        if nested.depth > 0 { return nested.writeDecimal(bigEndian: bytes, scale: scale, &scratch) }
        if bytes.count > TextRendering.maxDecimalBytes { return writeBinary(bytes) }  // not a number (invalid)
        openNumberCell()
        TextRendering.appendDecimal(bigEndian: bytes, scale: scale, to: &sheet)
        closeNumberCell()
    }

    public mutating func writeString(_ utf8: UnsafeRawBufferPointer) {
        if nested.depth > 0 { return nested.writeString(utf8, &scratch) }
        writeStringCell(utf8)
    }

    public mutating func writeBinary(_ bytes: UnsafeRawBufferPointer) {
        if nested.depth > 0 { return nested.writeBinary(bytes, &scratch) }
        scratch.removeAll()
        TextRendering.appendBase64(bytes, to: &scratch)
        writeScratchCell()
    }

    public mutating func writeUUID(_ bytes: UnsafeRawBufferPointer) {
        if nested.depth > 0 { return nested.writeUUID(bytes, &scratch) }
        scratch.removeAll()
        TextRendering.appendUUID(bytes, to: &scratch)
        writeScratchCell()
    }

    public mutating func writeInterval(_ bytes: UnsafeRawBufferPointer) {
        if nested.depth > 0 { return nested.writeInterval(bytes, &scratch) }
        scratch.removeAll()
        TextRendering.appendInterval(bytes, to: &scratch)
        writeScratchCell()
    }

    public mutating func writeDate(days: Int32) {
        if nested.depth > 0 { return nested.writeDate(days: days, &scratch) }
        if let serial = TextRendering.excelSerial(daysSinceEpoch: Int64(days)) {
            return writeSerialCell(serial, style: "\" s=\"2\"><v>")
        }
        scratch.removeAll()
        TextRendering.appendDate(days: days, to: &scratch)
        writeScratchCell()
    }

    public mutating func writeTime(_ value: Int64, unit: TimeUnit) {
        if nested.depth > 0 { return nested.writeTime(value, unit: unit, &scratch) }
        let perDay = unit.perSecond * 86_400
        if value >= 0 && value < perDay {
            return writeSerialCell(Double(value) / Double(perDay), style: "\" s=\"4\"><v>")
        }
        scratch.removeAll()
        TextRendering.appendTime(value, unit: unit, to: &scratch)
        writeScratchCell()
    }

    public mutating func writeTimestamp(_ value: Int64, unit: TimeUnit, isAdjustedToUTC: Bool) {
        if nested.depth > 0 {
            return nested.writeTimestamp(value, unit: unit, isAdjustedToUTC: isAdjustedToUTC, &scratch)
        }
        if let serial = TextRendering.excelSerial(timestamp: value, unit: unit) {
            return writeSerialCell(serial, style: "\" s=\"3\"><v>")
        }
        scratch.removeAll()
        TextRendering.appendTimestamp(value, unit: unit, isAdjustedToUTC: isAdjustedToUTC, to: &scratch)
        writeScratchCell()
    }

    public mutating func writeInt96Timestamp(_ value: Int96) {
        if nested.depth > 0 { return nested.writeInt96Timestamp(value, &scratch) }
        let (days, nanos) = TextRendering.int96DaysAndNanoseconds(value)
        if let serial = TextRendering.excelSerial(daysSinceEpoch: days, fractionOfDay: Double(nanos) / 86_400e9) {
            return writeSerialCell(serial, style: "\" s=\"3\"><v>")
        }
        scratch.removeAll()
        TextRendering.appendInt96Timestamp(value, to: &scratch)
        writeScratchCell()
    }

    public mutating func beginList() {
        if nested.depth == 0 { scratch.removeAll() }
        nested.beginArray(&scratch)
    }

    public mutating func endList() {
        nested.endArray(&scratch)
        if nested.depth == 0 { writeScratchCell() }
    }

    public mutating func beginStruct() {
        if nested.depth == 0 { scratch.removeAll() }
        nested.beginObject(&scratch)
    }

    public mutating func endStruct() {
        nested.endObject(&scratch)
        if nested.depth == 0 { writeScratchCell() }
    }

    public mutating func writeKey(_ key: JSONKey) { nested.key(key, &scratch) }
    public mutating func writeKey(utf8: UnsafeRawBufferPointer) { nested.key(utf8: utf8, &scratch) }
}
