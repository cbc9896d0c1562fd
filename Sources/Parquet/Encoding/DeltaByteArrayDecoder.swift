// DELTA_BYTE_ARRAY decoding (Encodings.md "Delta Strings"): prefix lengths as DELTA_BINARY_PACKED
// INT32, then the suffixes as DELTA_LENGTH_BYTE_ARRAY; value i is the first prefix[i] bytes of
// value i-1 followed by suffix i.
//
// Because a value can repeat a long prefix of the previous one, the decoded size is not bounded by
// the encoded size; `maxTotalBytes` caps it.

/// Cursor over DELTA_BYTE_ARRAY data (BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY). The memory behind `bytes`
/// must stay valid for the decoder's lifetime.
struct DeltaByteArrayDecoder {
    private var prefixes: DeltaBinaryPackedDecoder<Int32>
    private var suffixes: DeltaLengthByteArrayDecoder
    /// The last value decoded or skipped (the source of the next prefix).
    private var previous: [UInt8] = []
    /// Limit on the total bytes of all values this decoder produces (decoded or skipped).
    let maxTotalBytes: Int
    private var producedBytes = 0

    /// Number of values (the smaller of the prefix and suffix counts, which should be equal).
    let totalCount: Int
    /// Values not yet decoded or skipped.
    var remaining: Int { min(prefixes.remaining, suffixes.remaining) }
    /// Bytes of the encoded data consumed so far.
    var bytesConsumed: Int { suffixesOffset + suffixes.bytesConsumed }
    private let suffixesOffset: Int

    /// Reads the prefix-length and suffix-length headers and locates the suffix bytes.
    init(_ bytes: UnsafeRawBufferPointer, maxTotalBytes: Int = 1 << 30) throws(DecodeFailure) {
        prefixes = try DeltaBinaryPackedDecoder<Int32>(bytes)
        var walker = prefixes
        _ = try walker.skip(walker.totalCount)
        suffixesOffset = walker.bytesConsumed
        suffixes = try DeltaLengthByteArrayDecoder(UnsafeRawBufferPointer(rebasing: bytes[suffixesOffset...]))
        totalCount = min(prefixes.totalCount, suffixes.totalCount)
        self.maxTotalBytes = maxTotalBytes
    }

    /// Decodes up to `count` values, appending them to `out`; returns how many (fewer only when the
    /// data ends).
    mutating func decode(count: Int, into out: inout ByteArrayBuffer) throws(DecodeFailure) -> Int {
        try run(count, fixedWidth: nil, into: &out.bytes) { (ends, n, chunkStart) in
            out.offsets.append(growingBy: n) { offsets in
                for i in 0 ..< n { offsets[i] = chunkStart + ends[i] }
            }
        }
    }

    /// Decodes up to `count` FIXED_LEN_BYTE_ARRAY values, appending them to `out` and checking each
    /// is `out.width` bytes long; returns how many (fewer only when the data ends).
    mutating func decode(count: Int, into out: inout FixedLenByteArrayBuffer) throws(DecodeFailure) -> Int {
        let width = out.width
        return try run(count, fixedWidth: width, into: &out.bytes) { _, _, _ in }
    }

    /// Skips up to `n` values; returns how many were skipped. (Each value is still reconstructed,
    /// since the next one may reuse its prefix.)
    mutating func skip(_ n: Int) throws(DecodeFailure) -> Int {
        var scratch: [UInt8] = []
        return try run(n, fixedWidth: nil, into: &scratch, reuse: true) { _, _, _ in }
    }

    /// Decodes up to `count` values in chunks, appending each chunk's bytes to `bytes` and handing the
    /// value end offsets (relative to the chunk), the value count and the chunk's start offset in
    /// `bytes` to `sink`. With `reuse`, `bytes` is emptied before each chunk (for skipping).
    private mutating func run(
        _ count: Int, fixedWidth: Int?, into bytes: inout [UInt8], reuse: Bool = false,
        _ sink: (UnsafePointer<Int>, Int, Int) -> Void
    ) throws(DecodeFailure) -> Int {
        let chunk = DeltaLengthByteArrayDecoder.chunk
        var done = 0
        try withUnsafeTemporaryAllocation(byteCount: chunk * 16, alignment: 8) { (raw) throws(DecodeFailure) in
            let ends = raw.baseAddress!.bindMemory(to: Int.self, capacity: chunk)
            let prefixLengths = (raw.baseAddress! + chunk * 8).bindMemory(to: Int32.self, capacity: chunk)
            let suffixLengths = (raw.baseAddress! + chunk * 12).bindMemory(to: Int32.self, capacity: chunk)
            while done < count {
                if reuse { bytes.removeAll(keepingCapacity: true) }
                let chunkStart = bytes.count
                let n = try decodeChunk(
                    min(chunk, count - done), prefixLengths: prefixLengths, suffixLengths: suffixLengths,
                    ends: ends, fixedWidth: fixedWidth, into: &bytes)
                if n == 0 { break }
                sink(ends, n, chunkStart)
                done += n
            }
        }
        return done
    }

