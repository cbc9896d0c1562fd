// Rows as RFC 4180 CSV.

import Parquet

/// Writes rows as CSV (RFC 4180) with the RENDERING.md cell rules: values as in JSON except that strings
/// are unquoted unless needed, timestamps have a space between date and time, NaN/±infinity are `nan`,
/// `inf`, `-inf`, null is ``CSVOptions/nullText``, and nested values (lists, structs, maps, INTERVAL) are
/// their JSON text in one cell.
///
/// The writer only appends to ``buffer``; drain it into a sink whenever it grows past a threshold.
public struct CSVWriter: ~Copyable, RowWriter {
    /// The output; drain it regularly.
    public var buffer: OutputBuffer
    /// The options in force.
    public let options: CSVOptions
    /// Rows ended so far (the header is not a row).
    public internal(set) var rowCount = 0
    @usableFromInline let delimiter: UInt8
    @usableFromInline let nullText: [UInt8]
    @usableFromInline let header: [UInt8]
    @usableFromInline let columnCount: Int
    @usableFromInline var column = 0
    /// JSON text of the nested value being written (lists, structs, maps).
    @usableFromInline var nestedText: OutputBuffer
    @usableFromInline var nested = JSONEmitter()
    /// Buffers of slices rendered on other threads, kept for the next row group.
    let slicePool = SliceTextPool()

    /// A writer for the given columns; throws `invalidArgument` for unusable options.
    public init(columns: [String], options: CSVOptions = CSVOptions(), bufferCapacity: Int = 1 << 20) throws(ParquetError) {
        try options.validate()
        self.options = options
        delimiter = options.delimiter
        nullText = Array(options.nullText.utf8)
        columnCount = columns.count
        buffer = OutputBuffer(capacity: bufferCapacity)
        nestedText = OutputBuffer(capacity: 256)
        var line = OutputBuffer(capacity: 256)
        for (i, name) in columns.enumerated() {
            if i > 0 { line.append(options.delimiter) }
            var copy = name
            copy.withUTF8 {
                TextRendering.appendCSVField(
                    UnsafeRawBufferPointer($0), delimiter: options.delimiter, formulaGuard: options.formulaGuard,
                    forceQuotes: columns.count == 1 && $0.isEmpty, to: &line)
            }
        }
        header = line.copyBytes()
    }

    /// An empty writer with the settings of `other` (for a slice of rows rendered on another thread).
    init(settingsOf other: borrowing CSVWriter) {
        options = other.options
        delimiter = other.delimiter
        nullText = other.nullText
        header = other.header
        columnCount = other.columnCount
        buffer = OutputBuffer(capacity: 64)
        nestedText = OutputBuffer(capacity: 256)
    }

    /// Writes the header line when ``CSVOptions/includeHeader`` is set.
    public mutating func writeHeader() {
        guard options.includeHeader else { return }
        buffer.append(contentsOf: header)
        appendLineTerminator()
    }

    @inline(__always) mutating func appendLineTerminator() {
        if options.lineTerminator == .crlf { buffer.append(0x0D) }
        buffer.append(0x0A)
    }

    public mutating func beginRow() {
        column = 0
    }

    public mutating func endRow() {
        precondition(nested.depth == 0, "a list or struct is still open at the end of the row")
        precondition(column == columnCount, "a row needs one value per column")
        appendLineTerminator()
        rowCount += 1
    }

    /// Separator before a top-level value.
    @inlinable @inline(__always)
    mutating func beginField() {
        precondition(column < columnCount, "more values than columns in a row")
        if column > 0 { buffer.append(delimiter) }
        column &+= 1  // < columnCount, checked above
    }

    @inlinable public mutating func writeNull() {
        if nested.depth > 0 { return nested.writeNull(&nestedText) }
        beginField()
        buffer.append(contentsOf: nullText)
    }

    @inlinable public mutating func writeBool(_ value: Bool) {
        if nested.depth > 0 { return nested.writeBool(value, &nestedText) }
        beginField()
        TextRendering.appendBool(value, to: &buffer)
    }

    @inlinable public mutating func writeInt(_ value: Int64) {
        if nested.depth > 0 { return nested.writeInt(value, &nestedText) }
        beginField()
        TextRendering.appendInteger(value, to: &buffer)
    }

    @inlinable public mutating func writeUInt(_ value: UInt64) {
        if nested.depth > 0 { return nested.writeUInt(value, &nestedText) }
        beginField()
        TextRendering.appendInteger(value, to: &buffer)
    }

    public mutating func writeDouble(_ value: Double) {
        if nested.depth > 0 { return nested.writeDouble(value, &nestedText) }
        beginField()
        TextRendering.appendDouble(value, nonFinite: .text, to: &buffer)
    }

    public mutating func writeFloat(_ value: Float) {
        if nested.depth > 0 { return nested.writeFloat(value, &nestedText) }
        beginField()
        TextRendering.appendFloat(value, nonFinite: .text, to: &buffer)
    }

