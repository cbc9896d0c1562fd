// Fewer page faults for the reader's large buffers.
//
// A decoded row group is hundreds of megabytes of fresh memory: glibc maps each large allocation anew
// and the kernel faults it in 4 KiB at a time (about 140,000 faults for the 9-column benchmark file),
// which costs as much as decoding. Where transparent huge pages are enabled in `madvise` mode (the
// common default), asking for them on a large buffer before it is written lets the kernel fault it in
// 2 MiB at a time. The advice changes no contents and no lifetime; where it is unsupported it is a no-op.

#if canImport(Glibc)
import Glibc
#endif

enum HugePages {
    /// Buffers smaller than this are left alone (the advice only covers whole 2 MiB pages inside).
    static let threshold = 4 << 20
    static let pageSize = 2 << 20

    /// Advises the whole 2 MiB pages inside `[base, base + byteCount)`.
    @inline(__always)
    static func advise(_ base: UnsafeMutableRawPointer?, byteCount: Int) {
        #if os(Linux)
        guard byteCount >= threshold, let base else { return }
        let address = UInt(bitPattern: base)
        let start = (address &+ UInt(pageSize - 1)) & ~UInt(pageSize - 1)  // no overflow: user addresses < 2^47
        let end = (address &+ UInt(byteCount)) & ~UInt(pageSize - 1)
        guard end > start, let p = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(p, Int(end - start), MADV_HUGEPAGE)
        #endif
    }
}

extension Array {
    /// `reserveCapacity(n)`, then huge pages advised for the storage when it is large.
    @inline(__always)
    mutating func reserveCapacityWithHugePages(_ n: Int) {
        let before = capacity
        reserveCapacity(n)
        guard capacity != before, capacity * MemoryLayout<Element>.stride >= HugePages.threshold else { return }
        let bytes = capacity * MemoryLayout<Element>.stride
        withUnsafeMutableBufferPointer { buffer in
            HugePages.advise(UnsafeMutableRawPointer(buffer.baseAddress), byteCount: bytes)
        }
    }
}
