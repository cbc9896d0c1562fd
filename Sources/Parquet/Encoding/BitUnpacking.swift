// Shared LSB-first bit unpacking (the packing order of the RLE/bit-packing hybrid and of
// DELTA_BINARY_PACKED miniblocks): value `i` of width `w` occupies bits `i*w ..< (i+1)*w` of the byte
// stream, least significant bit first.
//
// The bulk routine unpacks groups of 32 values, which occupy exactly `4*w` bytes (= `w` little-endian
// 32-bit words), so a group never reads past its own bytes. Each bit width has its own loop whose
// kernel is inlined with a constant width, letting the optimizer unroll it and fold every shift and
// mask into constants.

/// Bit-unpacking routines shared by the RLE/bit-packed and delta decoders.
enum BitUnpacking {
    /// Unpacks one group of 32 values of constant width `w` (1...64) from `4*w` bytes at `src`.
    @inline(__always)
    static func kernel<U: FixedWidthInteger & UnsignedInteger>(
        _ src: UnsafeRawPointer, _ dst: UnsafeMutablePointer<U>, _ w: Int
    ) {
        let mask: UInt64 = w == 64 ? .max : (1 &<< UInt64(w)) &- 1
        for i in 0 ..< 32 {
            // All offsets stay below 32*w bits = 4*w bytes, so `&*`, `&+` and the shifts cannot overflow.
            let bit = i &* w
            let word = bit &>> 5
            let shift = UInt64(bit & 31)
            var v = UInt64(src.loadUnaligned(fromByteOffset: word &* 4, as: UInt32.self).littleEndian) &>> shift
            if Int(shift) &+ w > 32 {
                v |= UInt64(src.loadUnaligned(fromByteOffset: (word &+ 1) &* 4, as: UInt32.self).littleEndian)
                    &<< (32 &- shift)
            }
            if Int(shift) &+ w > 64 {
                v |= UInt64(src.loadUnaligned(fromByteOffset: (word &+ 2) &* 4, as: UInt32.self).littleEndian)
                    &<< (64 &- shift)
            }
            dst[i] = U(truncatingIfNeeded: v & mask)
        }
    }

    /// Unpacks `groups` groups of 32 values of width `bitWidth` (0...32) from `groups * 4 * bitWidth`
    /// bytes at `src`.
    static func unpackGroups(
        _ src: UnsafeRawPointer, _ dst: UnsafeMutablePointer<UInt32>, groups: Int, bitWidth: Int
    ) {
        switch bitWidth {
        case 0: dst.update(repeating: 0, count: groups &* 32)
        case 1: for g in 0 ..< groups { kernel(src + g &* 4, dst + g &* 32, 1) }
        case 2: for g in 0 ..< groups { kernel(src + g &* 8, dst + g &* 32, 2) }
        case 3: for g in 0 ..< groups { kernel(src + g &* 12, dst + g &* 32, 3) }
        case 4: for g in 0 ..< groups { kernel(src + g &* 16, dst + g &* 32, 4) }
        case 5: for g in 0 ..< groups { kernel(src + g &* 20, dst + g &* 32, 5) }
        case 6: for g in 0 ..< groups { kernel(src + g &* 24, dst + g &* 32, 6) }
        case 7: for g in 0 ..< groups { kernel(src + g &* 28, dst + g &* 32, 7) }
        case 8: for g in 0 ..< groups { kernel(src + g &* 32, dst + g &* 32, 8) }
        case 9: for g in 0 ..< groups { kernel(src + g &* 36, dst + g &* 32, 9) }
        case 10: for g in 0 ..< groups { kernel(src + g &* 40, dst + g &* 32, 10) }
        case 11: for g in 0 ..< groups { kernel(src + g &* 44, dst + g &* 32, 11) }
        case 12: for g in 0 ..< groups { kernel(src + g &* 48, dst + g &* 32, 12) }
        case 13: for g in 0 ..< groups { kernel(src + g &* 52, dst + g &* 32, 13) }
        case 14: for g in 0 ..< groups { kernel(src + g &* 56, dst + g &* 32, 14) }
        case 15: for g in 0 ..< groups { kernel(src + g &* 60, dst + g &* 32, 15) }
        case 16: for g in 0 ..< groups { kernel(src + g &* 64, dst + g &* 32, 16) }
        case 17: for g in 0 ..< groups { kernel(src + g &* 68, dst + g &* 32, 17) }
        case 18: for g in 0 ..< groups { kernel(src + g &* 72, dst + g &* 32, 18) }
        case 19: for g in 0 ..< groups { kernel(src + g &* 76, dst + g &* 32, 19) }
        case 20: for g in 0 ..< groups { kernel(src + g &* 80, dst + g &* 32, 20) }
        case 21: for g in 0 ..< groups { kernel(src + g &* 84, dst + g &* 32, 21) }
        case 22: for g in 0 ..< groups { kernel(src + g &* 88, dst + g &* 32, 22) }
        case 23: for g in 0 ..< groups { kernel(src + g &* 92, dst + g &* 32, 23) }
        case 24: for g in 0 ..< groups { kernel(src + g &* 96, dst + g &* 32, 24) }
        case 25: for g in 0 ..< groups { kernel(src + g &* 100, dst + g &* 32, 25) }
        case 26: for g in 0 ..< groups { kernel(src + g &* 104, dst + g &* 32, 26) }
        case 27: for g in 0 ..< groups { kernel(src + g &* 108, dst + g &* 32, 27) }
        case 28: for g in 0 ..< groups { kernel(src + g &* 112, dst + g &* 32, 28) }
        case 29: for g in 0 ..< groups { kernel(src + g &* 116, dst + g &* 32, 29) }
        case 30: for g in 0 ..< groups { kernel(src + g &* 120, dst + g &* 32, 30) }
        case 31: for g in 0 ..< groups { kernel(src + g &* 124, dst + g &* 32, 31) }
        case 32: for g in 0 ..< groups { kernel(src + g &* 128, dst + g &* 32, 32) }
        default: for g in 0 ..< groups { kernel(src + g &* 4 &* bitWidth, dst + g &* 32, bitWidth) }
        }
    }