    public mutating func writeFloat16(bits: UInt16) {
        if nested.depth > 0 { return nested.writeFloat16(bits: bits, &nestedText) }
        beginField()
        TextRendering.appendFloat16(bits: bits, nonFinite: .text, to: &buffer)
    }

    public mutating func writeDecimal(unscaled: Int64, scale: Int) {
        if nested.depth > 0 { return nested.writeDecimal(unscaled: unscaled, scale: scale, &nestedText) }
        beginField()
        TextRendering.appendDecimal(unscaled: unscaled, scale: scale, to: &buffer)
    }

    public mutating func writeDecimal(bigEndian bytes: UnsafeRawBufferPointer, scale: Int) {
        if nested.depth > 0 { return nested.writeDecimal(bigEndian: bytes, scale: scale, &nestedText) }
        beginField()
        TextRendering.appendDecimal(bigEndian: bytes, scale: scale, to: &buffer)
    }

    public mutating func writeString(_ utf8: UnsafeRawBufferPointer) {
        if nested.depth > 0 { return nested.writeString(utf8, &nestedText) }
        beginField()
        let equalsNull = utf8.count == nullText.count && nullText.withUnsafeBytes { $0.elementsEqual(utf8) }
        TextRendering.appendCSVField(
            utf8, delimiter: delimiter, formulaGuard: options.formulaGuard, forceQuotes: equalsNull, to: &buffer)
    }

    public mutating func writeBinary(_ bytes: UnsafeRawBufferPointer) {
        if nested.depth > 0 { return nested.writeBinary(bytes, &nestedText) }
        beginField()
        if bytes.isEmpty && nullText.isEmpty { return buffer.append(ascii: "\"\"") }
        TextRendering.appendBase64(bytes, to: &buffer)
    }

    public mutating func writeUUID(_ bytes: UnsafeRawBufferPointer) {
        if nested.depth > 0 { return nested.writeUUID(bytes, &nestedText) }
        beginField()
        if bytes.isEmpty && nullText.isEmpty { return buffer.append(ascii: "\"\"") }
        TextRendering.appendUUID(bytes, to: &buffer)
    }

    public mutating func writeInterval(_ bytes: UnsafeRawBufferPointer) {
        if nested.depth > 0 { return nested.writeInterval(bytes, &nestedText) }
        nestedText.removeAll()
        nested.writeInterval(bytes, &nestedText)
        writeNestedTextField()
    }

    public mutating func writeDate(days: Int32) {
        if nested.depth > 0 { return nested.writeDate(days: days, &nestedText) }
        beginField()
        TextRendering.appendDate(days: days, to: &buffer)
    }

    public mutating func writeTime(_ value: Int64, unit: TimeUnit) {
        if nested.depth > 0 { return nested.writeTime(value, unit: unit, &nestedText) }
        beginField()
        TextRendering.appendTime(value, unit: unit, to: &buffer)
    }

    public mutating func writeTimestamp(_ value: Int64, unit: TimeUnit, isAdjustedToUTC: Bool) {
        if nested.depth > 0 {
            return nested.writeTimestamp(value, unit: unit, isAdjustedToUTC: isAdjustedToUTC, &nestedText)
        }
        beginField()
        TextRendering.appendTimestamp(value, unit: unit, isAdjustedToUTC: isAdjustedToUTC, separator: 0x20, to: &buffer)
    }

    public mutating func writeInt96Timestamp(_ value: Int96) {
        if nested.depth > 0 { return nested.writeInt96Timestamp(value, &nestedText) }
        beginField()
        TextRendering.appendInt96Timestamp(value, separator: 0x20, to: &buffer)
    }

    public mutating func beginList() {
        if nested.depth == 0 { nestedText.removeAll() }
        nested.beginArray(&nestedText)
    }

    public mutating func endList() {
        nested.endArray(&nestedText)
        if nested.depth == 0 { writeNestedTextField() }
    }

    public mutating func beginStruct() {
        if nested.depth == 0 { nestedText.removeAll() }
        nested.beginObject(&nestedText)
    }

    public mutating func endStruct() {
        nested.endObject(&nestedText)
        if nested.depth == 0 { writeNestedTextField() }
    }

    public mutating func writeKey(_ key: JSONKey) { nested.key(key, &nestedText) }
    public mutating func writeKey(utf8: UnsafeRawBufferPointer) { nested.key(utf8: utf8, &nestedText) }

    /// Writes the finished JSON text of a nested value as one field (never formula-guarded: it starts
    /// with `[`, `{` or `"`).
    mutating func writeNestedTextField() {
        beginField()
        let text = UnsafeRawBufferPointer(start: nestedText.base, count: nestedText.count)
        TextRendering.appendCSVField(text, delimiter: delimiter, to: &buffer)
    }
}

extension CSVWriter: SliceRowWriter {
    func makeSliceWriter() -> CSVWriter { CSVWriter(settingsOf: self) }
    mutating func startSlice(followsRows: Bool) {}
    mutating func prepareForSlices() {}
    mutating func countSliceRows(_ rows: Int) { rowCount += rows }
}
