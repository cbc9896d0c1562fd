// A streaming ZIP archive writer: deflated entries with data descriptors, ZIP64 when needed.

import Parquet

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a ZIP archive (PKWARE APPNOTE 6.3) to a sink, in constant memory: each entry is deflated as
/// its bytes arrive, its local header carries the data-descriptor flag (sizes and CRC-32 follow the
/// data), and the central directory is written by ``finish()``.
///
/// ZIP64 is used exactly where needed, as Java's and Go's writers do: an entry of 4 GiB or more gets an
/// 8-byte-size data descriptor and a ZIP64 extra field in the central directory (sizes, local header
/// offset), and the archive gets ZIP64 end records when it has 65,535 entries or more or its central
/// directory starts or extends past 4 GiB. Names are UTF-8 (flag bit 11 when not ASCII).
public final class ZipWriter {
    /// Receives the archive bytes in order. Errors are reported as ``ParquetError`` with code `io`.
    public typealias Sink = (UnsafeRawBufferPointer) throws -> Void

    struct Entry {
        var name: [UInt8]
        var flags: UInt16
        var crc: UInt32
        var compressedSize: UInt64
        var uncompressedSize: UInt64
        var localHeaderOffset: UInt64
    }

    private let sink: Sink
    private let deflater: RawDeflater
    private let scratch: UnsafeMutableRawBufferPointer
    private var records = OutputBuffer(capacity: 512)
    private var entries: [Entry] = []
    private var current: Entry?
    private let dosTime: UInt16
    private let dosDate: UInt16
    private var finished = false
    /// The first error: the archive is unusable after it, and every later call throws it again.
    private var failure: ParquetError?

    /// Total bytes passed to the sink so far.
    public private(set) var bytesWritten: UInt64 = 0
    /// Sizes and offsets at or above this use ZIP64 fields (0xFFFFFFFF; lowered by tests).
    var zip64SizeThreshold: UInt64 = 0xFFFF_FFFF
    /// Entry counts at or above this use ZIP64 end records (0xFFFF; lowered by tests).
    var zip64EntryThreshold = 0xFFFF

    /// A writer deflating at `compressionLevel` (0…9) into `sink`; entries are stamped with the current
    /// local time (or `modificationTime` seconds since the epoch).
    public init(compressionLevel: Int32 = 6, modificationTime: Int? = nil, sink: @escaping Sink) throws(ParquetError) {
        guard (0 ... 9).contains(compressionLevel) else {
            throw ParquetError(.invalidArgument, "deflate level must be 0…9, got \(compressionLevel)")
        }
        self.sink = sink
        deflater = try RawDeflater(level: compressionLevel)
        scratch = .allocate(byteCount: 256 * 1024, alignment: 16)
        (dosTime, dosDate) = Self.dosDateTime(modificationTime ?? Int(time(nil)))
    }

    /// A writer appending to an open file descriptor (not closed by the writer).
    public convenience init(fileDescriptor: Int32, compressionLevel: Int32 = 6) throws(ParquetError) {
        let output = FileDescriptorOutput(fileDescriptor)
        try self.init(compressionLevel: compressionLevel) { bytes in try output.write(bytes) }
    }

    deinit { scratch.deallocate() }

    /// MS-DOS time and date fields for `seconds` since the epoch in local time (clamped to 1980…2107).
    static func dosDateTime(_ seconds: Int) -> (time: UInt16, date: UInt16) {
        var t = time_t(seconds)
        var parts = tm()
        guard localtime_r(&t, &parts) != nil else { return (0, 0x21) }
        let year = min(max(Int(parts.tm_year) + 1900, 1980), 2107)
        let time = UInt16(parts.tm_hour) << 11 | UInt16(parts.tm_min) << 5 | UInt16(parts.tm_sec / 2)
        let date = UInt16(year - 1980) << 9 | UInt16(parts.tm_mon + 1) << 5 | UInt16(parts.tm_mday)
        return (time, date)
    }

    private func emit(_ bytes: UnsafeRawBufferPointer) throws(ParquetError) {
        do {
            try sink(bytes)
        } catch let error as ParquetError {
            failure = error
            throw error
        } catch {
            let wrapped = ParquetError(.io, "writing the archive failed: \(error)", cause: error)
            failure = wrapped
            throw wrapped
        }
        bytesWritten += UInt64(bytes.count)
    }

    private func emitRecords() throws(ParquetError) {
        defer { records.removeAll() }
        try emit(UnsafeRawBufferPointer(start: records.base, count: records.count))
    }

    /// Throws the earlier failure, if any.
    private func checkUsable() throws(ParquetError) {
        if let failure { throw failure }
    }

    /// Deflates `bytes` into the archive; returns the compressed bytes written. Any failure is sticky.
    private func deflate(_ bytes: UnsafeRawBufferPointer, finish: Bool) throws(ParquetError) -> UInt64 {
        var produced: UInt64 = 0
        do {
            try deflater.compress(bytes, finish: finish, scratch: scratch) { (chunk) throws(ParquetError) in
                try emit(chunk)
                produced += UInt64(chunk.count)
            }
        } catch {
            failure = error
            throw error
        }
        return produced
    }

