// UUID, base64 and INTERVAL rendering.

extension TextRendering {
    @inlinable static var hexDigits: UnsafePointer<UInt8> {
        let table: StaticString = "0123456789abcdef"
        return table.utf8Start
    }

    @inlinable static var base64Alphabet: UnsafePointer<UInt8> {
        let table: StaticString = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
        return table.utf8Start
    }

    /// Appends a 16-byte UUID as lowercase `8-4-4-4-12` hex. Any other length (invalid) is written as
    /// base64, like other binary.
    public static func appendUUID(_ bytes: UnsafeRawBufferPointer, to out: inout OutputBuffer) {
        guard bytes.count == 16 else { return appendBase64(bytes, to: &out) }
        out.reserve(36)
        var p = out.writePointer
        let hex = hexDigits
        for i in 0 ..< 16 {
            if i == 4 || i == 6 || i == 8 || i == 10 {
                p[0] = 0x2D
                p += 1
            }
            let b = bytes[i]
            p[0] = hex[Int(b >> 4)]
            p[1] = hex[Int(b & 15)]
            p += 2
        }
        out.advance(by: 36)
    }

    /// Appends standard base64 (RFC 4648 alphabet, with `=` padding).
    public static func appendBase64(_ bytes: UnsafeRawBufferPointer, to out: inout OutputBuffer) {
        let n = bytes.count
        guard n > 0, let src = bytes.baseAddress else { return }
        let length = (n + 2) / 3 * 4
        out.reserve(length)
        var p = out.writePointer
        let alphabet = base64Alphabet
        var i = 0
        while i + 3 <= n {
            let v = UInt32(src.load(fromByteOffset: i, as: UInt8.self)) << 16
                | UInt32(src.load(fromByteOffset: i + 1, as: UInt8.self)) << 8
                | UInt32(src.load(fromByteOffset: i + 2, as: UInt8.self))
            p[0] = alphabet[Int(v >> 18)]
            p[1] = alphabet[Int((v >> 12) & 63)]
            p[2] = alphabet[Int((v >> 6) & 63)]
            p[3] = alphabet[Int(v & 63)]
            p += 4
            i += 3
        }
        if i < n {
            let b0 = UInt32(src.load(fromByteOffset: i, as: UInt8.self))
            let b1 = i + 1 < n ? UInt32(src.load(fromByteOffset: i + 1, as: UInt8.self)) : 0
            let v = b0 << 16 | b1 << 8
            p[0] = alphabet[Int(v >> 18)]
            p[1] = alphabet[Int((v >> 12) & 63)]
            p[2] = i + 1 < n ? alphabet[Int((v >> 6) & 63)] : 0x3D
            p[3] = 0x3D
        }
        out.advance(by: length)
    }

    /// Appends a Parquet INTERVAL (12 bytes: months, days, milliseconds as little-endian UInt32) as
    /// `{"months": m, "days": d, "milliseconds": ms}`. Any other length (invalid) is written as a base64
    /// JSON string.
    public static func appendInterval(_ bytes: UnsafeRawBufferPointer, to out: inout OutputBuffer) {
        guard bytes.count == 12 else {
            out.append(0x22)
            appendBase64(bytes, to: &out)
            out.append(0x22)
            return
        }
        out.append(ascii: "{\"months\": ")
        appendInteger(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 0, as: UInt32.self)), to: &out)
        out.append(ascii: ", \"days\": ")
        appendInteger(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 4, as: UInt32.self)), to: &out)
        out.append(ascii: ", \"milliseconds\": ")
        appendInteger(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt32.self)), to: &out)
        out.append(0x7D)
    }
}
