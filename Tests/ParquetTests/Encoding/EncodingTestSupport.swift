// Helpers shared by the encoding tests: running decoders over byte arrays, batch/skip drivers.

import Testing
@testable import Parquet

/// Decodes everything with a closure-provided decode step, in batches of `batch`, returning all values.
func drain<T>(
    batch: Int, zero: T, _ step: (UnsafeMutableBufferPointer<T>) throws -> Int
) rethrows -> [T] {
    var result: [T] = []
    var buffer = [T](repeating: zero, count: batch)
    while true {
        let n = try buffer.withUnsafeMutableBufferPointer { try step($0) }
        result.append(contentsOf: buffer[0 ..< n])
        if n < batch { break }
    }
    return result
}

/// Reads `count` values alternating decode batches of `batch` and skips of `skip`, returning the
/// indices covered by decode batches and their values (for comparison with a full decode).
func decodeWithSkips<T>(
    count: Int, batch: Int, skip: Int, zero: T,
    decode: (UnsafeMutableBufferPointer<T>) throws -> Int, skipper: (Int) throws -> Int
) throws -> [(Int, T)] {
    var out: [(Int, T)] = []
    var position = 0
    var buffer = [T](repeating: zero, count: batch)
    while position < count {
        let want = min(batch, count - position)
        let n = try buffer.withUnsafeMutableBufferPointer { try decode(UnsafeMutableBufferPointer(rebasing: $0[0 ..< want])) }
        guard n == want else { throw TestFailure("decoded \(n) of \(want) at \(position)") }
        for i in 0 ..< n { out.append((position + i, buffer[i])) }
        position += n
        let s = min(skip, count - position)
        let skipped = try skipper(s)
        guard skipped == s else { throw TestFailure("skipped \(skipped) of \(s) at \(position)") }
        position += s
    }
    return out
}

/// Decodes `width`-byte values in batches of `batch` with `skip` values skipped between batches and
/// checks the result against `plain` (all values' bytes back to back); returns the output buffer.
@discardableResult
func checkFixedBatchesAndSkips(
    plain: [UInt8], width: Int, batch: Int, skip: Int,
    decode: (Int, inout FixedLenByteArrayBuffer) throws -> Int, skipper: (Int) throws -> Int,
    sourceLocation: SourceLocation = #_sourceLocation
) throws -> FixedLenByteArrayBuffer {
    let count = plain.count / width
    var out = FixedLenByteArrayBuffer(width: width)
    var expected: [UInt8] = []
    var position = 0
    while position < count {
        let n = try decode(batch, &out)
        #expect(n == min(batch, count - position), sourceLocation: sourceLocation)
        if n == 0 { break }
        expected += plain[position * width ..< (position + n) * width]
        position += n
        position += try skipper(skip)
    }
    #expect(out.bytes == expected, sourceLocation: sourceLocation)
    #expect(try decode(1, &out) == 0, sourceLocation: sourceLocation)
    return out
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The counts the brief asks for: empty, tiny, around miniblock/block boundaries, and large+odd.
let awkwardCounts = [0, 1, 2, 31, 32, 33, 127, 128, 129, 1000 + 7]
