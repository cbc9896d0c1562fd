#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Parquet

/// A file written under a temporary name in the target directory and renamed into place only by
/// `commit()`; `discard()` (or deinit without commit) removes it, so no partial output is ever left.
public final class AtomicOutputFile {
    public let finalPath: String
    public let temporaryPath: String
    private var fd: Int32
    private var committed = false
    public private(set) var bytesWritten: Int64 = 0

    public init(path: String) throws {
        finalPath = path
        let dir = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        let base = path.split(separator: "/").last.map(String.init) ?? path
        var template = Array(((dir.isEmpty ? "" : dir + "/") + ".\(base).tmp-XXXXXX").utf8CString)
        fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw ParquetError(.io, "cannot create a file in \(dir.isEmpty ? "." : dir): \(String(cString: strerror(errno)))")
        }
        temporaryPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        fchmod(fd, 0o644)
    }

    deinit {
        if !committed { discard() }
    }

    /// Appends bytes; a failed or short write (disk full…) throws.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        var done = 0
        while done < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw ParquetError(.io, "writing \(finalPath) failed: \(String(cString: strerror(errno)))")
            }
            done += n
        }
        bytesWritten += Int64(bytes.count)
    }

    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Flushes to disk and renames the file into place.
    public func commit() throws {
        guard fd >= 0 else { throw ParquetError(.io, "output already closed") }
        if fsync(fd) != 0 {
            let msg = String(cString: strerror(errno))
            discard()
            throw ParquetError(.io, "writing \(finalPath) failed: \(msg)")
        }
        close(fd)
        fd = -1
        guard rename(temporaryPath, finalPath) == 0 else {
            let msg = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw ParquetError(.io, "cannot move the output into place at \(finalPath): \(msg)")
        }
        committed = true
    }

    /// Removes the temporary file.
    public func discard() {
        if fd >= 0 {
            close(fd)
            fd = -1
        }
        if !committed { unlink(temporaryPath) }
    }
}
