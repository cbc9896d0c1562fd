/// Raw memory owned by a class, so decoders can hold stable pointers into it for as long as the owner
/// is alive (a Swift array only guarantees its address inside `withUnsafeBytes`).
final class OwnedBuffer: @unchecked Sendable {
    // Written once at creation (or by the single owner that fills it), then only read.
    let bytes: UnsafeMutableRawBufferPointer

    init(count: Int) {
        bytes = UnsafeMutableRawBufferPointer.allocate(byteCount: max(count, 0), alignment: 16)
        HugePages.advise(bytes.baseAddress, byteCount: bytes.count)
    }

    convenience init(copying source: [UInt8]) {
        self.init(concatenating: CollectionOfOne(source))
    }

    /// One buffer holding `parts` back to back (one copy, no intermediate array).
    convenience init<C: Collection<[UInt8]>>(concatenating parts: C) {
        self.init(count: parts.reduce(0) { $0 + $1.count })
        var at = 0
        for part in parts {
            part.withUnsafeBytes { src in
                if let base = src.baseAddress { (bytes.baseAddress! + at).copyMemory(from: base, byteCount: src.count) }
            }
            at += part.count
        }
    }

    /// `head` followed by the bytes of `tail`, in one new buffer.
    convenience init(_ head: [UInt8], followedBy tail: OwnedBuffer) {
        self.init(count: head.count + tail.count)
        head.withUnsafeBytes { src in
            if let base = src.baseAddress { bytes.baseAddress!.copyMemory(from: base, byteCount: src.count) }
        }
        if let base = tail.readOnly.baseAddress { (bytes.baseAddress! + head.count).copyMemory(from: base, byteCount: tail.count) }
    }

    deinit { bytes.deallocate() }

    var count: Int { bytes.count }
    var readOnly: UnsafeRawBufferPointer { UnsafeRawBufferPointer(bytes) }

    /// A sub-range as a read-only buffer (the range must be inside; callers check).
    func slice(_ range: Range<Int>) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: readOnly[range])
    }
}
