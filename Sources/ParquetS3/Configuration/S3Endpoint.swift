import Parquet

/// The base URL requests go to: AWS's regional S3 endpoint or an S3-compatible server
/// (MinIO, Ceph, R2, moto…), optionally with a base path.
public struct S3Endpoint: Sendable, Hashable, CustomStringConvertible {
    /// `http` or `https`.
    public var scheme: String
    /// Host name or address (IPv6 in brackets).
    public var host: String
    /// Explicit port, if any.
    public var port: Int?
    /// Path prefix without a trailing slash, usually empty.
    public var basePath: String
    /// Whether this is AWS's own endpoint (virtual-hosted addressing by default there).
    public var isAWS: Bool

    public init(scheme: String, host: String, port: Int? = nil, basePath: String = "", isAWS: Bool = false) {
        self.scheme = scheme
        self.host = host
        self.port = port
        self.basePath = basePath
        self.isAWS = isAWS
    }

    /// Parses `http(s)://host[:port][/base/path]`.
    public init(url text: String) throws {
        func bad(_ why: String) -> ParquetError {
            ParquetError(.invalidArgument, "invalid S3 endpoint URL '\(text)': \(why)")
        }
        guard let sep = text.range(of: "://") else { throw bad("expected http:// or https://") }
        let scheme = text[..<sep.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { throw bad("the scheme must be http or https") }
        var rest = text[sep.upperBound...]
        if rest.contains("?") || rest.contains("#") { throw bad("no query or fragment allowed") }
        var path = ""
        if let slash = rest.firstIndex(of: "/") {
            path = String(rest[slash...])
            rest = rest[..<slash]
        }
        if rest.contains("@") { throw bad("no user information allowed") }
        var host = String(rest)
        var port: Int?
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { throw bad("unterminated IPv6 address") }
            let after = host[host.index(after: close)...]
            if after.hasPrefix(":") {
                guard let p = Int(after.dropFirst()), (1 ... 65535).contains(p) else { throw bad("bad port") }
                port = p
            } else if !after.isEmpty {
                throw bad("unexpected text after the address")
            }
            host = String(host[...close])
        } else if let colon = host.lastIndex(of: ":") {
            guard let p = Int(host[host.index(after: colon)...]), (1 ... 65535).contains(p) else { throw bad("bad port") }
            port = p
            host = String(host[..<colon])
        }
        guard !host.isEmpty, !host.contains(where: { $0 == " " || $0 == "/" }) else { throw bad("missing host") }
        while path.hasSuffix("/") { path.removeLast() }
        self.init(scheme: scheme, host: host.lowercased(), port: port, basePath: path, isAWS: false)
    }

    /// AWS's regional endpoint, `https://s3.<region>.amazonaws.com` (`.com.cn` in China).
    public static func aws(region: String) -> S3Endpoint {
        let suffix = region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
        return S3Endpoint(scheme: "https", host: "s3.\(region).\(suffix)", isAWS: true)
    }

    /// The `Host` header value for `host` on this endpoint (the port only when not the default).
    func hostHeader(host: String) -> String {
        guard let port, !(scheme == "http" && port == 80), !(scheme == "https" && port == 443) else { return host }
        return "\(host):\(port)"
    }

    public var description: String {
        "\(scheme)://\(hostHeader(host: host))\(basePath)"
    }
}