    /// Unpacks `groups` groups of 32 values of width `bitWidth` (0...64) from `groups * 4 * bitWidth`
    /// bytes at `src`.
    static func unpackGroups(
        _ src: UnsafeRawPointer, _ dst: UnsafeMutablePointer<UInt64>, groups: Int, bitWidth: Int
    ) {
        switch bitWidth {
        case 0: dst.update(repeating: 0, count: groups &* 32)
        case 1: for g in 0 ..< groups { kernel(src + g &* 4, dst + g &* 32, 1) }
        case 2: for g in 0 ..< groups { kernel(src + g &* 8, dst + g &* 32, 2) }
        case 3: for g in 0 ..< groups { kernel(src + g &* 12, dst + g &* 32, 3) }
        case 4: for g in 0 ..< groups { kernel(src + g &* 16, dst + g &* 32, 4) }
        case 5: for g in 0 ..< groups { kernel(src + g &* 20, dst + g &* 32, 5) }
        case 6: for g in 0 ..< groups { kernel(src + g &* 24, dst + g &* 32, 6) }
        case 7: for g in 0 ..< groups { kernel(src + g &* 28, dst + g &* 32, 7) }
        case 8: for g in 0 ..< groups { kernel(src + g &* 32, dst + g &* 32, 8) }
        case 9: for g in 0 ..< groups { kernel(src + g &* 36, dst + g &* 32, 9) }
        case 10: for g in 0 ..< groups { kernel(src + g &* 40, dst + g &* 32, 10) }
        case 11: for g in 0 ..< groups { kernel(src + g &* 44, dst + g &* 32, 11) }
        case 12: for g in 0 ..< groups { kernel(src + g &* 48, dst + g &* 32, 12) }
        case 13: for g in 0 ..< groups { kernel(src + g &* 52, dst + g &* 32, 13) }
        case 14: for g in 0 ..< groups { kernel(src + g &* 56, dst + g &* 32, 14) }
        case 15: for g in 0 ..< groups { kernel(src + g &* 60, dst + g &* 32, 15) }
        case 16: for g in 0 ..< groups { kernel(src + g &* 64, dst + g &* 32, 16) }
        case 17: for g in 0 ..< groups { kernel(src + g &* 68, dst + g &* 32, 17) }
        case 18: for g in 0 ..< groups { kernel(src + g &* 72, dst + g &* 32, 18) }
        case 19: for g in 0 ..< groups { kernel(src + g &* 76, dst + g &* 32, 19) }
        case 20: for g in 0 ..< groups { kernel(src + g &* 80, dst + g &* 32, 20) }
        case 21: for g in 0 ..< groups { kernel(src + g &* 84, dst + g &* 32, 21) }
        case 22: for g in 0 ..< groups { kernel(src + g &* 88, dst + g &* 32, 22) }
        case 23: for g in 0 ..< groups { kernel(src + g &* 92, dst + g &* 32, 23) }
        case 24: for g in 0 ..< groups { kernel(src + g &* 96, dst + g &* 32, 24) }
        case 25: for g in 0 ..< groups { kernel(src + g &* 100, dst + g &* 32, 25) }
        case 26: for g in 0 ..< groups { kernel(src + g &* 104, dst + g &* 32, 26) }
        case 27: for g in 0 ..< groups { kernel(src + g &* 108, dst + g &* 32, 27) }
        case 28: for g in 0 ..< groups { kernel(src + g &* 112, dst + g &* 32, 28) }
        case 29: for g in 0 ..< groups { kernel(src + g &* 116, dst + g &* 32, 29) }
        case 30: for g in 0 ..< groups { kernel(src + g &* 120, dst + g &* 32, 30) }
        case 31: for g in 0 ..< groups { kernel(src + g &* 124, dst + g &* 32, 31) }
        case 32: for g in 0 ..< groups { kernel(src + g &* 128, dst + g &* 32, 32) }
        case 33: for g in 0 ..< groups { kernel(src + g &* 132, dst + g &* 32, 33) }
        case 34: for g in 0 ..< groups { kernel(src + g &* 136, dst + g &* 32, 34) }
        case 35: for g in 0 ..< groups { kernel(src + g &* 140, dst + g &* 32, 35) }
        case 36: for g in 0 ..< groups { kernel(src + g &* 144, dst + g &* 32, 36) }
        case 37: for g in 0 ..< groups { kernel(src + g &* 148, dst + g &* 32, 37) }
        case 38: for g in 0 ..< groups { kernel(src + g &* 152, dst + g &* 32, 38) }
        case 39: for g in 0 ..< groups { kernel(src + g &* 156, dst + g &* 32, 39) }
        case 40: for g in 0 ..< groups { kernel(src + g &* 160, dst + g &* 32, 40) }
        case 41: for g in 0 ..< groups { kernel(src + g &* 164, dst + g &* 32, 41) }
        case 42: for g in 0 ..< groups { kernel(src + g &* 168, dst + g &* 32, 42) }
        case 43: for g in 0 ..< groups { kernel(src + g &* 172, dst + g &* 32, 43) }
        case 44: for g in 0 ..< groups { kernel(src + g &* 176, dst + g &* 32, 44) }
        case 45: for g in 0 ..< groups { kernel(src + g &* 180, dst + g &* 32, 45) }
        case 46: for g in 0 ..< groups { kernel(src + g &* 184, dst + g &* 32, 46) }
        case 47: for g in 0 ..< groups { kernel(src + g &* 188, dst + g &* 32, 47) }
        case 48: for g in 0 ..< groups { kernel(src + g &* 192, dst + g &* 32, 48) }
        case 49: for g in 0 ..< groups { kernel(src + g &* 196, dst + g &* 32, 49) }
        case 50: for g in 0 ..< groups { kernel(src + g &* 200, dst + g &* 32, 50) }
        case 51: for g in 0 ..< groups { kernel(src + g &* 204, dst + g &* 32, 51) }
        case 52: for g in 0 ..< groups { kernel(src + g &* 208, dst + g &* 32, 52) }
        case 53: for g in 0 ..< groups { kernel(src + g &* 212, dst + g &* 32, 53) }
        case 54: for g in 0 ..< groups { kernel(src + g &* 216, dst + g &* 32, 54) }
        case 55: for g in 0 ..< groups { kernel(src + g &* 220, dst + g &* 32, 55) }
        case 56: for g in 0 ..< groups { kernel(src + g &* 224, dst + g &* 32, 56) }
        case 57: for g in 0 ..< groups { kernel(src + g &* 228, dst + g &* 32, 57) }
        case 58: for g in 0 ..< groups { kernel(src + g &* 232, dst + g &* 32, 58) }
        case 59: for g in 0 ..< groups { kernel(src + g &* 236, dst + g &* 32, 59) }
        case 60: for g in 0 ..< groups { kernel(src + g &* 240, dst + g &* 32, 60) }
        case 61: for g in 0 ..< groups { kernel(src + g &* 244, dst + g &* 32, 61) }
        case 62: for g in 0 ..< groups { kernel(src + g &* 248, dst + g &* 32, 62) }
        case 63: for g in 0 ..< groups { kernel(src + g &* 252, dst + g &* 32, 63) }
        case 64: for g in 0 ..< groups { kernel(src + g &* 256, dst + g &* 32, 64) }
        default: for g in 0 ..< groups { kernel(src + g &* 4 &* bitWidth, dst + g &* 32, bitWidth) }
        }
    }

