// The one public error type of the engine.

/// An error raised while reading or writing Parquet.
///
/// `code` says what kind of failure it is (open set: new codes may appear), `message` says what
/// happened in words, and `columnPath` / `offset` say where, when known.
public struct ParquetError: Error, CustomStringConvertible, Sendable {
    /// The kind of failure. Compare with the static members; unknown codes may appear in newer versions.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The bytes are not a Parquet file (bad magic, too small).
        public static let notParquet = Code(rawValue: "notParquet")
        /// Metadata or page bytes are inconsistent or truncated.
        public static let corrupt = Code(rawValue: "corrupt")
        /// The file is encrypted (Parquet modular encryption), which this reader does not decrypt.
        public static let encrypted = Code(rawValue: "encrypted")
        /// A feature the file uses that this engine does not implement.
        public static let unsupported = Code(rawValue: "unsupported")
        /// A page checksum did not match.
        public static let checksumMismatch = Code(rawValue: "checksumMismatch")
        /// A configured resource limit (page size, footer size, depth…) would be exceeded.
        public static let limitExceeded = Code(rawValue: "limitExceeded")
        /// The caller asked for something that does not exist or is not valid (unknown column…).
        public static let invalidArgument = Code(rawValue: "invalidArgument")
        /// Reading from or writing to the underlying storage failed.
        public static let io = Code(rawValue: "io")
        /// A compression library reported an error.
        public static let compression = Code(rawValue: "compression")
        /// The operation was cancelled.
        public static let cancelled = Code(rawValue: "cancelled")
    }

    public var code: Code
    public var message: String
    /// Dotted path of the column concerned, if any.
    public var columnPath: String?
    /// Byte offset in the file where the problem was found, if known.
    public var offset: Int64?
    /// The underlying error, if any.
    public var cause: (any Error & Sendable)?

    public init(
        _ code: Code, _ message: String, columnPath: String? = nil, offset: Int64? = nil,
        cause: (any Error & Sendable)? = nil
    ) {
        self.code = code
        self.message = message
        self.columnPath = columnPath
        self.offset = offset
        self.cause = cause
    }

    public var description: String {
        var s = "\(code): \(message)"
        if let columnPath { s += " (column \(columnPath))" }
        if let offset { s += " (at byte \(offset))" }
        if let cause { s += " [cause: \(cause)]" }
        return s
    }
}
