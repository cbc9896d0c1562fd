#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `write(2)` (the sinks' own `write` methods hide the C function's name inside the classes).
private func posixWrite(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(fd, pointer, count)
    #elseif canImport(Musl)
    Musl.write(fd, pointer, count)
    #else
    Darwin.write(fd, pointer, count)
    #endif
}

/// Writes all of `bytes` to `fd`, retrying after interrupts; `name` is used in the error.
private func writeFully(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, name: String) throws {
    var written = 0
    while written < bytes.count {
        let n = posixWrite(fd, bytes.baseAddress! + written, bytes.count - written)
        if n < 0 {
            if errno == EINTR { continue }
            throw ParquetError(.io, "cannot write \(name): \(String(cString: strerror(errno)))")
        }
        written += n
    }
}

/// Where a `ParquetWriter` puts its bytes: written strictly front to back, never sought.
///
/// `write` receives the file in order; `finish` is called once after the last byte (make the output
/// visible, flush); `abort` is called instead when writing fails or the writer is discarded
/// (drop partial output). Neither is called twice.
public protocol ParquetSink: AnyObject {
    func write(_ bytes: UnsafeRawBufferPointer) throws
    func finish() throws
    func abort()
}

/// Writes to a local file through a temporary file next to it, renamed over `path` on `finish`,
/// so the path never holds a partial file. `abort` (or deinit before `finish`) removes the temporary file.
public final class FileSink: ParquetSink {
    public let path: String
    /// The temporary file written until `finish`.
    public let temporaryPath: String
    private var fd: Int32
    private var buffer: [UInt8] = []
    private let bufferSize: Int
    private var done = false

    /// Creates the temporary file (in the directory of `path`). `bufferSize` bytes are gathered per `write(2)`.
    public init(path: String, bufferSize: Int = 1 << 20) throws {
        self.path = path
        self.bufferSize = max(bufferSize, 1)
        var random = SystemRandomNumberGenerator()
        temporaryPath = path + ".tmp-\(getpid())-\(String(random.next() as UInt64, radix: 36))"
        fd = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw ParquetError(.io, "cannot create \(temporaryPath): \(String(cString: strerror(errno)))")
        }
        buffer.reserveCapacity(self.bufferSize)
    }

    deinit { if !done { abort() } }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard !done else { throw ParquetError(.io, "write to a finished sink") }
        // Large pieces (page bodies) go straight to the file; small ones (headers) are gathered.
        if bytes.count >= 64 * 1024 || buffer.count + bytes.count > bufferSize {
            try flush()
            if bytes.count >= 64 * 1024 {
                try writeAll(bytes)
                return
            }
        }
        buffer.append(contentsOf: bytes)
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try writeAll($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        try writeFully(fd, bytes, name: temporaryPath)
    }

    public func finish() throws {
        guard !done else { return }
        do {
            try flush()
            guard close(fd) == 0 else {
                throw ParquetError(.io, "cannot close \(temporaryPath): \(String(cString: strerror(errno)))")
            }
            fd = -1
            guard rename(temporaryPath, path) == 0 else {
                throw ParquetError(.io, "cannot rename \(temporaryPath) to \(path): \(String(cString: strerror(errno)))")
            }
            done = true
        } catch {
            abort()
            throw error
        }
    }

    public func abort() {
        guard !done else { return }
        done = true
        if fd >= 0 { close(fd) }
        fd = -1
        unlink(temporaryPath)
    }
}

/// Collects the file in memory.
public final class MemorySink: ParquetSink {
    public private(set) var bytes: [UInt8] = []
    /// Whether `finish` was called (the bytes are a complete file).
    public private(set) var isFinished = false

    public init() {}

    public func write(_ bytes: UnsafeRawBufferPointer) throws { self.bytes.append(contentsOf: bytes) }
    public func finish() throws { isFinished = true }
    public func abort() { bytes = [] }
}

/// Writes to an open file descriptor (standard output by default), buffered; never closes it.
public final class FileDescriptorSink: ParquetSink {
    public let fileDescriptor: Int32
    private var buffer: [UInt8] = []
    private let bufferSize = 1 << 20

    public init(fileDescriptor: Int32 = 1) {
        self.fileDescriptor = fileDescriptor
    }

    /// A sink writing to standard output.
    public static func standardOutput() -> FileDescriptorSink { FileDescriptorSink(fileDescriptor: 1) }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= bufferSize { try flush() }
    }

    private func flush() throws {
        try buffer.withUnsafeBytes { try writeFully(fileDescriptor, $0, name: "file descriptor \(fileDescriptor)") }
        buffer.removeAll(keepingCapacity: true)
    }

    public func finish() throws { try flush() }
    public func abort() { buffer = [] }
}

/// Hands every write to a closure (for custom destinations such as multipart uploads).
public final class ClosureSink: ParquetSink {
    private let onWrite: (UnsafeRawBufferPointer) throws -> Void
    private let onFinish: () throws -> Void
    private let onAbort: () -> Void

    public init(write: @escaping (UnsafeRawBufferPointer) throws -> Void, finish: @escaping () throws -> Void = {},
                abort: @escaping () -> Void = {}) {
        onWrite = write
        onFinish = finish
        onAbort = abort
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws { try onWrite(bytes) }
    public func finish() throws { try onFinish() }
    public func abort() { onAbort() }
}
