/// A byte source over bytes held in memory.
public struct MemoryByteSource: ByteSource {
    public let bytes: [UInt8]
    public var size: Int64 { Int64(bytes.count) }

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public func read(offset: Int64, length: Int) async throws -> [UInt8] {
        try checkRange(offset: offset, length: length)
        let start = Int(offset)
        return Array(bytes[start ..< start + length])
    }
}
