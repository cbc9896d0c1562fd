// Decodes the pages pyarrow wrote (see PyArrowPages.swift) with the decoders under test, rendering
// values in the oracle's string format so columns compare directly.

@testable import Parquet

enum OracleDecoding {
    /// Decodes every page of `column` (levels, dictionary, values) and returns the values with nil for
    /// nulls, rendered like `OracleColumn.values`.
    static func decode(_ column: OracleColumn, kind: String, nullable: Bool) throws -> [String?] {
        var dictionary: [String] = []
        var result: [String?] = []
        for page in column.pages {
            let body = page.body
            try body.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws in
                if page.type == 2 {
                    dictionary = try values(raw, encoding: 0, count: page.numValues, kind: kind, dictionary: [])
                    return
                }
                var defined = [Bool](repeating: true, count: page.numValues)
                var valuesStart = 0
                if nullable {
                    let levels: UnsafeRawBufferPointer
                    if page.type == 0 {
                        // DATA_PAGE (v1): 4-byte little-endian length, then the RLE levels.
                        let length = Int(UInt32(littleEndian: raw.loadUnaligned(as: UInt32.self)))
                        levels = UnsafeRawBufferPointer(rebasing: raw[4 ..< 4 + length])
                        valuesStart = 4 + length
                    } else {
                        levels = UnsafeRawBufferPointer(rebasing: raw[page.repLength ..< page.repLength + page.defLength])
                        valuesStart = page.repLength + page.defLength
                    }
                    var decoder = try RLEBitPackedDecoder(levels, bitWidth: 1)
                    var buffer = [UInt8](repeating: 9, count: page.numValues)
                    let n = try buffer.withUnsafeMutableBufferPointer { try decoder.decode(into: $0) }
                    guard n == page.numValues else { throw TestFailure("decoded \(n) of \(page.numValues) levels") }
                    defined = buffer.map { $0 == 1 }
                } else if page.type == 3 {
                    valuesStart = page.repLength + page.defLength
                }
                let present = defined.count { $0 }
                let decoded = try values(UnsafeRawBufferPointer(rebasing: raw[valuesStart...]), encoding: page.encoding,
                                         count: present, kind: kind, dictionary: dictionary)
                guard decoded.count == present else {
                    throw TestFailure("page decoded \(decoded.count) of \(present) values")
                }
                var next = 0
                for isDefined in defined {
                    if isDefined { result.append(decoded[next]); next += 1 } else { result.append(nil) }
                }
            }
        }
        return result
    }

    /// Decodes `count` values of one page body section.
    static func values(
        _ raw: UnsafeRawBufferPointer, encoding: Int, count: Int, kind: String, dictionary: [String]
    ) throws -> [String] {
        switch encoding {
        case 2, 8:
            let bitWidth = Int(raw[0])
            var decoder = try RLEBitPackedDecoder(UnsafeRawBufferPointer(rebasing: raw[1...]), bitWidth: bitWidth)
            var indices = [UInt32](repeating: 0, count: count)
            let n = try indices.withUnsafeMutableBufferPointer {
                try decoder.decodeIndices(into: $0, dictionaryCount: dictionary.count)
            }
            return indices[0 ..< n].map { dictionary[Int($0)] }
        case 3:
            // RLE booleans: 4-byte length prefix, then run data of bit width 1.
            let length = Int(UInt32(littleEndian: raw.loadUnaligned(as: UInt32.self)))
            var decoder = try RLEBitPackedDecoder(UnsafeRawBufferPointer(rebasing: raw[4 ..< 4 + length]), bitWidth: 1)
            var out = [Bool](repeating: false, count: count)
            let n = try out.withUnsafeMutableBufferPointer { try decoder.decodeBooleans(into: $0) }
            return out[0 ..< n].map { $0 ? "1" : "0" }
        default:
            break
        }
        switch kind {
        case "int32": return try fixed(raw, encoding: encoding, count: count, as: Int32.self).map { String($0) }
        case "int64": return try fixed(raw, encoding: encoding, count: count, as: Int64.self).map { String($0) }
        case "float": return try fixed(raw, encoding: encoding, count: count, as: Float.self).map { hex($0.bitPattern) }
        case "double": return try fixed(raw, encoding: encoding, count: count, as: Double.self).map { hex($0.bitPattern) }
        case "bool":
            var decoder = PlainBooleanDecoder(raw, count: count)
            var out = [Bool](repeating: false, count: count)
            let n = out.withUnsafeMutableBufferPointer { decoder.decode(into: $0) }
            return out[0 ..< n].map { $0 ? "1" : "0" }
        case "string":
            var buffer = ByteArrayBuffer()
            let n: Int
            switch encoding {
            case 0:
                var d = PlainByteArrayDecoder(raw)
                n = try d.decode(count: count, into: &buffer)
            case 6:
                var d = try DeltaLengthByteArrayDecoder(raw)
                n = try d.decode(count: count, into: &buffer)
            case 7:
                var d = try DeltaByteArrayDecoder(raw)
                n = try d.decode(count: count, into: &buffer)
            default: throw TestFailure("unexpected encoding \(encoding) for strings")
            }
            return (0 ..< n).map { hex(buffer[$0]) }
        default:
            guard kind.hasPrefix("fixed"), let width = Int(kind.dropFirst(5)) else { throw TestFailure("kind \(kind)") }
            var buffer = FixedLenByteArrayBuffer(width: width)
            let n: Int
            switch encoding {
            case 0:
                var d = PlainFixedLenByteArrayDecoder(raw, width: width)
                n = d.decode(count: count, into: &buffer)
            case 7:
                var d = try DeltaByteArrayDecoder(raw)
                n = try d.decode(count: count, into: &buffer)
            case 9:
                var d = try ByteStreamSplitDecoder(raw, width: width)
                n = try d.decode(count: count, into: &buffer)
            default: throw TestFailure("unexpected encoding \(encoding) for fixed")
            }
            return (0 ..< n).map { hex(buffer[$0]) }
        }
    }

    static func fixed<T: PlainFixedWidth & DefaultZero>(
        _ raw: UnsafeRawBufferPointer, encoding: Int, count: Int, as: T.Type
    ) throws -> [T] {
        var out = [T](repeating: .zero, count: count)
        let n: Int = try out.withUnsafeMutableBufferPointer { buffer in
            switch encoding {
            case 0:
                var d = PlainFixedDecoder<T>(raw)
                return d.decode(into: buffer)
            case 5:
                if T.self == Int32.self {
                    var d = try DeltaBinaryPackedDecoder<Int32>(raw)
                    return try buffer.withMemoryRebound(to: Int32.self) { try d.decode(into: $0) }
                } else if T.self == Int64.self {
                    var d = try DeltaBinaryPackedDecoder<Int64>(raw)
                    return try buffer.withMemoryRebound(to: Int64.self) { try d.decode(into: $0) }
                }
                throw TestFailure("delta for \(T.self)")
            case 9:
                var d = try ByteStreamSplitDecoder(raw, width: T.plainByteWidth)
                return try d.decode(into: buffer)
            default:
                throw TestFailure("unexpected encoding \(encoding) for \(T.self)")
            }
        }
        return Array(out[0 ..< n])
    }

    static func hex<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var s = [UInt8]()
        s.reserveCapacity(bytes.count * 2)
        for b in bytes {
            s.append(digits[Int(b >> 4)])
            s.append(digits[Int(b & 15)])
        }
        return String(decoding: s, as: UTF8.self)
    }

    static func hex<T: FixedWidthInteger>(_ bits: T) -> String {
        var le = bits.littleEndian
        return withUnsafeBytes(of: &le) { hex($0) }
    }
}

/// Types with a zero value for filling output buffers.
protocol DefaultZero { static var zero: Self { get } }
extension Int32: DefaultZero {}
extension Int64: DefaultZero {}
extension Float: DefaultZero {}
extension Double: DefaultZero {}