    /// Decodes up to `k` values, appending their bytes to `bytes` and writing their end offsets
    /// (relative to the first appended byte) into `ends`.
    private mutating func decodeChunk(
        _ k: Int, prefixLengths: UnsafeMutablePointer<Int32>, suffixLengths: UnsafeMutablePointer<Int32>,
        ends: UnsafeMutablePointer<Int>, fixedWidth: Int?, into bytes: inout [UInt8]
    ) throws(DecodeFailure) -> Int {
        let prefixCount = try prefixes.decode(into: UnsafeMutableBufferPointer(start: prefixLengths, count: k))
        let (n, suffixBytes) = try suffixes.nextLengths(into: suffixLengths, max: prefixCount)
        guard n > 0 else { return 0 }
        // Validate every prefix against the previous value's length and size the output.
        var previousLength = previous.count
        var total = 0
        for i in 0 ..< n {
            let prefix = Int(prefixLengths[i])
            guard prefix >= 0, prefix <= previousLength else {
                throw .invalid("DELTA_BYTE_ARRAY prefix length \(prefix) exceeds the previous value's length \(previousLength)")
            }
            let length = prefix + Int(suffixLengths[i])
            if let fixedWidth, length != fixedWidth {
                throw .invalid("DELTA_BYTE_ARRAY value length \(length) differs from the fixed width \(fixedWidth)")
            }
            total += length   // each length ≤ 2 * Int32.max · chunk values: no overflow
            previousLength = length
        }
        guard total <= maxTotalBytes - producedBytes else {
            throw .limit("DELTA_BYTE_ARRAY values exceed \(maxTotalBytes) bytes")
        }
        producedBytes += total
        let chunkStart = bytes.count
        let suffixData = suffixes.currentData
        let suffixEnd = suffixData + suffixes.availableData
        bytes.append(growingBy: total) { dst in
            previous.withUnsafeBytes { previousBytes in
                let dstEnd = UnsafeMutableRawPointer(dst + total)
                var source = suffixData
                var target = UnsafeMutableRawPointer(dst)
                // The prefix comes from the previous value: the saved one for the first value of the
                // chunk, then the value just written (which lies before `target`, no overlap).
                var prefixSource = previousBytes.baseOrPlaceholder
                for i in 0 ..< n {
                    let prefix = Int(prefixLengths[i]), suffix = Int(suffixLengths[i])
                    // Prefixes are copied exactly: they are re-read from bytes just written, and wider
                    // moves there stall store forwarding. Short suffixes (from the input) with slack use
                    // two 16-byte moves; the bytes past the value's end are overwritten by what follows.
                    if prefix > 0 {
                        target.copyMemory(from: prefixSource, byteCount: prefix)
                    }
                    let suffixTarget = target + prefix
                    if suffix <= 32 && source + 32 <= suffixEnd && suffixTarget + 32 <= dstEnd {
                        suffixTarget.copy32Bytes(from: source)
                    } else if suffix > 0 {
                        suffixTarget.copyMemory(from: source, byteCount: suffix)
                    }
                    prefixSource = UnsafeRawPointer(target)
                    source += suffix
                    target = suffixTarget + suffix
                    ends[i] = target - UnsafeMutableRawPointer(dst)
                }
            }
        }
        suffixes.advanceData(suffixBytes)
        let lastStart = chunkStart + (n > 1 ? ends[n - 2] : 0)
        previous.removeAll(keepingCapacity: true)
        previous.append(contentsOf: bytes[lastStart ..< chunkStart + ends[n - 1]])
        return n
    }
}
