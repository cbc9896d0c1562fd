/// Applies a column's logical (or converted) type to one physical value.
enum LogicalValue {
    static func bytes(_ v: ColumnValues, _ i: Int) -> [UInt8] {
        switch v {
        case .byteArray(let a): Array(a[i])
        case .fixedLenByteArray(let a): Array(a[i])
        default: []
        }
    }

    /// Two's-complement big-endian bytes of an integer (for decimals on INT32/INT64).
    static func bigEndian(_ x: Int64) -> [UInt8] {
        withUnsafeBytes(of: x.bigEndian) { Array($0) }
    }

    static func convert(_ values: ColumnValues, _ i: Int, column: ColumnDescriptor) -> Value {
        let logical = column.logicalType
        if logical == .null { return .null }
        switch values {
        case .boolean(let a): return .boolean(a[i])
        case .float(let a): return .float(a[i])
        case .double(let a): return .double(a[i])
        case .int96(let a):
            let n = a[i].normalizedTimestamp
            return .int96Timestamp(julianDay: n.julianDay, nanosOfDay: n.nanosOfDay)
        case .int32(let a):
            let x = a[i]
            switch logical {
            case .date: return .date(x)
            case .decimal(let p, let s): return .decimal(unscaled: bigEndian(Int64(x)), precision: Int(p), scale: Int(s))
            case .time(let utc, let unit): return .time(Int64(x), unit: unit, isAdjustedToUTC: utc)
            case .integer(let w, false):
                // Unsigned 8/16/32-bit values are stored in INT32; reinterpret the bits of the width.
                return .uint32(w == 8 ? UInt32(UInt8(truncatingIfNeeded: x)) : w == 16 ? UInt32(UInt16(truncatingIfNeeded: x)) : UInt32(bitPattern: x))
            default: return .int32(x)
            }
        case .int64(let a):
            let x = a[i]
            switch logical {
            case .timestamp(let utc, let unit): return .timestamp(x, unit: unit, isAdjustedToUTC: utc)
            case .time(let utc, let unit): return .time(x, unit: unit, isAdjustedToUTC: utc)
            case .decimal(let p, let s): return .decimal(unscaled: bigEndian(x), precision: Int(p), scale: Int(s))
            case .integer(_, false): return .uint64(UInt64(bitPattern: x))
            default: return .int64(x)
            }
        case .byteArray, .fixedLenByteArray:
            let b = bytes(values, i)
            switch logical {
            case .string, .enum, .json: return .string(b)
            case .decimal(let p, let s): return .decimal(unscaled: b, precision: Int(p), scale: Int(s))
            case .uuid where b.count == 16: return .uuid(b)
            case .float16 where b.count == 2: return .float16(UInt16(b[0]) | UInt16(b[1]) << 8)
            default:
                if column.element.convertedType == .interval, b.count == 12 {
                    func u32(_ o: Int) -> UInt32 {
                        UInt32(b[o]) | UInt32(b[o + 1]) << 8 | UInt32(b[o + 2]) << 16 | UInt32(b[o + 3]) << 24
                    }
                    return .interval(months: u32(0), days: u32(4), milliseconds: u32(8))
                }
                return .bytes(b)
            }
        }
    }
}
