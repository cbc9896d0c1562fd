import Foundation
import Parquet
import ParquetExport

/// One cell of a test table: how to feed it to a ``RowWriter`` and how a Python oracle can recompute
/// the expected value (`spec`, JSON-friendly).
enum SampleValue {
    case null
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case double(Double)
    case float(Float)
    case half(UInt16)
    case decimal(Int64, scale: Int)
    case decimalBytes([UInt8], scale: Int)
    case string([UInt8])
    case binary([UInt8])
    case uuid([UInt8])
    case interval([UInt8])
    case date(Int32)
    case time(Int64, TimeUnit)
    case timestamp(Int64, TimeUnit, utc: Bool)
    case int96(julianDay: Int32, nanos: Int64)
    /// A nested value: `items` is a list of (key or nil, value); `isList` picks `[…]` vs `{…}`.
    indirect case nested(isList: Bool, items: [(String?, SampleValue)])

    static func unitName(_ unit: TimeUnit) -> String {
        switch unit {
        case .milliseconds: "ms"
        case .microseconds: "us"
        case .nanoseconds: "ns"
        }
    }

    /// `[kind, …]` for the oracle.
    var spec: Any {
        switch self {
        case .null: return ["null"]
        case .bool(let v): return ["bool", v]
        case .int(let v): return ["int", String(v)]
        case .uint(let v): return ["int", String(v)]
        case .double(let v): return ["double", String(v.bitPattern, radix: 16)]
        case .float(let v): return ["float", String(v.bitPattern, radix: 16)]
        case .half(let v): return ["half", String(v, radix: 16)]
        case .decimal(let v, let scale): return ["decimal", String(v), scale]
        case .decimalBytes(let b, let scale): return ["decimalBytes", hex(b), scale]
        case .string(let b): return ["string", hex(b)]
        case .binary(let b): return ["binary", hex(b)]
        case .uuid(let b): return ["uuid", hex(b)]
        case .interval(let b): return ["interval", hex(b)]
        case .date(let d): return ["date", Int(d)]
        case .time(let v, let unit): return ["time", String(v), Self.unitName(unit)]
        case .timestamp(let v, let unit, let utc): return ["timestamp", String(v), Self.unitName(unit), utc]
        case .int96(let jd, let nanos): return ["int96", Int(jd), String(nanos)]
        case .nested(let isList, let items):
            return [isList ? "list" : "struct", items.map { [$0.0.map { $0 as Any } ?? NSNull(), $0.1.spec] as [Any] }]
        }
    }

    /// Feeds the value to `writer`.
    func write<W: RowWriter & ~Copyable>(to writer: inout W) {
        switch self {
        case .null: writer.writeNull()
        case .bool(let v): writer.writeBool(v)
        case .int(let v): writer.writeInt(v)
        case .uint(let v): writer.writeUInt(v)
        case .double(let v): writer.writeDouble(v)
        case .float(let v): writer.writeFloat(v)
        case .half(let v): writer.writeFloat16(bits: v)
        case .decimal(let v, let scale): writer.writeDecimal(unscaled: v, scale: scale)
        case .decimalBytes(let b, let scale): b.withUnsafeBytes { writer.writeDecimal(bigEndian: $0, scale: scale) }
        case .string(let b): b.withUnsafeBytes { writer.writeString($0) }
        case .binary(let b): b.withUnsafeBytes { writer.writeBinary($0) }
        case .uuid(let b): b.withUnsafeBytes { writer.writeUUID($0) }
        case .interval(let b): b.withUnsafeBytes { writer.writeInterval($0) }
        case .date(let d): writer.writeDate(days: d)
        case .time(let v, let unit): writer.writeTime(v, unit: unit)
        case .timestamp(let v, let unit, let utc): writer.writeTimestamp(v, unit: unit, isAdjustedToUTC: utc)
        case .int96(let jd, let nanos):
            writer.writeInt96Timestamp(Int96(low: UInt64(bitPattern: nanos), high: UInt32(bitPattern: jd)))
        case .nested(let isList, let items):
            if isList { writer.beginList() } else { writer.beginStruct() }
            for (key, value) in items {
                if let key {
                    if key.hasPrefix("map:") {
                        Array(key.dropFirst(4).utf8).withUnsafeBytes { writer.writeKey(utf8: $0) }
                    } else {
                        writer.writeKey(JSONKey(key))
                    }
                }
                value.write(to: &writer)
            }
            if isList { writer.endList() } else { writer.endStruct() }
        }
    }
}

/// Writes every row of `rows` (one value per column) to `writer`.
func writeRows<W: RowWriter & ~Copyable>(_ rows: [[SampleValue]], to writer: inout W) throws {
    for row in rows {
        try writer.beginRow()
        for value in row { value.write(to: &writer) }
        try writer.endRow()
    }
}

