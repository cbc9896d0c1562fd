/// Variable-length byte strings stored contiguously: value `i` is `bytes[offsets[i] ..< offsets[i + 1]]`.
///
/// `offsets` always has `count + 1` entries and starts at 0.
public struct ByteArrayBuffer: Sendable, Equatable {
    public var offsets: [Int]
    public var bytes: [UInt8]

    public init() {
        offsets = [0]
        bytes = []
    }

    public init(offsets: [Int], bytes: [UInt8]) {
        precondition(!offsets.isEmpty && offsets[0] == 0, "offsets must start with 0")
        self.offsets = offsets
        self.bytes = bytes
    }

    /// Builds a buffer from separate values (convenience for tests and small data).
    public init<S: Sequence>(_ values: S) where S.Element: Collection, S.Element.Element == UInt8 {
        self.init()
        for v in values { append(v) }
    }

    @inlinable public var count: Int { offsets.count - 1 }
    @inlinable public var isEmpty: Bool { offsets.count <= 1 }

    public mutating func reserve(values: Int, bytes byteCount: Int) {
        offsets.reserveCapacity(offsets.count + values)
        bytes.reserveCapacity(bytes.count + byteCount)
    }

    @inlinable public mutating func append<C: Collection>(_ value: C) where C.Element == UInt8 {
        bytes.append(contentsOf: value)
        offsets.append(bytes.count)
    }

    @inlinable public mutating func append(_ value: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: value)
        offsets.append(bytes.count)
    }

    @inlinable public subscript(i: Int) -> ArraySlice<UInt8> {
        bytes[offsets[i] ..< offsets[i + 1]]
    }

    /// Removes all values, keeping capacity.
    public mutating func removeAll(keepingCapacity: Bool = true) {
        offsets.removeAll(keepingCapacity: keepingCapacity)
        offsets.append(0)
        bytes.removeAll(keepingCapacity: keepingCapacity)
    }
}
