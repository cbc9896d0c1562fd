// A growable, manually managed byte buffer that every text writer of this module appends into.

/// A growable byte buffer with cheap appends, used by every renderer and writer in this module.
///
/// The buffer owns its memory (`~Copyable`, freed on `deinit`), so appends touch no reference counts,
/// no uniqueness checks and no exclusivity bookkeeping. Callers drain it into their sink when `count`
/// passes a threshold (see ``flush(ifAtLeast:to:)``) and keep appending: the capacity is kept.
///
/// Low-level writers reserve room once with ``reserve(_:)`` and then store through ``writePointer`` and
/// ``advance(by:)``; the typed `append` methods do both.
public struct OutputBuffer: ~Copyable, @unchecked Sendable {
    // @unchecked Sendable: the buffer uniquely owns its allocation (it is ~Copyable), so moving it to
    // another task moves the only reference.

    @usableFromInline var base: UnsafeMutablePointer<UInt8>
    @usableFromInline var used: Int
    @usableFromInline var allocated: Int

    /// Creates an empty buffer with room for `capacity` bytes (at least 64).
    public init(capacity: Int = 64 * 1024) {
        let allocated = max(capacity, 64)
        base = .allocate(capacity: allocated)
        used = 0
        self.allocated = allocated
    }

    deinit { base.deallocate() }

    /// Number of bytes written so far.
    @inlinable public var count: Int { used }
    /// Whether no byte has been written since creation or the last ``removeAll()``.
    @inlinable public var isEmpty: Bool { used == 0 }
    /// Bytes that fit without reallocating.
    @inlinable public var capacity: Int { allocated }

    /// Makes room for at least `additional` more bytes.
    @inlinable @inline(__always)
    public mutating func reserve(_ additional: Int) {
        if allocated &- used < additional { grow(minimumAdditional: additional) }
    }

    @usableFromInline @inline(never)
    mutating func grow(minimumAdditional additional: Int) {
        precondition(additional >= 0, "negative reservation")
        let needed = used + additional
        var newCapacity = allocated
        while newCapacity < needed { newCapacity = newCapacity < (1 << 40) ? newCapacity * 2 : needed }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.initialize(from: base, count: used)
        base.deallocate()
        base = newBase
        allocated = newCapacity
    }

    /// Pointer to the first unwritten byte. Valid until the next call that may reallocate; write at most
    /// as many bytes as were reserved, then call ``advance(by:)``.
    @inlinable public var writePointer: UnsafeMutablePointer<UInt8> { base + used }

    /// Marks `n` bytes after the previous end as written (they must have been reserved and stored).
    @inlinable @inline(__always)
    public mutating func advance(by n: Int) {
        assert(n >= 0 && used + n <= allocated)
        used &+= n  // bounded by `allocated` (asserted), which is an allocation size
    }

    /// One past the last byte of the allocation: a writer holding ``writePointer`` in a local cursor may
    /// store up to here, then ``commit(upTo:)``.
    @inlinable public var writeLimit: UnsafeMutablePointer<UInt8> { base + allocated }

    /// Marks everything up to `end` (between ``writePointer`` and ``writeLimit``) as written.
    @inlinable @inline(__always)
    public mutating func commit(upTo end: UnsafeMutablePointer<UInt8>) {
        assert(end >= base + used && end <= base + allocated)
        used = end - base
    }

    /// Appends one byte.
    @inlinable @inline(__always)
    public mutating func append(_ byte: UInt8) {
        reserve(1)
        base[used] = byte
        used &+= 1  // room reserved above
    }

    /// Appends raw bytes. Short runs (keys, typical cells) are copied inline with 8-byte words
    /// instead of a `memmove` call.
    @inlinable @inline(__always)
    public mutating func append(bytes: UnsafeRawBufferPointer) {
        let n = bytes.count
        guard n > 0, let source = bytes.baseAddress else { return }
        reserve(n)
        let d = UnsafeMutableRawPointer(base + used)
        if n >= 8 && n <= 32 {
            // Words at 0, 8, 16 as far as they fit, then one ending exactly at n (overlap is harmless).
            var i = 0
            while i &+ 8 < n {  // i + 8 ≤ 32
                d.storeBytes(of: source.loadUnaligned(fromByteOffset: i, as: UInt64.self), toByteOffset: i, as: UInt64.self)
                i &+= 8
            }
            d.storeBytes(of: source.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self), toByteOffset: n &- 8, as: UInt64.self)
        } else if n < 8 {
            if n >= 4 {
                d.storeBytes(of: source.loadUnaligned(as: UInt32.self), as: UInt32.self)
                d.storeBytes(of: source.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self), toByteOffset: n &- 4, as: UInt32.self)
            } else {
                for i in 0 ..< n { d.storeBytes(of: source.load(fromByteOffset: i, as: UInt8.self), toByteOffset: i, as: UInt8.self) }
            }
        } else {
            d.copyMemory(from: source, byteCount: n)
        }
        used &+= n  // room reserved above
    }

    /// Appends the UTF-8 bytes of a literal.
    @inlinable @inline(__always)
    public mutating func append(ascii text: StaticString) {
        append(bytes: UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends the bytes of an array.
    @inlinable
    public mutating func append(contentsOf bytes: [UInt8]) {
        bytes.withUnsafeBytes { append(bytes: $0) }
    }

    /// Calls `body` with the bytes written so far.
    @inlinable
    public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        try body(UnsafeRawBufferPointer(start: base, count: used))
    }

    /// A copy of the bytes written so far.
    public func copyBytes() -> [UInt8] {
        Array(UnsafeBufferPointer(start: base, count: used))
    }

    /// Exchanges contents and storage with `other` (no copy).
    @inlinable
    public mutating func exchange(with other: inout OutputBuffer) {
        (base, other.base) = (other.base, base)
        (used, other.used) = (other.used, used)
        (allocated, other.allocated) = (other.allocated, allocated)
    }

    /// Forgets the content, keeping the capacity.
    @inlinable public mutating func removeAll() { used = 0 }

    /// Drops the last `n` bytes (at most `count`).
    @inlinable public mutating func removeLast(_ n: Int) { used -= min(max(n, 0), used) }

    /// Passes the content to `sink` and empties the buffer when it holds at least `threshold` bytes.
    /// Returns whether it flushed.
    @inlinable @discardableResult
    public mutating func flush<E: Error>(
        ifAtLeast threshold: Int, to sink: (UnsafeRawBufferPointer) throws(E) -> Void
    ) throws(E) -> Bool {
        guard used >= threshold, used > 0 else { return false }
        try sink(UnsafeRawBufferPointer(start: base, count: used))
        used = 0
        return true
    }
}
