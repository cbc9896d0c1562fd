// Canonical forms of SigV4: URI encoding, path normalisation, canonical query and headers.

extension SigV4Signer {
    /// URI-encodes `text` as SigV4 and S3 expect: every UTF-8 byte except the unreserved characters
    /// `A-Z a-z 0-9 - _ . ~` becomes `%XX` (upper-case hex); `/` is kept when `encodeSlash` is false.
    public static func uriEncode(_ text: String, encodeSlash: Bool = true) -> String {
        let hexDigits = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "A") ... UInt8(ascii: "Z"), UInt8(ascii: "a") ... UInt8(ascii: "z"),
                UInt8(ascii: "0") ... UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                out.append(b)
            case UInt8(ascii: "/") where !encodeSlash:
                out.append(b)
            default:
                out.append(UInt8(ascii: "%"))
                out.append(hexDigits[Int(b >> 4)])
                out.append(hexDigits[Int(b & 15)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes `%XX` escapes (and nothing else: `+` stays `+`). Malformed escapes are kept literally.
    public static func percentDecode(_ text: String) -> String {
        let bytes = Array(text.utf8)
        guard bytes.contains(UInt8(ascii: "%")) else { return text }
        func hexValue(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0") ... UInt8(ascii: "9"): return c - UInt8(ascii: "0")
            case UInt8(ascii: "a") ... UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A") ... UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
            default: return nil
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%"), i + 2 < bytes.count, let hi = hexValue(bytes[i + 1]),
                let lo = hexValue(bytes[i + 2])
            {
                out.append(hi << 4 | lo)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// RFC 3986 dot-segment removal plus collapsing of repeated slashes, as AWS services expect
    /// (a trailing slash is kept when something remains).
    public static func removeDotSegments(_ path: String) -> String {
        guard !path.isEmpty else { return "/" }
        var output: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            if segment == "." { continue }
            if segment == ".." {
                if !output.isEmpty { output.removeLast() }
                continue
            }
            output.append(segment)
        }
        let lead = path.hasPrefix("/") ? "/" : ""
        let trail = path.hasSuffix("/") && !output.isEmpty ? "/" : ""
        return lead + output.joined(separator: "/") + trail
    }

    /// The canonical query string: names and values URI-encoded, sorted by encoded name then value,
    /// joined as `name=value` with `&`.
    public static func canonicalQueryString(_ items: [SigV4Request.QueryItem]) -> String {
        let encoded = items.map { (uriEncode($0.name), uriEncode($0.value)) }
        let sorted = encoded.sorted { a, b in
            if a.0 != b.0 { return a.0.utf8.lexicographicallyPrecedes(b.0.utf8) }
            return a.1.utf8.lexicographicallyPrecedes(b.1.utf8)
        }
        return sorted.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
    }

    /// A query string in the items' own order, encoded like the canonical one; a parameter with an
    /// empty value is written without `=` (S3's `?uploads`).
    public static func encodedQueryString(_ items: [SigV4Request.QueryItem]) -> String {
        items.map { $0.value.isEmpty ? uriEncode($0.name) : "\(uriEncode($0.name))=\(uriEncode($0.value))" }
            .joined(separator: "&")
    }

    /// Lower-cased, trimmed header name.
    static func headerName(_ name: String) -> String {
        trimAll(name).lowercased()
    }

    /// Trims leading/trailing whitespace and collapses inner runs of whitespace (including folded
    /// line breaks) into one space.
    static func trimAll(_ value: String) -> String {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
            .joined(separator: " ")
    }

    /// The canonical headers block (one `name:value\n` line per distinct name, sorted, repeated values
    /// joined by `,` in order) and the signed-headers list.
    static func canonicalHeaders(_ headers: [SigV4Request.Header]) -> (canonical: String, signed: String) {
        var order: [String] = []
        var values: [String: [String]] = [:]
        for header in headers {
            let name = headerName(header.name)
            if values[name] == nil { order.append(name) }
            values[name, default: []].append(trimAll(header.value))
        }
        let names = order.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var block = ""
        for name in names {
            block += name + ":" + values[name]!.joined(separator: ",") + "\n"
        }
        return (block, names.joined(separator: ";"))
    }
}
