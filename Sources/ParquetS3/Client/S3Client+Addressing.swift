// Where a request goes: endpoint, virtual-hosted or path-style addressing, the wire path.

extension S3Client {
    /// The URL pieces of a request: `base` (`scheme://host[:port]`), the wire `path`, the `Host` header.
    struct Target {
        var base: String
        var path: String
        var host: String
    }

    /// Computes the target of a request on `bucket` (and `key`) in `region`.
    func target(bucket: String, key: String?, region: String) -> Target {
        let endpoint = configuration.endpoint ?? .aws(region: region)
        let virtual = usesVirtualHosting(bucket: bucket, endpoint: endpoint)
        let hostName = virtual ? "\(bucket).\(endpoint.host)" : endpoint.host
        let host = endpoint.hostHeader(host: hostName)
        var path = endpoint.basePath
        if !virtual { path += "/" + SigV4Signer.uriEncode(bucket) }
        if let key { path += "/" + SigV4Signer.uriEncode(key, encodeSlash: false) }
        if path.isEmpty { path = "/" }
        return Target(base: "\(endpoint.scheme)://\(host)", path: path, host: host)
    }

    /// Virtual-hosted addressing when asked, or by default on AWS for DNS-compatible names (no dots
    /// over HTTPS, where they would break the wildcard certificate).
    func usesVirtualHosting(bucket: String, endpoint: S3Endpoint) -> Bool {
        switch configuration.addressingStyle {
        case .path: return false
        case .virtualHosted: return true
        case .auto:
            guard endpoint.isAWS else { return false }
            return Self.isDNSCompatible(bucket) && !(endpoint.scheme == "https" && bucket.contains("."))
        }
    }

    /// 3–63 characters of lower-case letters, digits, `-` and `.`, starting and ending alphanumerically.
    static func isDNSCompatible(_ bucket: String) -> Bool {
        let bytes = Array(bucket.utf8)
        guard (3 ... 63).contains(bytes.count) else { return false }
        func alnum(_ b: UInt8) -> Bool {
            (UInt8(ascii: "a") ... UInt8(ascii: "z")).contains(b) || (UInt8(ascii: "0") ... UInt8(ascii: "9")).contains(b)
        }
        guard alnum(bytes.first!), alnum(bytes.last!) else { return false }
        return bytes.allSatisfy { alnum($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
            && !bucket.contains("..")
    }
}
