import Foundation
import Testing
import Parquet
@testable import ParquetExport

#if canImport(Glibc)
import Glibc
#endif

/// Output safety: disk full, permission errors, cancellation, SIGKILL, hostile names, symlinks,
/// collisions, and a source that is only ever read.
@Suite("Export faults", .serialized)
struct ExportFaultTests {
    static let formats: [ExportFormat] = [.csv, .ndjson, .json, .xlsx, .parquet]

    /// An injected ENOSPC (the output layer's test hook) part way through: a clear error, no temporary
    /// or final file, the source untouched.
    @Test(arguments: formats)
    func diskFullInjected(format: ExportFormat) async throws {
        let dir = try ExportPipelineTests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let before = PipelineSupport.fingerprint(PipelineSupport.bigFile)
        let destination = ExportDestination.sink { name, _ in
            try LocalFileSink(path: dir.appendingPathComponent(name).path, replacing: false, fileExtension: format.rawValue,
                              failingAfterBytes: 200_000)
        }
        let r = await ParquetExporter.export(.file(PipelineSupport.bigFile), options: ExportOptions(format: format, filename: "full"),
                                             destination: destination)
        #expect(!r.success)
        #expect((r.error ?? "").contains("No space left on device"), "\(r.error ?? "")")
        #expect(PipelineSupport.entries(dir.path).isEmpty, "left behind: \(PipelineSupport.entries(dir.path))")
        let after = PipelineSupport.fingerprint(PipelineSupport.bigFile)
        #expect(before.0 == after.0 && before.1 == after.1 && before.2 == after.2)
    }

    /// A real full disk: a 1 MiB tmpfs (when this machine lets us mount; the injected failure above
    /// covers the same path otherwise).
    @Test(arguments: [ExportFormat.csv, .xlsx, .parquet])
    func diskFullOnTmpfs(format: ExportFormat) async throws {
        let dir = try ExportPipelineTests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        guard PipelineSupport.mountTmpfs(dir.path, size: "1m") else {
            print("note: mount -t tmpfs not permitted here; covered by diskFullInjected")
            return
        }
        defer { PipelineSupport.unmount(dir.path) }
        let before = PipelineSupport.fingerprint(PipelineSupport.bigFile)
        let r = await ParquetExporter.export(.file(PipelineSupport.bigFile), options: ExportOptions(
            format: format, compression: format == .parquet ? "none" : nil, outputDirectory: dir.path))
        #expect(!r.success)
        #expect((r.error ?? "").contains("No space left on device"), "\(r.error ?? "")")
        #expect(PipelineSupport.entries(dir.path).isEmpty, "left behind: \(PipelineSupport.entries(dir.path))")
        #expect(PipelineSupport.fingerprint(PipelineSupport.bigFile).0 == before.0)
    }

    /// `--output -` into /dev/full: non-zero exit and a one-line message naming the cause.
    @Test func standardOutputToDevFull() throws {
        let cli = try #require(PipelineSupport.cli, "the parquet CLI is not built")
        let r = try PipelineSupport.run([cli, "export", PipelineSupport.fixture, "--format", "csv", "--output", "-"], stdout: "/dev/full")
        #expect(r.status != 0)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].contains("No space left on device"), "\(r.stderr)")
    }

    /// Read-only file system (bind mount), a directory where files cannot be created (/proc), and a
    /// file where the directory should be: clear errors, nothing left.
    @Test func permissionErrors() async throws {
        let dir = try ExportPipelineTests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let writable = dir.appendingPathComponent("rw").path
        let readOnly = dir.appendingPathComponent("ro").path
        try FileManager.default.createDirectory(atPath: writable, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: readOnly, withIntermediateDirectories: true)
        if PipelineSupport.mountReadOnly(writable, at: readOnly) {
            defer { PipelineSupport.unmount(readOnly) }
            let r = await ParquetExporter.export(.file(PipelineSupport.fixture), options: ExportOptions(format: .csv, outputDirectory: readOnly))
            #expect(!r.success && (r.error ?? "").contains("Read-only file system"), "\(r.error ?? "")")
            #expect(PipelineSupport.entries(writable).isEmpty)
        } else {
            print("note: read-only bind mount not permitted here")
        }
        let proc = await ParquetExporter.export(.file(PipelineSupport.fixture), options: ExportOptions(format: .csv, outputDirectory: "/proc/self"))
        #expect(!proc.success && (proc.error ?? "").contains("cannot create a file in /proc/self"), "\(proc.error ?? "")")
        let notDir = dir.appendingPathComponent("plain").path
        _ = FileManager.default.createFile(atPath: notDir, contents: Data("x".utf8))
        let r = await ParquetExporter.export(.file(PipelineSupport.fixture), options: ExportOptions(format: .csv, outputDirectory: notDir))
        #expect(!r.success && (r.error ?? "").contains("is not a directory"), "\(r.error ?? "")")
        let exact = await ParquetExporter.export(.file(PipelineSupport.fixture), options: ExportOptions(format: .csv),
                                                 destination: .file(notDir + "/out.csv"))
        #expect(!exact.success)
        #expect(PipelineSupport.entries(dir.path) == ["plain", "ro", "rw"])
    }

