/// Deterministic mutations of a valid Parquet file: case `k` of a file is always the same bytes, so a
/// failure names a reproducible (file, case) pair.
struct Mutator {
    enum Kind: String, CaseIterable, Sendable {
        case bitFlip, byteSet, truncate, footerField, pageHeaderField, pageBody, footerLength, combined
    }

    let layout: FileLayout

    /// Mutation kinds by case number (structured mutations weigh more: they reach deeper).
    static let schedule: [Kind] = [.bitFlip, .byteSet, .truncate, .footerField, .pageHeaderField, .pageBody,
                                   .footerField, .pageHeaderField, .bitFlip, .pageHeaderField, .footerLength,
                                   .pageBody, .footerField, .combined, .pageHeaderField, .truncate]

    static func kind(ofCase k: Int) -> Kind { schedule[k % schedule.count] }

    /// The bytes of case `k`, seeded by `seed` (one seed per fixture).
    func mutation(_ k: Int, seed: UInt64) -> [UInt8] {
        var rng = SplitMix64(seed: seed &* 0x1_0000_0001 &+ UInt64(k))
        var bytes = layout.bytes
        apply(Self.kind(ofCase: k), to: &bytes, &rng)
        return bytes
    }

    private func apply(_ kind: Kind, to bytes: inout [UInt8], _ rng: inout SplitMix64) {
        guard !bytes.isEmpty else { return }
        switch kind {
        case .bitFlip:
            for _ in 0 ..< 1 + Int(rng.next() % 3) {
                bytes[Int(rng.next() % UInt64(bytes.count))] ^= 1 << UInt8(rng.next() % 8)
            }
        case .byteSet:
            let values: [UInt8] = [0x00, 0xFF, 0x7F, 0x80, 0x01, 0x0F, 0xF0, UInt8(truncatingIfNeeded: rng.next())]
            for _ in 0 ..< 1 + Int(rng.next() % 2) {
                bytes[Int(rng.next() % UInt64(bytes.count))] = values[Int(rng.next() % UInt64(values.count))]
            }
        case .truncate:
            let cut = min(bytes.count, max(0, pick(layout.boundaries, &rng) + Int(rng.next() % 3) - 1))
            let tail = Array(layout.bytes[layout.footerStart...])
            switch rng.next() % 3 {
            case 0:  // the file cut short
                bytes = Array(bytes.prefix(cut))
            case 1:  // data cut short, the original footer kept: chunks and pages now point past the data
                bytes = Array(bytes.prefix(min(cut, layout.footerStart))) + tail
            default:  // the footer itself cut at a field boundary, its length field fixed up
                let inside = layout.footerStart + Int(rng.next() % UInt64(max(1, layout.footerLength)))
                let field = layout.footerFields.first { $0.range.lowerBound >= inside }?.range.lowerBound ?? inside
                bytes = Array(layout.bytes[..<field]) + Self.le32(UInt32(field - layout.footerStart)) + Array("PAR1".utf8)
            }
        case .footerField:
            guard !layout.footerFields.isEmpty else { return apply(.bitFlip, to: &bytes, &rng) }
            let f = pick(layout.footerFields, &rng)
            let replacement = ThriftFieldMap.encode(extreme(for: f, &rng), as: f)
            bytes.replaceSubrange(f.range, with: replacement)
            let footerLength = layout.footerLength + replacement.count - f.range.count
            bytes.replaceSubrange(bytes.count - 8 ..< bytes.count - 4, with: Self.le32(UInt32(footerLength)))
        case .pageHeaderField:
            guard !layout.pageHeaderFields.isEmpty else { return apply(.footerField, to: &bytes, &rng) }
            let f = pick(layout.pageHeaderFields, &rng)
            // A longer encoding shifts the rest of the chunk (and its footer offsets): also a useful case.
            bytes.replaceSubrange(f.range, with: ThriftFieldMap.encode(extreme(for: f, &rng), as: f))
            if bytes.count != layout.bytes.count {
                // Keep the footer findable: it moved with the bytes, its length did not change.
                return
            }
        case .pageBody:
            // Aimed at the first bytes of a body: level lengths, the dictionary index bit width, RLE run
            // headers, delta block headers. 0xFF indices run past any small dictionary.
            guard !layout.pageBodies.isEmpty else { return apply(.byteSet, to: &bytes, &rng) }
            let body = pick(layout.pageBodies, &rng)
            let values: [UInt8] = [0xFF, 0x00, 0x80, 0x7F, 0x20, 0x21, 0x40, UInt8(truncatingIfNeeded: rng.next())]
            for _ in 0 ..< 1 + Int(rng.next() % 4) {
                let span = rng.next() % 2 == 0 ? min(body.count, 24) : body.count
                bytes[body.lowerBound + Int(rng.next() % UInt64(span))] = values[Int(rng.next() % UInt64(values.count))]
            }
        case .footerLength:
            let n = layout.footerLength, size = bytes.count
            let choices: [UInt32] = [0, 1, UInt32(n - 1), UInt32(n + 1), UInt32(size - 8), UInt32(size - 12), UInt32(size),
                                     UInt32(n).byteSwapped, 0x7FFF_FFFF, 0xFFFF_FFFF, UInt32(n / 2)]
            bytes.replaceSubrange(size - 8 ..< size - 4, with: Self.le32(pick(choices, &rng)))
        case .combined:
            let parts: [Kind] = [.bitFlip, .byteSet, .pageHeaderField, .pageBody]
            apply(pick(parts, &rng), to: &bytes, &rng)
            if bytes.count == layout.bytes.count { apply(pick(parts, &rng), to: &bytes, &rng) }
        }
    }

    /// An extreme or off-by-a-little value for a field.
    private func extreme(for field: ThriftFieldMap.Field, _ rng: inout SplitMix64) -> Int64 {
        let v = field.value
        switch field.kind {
        case .integer:
            return pick([0, 1, -1, 2, Int64(Int32.max), Int64(Int32.min), Int64.max, Int64.min, 1 << 31, 1 << 32,
                         v &+ 1, v &- 1, v &* 2, v &* 1000, 0 &- v, Int64(Int32.max) - 7], &rng)
        case .length:
            return pick([0, 1, v + 1, v - 1, v &* 2, 0x7FFF_FFFF, 0xFFFF_FFFF, Int64.max, -1], &rng)
        case .listSize:
            return pick([0, 1, v + 1, v - 1, v &* 2, 15, 0x7FFF_FFFF, 1 << 40], &rng)
        }
    }

    private func pick<T>(_ choices: [T], _ rng: inout SplitMix64) -> T {
        choices[Int(rng.next() % UInt64(choices.count))]
    }

    static func le32(_ v: UInt32) -> [UInt8] {
        [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)]
    }
}
