// Writing whole buffers to a POSIX file descriptor.

import Parquet

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes byte buffers completely to an open file descriptor (retrying short writes and `EINTR`).
/// The descriptor is not closed.
public struct FileDescriptorOutput: Sendable {
    /// The descriptor written to.
    public let fileDescriptor: Int32

    public init(_ fileDescriptor: Int32) {
        self.fileDescriptor = fileDescriptor
    }

    /// Writes all of `bytes`; throws `io` with the system error on failure (e.g. disk full).
    public func write(_ bytes: UnsafeRawBufferPointer) throws(ParquetError) {
        guard var p = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            #if canImport(Glibc)
            let n = Glibc.write(fileDescriptor, p, remaining)
            #else
            let n = Darwin.write(fileDescriptor, p, remaining)
            #endif
            if n < 0 {
                let code = errno
                if code == EINTR { continue }
                throw ParquetError(.io, "write failed: \(String(cString: strerror(code))) (errno \(code))")
            }
            p += n
            remaining -= n
        }
    }
}