    /// Cancelled after the first row group was written (from the progress handler, which runs in the
    /// export's task, so the moment is deterministic): no file at all, the error says so.
    @Test(arguments: formats)
    func cancellationHalfWay(format: ExportFormat) async throws {
        let dir = try ExportPipelineTests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let seen = FlagLog()
        let r = await Task {
            await ParquetExporter.export(.file(PipelineSupport.bigFile), options: ExportOptions(format: format, outputDirectory: dir.path)) { p in
                guard p.stage == .exporting, seen.all.isEmpty else { return }
                seen.record([PipelineSupport.entries(dir.path).contains { AtomicOutputFile.isTemporaryName($0) } ? 1 : 0])
                withUnsafeCurrentTask { $0?.cancel() }
            }
        }.value
        #expect(seen.all == [1], "the export was writing its temporary file when cancelled")
        #expect(!r.success && r.error == "export cancelled", "\(r.error ?? "")")
        #expect(r.rowCount == 0)
        #expect(PipelineSupport.entries(dir.path).isEmpty, "left behind: \(PipelineSupport.entries(dir.path))")
    }

    /// SIGKILL mid-export: no file at the final path, only a recognisable stale temporary file, which
    /// the next export into that directory removes.
    @Test func sigkillLeavesNoFinalFile() async throws {
        let cli = try #require(PipelineSupport.cli, "the parquet CLI is not built")
        let dir = try ExportPipelineTests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: cli)
        p.arguments = ["export", PipelineSupport.bigFile, "--format", "xlsx", "--output-dir", dir.path, "--filename", "big"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        let deadline = Date().addingTimeInterval(60)
        var temporary: String?
        while temporary == nil && p.isRunning && Date() < deadline {
            temporary = PipelineSupport.entries(dir.path).first { AtomicOutputFile.isTemporaryName($0) }
            if temporary == nil { usleep(2_000) }
        }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        #expect(p.terminationReason == .uncaughtSignal, "the export finished before it could be killed")
        let name = try #require(temporary)
        #expect(name.hasPrefix(".big.xlsx.partial-") && name.count == ".big.xlsx.partial-".count + 6)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("big.xlsx").path))
        #expect(PipelineSupport.entries(dir.path) == [name])
        // The next export into the directory removes the stale file (its writer's lock is gone).
        let next = await ParquetExporter.export(.file(PipelineSupport.fixture), options: ExportOptions(format: .csv, filename: "next", outputDirectory: dir.path))
        #expect(next.success)
        #expect(PipelineSupport.entries(dir.path) == ["next.csv"])
    }

    /// A running export's temporary file is locked: a cleaner never removes it.
    @Test func liveTemporaryFilesAreKept() throws {
        let dir = try ExportPipelineTests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let live = try AtomicOutputFile(path: dir.appendingPathComponent("a.csv").path)
        try live.write(Array("x".utf8))
        #expect(AtomicOutputFile.removeStaleTemporaries(in: dir.path).isEmpty)
        #expect(FileManager.default.fileExists(atPath: live.temporaryPath))
        _ = FileManager.default.createFile(atPath: dir.appendingPathComponent(".b.csv.partial-abcdef").path, contents: Data())
        _ = FileManager.default.createFile(atPath: dir.appendingPathComponent(".c.csv.partial-toolong1").path, contents: Data())
        #expect(AtomicOutputFile.removeStaleTemporaries(in: dir.path) == [".b.csv.partial-abcdef"])
        try live.commit()
        #expect(PipelineSupport.entries(dir.path) == [".c.csv.partial-toolong1", "a.csv"])
    }

    /// Names that could leave the output directory, or are not plain names, are refused.
    @Test(arguments: ["a/b", "../x", "..", "/etc/passwd", "/tmp/x", "x..y", "ctl\u{1}name", "new\nline", "del\u{7F}", "back\\slash", "", "."])
    func hostileNamesRefused(name: String) async throws {
        let dir = try ExportPipelineTests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = await ParquetExporter.export(.file(PipelineSupport.fixture), options: ExportOptions(format: .csv, filename: name, outputDirectory: dir.path))
        #expect(!r.success && (r.error ?? "").contains("is not allowed"), "\(r.error ?? "")")
        #expect(PipelineSupport.entries(dir.path).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: "/tmp/x.csv") || name != "/tmp/x")
    }

