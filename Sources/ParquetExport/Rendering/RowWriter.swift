// The value-by-value interface shared by the CSV, JSON and XLSX writers, so one generic column driver
// (specialised per writer) can feed all of them.

import Parquet

/// A row-oriented writer fed one value per top-level column, in column order, between `beginRow()` and
/// `endRow()`. Nested values (lists, structs, maps) are streamed with `beginList`/`beginStruct`/`writeKey`
/// and the same value methods; a map is a struct whose keys are written with ``writeKey(utf8:)``, or a
/// list of `{"key": …, "value": …}` structs when its keys are not strings.
///
/// Implementations: ``JSONWriter`` (objects), ``CSVWriter`` (nested values become JSON text in one cell)
/// and ``XLSXWriter`` (typed cells; nested values become JSON text in a string cell).
public protocol RowWriter: ~Copyable {
    /// Starts a row.
    mutating func beginRow() throws(ParquetError)
    /// Ends a row; every column must have received exactly one value.
    mutating func endRow() throws(ParquetError)

    /// A null value.
    mutating func writeNull()
    /// BOOLEAN.
    mutating func writeBool(_ value: Bool)
    /// Any signed integer type (INT8…INT64, INT32/INT64 physical).
    mutating func writeInt(_ value: Int64)
    /// Unsigned integers (UINT8…UINT64).
    mutating func writeUInt(_ value: UInt64)
    /// DOUBLE.
    mutating func writeDouble(_ value: Double)
    /// FLOAT.
    mutating func writeFloat(_ value: Float)
    /// FLOAT16, given by its two bytes read little-endian.
    mutating func writeFloat16(bits: UInt16)
    /// DECIMAL stored as INT32/INT64.
    mutating func writeDecimal(unscaled: Int64, scale: Int)
    /// DECIMAL stored as big-endian two's complement bytes.
    mutating func writeDecimal(bigEndian bytes: UnsafeRawBufferPointer, scale: Int)
    /// STRING, ENUM, JSON text (UTF-8; invalid sequences are replaced).
    mutating func writeString(_ utf8: UnsafeRawBufferPointer)
    /// BYTE_ARRAY / FIXED_LEN_BYTE_ARRAY without a string type, BSON, WKB: base64.
    mutating func writeBinary(_ bytes: UnsafeRawBufferPointer)
    /// UUID (16 bytes).
    mutating func writeUUID(_ bytes: UnsafeRawBufferPointer)
    /// INTERVAL (12 bytes).
    mutating func writeInterval(_ bytes: UnsafeRawBufferPointer)
    /// DATE: days since 1970-01-01.
    mutating func writeDate(days: Int32)
    /// TIME of the given unit since midnight.
    mutating func writeTime(_ value: Int64, unit: TimeUnit)
    /// TIMESTAMP of the given unit since the epoch.
    mutating func writeTimestamp(_ value: Int64, unit: TimeUnit, isAdjustedToUTC: Bool)
    /// Legacy INT96 timestamp.
    mutating func writeInt96Timestamp(_ value: Int96)

    /// Starts a list value (JSON array).
    mutating func beginList()
    /// Ends the innermost list.
    mutating func endList()
    /// Starts a struct or map value (JSON object).
    mutating func beginStruct()
    /// Ends the innermost struct or map.
    mutating func endStruct()
    /// Names the next value of the innermost struct with a prepared key.
    mutating func writeKey(_ key: JSONKey)
    /// Names the next value of the innermost map with a string key (escaped as needed).
    mutating func writeKey(utf8: UnsafeRawBufferPointer)
}