    /// Unpacks values `first ..< first + count` of the bit-packed sequence starting at `base`, of which
    /// `available` bytes are readable. Bits beyond `available` read as zero, so callers must have
    /// checked that the values they need are fully present. `U` is `UInt32` (width ≤ 32) or `UInt64`.
    static func unpack<U: FixedWidthInteger & UnsignedInteger>(
        _ base: UnsafeRawPointer, available: Int, bitWidth: Int, first: Int, count: Int,
        into dst: UnsafeMutablePointer<U>
    ) {
        assert(U.self == UInt32.self || U.self == UInt64.self)
        if count <= 0 { return }
        if bitWidth == 0 {
            dst.update(repeating: 0, count: count)
            return
        }
        let groupBytes = 4 &* bitWidth
        var index = first
        var done = 0
        while done < count {
            let within = index & 31
            // index ≤ values present in `available` bytes, so index/32*groupBytes ≤ available + groupBytes.
            let groupOffset = (index &>> 5) &* groupBytes
            if within == 0 && count &- done >= 32 && available >= groupOffset {
                let groups = min((count &- done) &>> 5, (available &- groupOffset) / groupBytes)
                if groups > 0 {
                    unpackGroups(base + groupOffset, dst + done, groups: groups, bitWidth: bitWidth)
                    index &+= groups &* 32
                    done &+= groups &* 32
                    continue
                }
            }
            let take = min(32 &- within, count &- done)
            unpackPaddedGroup(base, available: available, groupOffset: groupOffset, bitWidth: bitWidth) { tmp in
                (dst + done).update(from: tmp + within, count: take)
            }
            index &+= take
            done &+= take
        }
    }

