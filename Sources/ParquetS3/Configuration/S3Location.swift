import Parquet

/// An object or a prefix in S3: `s3://bucket/key` or `s3://bucket/prefix/`.
public struct S3Location: Sendable, Hashable, CustomStringConvertible {
    /// The bucket name.
    public var bucket: String
    /// The key (or prefix), without the leading slash; may be empty (the whole bucket).
    public var key: String

    public init(bucket: String, key: String) {
        self.bucket = bucket
        self.key = key
    }

    /// Parses `s3://bucket/key`. The key is taken literally (no percent-decoding), as the AWS CLI does.
    public init(parsing text: String) throws {
        guard text.lowercased().hasPrefix("s3://") else {
            throw ParquetError(.invalidArgument, "'\(text)' is not an S3 URL (expected s3://bucket/key)")
        }
        let rest = text.dropFirst(5)
        let bucket: Substring
        let key: Substring
        if let slash = rest.firstIndex(of: "/") {
            bucket = rest[..<slash]
            key = rest[rest.index(after: slash)...]
        } else {
            bucket = rest
            key = ""
        }
        guard !bucket.isEmpty else {
            throw ParquetError(.invalidArgument, "'\(text)' has no bucket name (expected s3://bucket/key)")
        }
        guard !bucket.contains(where: { $0.isWhitespace || $0 == "?" || $0 == "#" || $0 == "\\" }) else {
            throw ParquetError(.invalidArgument, "'\(text)': '\(bucket)' is not a valid bucket name")
        }
        self.init(bucket: String(bucket), key: String(key))
    }

    /// Whether `text` looks like an S3 URL (`s3://…`).
    public static func isS3URL(_ text: String) -> Bool {
        text.lowercased().hasPrefix("s3://")
    }

    /// True when this names a prefix (empty key or a key ending in `/`) rather than one object.
    public var isPrefix: Bool { key.isEmpty || key.hasSuffix("/") }

    public var description: String { "s3://\(bucket)/\(key)" }
}
