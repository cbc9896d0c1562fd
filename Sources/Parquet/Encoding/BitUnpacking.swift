// Shared LSB-first bit unpacking (the packing order of the RLE/bit-packing hybrid and of
// DELTA_BINARY_PACKED miniblocks): value `i` of width `w` occupies bits `i*w ..< (i+1)*w` of the byte
// stream, least significant bit first.
//
// The bulk routines unpack groups of 32 values, which occupy exactly `4*w` bytes (= `w` little-endian
// 32-bit words), so a group never reads past its own bytes. Every width has its own specialized
// kernel (the width is a type, `WidthN`), and a second type parameter selects plain values or a
// running sum (DELTA_BINARY_PACKED), so delta decoding is a single pass. The unrolled body, the
// width switches and the width types are mechanical repetitions of one pattern.

/// Bit-unpacking routines shared by the RLE/bit-packed and delta decoders.
enum BitUnpacking {
    /// Unpacks `groups` groups of 32 values of width `W.bits` from `4 * W.bits` bytes each at `src`.
    /// Each (width, mode, output type) gets its own specialization in which every word index, shift
    /// and mask is a constant.
    static func kernel<W: ConstantBitWidth, M: UnpackMode, U: FixedWidthInteger & UnsignedInteger>(
        _: W.Type, _: M.Type, _ src: UnsafeRawPointer, _ dst: UnsafeMutablePointer<U>, groups: Int,
        bias: U, sum: inout U
    ) {
        var src = src, dst = dst, running = sum
        for _ in 0 ..< groups {
            unpack32(W.self, M.self, src, dst, bias, &running)
            src += 4 &* W.bits
            dst += 32
        }
        sum = running
    }

    /// One group, written out value by value (LLVM does not fully unroll the equivalent loop).
    @inline(__always)
    static func unpack32<W: ConstantBitWidth, M: UnpackMode, U: FixedWidthInteger & UnsignedInteger>(
        _: W.Type, _: M.Type, _ src: UnsafeRawPointer, _ dst: UnsafeMutablePointer<U>, _ bias: U, _ sum: inout U
    ) {
        dst[0] = M.emit(U(truncatingIfNeeded: value(src, W.bits, 0)) &+ bias, &sum)
        dst[1] = M.emit(U(truncatingIfNeeded: value(src, W.bits, 1)) &+ bias, &sum)
        dst[2] = M.emit(U(truncatingIfNeeded: value(src, W.bits, 2)) &+ bias, &sum)
        dst[3] = M.emit(U(truncatingIfNeeded: value(src, W.bits, 3)) &+ bias, &sum)
        dst[4] = M.emit(U(truncatingIfNeeded: value(src, W.bits, 4)) &+ bias, &sum)
        dst[5] = M.emit(U(truncatingIfNeeded: value(src, W.bits, 5)) &+ bias, &sum)
        dst[6] = M.emit(U(truncatingIfNeeded: value(src, W.bits, 6)) &+ bias, &sum)
        dst[7] = M.emit(U(truncatingIfNeeded: value(src, W.bits, 7)) &+ bias, &sum)
        dst[8] = M.emit(U(truncatingIfNeeded: value(src, W.bits, 8)) &+ bias, &sum)
        dst[9] = M.emit(U(truncatingIfNeeded: value(src, W.bits, 9)) &+ bias, &sum)
        dst[10] = M.emit(U(truncatingIfNeeded: value(src, W.bits, 10)) &+ bias, &sum)
        dst[11] = M.emit(U(truncatingIfNeeded: value(src, W.bits, 11)) &+ bias, &sum)
        dst[12] = M.emit(U(truncatingIfNeeded: value(src, W.bits, 12)) &+ bias, &sum)
        dst[13] = M.emit(U(truncatingIfNeeded: value(src, W.bits, 13)) &+ bias, &sum)
        dst[14] = M.emit(U(truncatingIfNeeded: value(src, W.bits, 14)) &+ bias, &sum)
        dst[15] = M.emit(U(truncatingIfNeeded: value(src, W.bits, 15)) &+ bias, &sum)
        dst[16] = M.emit(U(truncatingIfNeeded: value(src, W.bits, 16)) &+ bias, &sum)
        dst[17] = M.emit(U(truncatingIfNeeded: value(src, W.bits, 17)) &+ bias, &sum)
        dst[18] = M.emit(U(truncatingIfNeeded: value(src, W.bits, 18)) &+ bias, &sum)
        dst[19] = M.emit(U(truncatingIfNeeded: value(src, W.bits, 19)) &+ bias, &sum)
        dst[20] = M.emit(U(truncatingIfNeeded: value(src, W.bits, 20)) &+ bias, &sum)
        dst[21] = M.emit(U(truncatingIfNeeded: value(src, W.bits, 21)) &+ bias, &sum)
        dst[22] = M.emit(U(truncatingIfNeeded: value(src, W.bits, 22)) &+ bias, &sum)
        dst[23] = M.emit(U(truncatingIfNeeded: value(src, W.bits, 23)) &+ bias, &sum)
        dst[24] = M.emit(U(truncatingIfNeeded: value(src, W.bits, 24)) &+ bias, &sum)
        dst[25] = M.emit(U(truncatingIfNeeded: value(src, W.bits, 25)) &+ bias, &sum)
        dst[26] = M.emit(U(truncatingIfNeeded: value(src, W.bits, 26)) &+ bias, &sum)
        dst[27] = M.emit(U(truncatingIfNeeded: value(src, W.bits, 27)) &+ bias, &sum)
        dst[28] = M.emit(U(truncatingIfNeeded: value(src, W.bits, 28)) &+ bias, &sum)
        dst[29] = M.emit(U(truncatingIfNeeded: value(src, W.bits, 29)) &+ bias, &sum)
        dst[30] = M.emit(U(truncatingIfNeeded: value(src, W.bits, 30)) &+ bias, &sum)
        dst[31] = M.emit(U(truncatingIfNeeded: value(src, W.bits, 31)) &+ bias, &sum)
    }

