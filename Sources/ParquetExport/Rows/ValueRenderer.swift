import Parquet

/// Renders row values (`Parquet.Value`) as JSON text following `shared/RENDERING.md`
/// (used by `parquet cat` and row-wise callers; the exporters render columnar batches directly).
public enum ValueRenderer {
    static func unit(_ u: Parquet.TimeUnit) -> TimeUnit {
        switch u {
        case .millis: .milliseconds
        case .micros: .microseconds
        case .nanos: .nanoseconds
        }
    }

    /// Appends the JSON text of one value.
    public static func appendJSON(_ v: Value, to out: inout OutputBuffer) {
        switch v {
        case .null: out.append(ascii: "null")
        case .boolean(let b): TextRendering.appendBool(b, to: &out)
        case .int32(let x): TextRendering.appendInteger(x, to: &out)
        case .int64(let x): TextRendering.appendInteger(x, to: &out)
        case .uint32(let x): TextRendering.appendInteger(x, to: &out)
        case .uint64(let x): TextRendering.appendInteger(x, to: &out)
        case .float(let x): TextRendering.appendFloat(x, nonFinite: .null, to: &out)
        case .double(let x): TextRendering.appendDouble(x, nonFinite: .null, to: &out)
        case .float16(let bits): TextRendering.appendFloat16(bits: bits, nonFinite: .null, to: &out)
        case .decimal(let unscaled, _, let scale):
            unscaled.withUnsafeBytes { TextRendering.appendDecimal(bigEndian: $0, scale: scale, to: &out) }
        case .string(let b): b.withUnsafeBytes { TextRendering.appendJSONString($0, to: &out) }
        case .bytes(let b):
            out.append(0x22)
            b.withUnsafeBytes { TextRendering.appendBase64($0, to: &out) }
            out.append(0x22)
        case .uuid(let b):
            out.append(0x22)
            b.withUnsafeBytes { TextRendering.appendUUID($0, to: &out) }
            out.append(0x22)
        case .date(let d):
            out.append(0x22)
            TextRendering.appendDate(days: d, to: &out)
            out.append(0x22)
        case .time(let x, let u, _):
            out.append(0x22)
            TextRendering.appendTime(x, unit: unit(u), to: &out)
            out.append(0x22)
        case .timestamp(let x, let u, let utc):
            out.append(0x22)
            TextRendering.appendTimestamp(x, unit: unit(u), isAdjustedToUTC: utc, to: &out)
            out.append(0x22)
        case .int96Timestamp(let jd, let nanos):
            out.append(0x22)
            TextRendering.appendDateTime(days: jd - 2_440_588, unitsOfDay: nanos, unit: .nanoseconds, separator: 0x54,
                                         utc: false, to: &out)
            out.append(0x22)
        case .interval(let m, let d, let ms):
            out.append(ascii: "{\"months\": ")
            TextRendering.appendInteger(m, to: &out)
            out.append(ascii: ", \"days\": ")
            TextRendering.appendInteger(d, to: &out)
            out.append(ascii: ", \"milliseconds\": ")
            TextRendering.appendInteger(ms, to: &out)
            out.append(0x7D)
        case .list(let items):
            out.append(0x5B)
            for (i, e) in items.enumerated() {
                if i > 0 { out.append(0x2C) }
                appendJSON(e, to: &out)
            }
            out.append(0x5D)
        case .struct(let fields):
            out.append(0x7B)
            for (i, f) in fields.enumerated() {
                if i > 0 { out.append(0x2C) }
                Array(f.name.utf8).withUnsafeBytes { TextRendering.appendJSONString($0, to: &out) }
                out.append(0x3A)
                appendJSON(f.value, to: &out)
            }
            out.append(0x7D)
        case .map(let entries, let keysAreStrings):
            let stringKeys = keysAreStrings && entries.allSatisfy { if case .string = $0.key { return true } else { return false } }
            if stringKeys {
                out.append(0x7B)
                for (i, e) in entries.enumerated() {
                    if i > 0 { out.append(0x2C) }
                    appendJSON(e.key, to: &out)
                    out.append(0x3A)
                    appendJSON(e.value, to: &out)
                }
                out.append(0x7D)
            } else {
                out.append(0x5B)
                for (i, e) in entries.enumerated() {
                    if i > 0 { out.append(0x2C) }
                    out.append(ascii: "{\"key\":")
                    appendJSON(e.key, to: &out)
                    out.append(ascii: ",\"value\":")
                    appendJSON(e.value, to: &out)
                    out.append(0x7D)
                }
                out.append(0x5D)
            }
        }
    }
}