/// Python helpers shared by the writer oracles: `expected(spec, mode)` recomputes a value from its spec
/// the way RENDERING.md says (mode "json" or "csv"), as the Python value `json.loads` would produce
/// for JSON and as the cell text for CSV.
let renderingOraclePrelude = #"""
import sys, json, struct, base64, uuid, re, decimal, datetime
from decimal import Decimal
import numpy as np
decimal.getcontext().prec = 1000
DAY = 86400 * 10**9
def from_hex(h): return bytes.fromhex(h)
def f64(h): return struct.unpack('>d', int(h, 16).to_bytes(8, 'big'))[0]
def f32(h): return np.array([int(h, 16)], dtype=np.uint32).view(np.float32)[0]
def f16(h): return np.array([int(h, 16)], dtype=np.uint16).view(np.float16)[0]
def iso_year(s):
    # numpy prints other years as -044 or 10000; RENDERING.md wants 4 digits or a sign and >= 6 digits
    m = re.match(r'^(-?)(\d+)(-.*)$', s)
    sign, y, rest = m.groups()
    v = int(y)
    if sign == '' and 1 <= v <= 9999: return '%04d%s' % (v, rest)
    return ('-' if sign else '+') + '%06d' % v + rest
def date_text(days): return iso_year(str(np.datetime64(days, 'D')))
def ts_text(v, unit, utc, sep):
    per = {'ms': 10**3, 'us': 10**6, 'ns': 10**9}[unit]
    secs, frac = divmod(v, per)
    text = iso_year(str(np.datetime64(secs, 's'))).replace('T', sep) + '.' + str(frac).zfill(len(str(per)) - 1)
    return text + ('Z' if utc else '')
def int96_text(jd, nanos, sep):
    days = jd - 2440588 + nanos // DAY
    frac = nanos % DAY
    return iso_year(str(np.datetime64(days * 86400 + frac // 10**9, 's'))).replace('T', sep) + '.%09d' % (frac % 10**9)
def time_text(v, unit):
    per = {'ms': 10**3, 'us': 10**6, 'ns': 10**9}[unit]
    s, f = divmod(v, per)
    return '%02d:%02d:%02d.%0*d' % (s // 3600, s // 60 % 60, s % 60, len(str(per)) - 1, f)
def decimal_text(unscaled, scale): return format(Decimal(unscaled).scaleb(-scale), 'f')
def json_value(spec):
    k = spec[0]
    if k == 'null': return None
    if k == 'bool': return spec[1]
    if k == 'int': return int(spec[1])
    if k == 'double':
        v = f64(spec[1]); return v if np.isfinite(v) else None
    if k == 'float':
        v = f32(spec[1]); return float(np.format_float_positional(v, unique=True, trim='0')) if np.isfinite(v) else None
    if k == 'half':
        v = f16(spec[1]); return float(np.format_float_positional(v, unique=True, trim='0')) if np.isfinite(v) else None
    if k == 'decimal': return Decimal(decimal_text(int(spec[1]), spec[2]))
    if k == 'decimalBytes': return Decimal(decimal_text(int.from_bytes(from_hex(spec[1]), 'big', signed=True), spec[2]))
    if k == 'string': return from_hex(spec[1]).decode('utf-8', errors='replace')
    if k == 'binary': return base64.b64encode(from_hex(spec[1])).decode()
    if k == 'uuid': return str(uuid.UUID(bytes=from_hex(spec[1])))
    if k == 'interval':
        m, d, ms = struct.unpack('<III', from_hex(spec[1])); return {"months": m, "days": d, "milliseconds": ms}
    if k == 'date': return date_text(spec[1])
    if k == 'time': return time_text(int(spec[1]), spec[2])
    if k == 'timestamp': return ts_text(int(spec[1]), spec[2], spec[3], 'T')
    if k == 'int96': return int96_text(spec[1], int(spec[2]), 'T')
    if k == 'list': return [json_value(v) for _, v in spec[1]]
    if k == 'struct': return {(key[4:] if key.startswith('map:') else key): json_value(v) for key, v in spec[1]}
    raise ValueError(k)
def csv_text(spec, null_text):
    k = spec[0]
    if k == 'null': return null_text
    if k == 'bool': return 'true' if spec[1] else 'false'
    if k in ('double', 'float', 'half'):
        v = {'double': f64, 'float': f32, 'half': f16}[k](spec[1])
        if not np.isfinite(v): return 'nan' if v != v else ('inf' if v > 0 else '-inf')
        return repr(float(json_value(spec)))
    if k == 'decimal': return decimal_text(int(spec[1]), spec[2])
    if k == 'decimalBytes': return decimal_text(int.from_bytes(from_hex(spec[1]), 'big', signed=True), spec[2])
    if k == 'timestamp': return ts_text(int(spec[1]), spec[2], spec[3], ' ')
    if k == 'int96': return int96_text(spec[1], int(spec[2]), ' ')
    if k in ('list', 'struct', 'interval'): return json_value(spec)  # compared after json.loads
    v = json_value(spec)
    return v if isinstance(v, str) else str(v)

"""#