    /// Value `i` (0..<32) of a group of width `w` (1...64).
    @inline(__always)
    static func value(_ src: UnsafeRawPointer, _ w: Int, _ i: Int) -> UInt64 {
        // All offsets stay below 32*w bits = 4*w bytes, so `&*`, `&+` and the shifts cannot overflow.
        let mask: UInt64 = w == 64 ? .max : (1 &<< UInt64(w)) &- 1
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
        return v & mask
    }

    /// Unpacks `groups` groups of 32 values of width `bitWidth` (0...U.bitWidth) from
    /// `groups * 4 * bitWidth` bytes at `src`, adding `bias` (wrapping) to each value; in `RunningSum`
    /// mode each output is the running sum, continued from and returned in `sum`.
    static func unpackGroups<U: FixedWidthInteger & UnsignedInteger, M: UnpackMode>(
        _ mode: M.Type, _ src: UnsafeRawPointer, _ dst: UnsafeMutablePointer<U>, groups: Int, bitWidth: Int,
        bias: U, sum: inout U
    ) {
        switch bitWidth {
        case 0:
            for i in 0 ..< groups &* 32 { dst[i] = M.emit(bias, &sum) }
        case 1: kernel(Width1.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 2: kernel(Width2.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 3: kernel(Width3.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 4: kernel(Width4.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 5: kernel(Width5.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 6: kernel(Width6.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 7: kernel(Width7.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 8: kernel(Width8.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 9: kernel(Width9.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 10: kernel(Width10.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 11: kernel(Width11.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 12: kernel(Width12.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 13: kernel(Width13.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 14: kernel(Width14.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 15: kernel(Width15.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 16: kernel(Width16.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 17: kernel(Width17.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 18: kernel(Width18.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 19: kernel(Width19.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 20: kernel(Width20.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 21: kernel(Width21.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 22: kernel(Width22.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 23: kernel(Width23.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 24: kernel(Width24.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 25: kernel(Width25.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 26: kernel(Width26.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 27: kernel(Width27.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 28: kernel(Width28.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 29: kernel(Width29.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 30: kernel(Width30.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 31: kernel(Width31.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 32: kernel(Width32.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        default:
            // Widths above 32 exist only for 64-bit outputs; the test folds away per specialization,
            // so 32-bit outputs do not instantiate the wide kernels.
            if U.bitWidth == 64 {
                unpackWideGroups(M.self, src, dst, groups: groups, bitWidth: bitWidth, bias: bias, sum: &sum)
            } else {
                invalidWidth(dst, groups: groups, bitWidth: bitWidth)
            }
        }
    }

    /// `unpackGroups` for widths 33...64.
    static func unpackWideGroups<U: FixedWidthInteger & UnsignedInteger, M: UnpackMode>(
        _ mode: M.Type, _ src: UnsafeRawPointer, _ dst: UnsafeMutablePointer<U>, groups: Int, bitWidth: Int,
        bias: U, sum: inout U
    ) {
        switch bitWidth {
        case 33: kernel(Width33.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 34: kernel(Width34.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 35: kernel(Width35.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 36: kernel(Width36.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 37: kernel(Width37.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 38: kernel(Width38.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 39: kernel(Width39.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 40: kernel(Width40.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 41: kernel(Width41.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 42: kernel(Width42.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 43: kernel(Width43.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 44: kernel(Width44.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 45: kernel(Width45.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 46: kernel(Width46.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 47: kernel(Width47.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 48: kernel(Width48.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 49: kernel(Width49.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 50: kernel(Width50.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 51: kernel(Width51.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 52: kernel(Width52.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 53: kernel(Width53.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 54: kernel(Width54.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 55: kernel(Width55.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 56: kernel(Width56.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 57: kernel(Width57.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 58: kernel(Width58.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 59: kernel(Width59.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 60: kernel(Width60.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 61: kernel(Width61.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 62: kernel(Width62.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 63: kernel(Width63.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        case 64: kernel(Width64.self, M.self, src, dst, groups: groups, bias: bias, sum: &sum)
        default: invalidWidth(dst, groups: groups, bitWidth: bitWidth)
        }
    }

    /// Unreachable: callers validate bit widths. Zeros rather than a trap, in release builds.
    static func invalidWidth<U: FixedWidthInteger>(_ dst: UnsafeMutablePointer<U>, groups: Int, bitWidth: Int) {
        assertionFailure("bit width \(bitWidth) was not validated")
        dst.update(repeating: 0, count: groups &* 32)
    }

    /// Unpacks values `first ..< first + count` of the bit-packed sequence starting at `base`, of which
    /// `available` bytes are readable, adding `bias` (wrapping) to each. In `RunningSum` mode the
    /// outputs are running sums continued from `sum` (which returns the last one). Bits beyond
    /// `available` read as zero, so callers must have checked that the values they need are present.
    /// `U` is `UInt32` (width ≤ 32) or `UInt64`.
    static func unpack<U: FixedWidthInteger & UnsignedInteger, M: UnpackMode>(
        _ mode: M.Type, _ base: UnsafeRawPointer, available: Int, bitWidth: Int, first: Int, count: Int,
        into dst: UnsafeMutablePointer<U>, bias: U = 0, sum: inout U
    ) {
        assert(U.self == UInt32.self || U.self == UInt64.self)
        if count <= 0 { return }
        let groupBytes = 4 &* bitWidth
        var index = first
        var done = 0
        while done < count {
            let within = index & 31
            // index ≤ values present in `available` bytes, so index/32*groupBytes ≤ available + groupBytes.
            let groupOffset = (index &>> 5) &* groupBytes
            if within == 0 && count &- done >= 32 && available >= groupOffset {
                var groups = (count &- done) &>> 5
                if available &- groupOffset < groups &* groupBytes {
                    // Near the end of the buffer only (the division is avoided on the hot path).
                    groups = (available &- groupOffset) / groupBytes
                }
                if groups > 0 {
                    unpackGroups(M.self, base + groupOffset, dst + done, groups: groups, bitWidth: bitWidth,
                                 bias: bias, sum: &sum)
                    index &+= groups &* 32
                    done &+= groups &* 32
                    continue
                }
            }
            // A partial group (or one running past the buffer): unpack it whole into scratch.
            let take = min(32 &- within, count &- done)
            unpackPaddedGroup(base, available: available, groupOffset: groupOffset, bitWidth: bitWidth,
                              bias: bias) { tmp in
                let out = dst + done
                if M.runningSum {
                    var running = sum
                    for k in 0 ..< take {
                        running = running &+ tmp[within &+ k]
                        out[k] = running
                    }
                    sum = running
                } else {
                    out.update(from: tmp + within, count: take)
                }
            }
            index &+= take
            done &+= take
        }
    }

    /// Unpacks the group of 32 values at `groupOffset` (plus `bias`), copying the readable part of its
    /// bytes into a zero-padded scratch area first, and hands the 32 values to `body`.
    @inline(never)
    static func unpackPaddedGroup<U: FixedWidthInteger & UnsignedInteger>(
        _ base: UnsafeRawPointer, available: Int, groupOffset: Int, bitWidth: Int, bias: U,
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
                var unused: U = 0
                unpackGroups(PlainValues.self, UnsafeRawPointer(scratch), out, groups: 1, bitWidth: bitWidth,
                             bias: bias, sum: &unused)
                body(out)
            }
        }
    }
}

/// Whether unpacking writes the values themselves or their running sum.
protocol UnpackMode {
    /// Returns what to store for `value`, updating the running `sum`.
    static func emit<U: FixedWidthInteger>(_ value: U, _ sum: inout U) -> U
    static var runningSum: Bool { get }
}

/// Unpacking writes the values (RLE/bit-packed runs).
enum PlainValues: UnpackMode {
    @inline(__always) static func emit<U: FixedWidthInteger>(_ value: U, _ sum: inout U) -> U { value }
    static var runningSum: Bool { false }
}

/// Unpacking writes running sums, wrapping (DELTA_BINARY_PACKED: value = previous + delta).
enum RunningSum: UnpackMode {
    @inline(__always) static func emit<U: FixedWidthInteger>(_ value: U, _ sum: inout U) -> U {
        sum = sum &+ value
        return sum
    }
    static var runningSum: Bool { true }
}

/// A bit width known at compile time, so that `BitUnpacking.kernel` specializes per width.
protocol ConstantBitWidth { static var bits: Int { get } }

enum Width1: ConstantBitWidth { static var bits: Int { 1 } }
enum Width2: ConstantBitWidth { static var bits: Int { 2 } }
enum Width3: ConstantBitWidth { static var bits: Int { 3 } }
enum Width4: ConstantBitWidth { static var bits: Int { 4 } }
enum Width5: ConstantBitWidth { static var bits: Int { 5 } }
enum Width6: ConstantBitWidth { static var bits: Int { 6 } }
enum Width7: ConstantBitWidth { static var bits: Int { 7 } }
enum Width8: ConstantBitWidth { static var bits: Int { 8 } }
enum Width9: ConstantBitWidth { static var bits: Int { 9 } }
enum Width10: ConstantBitWidth { static var bits: Int { 10 } }
enum Width11: ConstantBitWidth { static var bits: Int { 11 } }
enum Width12: ConstantBitWidth { static var bits: Int { 12 } }
enum Width13: ConstantBitWidth { static var bits: Int { 13 } }
enum Width14: ConstantBitWidth { static var bits: Int { 14 } }
enum Width15: ConstantBitWidth { static var bits: Int { 15 } }
enum Width16: ConstantBitWidth { static var bits: Int { 16 } }
enum Width17: ConstantBitWidth { static var bits: Int { 17 } }
enum Width18: ConstantBitWidth { static var bits: Int { 18 } }
enum Width19: ConstantBitWidth { static var bits: Int { 19 } }
enum Width20: ConstantBitWidth { static var bits: Int { 20 } }
enum Width21: ConstantBitWidth { static var bits: Int { 21 } }
enum Width22: ConstantBitWidth { static var bits: Int { 22 } }
enum Width23: ConstantBitWidth { static var bits: Int { 23 } }
enum Width24: ConstantBitWidth { static var bits: Int { 24 } }
enum Width25: ConstantBitWidth { static var bits: Int { 25 } }
enum Width26: ConstantBitWidth { static var bits: Int { 26 } }
enum Width27: ConstantBitWidth { static var bits: Int { 27 } }
enum Width28: ConstantBitWidth { static var bits: Int { 28 } }
enum Width29: ConstantBitWidth { static var bits: Int { 29 } }
enum Width30: ConstantBitWidth { static var bits: Int { 30 } }
enum Width31: ConstantBitWidth { static var bits: Int { 31 } }
enum Width32: ConstantBitWidth { static var bits: Int { 32 } }
enum Width33: ConstantBitWidth { static var bits: Int { 33 } }
enum Width34: ConstantBitWidth { static var bits: Int { 34 } }
enum Width35: ConstantBitWidth { static var bits: Int { 35 } }
enum Width36: ConstantBitWidth { static var bits: Int { 36 } }
enum Width37: ConstantBitWidth { static var bits: Int { 37 } }
enum Width38: ConstantBitWidth { static var bits: Int { 38 } }
enum Width39: ConstantBitWidth { static var bits: Int { 39 } }
enum Width40: ConstantBitWidth { static var bits: Int { 40 } }
enum Width41: ConstantBitWidth { static var bits: Int { 41 } }
enum Width42: ConstantBitWidth { static var bits: Int { 42 } }
enum Width43: ConstantBitWidth { static var bits: Int { 43 } }
enum Width44: ConstantBitWidth { static var bits: Int { 44 } }
enum Width45: ConstantBitWidth { static var bits: Int { 45 } }
enum Width46: ConstantBitWidth { static var bits: Int { 46 } }
enum Width47: ConstantBitWidth { static var bits: Int { 47 } }
enum Width48: ConstantBitWidth { static var bits: Int { 48 } }
enum Width49: ConstantBitWidth { static var bits: Int { 49 } }
enum Width50: ConstantBitWidth { static var bits: Int { 50 } }
enum Width51: ConstantBitWidth { static var bits: Int { 51 } }
enum Width52: ConstantBitWidth { static var bits: Int { 52 } }
enum Width53: ConstantBitWidth { static var bits: Int { 53 } }
enum Width54: ConstantBitWidth { static var bits: Int { 54 } }
enum Width55: ConstantBitWidth { static var bits: Int { 55 } }
enum Width56: ConstantBitWidth { static var bits: Int { 56 } }
enum Width57: ConstantBitWidth { static var bits: Int { 57 } }
enum Width58: ConstantBitWidth { static var bits: Int { 58 } }
enum Width59: ConstantBitWidth { static var bits: Int { 59 } }
enum Width60: ConstantBitWidth { static var bits: Int { 60 } }
enum Width61: ConstantBitWidth { static var bits: Int { 61 } }
enum Width62: ConstantBitWidth { static var bits: Int { 62 } }
enum Width63: ConstantBitWidth { static var bits: Int { 63 } }
enum Width64: ConstantBitWidth { static var bits: Int { 64 } }
