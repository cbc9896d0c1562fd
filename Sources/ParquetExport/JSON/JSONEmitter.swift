// Separators and nesting for JSON output: which comma, which key comes before the next value.

import Parquet

/// The punctuation state of a JSON document being written into an ``OutputBuffer``: it puts commas
/// between array elements and object members, and — for row objects — the column key before each
/// top-level value. It renders every Parquet value the JSON way (RENDERING.md). Used by ``JSONWriter``
/// and, for nested cells, by ``CSVWriter`` and ``XLSXWriter``.
public struct JSONEmitter: Sendable {
    @usableFromInline enum Frame: UInt8, Sendable {
        case emptyArray, array, emptyObject, object
    }

    /// Open arrays and objects, innermost last.
    @usableFromInline var stack: [Frame] = []
    /// `,"name":` for every column, concatenated; empty when values are not row members.
    @usableFromInline let columnKeys: [UInt8]
    /// Start of each column's key in `columnKeys` (count + 1 entries).
    @usableFromInline let columnKeyOffsets: [Int]
    /// Next top-level column.
    @usableFromInline var column = 0

    /// An emitter for standalone values (no column keys).
    public init() {
        columnKeys = []
        columnKeyOffsets = [0]
    }

    /// An emitter for row objects whose top-level values are the members `columns`, in order.
    public init(columns: [String]) {
        var keys: [UInt8] = []
        var offsets = [0]
        for name in columns {
            keys.append(0x2C)
            keys += JSONKey(name).bytes
            offsets.append(keys.count)
        }
        columnKeys = keys
        columnKeyOffsets = offsets
    }

    /// Number of row columns (0 for a standalone emitter).
    @inlinable public var columnCount: Int { columnKeyOffsets.count - 1 }
    /// Open arrays and objects.
    @inlinable public var depth: Int { stack.count }
    /// Top-level values written in the current row.
    @inlinable public var columnsWritten: Int { column }

    /// Restarts at the first column of a new row (the caller writes the braces).
    @inlinable public mutating func resetRow() {
        column = 0
        stack.removeAll(keepingCapacity: true)
    }

    /// Writes what must precede a value: a comma inside arrays, the column key at row level.
    @inlinable @inline(__always)
    public mutating func beforeValue(_ out: inout OutputBuffer) {
        if let top = stack.last {
            switch top {
            case .array: out.append(0x2C)
            case .emptyArray: stack[stack.count - 1] = .array
            case .emptyObject, .object: break  // the key was written by `key`
            }
            return
        }
        guard columnKeyOffsets.count > 1 else { return }
        precondition(column < columnCount, "more values than columns in a row")
        columnKeys.withUnsafeBytes { keys in
            let start = columnKeyOffsets[column] + (column == 0 ? 1 : 0)
            out.append(bytes: UnsafeRawBufferPointer(rebasing: keys[start ..< columnKeyOffsets[column + 1]]))
        }
        column += 1
    }

    /// Opens an array value.
    public mutating func beginArray(_ out: inout OutputBuffer) {
        beforeValue(&out)
        out.append(0x5B)
        stack.append(.emptyArray)
    }

    /// Closes the innermost array.
    public mutating func endArray(_ out: inout OutputBuffer) {
        precondition(stack.last == .array || stack.last == .emptyArray, "endList without beginList")
        stack.removeLast()
        out.append(0x5D)
    }

    /// Opens an object value.
    public mutating func beginObject(_ out: inout OutputBuffer) {
        beforeValue(&out)
        out.append(0x7B)
        stack.append(.emptyObject)
    }

    /// Closes the innermost object.
    public mutating func endObject(_ out: inout OutputBuffer) {
        precondition(stack.last == .object || stack.last == .emptyObject, "endStruct without beginStruct")
        stack.removeLast()
        out.append(0x7D)
    }

    @inline(__always)
    mutating func beforeKey(_ out: inout OutputBuffer) {
        switch stack.last {
        case .object: out.append(0x2C)
        case .emptyObject: stack[stack.count - 1] = .object
        default: preconditionFailure("a key outside of an object")
        }
    }

    /// Writes a prepared key in the innermost object.
    public mutating func key(_ key: JSONKey, _ out: inout OutputBuffer) {
        beforeKey(&out)
        out.append(contentsOf: key.bytes)
    }

