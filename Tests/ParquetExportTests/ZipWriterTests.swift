import Foundation
import Parquet
import Testing
@testable import ParquetExport

@Suite struct ZipWriterTests {
    /// argv: zip path, manifest path (JSON [[name, offset, length]] into the contents file), contents
    /// path, zip64 threshold. Checks `zipfile.testzip()`, names, contents, and walks every local header
    /// and data descriptor (which `zipfile` itself ignores): flag bit 3, CRC and sizes, 8-byte sizes
    /// exactly when an entry reached the threshold.
    static let oracle = #"""
import sys, json, zipfile, struct, zlib
zpath, mpath, cpath, threshold = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
manifest = json.load(open(mpath))
contents = open(cpath, 'rb').read()
bad = []
raw = open(zpath, 'rb').read()
with zipfile.ZipFile(zpath) as z:
    if z.testzip() is not None: bad.append(['testzip', str(z.testzip())])
    infos = z.infolist()
    if [i.filename for i in infos] != [m[0] for m in manifest]: bad.append(['names', str([i.filename for i in infos][:5])])
    for info, (name, off, length) in zip(infos, manifest):
        if z.read(info) != contents[off:off + length]: bad.append(['content', name])
        h = info.header_offset
        sig, ver, flags, method, _, _, crc, cs, us, nlen, xlen = struct.unpack('<IHHHHHIIIHH', raw[h:h + 30])
        if sig != 0x04034b50 or not flags & 8 or method != 8 or raw[h + 30:h + 30 + nlen].decode('utf-8') != name:
            bad.append(['local header', name])
        d = h + 30 + nlen + xlen + info.compress_size
        big = info.compress_size >= threshold or info.file_size >= threshold
        if big:
            dsig, dcrc, dcs, dus = struct.unpack('<IIQQ', raw[d:d + 24])
        else:
            dsig, dcrc, dcs, dus = struct.unpack('<IIII', raw[d:d + 16])
        if (dsig, dcrc, dcs, dus) != (0x08074b50, zlib.crc32(contents[off:off + length]), info.compress_size, length):
            bad.append(['descriptor', name, str(big)])
print(json.dumps({"checked": len(manifest), "bad": bad[:20], "badCount": len(bad)}))
"""#

    struct Archive {
        var zip: [UInt8] = []
        var manifest: [[String]] = []
        var contents: [UInt8] = []
    }

    /// Writes `entries` with `writer` settings and checks the archive with Python.
    static func check(
        _ entries: [(String, [UInt8])], sizeThreshold: UInt64 = 0xFFFF_FFFF, entryThreshold: Int = 0xFFFF,
        pieceSize: Int = 100_000, parallelPieces: Int? = nil
    ) throws -> OracleReport {
        final class Sink: @unchecked Sendable { var bytes: [UInt8] = [] }
        let sink = Sink()
        let writer = try ZipWriter(compressionLevel: 6) { sink.bytes += $0 }
        writer.zip64SizeThreshold = sizeThreshold
        writer.zip64EntryThreshold = entryThreshold
        var manifest: [Any] = []
        var contents: [UInt8] = []
        // With `parallelPieces`, a ZipWorker deflates `pieceSize`-byte pieces on that many threads.
        let worker = try parallelPieces.map { try ZipWorker(zip: writer, bufferSize: pieceSize, compressors: $0, compressionLevel: 6) }
        for (name, data) in entries {
            if let worker { try worker.beginEntry(name: name) } else { try writer.beginEntry(name: name) }
            var start = 0
            while start < data.count {  // streamed in pieces
                let end = min(data.count, start + pieceSize)
                try data[start ..< end].withUnsafeBytes { bytes in
                    if let worker { try worker.write(bytes) } else { try writer.write(bytes) }
                }
                start = end
            }
            if let worker { try worker.endEntry() } else { try writer.endEntry() }
            manifest.append([name, contents.count, data.count])
            contents += data
        }
        if let worker { try worker.finish() } else { try writer.finish() }
        #expect(writer.bytesWritten == UInt64(sink.bytes.count))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("zip-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let zipURL = dir.appendingPathComponent("a.zip")
        try Data(sink.bytes).write(to: zipURL)
        try JSONSerialization.data(withJSONObject: manifest).write(to: dir.appendingPathComponent("m.json"))
        try Data(contents).write(to: dir.appendingPathComponent("c.bin"))
        let report = try PythonOracle.json(OracleReport.self, oracle, arguments: [
            zipURL.path, dir.appendingPathComponent("m.json").path, dir.appendingPathComponent("c.bin").path, String(sizeThreshold),
        ])
        let unzip = Process()
        unzip.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        unzip.arguments = ["-tqq", zipURL.path]
        unzip.standardOutput = FileHandle.nullDevice
        if FileManager.default.fileExists(atPath: "/usr/bin/unzip") {
            try unzip.run()
            unzip.waitUntilExit()
            #expect(unzip.terminationStatus == 0, "unzip -t rejected the archive")
        }
        return report
    }

    static func sampleEntries() -> [(String, [UInt8])] {
        var rng = SeededGenerator(seed: 0x21F)
        let random = (0 ..< 1_500_000).map { _ in UInt8.random(in: 0 ... 255, using: &rng) }
        let text = Array((0 ..< 200_000).map { "row \($0),value \($0 * 7)\n" }.joined().utf8)
        return [("empty.txt", []), ("dir/small.xml", Array("<a>hello</a>".utf8)), ("random.bin", random),
                ("text.csv", text), ("ünïcødé/名前.txt", Array("unicode name".utf8))]
    }

    @Test func entriesReadBackWithZipfileAndUnzip() throws {
        let report = try Self.check(Self.sampleEntries())
        #expect(report.checked == 5)
        #expect(report.badCount == 0, "\(report.bad)")
    }

    @Test func zip64RecordsWhenSizesAndOffsetsPassTheThreshold() throws {
        // The same records a > 4 GiB archive gets, triggered at 1,000 bytes.
        let report = try Self.check(Self.sampleEntries(), sizeThreshold: 1_000)
        #expect(report.checked == 5)
        #expect(report.badCount == 0, "\(report.bad)")
    }

    @Test(arguments: [1, 3])
    func piecesDeflatedInParallel(threads: Int) throws {
        // Independent sync-flushed pieces, concatenated with combined CRCs and a final empty block.
        let report = try Self.check(Self.sampleEntries(), pieceSize: 4_096, parallelPieces: threads)
        #expect(report.checked == 5)
        #expect(report.badCount == 0, "\(report.bad)")
        let zip64 = try Self.check(Self.sampleEntries(), sizeThreshold: 1_000, pieceSize: 50_000, parallelPieces: threads)
        #expect(zip64.badCount == 0, "\(zip64.bad)")
    }

    @Test func moreThan65535Entries() throws {
        let entries = (0 ..< 70_000).map { ("e/\($0)", Array("entry \($0)".utf8)) }
        let report = try Self.check(entries)
        #expect(report.checked == 70_000)
        #expect(report.badCount == 0, "\(report.bad)")
    }

    @Test func sinkFailuresAndBadNamesAreTypedErrors() throws {
        struct Full: Error {}
        let failing = try ZipWriter { _ in throw Full() }
        #expect(throws: ParquetError.self) { try failing.beginEntry(name: "a.txt") }
        do {
            try failing.beginEntry(name: "b.txt")
        } catch {
            #expect(error.code == .io)
        }
        let writer = try ZipWriter { _ in }
        for name in ["", "/absolute", "nul\u{0}"] {
            do {
                try writer.beginEntry(name: name)
                Issue.record("accepted \(name.debugDescription)")
            } catch {
                #expect(error.code == .invalidArgument)
            }
        }
        #expect(throws: ParquetError.self) { try ZipWriter(compressionLevel: 12) { _ in } }
    }

    @Test func writesToAFileDescriptor() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("fd-\(UUID().uuidString).zip")
        defer { try? FileManager.default.removeItem(at: url) }
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        let writer = try ZipWriter(fileDescriptor: handle.fileDescriptor)
        try writer.addEntry(name: "x.txt", contents: Array("hello".utf8))
        try writer.finish()
        try handle.close()
        let out = try PythonOracle.run("import zipfile,sys; print(zipfile.ZipFile(sys.argv[1]).read('x.txt').decode())", arguments: [url.path])
        #expect(String(decoding: out, as: UTF8.self) == "hello\n")
    }
}
