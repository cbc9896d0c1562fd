/// Plans the GET requests for a set of byte ranges: neighbours closer than a gap are merged into one
/// request (reading the gap is cheaper than another round trip), and very long spans are split so the
/// pieces download in parallel.
enum RangeCoalescer {
    /// Sorted, non-overlapping request ranges covering every byte of `ranges`.
    ///
    /// - Parameters:
    ///   - maxGap: ranges whose gap is at most this are merged (overlapping ones always are).
    ///   - maxSpan: a merged span longer than this is split into equal pieces of at most this length.
    static func plan(_ ranges: [Range<Int64>], maxGap: Int64, maxSpan: Int64) -> [Range<Int64>] {
        let sorted = ranges.filter { !$0.isEmpty }.sorted { $0.lowerBound < $1.lowerBound }
        guard var current = sorted.first else { return [] }
        var merged: [Range<Int64>] = []
        for range in sorted.dropFirst() {
            if range.lowerBound <= current.upperBound || range.lowerBound - current.upperBound <= maxGap {
                current = current.lowerBound ..< max(current.upperBound, range.upperBound)
            } else {
                merged.append(current)
                current = range
            }
        }
        merged.append(current)
        let span = max(1, maxSpan)
        var planned: [Range<Int64>] = []
        for range in merged {
            let length = range.upperBound - range.lowerBound
            let pieces = (length + span - 1) / span
            guard pieces > 1 else {
                planned.append(range)
                continue
            }
            let pieceLength = (length + pieces - 1) / pieces
            var start = range.lowerBound
            while start < range.upperBound {
                let end = min(range.upperBound, start + pieceLength)
                planned.append(start ..< end)
                start = end
            }
        }
        return planned
    }
}
