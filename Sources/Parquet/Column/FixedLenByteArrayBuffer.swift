/// Fixed-length byte strings stored contiguously: value `i` is `bytes[i*width ..< (i+1)*width]`.
public struct FixedLenByteArrayBuffer: Sendable, Equatable {
    public var width: Int
    public var bytes: [UInt8]

    public init(width: Int, bytes: [UInt8] = []) {
        precondition(width >= 0)
        self.width = width
        self.bytes = bytes
    }

    @inlinable public var count: Int { width == 0 ? 0 : bytes.count / width }

    @inlinable public subscript(i: Int) -> ArraySlice<UInt8> {
        bytes[i * width ..< (i + 1) * width]
    }

    public mutating func append<C: Collection>(_ value: C) where C.Element == UInt8 {
        precondition(value.count == width)
        bytes.append(contentsOf: value)
    }
}