    /// Writes a string key (escaped, invalid UTF-8 replaced) in the innermost object.
    public mutating func key(utf8: UnsafeRawBufferPointer, _ out: inout OutputBuffer) {
        beforeKey(&out)
        TextRendering.appendJSONString(utf8, to: &out)
        out.append(0x3A)
    }
}

extension JSONEmitter {
    // Every Parquet value, rendered the JSON way (RENDERING.md).

    @inlinable public mutating func writeNull(_ out: inout OutputBuffer) {
        beforeValue(&out)
        out.append(ascii: "null")
    }

    @inlinable public mutating func writeBool(_ value: Bool, _ out: inout OutputBuffer) {
        beforeValue(&out)
        TextRendering.appendBool(value, to: &out)
    }

    @inlinable public mutating func writeInt(_ value: Int64, _ out: inout OutputBuffer) {
        beforeValue(&out)
        TextRendering.appendInteger(value, to: &out)
    }

    @inlinable public mutating func writeUInt(_ value: UInt64, _ out: inout OutputBuffer) {
        beforeValue(&out)
        TextRendering.appendInteger(value, to: &out)
    }

    public mutating func writeDouble(_ value: Double, _ out: inout OutputBuffer) {
        beforeValue(&out)
        TextRendering.appendDouble(value, nonFinite: .null, to: &out)
    }

    public mutating func writeFloat(_ value: Float, _ out: inout OutputBuffer) {
        beforeValue(&out)
        TextRendering.appendFloat(value, nonFinite: .null, to: &out)
    }

    public mutating func writeFloat16(bits: UInt16, _ out: inout OutputBuffer) {
        beforeValue(&out)
        TextRendering.appendFloat16(bits: bits, nonFinite: .null, to: &out)
    }

    public mutating func writeDecimal(unscaled: Int64, scale: Int, _ out: inout OutputBuffer) {
        beforeValue(&out)
        TextRendering.appendDecimal(unscaled: unscaled, scale: scale, to: &out)
    }

    public mutating func writeDecimal(bigEndian bytes: UnsafeRawBufferPointer, scale: Int, _ out: inout OutputBuffer) {
        beforeValue(&out)
        TextRendering.appendDecimal(bigEndian: bytes, scale: scale, to: &out)
    }

    public mutating func writeString(_ utf8: UnsafeRawBufferPointer, _ out: inout OutputBuffer) {
        beforeValue(&out)
        TextRendering.appendJSONString(utf8, to: &out)
    }

    public mutating func writeBinary(_ bytes: UnsafeRawBufferPointer, _ out: inout OutputBuffer) {
        beforeValue(&out)
        out.append(0x22)
        TextRendering.appendBase64(bytes, to: &out)
        out.append(0x22)
    }

    public mutating func writeUUID(_ bytes: UnsafeRawBufferPointer, _ out: inout OutputBuffer) {
        beforeValue(&out)
        out.append(0x22)
        TextRendering.appendUUID(bytes, to: &out)
        out.append(0x22)
    }

    public mutating func writeInterval(_ bytes: UnsafeRawBufferPointer, _ out: inout OutputBuffer) {
        beforeValue(&out)
        TextRendering.appendInterval(bytes, to: &out)
    }

    public mutating func writeDate(days: Int32, _ out: inout OutputBuffer) {
        beforeValue(&out)
        out.append(0x22)
        TextRendering.appendDate(days: days, to: &out)
        out.append(0x22)
    }

    public mutating func writeTime(_ value: Int64, unit: TimeUnit, _ out: inout OutputBuffer) {
        beforeValue(&out)
        out.append(0x22)
        TextRendering.appendTime(value, unit: unit, to: &out)
        out.append(0x22)
    }

    public mutating func writeTimestamp(_ value: Int64, unit: TimeUnit, isAdjustedToUTC: Bool, _ out: inout OutputBuffer) {
        beforeValue(&out)
        out.append(0x22)
        TextRendering.appendTimestamp(value, unit: unit, isAdjustedToUTC: isAdjustedToUTC, separator: 0x54, to: &out)
        out.append(0x22)
    }

    public mutating func writeInt96Timestamp(_ value: Int96, _ out: inout OutputBuffer) {
        beforeValue(&out)
        out.append(0x22)
        TextRendering.appendInt96Timestamp(value, separator: 0x54, to: &out)
        out.append(0x22)
    }
}