    /// Starts an entry named `name` (a relative path with `/` separators); its bytes follow with
    /// ``write(_:)`` and it ends with ``endEntry()``.
    public func beginEntry(name: String) throws(ParquetError) {
        try checkUsable()
        precondition(!finished && current == nil, "beginEntry while an entry is open or after finish")
        let nameBytes = Array(name.utf8)
        guard !nameBytes.isEmpty, nameBytes.count <= 0xFFFF, !nameBytes.contains(0), nameBytes.first != 0x2F else {
            throw ParquetError(.invalidArgument, "invalid zip entry name \(name.debugDescription)")
        }
        let utf8Flag: UInt16 = nameBytes.allSatisfy { $0 < 0x80 } ? 0 : 1 << 11
        let flags: UInt16 = 1 << 3 | utf8Flag  // sizes and CRC in a data descriptor
        try deflater.reset()
        current = Entry(name: nameBytes, flags: flags, crc: 0, compressedSize: 0, uncompressedSize: 0,
                        localHeaderOffset: bytesWritten)
        records.appendLE32(0x0403_4B50)
        records.appendLE16(20)  // version needed: 2.0 (deflate)
        records.appendLE16(flags)
        records.appendLE16(8)  // deflate
        records.appendLE16(dosTime)
        records.appendLE16(dosDate)
        records.appendLE32(0)  // CRC-32, compressed and uncompressed size: in the data descriptor
        records.appendLE32(0)
        records.appendLE32(0)
        records.appendLE16(UInt16(nameBytes.count))
        records.appendLE16(0)  // no extra field
        records.append(contentsOf: nameBytes)
        try emitRecords()
    }

    /// Appends bytes to the open entry (deflated as they come).
    public func write(_ bytes: UnsafeRawBufferPointer) throws(ParquetError) {
        try checkUsable()
        guard var entry = current else { preconditionFailure("write without an open entry") }
        guard !bytes.isEmpty else { return }
        entry.crc = crc32Update(entry.crc, bytes)
        entry.uncompressedSize += UInt64(bytes.count)
        entry.compressedSize += try deflate(bytes, finish: false)
        current = entry
    }

    /// Appends a piece of the open entry that was deflated elsewhere (in parallel, pigz-style): raw
    /// deflate data of a fresh stream ended by a sync flush (``RawDeflater/compressPiece(_:into:)``), whose
    /// `uncompressedCount` input bytes have CRC-32 `crc`. An entry takes either pieces or ``write(_:)``.
    func writeDeflatedPiece(_ deflated: UnsafeRawBufferPointer, crc: UInt32, uncompressedCount: Int) throws(ParquetError) {
        try checkUsable()
        guard var entry = current else { preconditionFailure("write without an open entry") }
        try emit(deflated)
        entry.crc = crc32Combine(entry.crc, crc, count: uncompressedCount)
        entry.uncompressedSize += UInt64(uncompressedCount)
        entry.compressedSize += UInt64(deflated.count)
        current = entry
    }

    /// Finishes an entry written with ``writeDeflatedPiece(_:crc:uncompressedCount:)``: appends the final
    /// empty block and the data descriptor.
    func endEntryOfPieces() throws(ParquetError) {
        try checkUsable()
        guard var entry = current else { preconditionFailure("endEntry without an open entry") }
        records.append(contentsOf: RawDeflater.finalEmptyBlock)  // emitted with the descriptor
        entry.compressedSize += UInt64(RawDeflater.finalEmptyBlock.count)
        try writeDataDescriptor(entry)
    }

    /// Finishes the open entry: ends the deflate stream and writes the data descriptor.
    public func endEntry() throws(ParquetError) {
        try checkUsable()
        guard var entry = current else { preconditionFailure("endEntry without an open entry") }
        entry.compressedSize += try deflate(UnsafeRawBufferPointer(start: nil, count: 0), finish: true)
        try writeDataDescriptor(entry)
    }

    /// Writes the data descriptor of the finished `entry` and records it for the central directory.
    private func writeDataDescriptor(_ entry: Entry) throws(ParquetError) {
        records.appendLE32(0x0807_4B50)
        records.appendLE32(entry.crc)
        if entry.compressedSize >= zip64SizeThreshold || entry.uncompressedSize >= zip64SizeThreshold {
            records.appendLE64(entry.compressedSize)
            records.appendLE64(entry.uncompressedSize)
        } else {
            records.appendLE32(UInt32(entry.compressedSize))
            records.appendLE32(UInt32(entry.uncompressedSize))
        }
        try emitRecords()
        entries.append(entry)
        current = nil
    }

    /// Adds a whole entry at once.
    public func addEntry(name: String, contents: UnsafeRawBufferPointer) throws(ParquetError) {
        try beginEntry(name: name)
        try write(contents)
        try endEntry()
    }