    /// A name that is an existing symbolic link is refused (even with overwrite); its target is untouched.
    @Test(arguments: [false, true])
    func symlinkNameRefused(overwrite: Bool) async throws {
        let dir = try ExportPipelineTests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("target.txt").path
        _ = FileManager.default.createFile(atPath: target, contents: Data("keep".utf8))
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("link.csv").path, withDestinationPath: target)
        let r = await ParquetExporter.export(.file(PipelineSupport.fixture), options: ExportOptions(
            format: .csv, filename: "link", outputDirectory: dir.path, overwrite: overwrite))
        #expect(!r.success && (r.error ?? "").contains("symbolic link"), "\(r.error ?? "")")
        let exact = await ParquetExporter.export(.file(PipelineSupport.fixture), options: ExportOptions(format: .csv),
                                                 destination: .file(dir.appendingPathComponent("link.csv").path))
        #expect(!exact.success && (exact.error ?? "").contains("symbolic link"))
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep")
        #expect(PipelineSupport.entries(dir.path) == ["link.csv", "target.txt"])
    }

    /// An existing file gets a numbered name; with overwrite it is replaced.
    @Test func existingFileNumberedUnlessOverwrite() async throws {
        let dir = try ExportPipelineTests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let existing = dir.appendingPathComponent("r.csv.gz").path
        _ = FileManager.default.createFile(atPath: existing, contents: Data("old".utf8))
        let options = ExportOptions(format: .csv, compression: "gzip", filename: "r", outputDirectory: dir.path)
        let a = await ParquetExporter.export(.file(PipelineSupport.fixture), options: options)
        let b = await ParquetExporter.export(.file(PipelineSupport.fixture), options: options)
        #expect(a.fileName == "r_1.csv.gz" && b.fileName == "r_2.csv.gz")
        #expect(try String(contentsOfFile: existing, encoding: .utf8) == "old")
        var replace = options
        replace.overwrite = true
        let c = await ParquetExporter.export(.file(PipelineSupport.fixture), options: replace)
        #expect(c.fileName == "r.csv.gz" && c.filePath == existing)
        #expect(try Data(contentsOf: URL(fileURLWithPath: existing)) == Data(contentsOf: URL(fileURLWithPath: a.filePath!)))
    }

    /// The source is opened read-only (checked on the open descriptor's flags during the export), a
    /// 0444 source exports fine, and its bytes and modification time are unchanged.
    @Test func sourceOpenedReadOnly() async throws {
        let dir = try ExportPipelineTests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = dir.appendingPathComponent("ro-source.parquet").path
        try FileManager.default.copyItem(atPath: PipelineSupport.fixture, toPath: source)
        chmod(source, 0o444)
        let before = PipelineSupport.fingerprint(source)
        let flags = FlagLog()
        let out = dir.appendingPathComponent("out").path
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        for format in Self.formats {
            let r = await ParquetExporter.export(.file(source), options: ExportOptions(format: format, outputDirectory: out)) { p in
                if p.stage == .exporting { flags.record(Self.openFlags(of: source)) }
            }
            #expect(r.success, "\(format): \(r.error ?? "")")
        }
        let seen = flags.all
        #expect(!seen.isEmpty, "the source was open during the export")
        #expect(seen.allSatisfy { $0 & O_ACCMODE == O_RDONLY }, "open flags \(seen.map { String($0, radix: 8) })")
        let after = PipelineSupport.fingerprint(source)
        #expect(before.0 == after.0 && before.1 == after.1 && before.2 == after.2)
    }

    /// The flags of this process's open descriptors on `path` (from /proc/self/fdinfo).
    static func openFlags(of path: String) -> [Int32] {
        var out: [Int32] = []
        for fd in PipelineSupport.entries("/proc/self/fd") {
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(fd)"), target == path,
                  let info = try? String(contentsOfFile: "/proc/self/fdinfo/\(fd)", encoding: .utf8),
                  let line = info.split(separator: "\n").first(where: { $0.hasPrefix("flags:") }),
                  let flags = Int32(line.dropFirst(6).trimmingCharacters(in: .whitespaces), radix: 8) else { continue }
            out.append(flags)
        }
        return out
    }
}

/// Open flags seen by progress callbacks (called from the export task).
final class FlagLog: @unchecked Sendable {
    // `flags` is only touched under `lock`, hence @unchecked Sendable.
    private let lock = NSLock()
    private var flags: [Int32] = []
    func record(_ f: [Int32]) { lock.withLock { flags += f } }
    var all: [Int32] { lock.withLock { flags } }
}
