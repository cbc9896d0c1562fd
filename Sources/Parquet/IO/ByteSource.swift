/// Random-access bytes with a known size: a local file, memory, or an object in S3.
///
/// The reader asks for whole column chunks (and the footer), so implementations may be slow per call;
/// `read(ranges:)` lets remote sources coalesce and parallelise.
public protocol ByteSource: Sendable {
    /// Total size in bytes.
    var size: Int64 { get }
    /// Reads exactly `length` bytes at `offset`. Fails with `.io` when the range is outside the source.
    func read(offset: Int64, length: Int) async throws -> [UInt8]
    /// Reads several ranges; the default reads them one by one.
    func read(ranges: [Range<Int64>]) async throws -> [[UInt8]]
}

extension ByteSource {
    public func read(ranges: [Range<Int64>]) async throws -> [[UInt8]] {
        var out: [[UInt8]] = []
        out.reserveCapacity(ranges.count)
        for r in ranges {
            out.append(try await read(offset: r.lowerBound, length: Int(r.upperBound - r.lowerBound)))
        }
        return out
    }

    /// Checks that a requested range lies inside the source.
    func checkRange(offset: Int64, length: Int) throws {
        guard offset >= 0, length >= 0, offset <= size, Int64(length) <= size - offset else {
            throw ParquetError(.io, "read of \(length) bytes at offset \(offset) is outside the source (size \(size))",
                               offset: offset)
        }
    }
}