    /// Unpacks the group of 32 values at `groupOffset`, copying the readable part of its bytes into a
    /// zero-padded scratch area first, and hands the 32 values to `body`.
    @inline(never)
    static func unpackPaddedGroup<U: FixedWidthInteger & UnsignedInteger>(
        _ base: UnsafeRawPointer, available: Int, groupOffset: Int, bitWidth: Int,
        _ body: (UnsafeMutablePointer<U>) -> Void
    ) {
        let groupBytes = 4 &* bitWidth
        withUnsafeTemporaryAllocation(byteCount: 256, alignment: 8) { raw in
            let scratch = raw.baseAddress!
            scratch.initializeMemory(as: UInt8.self, repeating: 0, count: 256)
            let present = max(0, min(groupBytes, available &- groupOffset))
            if present > 0 { scratch.copyMemory(from: base + groupOffset, byteCount: present) }
            withUnsafeTemporaryAllocation(of: U.self, capacity: 32) { values in
                let out = values.baseAddress!
                if U.self == UInt32.self {
                    unpackGroups(UnsafeRawPointer(scratch), UnsafeMutableRawPointer(out).assumingMemoryBound(to: UInt32.self),
                                 groups: 1, bitWidth: bitWidth)
                } else {
                    unpackGroups(UnsafeRawPointer(scratch), UnsafeMutableRawPointer(out).assumingMemoryBound(to: UInt64.self),
                                 groups: 1, bitWidth: bitWidth)
                }
                body(out)
            }
        }
    }

    /// Generic entry point of `unpackGroups` for `U` = `UInt32` or `UInt64`.
    @inline(__always)
    static func unpackGroups<U: FixedWidthInteger & UnsignedInteger>(
        _ src: UnsafeRawPointer, _ dst: UnsafeMutablePointer<U>, groups: Int, bitWidth: Int
    ) {
        if U.self == UInt32.self {
            unpackGroups(src, UnsafeMutableRawPointer(dst).assumingMemoryBound(to: UInt32.self), groups: groups, bitWidth: bitWidth)
        } else {
            unpackGroups(src, UnsafeMutableRawPointer(dst).assumingMemoryBound(to: UInt64.self), groups: groups, bitWidth: bitWidth)
        }
    }
}
