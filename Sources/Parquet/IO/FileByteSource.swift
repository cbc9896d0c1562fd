#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A byte source over a local file, read with `pread` (safe to share between concurrent readers).
public final class FileByteSource: ByteSource, @unchecked Sendable {
    // `fd` is immutable after init and pread is thread-safe, hence @unchecked Sendable.
    private let fd: Int32
    public let path: String
    public let size: Int64

    public init(path: String) throws {
        self.path = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw ParquetError(.io, "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let msg = String(cString: strerror(errno))
            close(fd)
            throw ParquetError(.io, "cannot stat \(path): \(msg)")
        }
        if (st.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw ParquetError(.io, "\(path) is a directory")
        }
        self.fd = fd
        self.size = Int64(st.st_size)
    }

    deinit { close(fd) }

    public func read(offset: Int64, length: Int) async throws -> [UInt8] {
        try readSync(offset: offset, length: length)
    }

    /// Synchronous read, for callers outside async contexts.
    public func readSync(offset: Int64, length: Int) throws -> [UInt8] {
        try checkRange(offset: offset, length: length)
        if length == 0 { return [] }
        var failure: Int32 = 0
        let out = [UInt8](unsafeUninitializedCapacity: length) { buf, initialized in
            var done = 0
            while done < length {
                let n = pread(fd, buf.baseAddress! + done, length - done, off_t(offset) + off_t(done))
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    break
                }
                if n == 0 { failure = -1; break }
                done += n
            }
            if failure != 0 {
                buf.baseAddress!.initialize(repeating: 0, count: length)
            }
            initialized = length
        }
        if failure != 0 {
            let reason = failure == -1 ? "file shrank while reading" : String(cString: strerror(failure))
            throw ParquetError(.io, "read of \(length) bytes at \(offset) from \(path) failed: \(reason)", offset: offset)
        }
        return out
    }
}
