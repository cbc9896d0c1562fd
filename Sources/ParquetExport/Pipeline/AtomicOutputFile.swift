#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Parquet

/// A file written under a temporary name in the target directory and moved into place only by
/// `commit()`; `discard()` (or deinit without commit) removes it, so no partial output is ever left.
///
/// The temporary file is named `.<final name>.partial-XXXXXX` and holds an exclusive `flock` while it
/// is being written: a process killed mid-export (SIGKILL) leaves only such a file, and
/// ``removeStaleTemporaries(in:)`` removes the ones whose writer is gone (their lock is free).
public final class AtomicOutputFile {
    /// The path the file gets on commit (may change to a numbered name, see ``commit(replacing:)``).
    public private(set) var finalPath: String
    public let temporaryPath: String
    private var fd: Int32
    private var committed = false
    public private(set) var bytesWritten: Int64 = 0
    /// Test hook: a write that would take the file past this many bytes fails with ENOSPC (disk full).
    var failWritesAfterBytes: Int64?

    /// The marker between the final name and the random suffix of temporary files.
    public static let temporaryMarker = ".partial-"

    public init(path: String) throws {
        finalPath = path
        let dir = Self.directory(of: path)
        let base = path.split(separator: "/").last.map(String.init) ?? path
        var attempts = 0
        while true {
            var template = Array(((dir.isEmpty ? "" : dir + "/") + ".\(base)\(Self.temporaryMarker)XXXXXX").utf8CString)
            let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            guard fd >= 0 else {
                throw ParquetError(.io, "cannot create a file in \(dir.isEmpty ? "." : dir): \(String(cString: strerror(errno)))")
            }
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)  // not inherited by processes the app starts
            let temp = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            // Lock at once; a cleaner that locked and removed the file in between leaves it unlinked:
            // then start over with a new name.
            var st = stat()
            if flock(fd, LOCK_EX) == 0, fstat(fd, &st) == 0, st.st_nlink > 0 {
                self.fd = fd
                temporaryPath = temp
                break
            }
            close(fd)
            attempts += 1
            if attempts > 8 { throw ParquetError(.io, "cannot create a temporary file in \(dir.isEmpty ? "." : dir)") }
        }
        fchmod(fd, 0o644)
    }

    deinit {
        if !committed { discard() }
    }

    static func directory(of path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
    }

    /// Appends bytes; a failed or short write (disk full…) throws.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard fd >= 0 else { throw ParquetError(.io, "writing \(finalPath) failed: the output is closed") }
        if let limit = failWritesAfterBytes, bytesWritten + Int64(bytes.count) > limit {
            throw ParquetError(.io, "writing \(finalPath) failed: \(String(cString: strerror(ENOSPC)))")
        }
        do {
            try FileDescriptorOutput(fd).write(bytes)
        } catch {
            throw ParquetError(.io, "writing \(finalPath) failed: \(error.message)")
        }
        bytesWritten += Int64(bytes.count)
    }

    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Flushes to disk and moves the file into place. With `replacing` an existing file at the final
    /// path is replaced (`rename`); without, the file is linked under the final name only if that name
    /// is free (atomically, `link`), else under the next free numbered name (`stem_1.ext`, …), which
    /// becomes ``finalPath``. `fileExtension` tells where the number goes.
    public func commit(replacing: Bool = true, fileExtension: String = "") throws {
        guard fd >= 0 else { throw ParquetError(.io, "output already closed") }
        if fsync(fd) != 0 {
            let msg = String(cString: strerror(errno))
            discard()
            throw ParquetError(.io, "writing \(finalPath) failed: \(msg)")
        }
        if replacing {
            try move(to: finalPath)
        } else {
            let dir = Self.directory(of: finalPath)
            let name = finalPath.split(separator: "/").last.map(String.init) ?? finalPath
            var number = 0
            while true {
                let candidate = number == 0 ? finalPath
                    : (dir.isEmpty ? "" : dir + "/") + OutputNaming.numbered(name, number, fileExtension: fileExtension)
                if link(temporaryPath, candidate) == 0 {
                    finalPath = candidate
                    unlink(temporaryPath)
                    break
                }
                // File systems without hard links: rename onto a name that looked free (not atomic).
                if errno == EPERM || errno == EOPNOTSUPP || errno == ENOSYS, access(candidate, F_OK) != 0 {
                    try move(to: candidate)
                    finalPath = candidate
                    break
                }
                guard errno == EEXIST, number < 100_000 else {
                    let msg = String(cString: strerror(errno))
                    discard()
                    throw ParquetError(.io, "cannot move the output into place at \(candidate): \(msg)")
                }
                number += 1
            }
        }
        committed = true
        close(fd)
        fd = -1
    }

    /// Renames the temporary file to `target`; on failure removes it and throws.
    private func move(to target: String) throws {
        guard rename(temporaryPath, target) == 0 else {
            let msg = String(cString: strerror(errno))
            discard()
            throw ParquetError(.io, "cannot move the output into place at \(target): \(msg)")
        }
    }

    /// Removes the temporary file.
    public func discard() {
        if !committed { unlink(temporaryPath) }
        if fd >= 0 {
            close(fd)  // after the unlink: the lock protects the name until it is gone
            fd = -1
        }
    }

    /// Whether `name` is a temporary file of this type (`.<name>.partial-XXXXXX`).
    public static func isTemporaryName(_ name: String) -> Bool {
        guard name.hasPrefix("."), let marker = name.range(of: temporaryMarker, options: .backwards) else { return false }
        return name[marker.upperBound...].count == 6 && marker.lowerBound > name.index(after: name.startIndex)
    }

    /// Removes temporary files in `directory` left by writers that are gone (killed mid-export): those
    /// whose `flock` can be taken. Files of running exports (this process or another) are kept.
    /// Returns the names removed.
    @discardableResult
    public static func removeStaleTemporaries(in directory: String) -> [String] {
        guard let dir = opendir(directory.isEmpty ? "." : directory) else { return [] }
        defer { closedir(dir) }
        var removed: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            guard isTemporaryName(name) else { continue }
            let path = (directory.isEmpty ? "" : directory + "/") + name
            let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
            guard fd >= 0 else { continue }
            var st = stat()
            if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, flock(fd, LOCK_EX | LOCK_NB) == 0 {
                if unlink(path) == 0 { removed.append(name) }
            }
            close(fd)
        }
        return removed
    }
}
