// A JSON object key escaped once, ahead of time.

/// An object key escaped once: the bytes `"name":`. Make one per struct field / column up front.
public struct JSONKey: Sendable, Hashable {
    /// The key as given.
    public let name: String
    /// `"escaped name":`
    public let bytes: [UInt8]

    /// Escapes `name` (RFC 8259) and appends the colon.
    public init(_ name: String) {
        self.name = name
        var out = OutputBuffer(capacity: name.utf8.count + 8)
        var copy = name
        copy.withUTF8 { TextRendering.appendJSONString(UnsafeRawBufferPointer($0), to: &out) }
        out.append(0x3A)
        bytes = out.copyBytes()
    }

    /// `"key":`, for maps written as lists of key/value objects.
    public static let key = JSONKey("key")
    /// `"value":`, for maps written as lists of key/value objects.
    public static let value = JSONKey("value")
}
