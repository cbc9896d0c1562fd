extension ColumnChunkReader {
    /// Decodes a PLAIN dictionary page into typed dictionary values.
    func loadDictionary(_ h: DictionaryPageHeader, _ body: (OwnedBuffer, Range<Int>)) throws {
        guard h.encoding == .plain || h.encoding == .plainDictionary else {
            throw error(.unsupported, "dictionary page encoding \(h.encoding)")
        }
        let n = Int(h.numValues)
        guard n >= 0 else { throw error(.corrupt, "negative dictionary size \(n)") }
        guard n <= options.maxDictionaryEntries else {
            throw error(.limitExceeded, "dictionary of \(n) entries exceeds the limit of \(options.maxDictionaryEntries)")
        }
        let bytes = body.0.slice(body.1)
        do throws(DecodeFailure) {
            // PLAIN needs at least this many bits per entry: check before allocating for `n` entries.
            let minBits: Int
            switch column.physicalType {
            case .boolean: minBits = 1
            case .int32, .float: minBits = 32
            case .int64, .double: minBits = 64
            case .int96: minBits = 96
            case .byteArray: minBits = 32
            default: minBits = column.typeLength * 8
            }
            guard n <= bytes.count * 8 / max(minBits, 1) || minBits == 0 && n <= options.maxDictionaryEntries else {
                throw DecodeFailure.invalid("dictionary page of \(bytes.count) bytes cannot hold the \(n) entries it declares")
            }
            switch column.physicalType {
            case .boolean:
                var d = try PlainBooleanDecoder(bytes)
                dictionary = .boolean(try Self.fill(n) { (b) throws(DecodeFailure) in try d.decode(into: b) })
            case .int32:
                var d = try PlainFixedDecoder<Int32>(bytes)
                dictionary = .int32(try Self.fill(n) { (b) throws(DecodeFailure) in try d.decode(into: b) })
            case .int64:
                var d = try PlainFixedDecoder<Int64>(bytes)
                dictionary = .int64(try Self.fill(n) { (b) throws(DecodeFailure) in try d.decode(into: b) })
            case .int96:
                var d = try PlainFixedDecoder<Int96>(bytes)
                dictionary = .int96(try Self.fill(n) { (b) throws(DecodeFailure) in try d.decode(into: b) })
            case .float:
                var d = try PlainFixedDecoder<Float>(bytes)
                dictionary = .float(try Self.fill(n) { (b) throws(DecodeFailure) in try d.decode(into: b) })
            case .double:
                var d = try PlainFixedDecoder<Double>(bytes)
                dictionary = .double(try Self.fill(n) { (b) throws(DecodeFailure) in try d.decode(into: b) })
            case .byteArray:
                var d = try PlainByteArrayDecoder(bytes)
                var out = ByteArrayBuffer()
                let got = try d.decode(count: n, into: &out)
                guard got == n else { throw DecodeFailure.invalid("dictionary page holds \(got) of \(n) values") }
                dictionary = .byteArray(out)
            case .fixedLenByteArray:
                var d = try PlainFixedLenByteArrayDecoder(bytes, width: column.typeLength)
                var out = FixedLenByteArrayBuffer(width: column.typeLength)
                let got = try d.decode(count: n, into: &out)
                guard got == n else { throw DecodeFailure.invalid("dictionary page holds \(got) of \(n) values") }
                dictionary = .fixedLenByteArray(out)
            default:
                throw DecodeFailure.unsupported("physical type \(column.physicalType)")
            }
        } catch {
            throw convert(error)
        }
    }

    /// Builds an array of exactly `n` values with `decode`, failing when fewer are present.
    static func fill<T: BitwiseCopyable>(_ n: Int, _ decode: (UnsafeMutableBufferPointer<T>) throws(DecodeFailure) -> Int) throws(DecodeFailure) -> [T] {
        var a: [T] = []
        let got = try Self.append(n, to: &a, decode)
        guard got == n else { throw DecodeFailure.invalid("dictionary page holds \(got) of \(n) values") }
        return a
    }

    /// Chooses the value decoder for a data page.
    func startValues(_ encoding: Encoding, _ bytes: UnsafeRawBufferPointer, levelCount: Int) throws {
        let type = column.physicalType
        do throws(DecodeFailure) {
            switch encoding {
            case .plain:
                switch type {
                case .boolean: valueDecoder = .plainBoolean(try PlainBooleanDecoder(bytes))
                case .int32: valueDecoder = .plainInt32(try PlainFixedDecoder<Int32>(bytes))
                case .int64: valueDecoder = .plainInt64(try PlainFixedDecoder<Int64>(bytes))
                case .int96: valueDecoder = .plainInt96(try PlainFixedDecoder<Int96>(bytes))
                case .float: valueDecoder = .plainFloat(try PlainFixedDecoder<Float>(bytes))
                case .double: valueDecoder = .plainDouble(try PlainFixedDecoder<Double>(bytes))
                case .byteArray: valueDecoder = .plainByteArray(try PlainByteArrayDecoder(bytes))
                case .fixedLenByteArray:
                    valueDecoder = .plainFixedLen(try PlainFixedLenByteArrayDecoder(bytes, width: column.typeLength))
                default: throw DecodeFailure.unsupported("physical type \(type)")
                }
            case .plainDictionary, .rleDictionary:
                guard let dictionary else { throw DecodeFailure.invalid("dictionary-encoded page but the chunk has no dictionary page") }
                if bytes.isEmpty {
                    // A page of only nulls may carry no index bytes at all.
                    valueDecoder = .dictionary(try RLEBitPackedDecoder(bytes, bitWidth: 0))
                    if dictionary.count == 0 { valueDecoder = .none }
                    return
                }
                let width = Int(bytes[0])
                guard width <= 32 else { throw DecodeFailure.invalid("dictionary index bit width \(width) exceeds 32") }
                valueDecoder = .dictionary(try RLEBitPackedDecoder(UnsafeRawBufferPointer(rebasing: bytes[1...]), bitWidth: width))
            case .rle:
                guard type == .boolean else { throw DecodeFailure.unsupported("RLE encoding for \(type) values") }
                guard bytes.count >= 4 else { throw DecodeFailure.truncated(needed: 4, available: bytes.count) }
                let length = Int(bytes.loadUnaligned(as: UInt32.self).littleEndian)
                guard length <= bytes.count - 4 else { throw DecodeFailure.truncated(needed: length, available: bytes.count - 4) }
                valueDecoder = .rleBoolean(try RLEBitPackedDecoder(UnsafeRawBufferPointer(rebasing: bytes[4 ..< 4 + length]), bitWidth: 1))
            case .deltaBinaryPacked:
                switch type {
                case .int32: valueDecoder = .deltaInt32(try DeltaBinaryPackedDecoder<Int32>(bytes))
                case .int64: valueDecoder = .deltaInt64(try DeltaBinaryPackedDecoder<Int64>(bytes))
                default: throw DecodeFailure.unsupported("DELTA_BINARY_PACKED for \(type)")
                }
            case .deltaLengthByteArray:
                guard type == .byteArray else { throw DecodeFailure.unsupported("DELTA_LENGTH_BYTE_ARRAY for \(type)") }
                valueDecoder = .deltaLength(try DeltaLengthByteArrayDecoder(bytes))
            case .deltaByteArray:
                guard type == .byteArray || type == .fixedLenByteArray else { throw DecodeFailure.unsupported("DELTA_BYTE_ARRAY for \(type)") }
                valueDecoder = .deltaByteArray(try DeltaByteArrayDecoder(bytes, maxTotalBytes: options.maxReadBytes))
            case .byteStreamSplit:
                let width: Int
                switch type {
                case .int32, .float: width = 4
                case .int64, .double: width = 8
                case .fixedLenByteArray: width = column.typeLength
                default: throw DecodeFailure.unsupported("BYTE_STREAM_SPLIT for \(type)")
                }
                valueDecoder = .byteStreamSplit(try ByteStreamSplitDecoder(bytes, width: width))
            default:
                throw DecodeFailure.unsupported("value encoding \(encoding)")
            }
        } catch {
            throw convert(error)
        }
    }

    /// Decodes `n` values of the current page into the batch accumulators; returns how many were decoded.
    func decodeValues(_ n: Int) throws(DecodeFailure) -> Int {
        if let available = valueDecoder.availableBound, available < n {
            throw DecodeFailure.invalid("page holds \(available) values where its levels require \(n)")
        }
        switch valueDecoder {
        case .none:
            throw DecodeFailure.invalid("values requested but the page has none")
        case .plainBoolean(var d):
            defer { valueDecoder = .plainBoolean(d) }
            return try Self.append(n, to: &outBoolean) { (b) throws(DecodeFailure) in try d.decode(into: b) }
        case .rleBoolean(var d):
            defer { valueDecoder = .rleBoolean(d) }
            return try Self.append(n, to: &outBoolean) { (b) throws(DecodeFailure) in try d.decodeBooleans(into: b) }
        case .plainInt32(var d):
            defer { valueDecoder = .plainInt32(d) }
            return try Self.append(n, to: &outInt32) { (b) throws(DecodeFailure) in try d.decode(into: b) }
        case .plainInt64(var d):
            defer { valueDecoder = .plainInt64(d) }
            return try Self.append(n, to: &outInt64) { (b) throws(DecodeFailure) in try d.decode(into: b) }
        case .plainInt96(var d):
            defer { valueDecoder = .plainInt96(d) }
            return try Self.append(n, to: &outInt96) { (b) throws(DecodeFailure) in try d.decode(into: b) }
        case .plainFloat(var d):
            defer { valueDecoder = .plainFloat(d) }
            return try Self.append(n, to: &outFloat) { (b) throws(DecodeFailure) in try d.decode(into: b) }
        case .plainDouble(var d):
            defer { valueDecoder = .plainDouble(d) }
            return try Self.append(n, to: &outDouble) { (b) throws(DecodeFailure) in try d.decode(into: b) }
        case .plainByteArray(var d):
            valueDecoder = .none
            defer { valueDecoder = .plainByteArray(d) }
            // The rest of the page bounds this step's payload; its bytes per level estimate the batch's rest.
            let pageLevelsLeft = max(1, pageLevelCount - pageCursor)
            reserveByteArrayBytes(d.remainingByteCount, bytesPerLevel: d.remainingByteCount / pageLevelsLeft)
            return try d.decode(count: n, into: &outByteArray)
        case .plainFixedLen(var d):
            valueDecoder = .none
            defer { valueDecoder = .plainFixedLen(d) }
            return try d.decode(count: n, into: &outFixed)
        case .dictionary(var d):
            valueDecoder = .none
            defer { valueDecoder = .dictionary(d) }
            return try decodeDictionary(n, &d)
        case .deltaInt32(var d):
            valueDecoder = .none
            defer { valueDecoder = .deltaInt32(d) }
            return try Self.append(n, to: &outInt32) { (b) throws(DecodeFailure) in try d.decode(into: b) }
        case .deltaInt64(var d):
            valueDecoder = .none
            defer { valueDecoder = .deltaInt64(d) }
            return try Self.append(n, to: &outInt64) { (b) throws(DecodeFailure) in try d.decode(into: b) }
        case .deltaLength(var d):
            valueDecoder = .none
            defer { valueDecoder = .deltaLength(d) }
            return try d.decode(count: n, into: &outByteArray)
        case .deltaByteArray(var d):
            valueDecoder = .none
            defer { valueDecoder = .deltaByteArray(d) }
            if column.physicalType == .byteArray { return try d.decode(count: n, into: &outByteArray) }
            return try d.decode(count: n, into: &outFixed)
        case .byteStreamSplit(var d):
            valueDecoder = .none
            defer { valueDecoder = .byteStreamSplit(d) }
            switch column.physicalType {
            case .int32: return try Self.append(n, to: &outInt32) { (b) throws(DecodeFailure) in try d.decode(into: b) }
            case .int64: return try Self.append(n, to: &outInt64) { (b) throws(DecodeFailure) in try d.decode(into: b) }
            case .float: return try Self.append(n, to: &outFloat) { (b) throws(DecodeFailure) in try d.decode(into: b) }
            case .double: return try Self.append(n, to: &outDouble) { (b) throws(DecodeFailure) in try d.decode(into: b) }
            default: return try d.decode(count: n, into: &outFixed)
            }
        }
    }

    /// Grows `array` by `n` slots, lets `decode` fill them, and trims what it did not fill.
    @inline(__always)
    static func append<T: BitwiseCopyable>(_ n: Int, to array: inout [T],
                          _ decode: (UnsafeMutableBufferPointer<T>) throws(DecodeFailure) -> Int) throws(DecodeFailure) -> Int {
        try array.appendUninitialized(n) { (slots) throws(DecodeFailure) -> Int in
            let got = try decode(slots)
            guard got >= 0 && got <= n else { throw DecodeFailure.invalid("decoder reported \(got) of \(n) values") }
            return got
        }
    }

    /// Decodes `n` dictionary indices and gathers the dictionary values they name.
    private func decodeDictionary(_ n: Int, _ d: inout RLEBitPackedDecoder) throws(DecodeFailure) -> Int {
        guard let dictionary else { throw DecodeFailure.invalid("no dictionary") }
        if indexScratch.count < n { indexScratch = [UInt32](repeating: 0, count: max(n, 1024)) }
        let dictCount = dictionary.count
        let got = try indexScratch.withUnsafeMutableBufferPointer { (b) throws(DecodeFailure) -> Int in
            try d.decodeIndices(into: UnsafeMutableBufferPointer(rebasing: b[0 ..< n]), dictionaryCount: dictCount)
        }
        try indexScratch.withUnsafeBufferPointer { (all) throws(DecodeFailure) in
            let idx = UnsafeBufferPointer(rebasing: all[0 ..< got])
            switch dictionary {
            case .boolean(let dict): _ = Self.gather(dict, idx, into: &outBoolean)
            case .int32(let dict): _ = Self.gather(dict, idx, into: &outInt32)
            case .int64(let dict): _ = Self.gather(dict, idx, into: &outInt64)
            case .int96(let dict): _ = Self.gather(dict, idx, into: &outInt96)
            case .float(let dict): _ = Self.gather(dict, idx, into: &outFloat)
            case .double(let dict): _ = Self.gather(dict, idx, into: &outDouble)
            case .byteArray(let dict): try gatherBytes(dict, idx)
            case .fixedLenByteArray(let dict):
                let w = dict.width
                let total = w * idx.count
                dict.bytes.withUnsafeBytes { src in
                    _ = outFixed.bytes.appendUninitialized(total) { dst in
                        var o = 0
                        for i in idx {
                            // idx values were checked against the dictionary size by decodeIndices.
                            UnsafeMutableRawPointer(dst.baseAddress!).advanced(by: o)
                                .copyMemory(from: src.baseAddress!.advanced(by: Int(i) * w), byteCount: w)
                            o += w
                        }
                        return total
                    }
                }
            }
        }
        return got
    }

    @inline(__always)
    static func gather<T: BitwiseCopyable>(_ dict: [T], _ idx: UnsafeBufferPointer<UInt32>, into out: inout [T]) -> Int {
        dict.withUnsafeBufferPointer { d in
            out.appendUninitialized(idx.count) { dst in
                for k in 0 ..< idx.count { dst[k] = d[Int(idx[k])] }
                return idx.count
            }
        }
    }

    /// Makes room for `bytes` more payload bytes in the byte-array output. When it has to grow, it also
    /// reserves `bytesPerLevel` for each level still ahead in the batch, so a batch's bytes grow about once.
    func reserveByteArrayBytes(_ bytes: Int, bytesPerLevel: Int) {
        let needed = outByteArray.bytes.count + bytes + ByteCopy.slack
        guard outByteArray.bytes.capacity < needed else { return }
        // bytesPerLevel <= a page size (< 2^31) and levelsAheadInBatch <= maxReservedLevels (2^22): no overflow.
        // A quarter more than the estimate: untouched capacity costs address space, not memory, while
        // regrowing copies everything decoded so far (PLAIN pages after a dictionary fallback are sized
        // by an upper bound that includes their length prefixes).
        let estimate = bytesPerLevel * levelsAheadInBatch
        let ahead = min(estimate + estimate / 4, Self.maxReservedAhead)
        outByteArray.bytes.reserveCapacityWithHugePages(needed + ahead)
    }

    /// Cap on the speculative part of a byte-array reservation.
    static let maxReservedAhead = 1 << 28

    /// Appends the dictionary strings named by `idx` (already checked to be `< dict.count`) to the
    /// byte-array output.
    func gatherBytes(_ dict: ByteArrayBuffer, _ idx: UnsafeBufferPointer<UInt32>) throws(DecodeFailure) {
        guard !idx.isEmpty else { return }
        // Every index is < dict.count = offsets.count - 1, so offsets[j + 1] is in range, and the sum
        // of lengths is at most idx.count (< 2^31) times the dictionary's byte size (< 2^31): no overflow.
        let total = dict.offsets.withUnsafeBufferPointer { offs in
            var total = 0
            for i in idx { total &+= offs[Int(i) &+ 1] &- offs[Int(i)] }
            return total
        }
        // A few index bytes can name a long dictionary string millions of times: bound the result.
        let gathered = gatheredBefore + outByteArray.bytes.count + total
        guard gathered <= options.maxReadBytes else {
            throw DecodeFailure.limit("dictionary values of this read would take \(gathered) bytes, over the limit of \(options.maxReadBytes) (ReaderOptions.maxReadBytes)")
        }
        reserveByteArrayBytes(total, bytesPerLevel: total / idx.count)
        dict.offsets.withUnsafeBufferPointer { offs in
            dict.bytes.withUnsafeBytes { src in Self.gatherBytes(offs, src, idx, total: total, into: &outByteArray) }
        }
    }

    /// The copy loop of `gatherBytes`: `total` is the summed length of the named values.
    static func gatherBytes(_ offs: UnsafeBufferPointer<Int>, _ src: UnsafeRawBufferPointer, _ idx: UnsafeBufferPointer<UInt32>,
                            total: Int, into out: inout ByteArrayBuffer) {
        let offsetBase = out.bytes.count
        let sourceBase = src.baseOrPlaceholder
        let sourceCount = src.count
        _ = out.offsets.appendUninitialized(idx.count) { offsets in
            out.bytes.appendWithSlack(total) { dst in
                var written = 0
                for k in 0 ..< idx.count {
                    let j = Int(idx[k])
                    let s = offs[j], length = offs[j &+ 1] &- s
                    ByteCopy.copy(dst + written, sourceBase + s, count: length, wide: s &+ ByteCopy.slack <= sourceCount)
                    // written + length <= total, the sum computed above.
                    written &+= length
                    offsets[k] = offsetBase &+ written
                }
            }
            return idx.count
        }
    }
}