    /// Adds a whole entry from an array of bytes.
    public func addEntry(name: String, contents: [UInt8]) throws(ParquetError) {
        try beginEntry(name: name)
        do {
            try contents.withUnsafeBytes { try write($0) }
        } catch let error as ParquetError {
            throw error
        } catch {
            throw ParquetError(.io, "\(error)", cause: error)  // unreachable: `write` throws ParquetError
        }
        try endEntry()
    }

    /// Writes the central directory and end records. No entry may be open.
    public func finish() throws(ParquetError) {
        try checkUsable()
        precondition(current == nil && !finished, "finish with an open entry or twice")
        finished = true
        let directoryOffset = bytesWritten
        let limit = zip64SizeThreshold
        for entry in entries {
            let bigUncompressed = entry.uncompressedSize >= limit
            let bigCompressed = entry.compressedSize >= limit
            let bigOffset = entry.localHeaderOffset >= limit
            let extraLength = (bigUncompressed ? 8 : 0) + (bigCompressed ? 8 : 0) + (bigOffset ? 8 : 0)
            let zip64 = extraLength > 0
            records.appendLE32(0x0201_4B50)
            records.appendLE16(3 << 8 | 45)  // made by: Unix, spec 4.5
            records.appendLE16(zip64 ? 45 : 20)
            records.appendLE16(entry.flags)
            records.appendLE16(8)
            records.appendLE16(dosTime)
            records.appendLE16(dosDate)
            records.appendLE32(entry.crc)
            records.appendLE32(bigCompressed ? 0xFFFF_FFFF : UInt32(entry.compressedSize))
            records.appendLE32(bigUncompressed ? 0xFFFF_FFFF : UInt32(entry.uncompressedSize))
            records.appendLE16(UInt16(entry.name.count))
            records.appendLE16(zip64 ? UInt16(4 + extraLength) : 0)
            records.appendLE16(0)  // comment
            records.appendLE16(0)  // disk
            records.appendLE16(0)  // internal attributes
            records.appendLE32(0o100644 << 16)  // external attributes: regular file, rw-r--r--
            records.appendLE32(bigOffset ? 0xFFFF_FFFF : UInt32(entry.localHeaderOffset))
            records.append(contentsOf: entry.name)
            if zip64 {
                records.appendLE16(0x0001)
                records.appendLE16(UInt16(extraLength))
                if bigUncompressed { records.appendLE64(entry.uncompressedSize) }
                if bigCompressed { records.appendLE64(entry.compressedSize) }
                if bigOffset { records.appendLE64(entry.localHeaderOffset) }
            }
            if records.count >= 64 * 1024 { try emitRecords() }
        }
        try emitRecords()
        let directorySize = bytesWritten - directoryOffset
        let count = entries.count
        if count >= zip64EntryThreshold || directorySize >= limit || directoryOffset >= limit {
            let recordOffset = bytesWritten
            records.appendLE32(0x0606_4B50)  // ZIP64 end of central directory record
            records.appendLE64(44)
            records.appendLE16(3 << 8 | 45)
            records.appendLE16(45)
            records.appendLE32(0)
            records.appendLE32(0)
            records.appendLE64(UInt64(count))
            records.appendLE64(UInt64(count))
            records.appendLE64(directorySize)
            records.appendLE64(directoryOffset)
            records.appendLE32(0x0706_4B50)  // ZIP64 end of central directory locator
            records.appendLE32(0)
            records.appendLE64(recordOffset)
            records.appendLE32(1)
        }
        records.appendLE32(0x0605_4B50)
        records.appendLE16(0)
        records.appendLE16(0)
        records.appendLE16(count >= zip64EntryThreshold ? 0xFFFF : UInt16(count))
        records.appendLE16(count >= zip64EntryThreshold ? 0xFFFF : UInt16(count))
        records.appendLE32(directorySize >= limit ? 0xFFFF_FFFF : UInt32(directorySize))
        records.appendLE32(directoryOffset >= limit ? 0xFFFF_FFFF : UInt32(directoryOffset))
        records.appendLE16(0)  // comment length
        try emitRecords()
    }
}

extension OutputBuffer {
    @inline(__always) mutating func appendLE16(_ v: UInt16) {
        reserve(2)
        UnsafeMutableRawPointer(writePointer).storeBytes(of: v.littleEndian, as: UInt16.self)
        advance(by: 2)
    }

    @inline(__always) mutating func appendLE32(_ v: UInt32) {
        reserve(4)
        UnsafeMutableRawPointer(writePointer).storeBytes(of: v.littleEndian, as: UInt32.self)
        advance(by: 4)
    }

    @inline(__always) mutating func appendLE64(_ v: UInt64) {
        reserve(8)
        UnsafeMutableRawPointer(writePointer).storeBytes(of: v.littleEndian, as: UInt64.self)
        advance(by: 8)
    }
}
