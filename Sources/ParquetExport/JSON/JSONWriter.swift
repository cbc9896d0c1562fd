// Rows as JSON objects: one JSON array of objects, or newline-delimited JSON.

import Parquet

/// Writes rows as JSON objects whose members are the columns in schema order (RENDERING.md):
/// `json` style is one array (`[\n{…},\n{…}\n]\n`), `ndjson` is one object per line, each ending in `\n`.
///
/// The writer only appends to ``buffer``; drain it into a sink whenever it grows past a threshold
/// (``OutputBuffer/flush(ifAtLeast:to:)``). Anything the caller appends to `buffer` before the first
/// row or after ``finish()`` (e.g. `{"schema": …, "rows": ` and `}`) is kept as is.
public struct JSONWriter: ~Copyable, RowWriter {
    /// The document layout.
    public enum Style: Sendable, Hashable {
        /// One JSON array of row objects.
        case array
        /// One object per line (NDJSON / JSON Lines).
        case ndjson
    }

    /// The output; drain it regularly.
    public var buffer: OutputBuffer
    /// Separators, nesting and column keys.
    public var emitter: JSONEmitter
    /// The layout.
    public let style: Style
    /// Rows ended so far.
    public internal(set) var rowCount = 0
    @usableFromInline var started = false
    /// A slice writer's first row follows rows of another writer (a JSON array needs a comma).
    @usableFromInline var followsRows = false
    /// Buffers of slices rendered on other threads, kept for the next row group.
    let slicePool = SliceTextPool()
    /// The row members' keys laid out for the flat-row loop (``storeFlatRows(of:rows:next:)``).
    var rowKeys: JSONRowKeys

    /// A writer for rows with the given top-level column names.
    public init(columns: [String], style: Style, bufferCapacity: Int = 1 << 20) {
        buffer = OutputBuffer(capacity: bufferCapacity)
        emitter = JSONEmitter(columns: columns)
        rowKeys = JSONRowKeys(columns: columns)
        self.style = style
    }

    /// Starts a row object.
    public mutating func beginRow() {
        if style == .array {
            if !started { buffer.append(ascii: "[\n") } else if rowCount > 0 || followsRows { buffer.append(ascii: ",\n") }
        }
        started = true
        emitter.resetRow()
        buffer.append(0x7B)
    }

    /// Ends the row object; all columns must have been written.
    public mutating func endRow() {
        precondition(emitter.depth == 0, "a list or struct is still open at the end of the row")
        precondition(emitter.columnsWritten == emitter.columnCount, "a row needs one value per column")
        buffer.append(0x7D)
        if style == .ndjson { buffer.append(0x0A) }
        rowCount += 1
    }

    /// Closes the document (`]` for the array style; nothing more for NDJSON).
    public mutating func finish() {
        guard style == .array else { return }
        if !started { buffer.append(ascii: "[") } else if rowCount > 0 { buffer.append(0x0A) }
        started = true
        buffer.append(ascii: "]\n")
    }

    @inlinable public mutating func writeNull() { emitter.writeNull(&buffer) }
    @inlinable public mutating func writeBool(_ value: Bool) { emitter.writeBool(value, &buffer) }
    @inlinable public mutating func writeInt(_ value: Int64) { emitter.writeInt(value, &buffer) }
    @inlinable public mutating func writeUInt(_ value: UInt64) { emitter.writeUInt(value, &buffer) }
    public mutating func writeDouble(_ value: Double) { emitter.writeDouble(value, &buffer) }
    public mutating func writeFloat(_ value: Float) { emitter.writeFloat(value, &buffer) }
    public mutating func writeFloat16(bits: UInt16) { emitter.writeFloat16(bits: bits, &buffer) }
    public mutating func writeDecimal(unscaled: Int64, scale: Int) { emitter.writeDecimal(unscaled: unscaled, scale: scale, &buffer) }
    public mutating func writeDecimal(bigEndian bytes: UnsafeRawBufferPointer, scale: Int) {
        emitter.writeDecimal(bigEndian: bytes, scale: scale, &buffer)
    }
    public mutating func writeString(_ utf8: UnsafeRawBufferPointer) { emitter.writeString(utf8, &buffer) }
    public mutating func writeBinary(_ bytes: UnsafeRawBufferPointer) { emitter.writeBinary(bytes, &buffer) }
    public mutating func writeUUID(_ bytes: UnsafeRawBufferPointer) { emitter.writeUUID(bytes, &buffer) }
    public mutating func writeInterval(_ bytes: UnsafeRawBufferPointer) { emitter.writeInterval(bytes, &buffer) }
    public mutating func writeDate(days: Int32) { emitter.writeDate(days: days, &buffer) }
    public mutating func writeTime(_ value: Int64, unit: TimeUnit) { emitter.writeTime(value, unit: unit, &buffer) }
    public mutating func writeTimestamp(_ value: Int64, unit: TimeUnit, isAdjustedToUTC: Bool) {
        emitter.writeTimestamp(value, unit: unit, isAdjustedToUTC: isAdjustedToUTC, &buffer)
    }
    public mutating func writeInt96Timestamp(_ value: Int96) { emitter.writeInt96Timestamp(value, &buffer) }

    public mutating func beginList() { emitter.beginArray(&buffer) }
    public mutating func endList() { emitter.endArray(&buffer) }
    public mutating func beginStruct() { emitter.beginObject(&buffer) }
    public mutating func endStruct() { emitter.endObject(&buffer) }
    public mutating func writeKey(_ key: JSONKey) { emitter.key(key, &buffer) }
    public mutating func writeKey(utf8: UnsafeRawBufferPointer) { emitter.key(utf8: utf8, &buffer) }
}

extension JSONWriter: SliceRowWriter {
    func makeSliceWriter() -> JSONWriter {
        var w = JSONWriter(columns: [], style: style, bufferCapacity: 64)
        w.emitter = emitter
        w.emitter.resetRow()
        w.rowKeys = rowKeys
        w.started = true
        return w
    }

    mutating func startSlice(followsRows: Bool) {
        self.followsRows = followsRows
        rowCount = 0
    }

    mutating func prepareForSlices() {
        if style == .array && !started { buffer.append(ascii: "[\n") }
        started = true
    }

    mutating func countSliceRows(_ rows: Int) { rowCount += rows }
}
