/// Decodes the pages of one column chunk into `ColumnBatch`es of a caller-chosen number of rows.
///
/// The chunk's bytes are read once; pages are decompressed one at a time, so memory stays within the
/// chunk plus one page plus the batch. Not thread-safe: one reader per task (chunks of one row group can
/// be decoded in parallel by separate readers).
public final class ColumnChunkReader {
    public let column: ColumnDescriptor
    public let metadata: ColumnMetaData
    let options: ReaderOptions
    let codec: CompressionCodec
    var pages: PageIterator
    let path: String
    let maxDef: Int
    let maxRep: Int

    // Dictionary of the chunk, if any.
    var dictionary: ColumnValues?

    // Current data page.
    var pageBuffer: OwnedBuffer?
    /// Reused for every compressed page of the chunk (see `pageScratch`).
    var decompressionBuffer: OwnedBuffer?
    var pageOffset: Int64 = 0
    var pageLevelCount = 0
    var pageCursor = 0
    var pageDefinitionLevels: [Int16] = []
    var pageRepetitionLevels: [Int16] = []
    var valueDecoder: ValueDecoder = .none
    var indexScratch: [UInt32] = []

    // Output accumulators of the batch being built (only the one of the physical type is used).
    var outBoolean: [Bool] = []
    var outInt32: [Int32] = []
    var outInt64: [Int64] = []
    var outInt96: [Int96] = []
    var outFloat: [Float] = []
    var outDouble: [Double] = []
    var outByteArray = ByteArrayBuffer()
    var outFixed: FixedLenByteArrayBuffer

    /// Total levels read so far versus what the metadata declares.
    var levelsRead: Int64 = 0
    /// Levels of the batch being built that are still to be decoded after the current step (an estimate
    /// for flat columns, 0 otherwise); used to size output reservations.
    var levelsAheadInBatch = 0

    /// Bytes held by earlier batches of the read in progress (`readAll`), counted against `options.maxReadBytes`.
    var gatheredBefore = 0

    /// Largest number of levels reserved for up front in one batch (bounds what hostile metadata can make us reserve).
    static let maxReservedLevels = 1 << 22
    /// Batches of at least this many rows are bulk reads: nested columns reserve their outputs for them.
    static let bulkRows = 1 << 16

    init(column: ColumnDescriptor, metadata: ColumnMetaData, chunk: OwnedBuffer, chunkOffset: Int64, options: ReaderOptions) {
        self.column = column
        self.metadata = metadata
        self.options = options
        self.codec = metadata.codec
        self.path = column.dottedPath
        self.maxDef = column.maxDefinitionLevel
        self.maxRep = column.maxRepetitionLevel
        self.pages = PageIterator(chunk: chunk, chunkOffset: chunkOffset, columnPath: column.dottedPath, options: options)
        self.outFixed = FixedLenByteArrayBuffer(width: column.typeLength)
    }

    func error(_ code: ParquetError.Code, _ message: String) -> ParquetError {
        ParquetError(code, message, columnPath: path, offset: pageOffset)
    }

    func convert(_ failure: DecodeFailure) -> ParquetError {
        failure.parquetError(columnPath: path, offset: pageOffset)
    }

    /// Reads up to `maxRows` rows (records). Returns nil when the chunk is exhausted.
    public func readBatch(maxRows: Int) throws -> ColumnBatch? {
        guard maxRows > 0 else { throw ParquetError(.invalidArgument, "maxRows must be positive (got \(maxRows))") }
        var definitionLevels: [Int16] = []
        var repetitionLevels: [Int16] = []
        var rows = 0
        var levels = 0
        var valueCount = 0
        // The batch's levels are known up front when the column is flat (one level per row) or the read
        // takes the chunk's rest (a bulk read of a nested column: readAll, a row group's export): reserve
        // the outputs once instead of regrowing (and copying) them page after page. Small reads of nested
        // columns (row windows) do not reserve.
        var expectedLevels = 0
        if maxRep == 0 || maxRows >= Self.bulkRows {
            // num_values comes from the file (may be negative); levelsRead >= 0, so this cannot overflow.
            let remaining = max(0, max(0, metadata.numValues) - levelsRead)
            let cap = maxRep == 0 ? min(maxRows, Self.maxReservedLevels) : Self.maxReservedLevels
            expectedLevels = Int(min(Int64(cap), remaining))
            reserveOutputs(levels: expectedLevels)
            if maxDef > 0 { definitionLevels.reserveCapacityWithHugePages(expectedLevels) }
            if maxRep > 0 { repetitionLevels.reserveCapacityWithHugePages(expectedLevels) }
        }
        outerLoop: while true {
            if pageCursor >= pageLevelCount {
                if rows >= maxRows && maxRep == 0 { break }
                guard try loadNextDataPage() else { break }
                continue
            }
            // Decide how many levels of this page belong to the batch.
            let available = pageLevelCount - pageCursor
            var take: Int
            if maxRep == 0 {
                take = min(available, maxRows - rows)
                rows += take
            } else {
                take = 0
                try pageRepetitionLevels.withUnsafeBufferPointer { reps throws(ParquetError) in
                    if rows == 0 && levels == 0 && reps[pageCursor] != 0 {
                        throw error(.corrupt, "the column chunk starts inside a record (repetition level \(reps[pageCursor]))")
                    }
                    // When every record starting in the rest of the page fits, take the rest whole (a
                    // branch-free count); otherwise walk to where the record after the last one fits starts.
                    let starts = Self.count(of: 0, in: UnsafeBufferPointer(rebasing: reps[pageCursor ..< pageLevelCount]))
                    if starts <= maxRows - rows {
                        rows += starts
                        take = available
                        return
                    }
                    var i = pageCursor
                    let end = pageLevelCount
                    while i < end {
                        if reps[i] == 0 {
                            if rows == maxRows { break }
                            rows += 1
                        }
                        i += 1
                    }
                    take = i - pageCursor
                }
                if take == 0 { break outerLoop }  // next record starts here and the batch is full
            }
            if take == 0 { break }
            // Count the values (non-null slots) among the taken levels.
            var nonNull = take
            if maxDef > 0 {
                let maxD = Int16(maxDef)
                nonNull = pageDefinitionLevels.withUnsafeBufferPointer { defs in
                    Self.count(of: maxD, in: UnsafeBufferPointer(rebasing: defs[pageCursor ..< pageCursor + take]))
                }
            }
            let gathered = gatheredBytes(levels: levels + take, values: valueCount + nonNull)
            guard gathered <= options.maxReadBytes else {
                throw error(.limitExceeded, "this read would gather \(gathered) bytes, over the limit of \(options.maxReadBytes) (ReaderOptions.maxReadBytes)")
            }
            if maxDef > 0 {
                definitionLevels.append(contentsOf: pageDefinitionLevels[pageCursor ..< pageCursor + take])
            }
            if maxRep > 0 {
                repetitionLevels.append(contentsOf: pageRepetitionLevels[pageCursor ..< pageCursor + take])
            }
            if nonNull > 0 {
                levelsAheadInBatch = max(0, expectedLevels - levels - take)
                do throws(DecodeFailure) {
                    let got = try decodeValues(nonNull)
                    guard got == nonNull else {
                        throw DecodeFailure.invalid("page has \(got) values where its levels require \(nonNull)")
                    }
                } catch {
                    throw convert(error)
                }
            }
            valueCount += nonNull
            pageCursor += take
            levels += take
            if maxRep == 0 && rows >= maxRows { break }
        }
        if levels == 0 { return nil }
        levelsRead += Int64(levels)
        return ColumnBatch(
            column: column, values: takeValues(), definitionLevels: maxDef > 0 ? definitionLevels : nil,
            repetitionLevels: maxRep > 0 ? repetitionLevels : nil, levelCount: levels, rowCount: rows)
    }

    /// Bytes a batch of `levels` level slots and `values` values takes (plus the byte-array payload
    /// gathered so far and earlier batches of the read), for the `maxReadBytes` check.
    func gatheredBytes(levels: Int, values: Int) -> Int {
        let levelArrays = (maxDef > 0 ? 1 : 0) + (maxRep > 0 ? 1 : 0)
        let valueBytes: Int
        switch column.physicalType {
        case .boolean: valueBytes = values
        case .int32, .float: valueBytes = values * 4
        case .int64, .double: valueBytes = values * 8
        case .int96: valueBytes = values * 12
        case .byteArray: valueBytes = values * MemoryLayout<Int>.size + outByteArray.bytes.count
        default: valueBytes = values * column.typeLength
        }
        // levels and values are bounded by page value counts summed over one batch (far below 2^40).
        return gatheredBefore + levels * levelArrays * 2 + valueBytes
    }

    /// Number of entries of `levels` equal to `value` (definition levels at their maximum, repetition
    /// levels at 0), sixteen lanes at a time: nulls and record starts come in no predictable order, so
    /// a branch per level would mispredict.
    static func count(of value: Int16, in levels: UnsafeBufferPointer<Int16>) -> Int {
        guard let p = levels.baseAddress else { return 0 }
        let n = levels.count
        let target = SIMD16<Int16>(repeating: value)
        var total = 0
        var i = 0
        while n &- i >= 16 {  // i <= n throughout, so n - i cannot overflow
            // Lanes count matches of at most 4,096 vectors before they are added up: no Int16 overflow.
            var lanes = SIMD16<Int16>()
            var vectors = 0
            while vectors < 4096 && n &- i >= 16 {
                let v = UnsafeRawPointer(p + i).loadUnaligned(as: SIMD16<Int16>.self)
                lanes &-= unsafeBitCast(v .== target, to: SIMD16<Int16>.self)  // a matching lane is all ones: -1
                i &+= 16
                vectors &+= 1
            }
            for lane in 0 ..< 16 { total &+= Int(lanes[lane]) }
        }
        while i < n {
            total &+= p[i] == value ? 1 : 0
            i &+= 1
        }
        return total
    }

    /// Reads every remaining row of the chunk as one batch (empty batch when nothing remains).
    public func readAll() throws -> ColumnBatch {
        var total: ColumnBatch?
        defer { gatheredBefore = 0 }
        while let b = try readBatch(maxRows: 1 << 20) {
            if total == nil { total = b } else { total!.append(b) }
            // The whole chunk is one read: later batches count what the earlier ones hold.
            gatheredBefore = total!.levelCount * ((maxDef > 0 ? 1 : 0) + (maxRep > 0 ? 1 : 0)) * 2 + total!.values.byteSize
        }
        return total ?? ColumnBatch.empty(column)
    }

    /// Reserves room for `levels` more values in the accumulator of the column's type (byte-array payload
    /// bytes are reserved when the first values show their size).
    func reserveOutputs(levels: Int) {
        switch column.physicalType {
        case .boolean: outBoolean.reserveCapacityWithHugePages(outBoolean.count + levels)
        case .int32: outInt32.reserveCapacityWithHugePages(outInt32.count + levels)
        case .int64: outInt64.reserveCapacityWithHugePages(outInt64.count + levels)
        case .int96: outInt96.reserveCapacityWithHugePages(outInt96.count + levels)
        case .float: outFloat.reserveCapacityWithHugePages(outFloat.count + levels)
        case .double: outDouble.reserveCapacityWithHugePages(outDouble.count + levels)
        case .byteArray: outByteArray.offsets.reserveCapacityWithHugePages(outByteArray.offsets.count + levels)
        case .fixedLenByteArray:
            // type_length comes from the file: reserve only a bounded size (levels <= maxReservedLevels).
            let (bytes, overflow) = levels.multipliedReportingOverflow(by: max(0, column.typeLength))
            if !overflow && bytes <= Self.maxReservedAhead {
                outFixed.bytes.reserveCapacityWithHugePages(outFixed.bytes.count + bytes)
            }
        default: break
        }
    }

    /// Moves the accumulated values out, leaving empty accumulators.
    func takeValues() -> ColumnValues {
        switch column.physicalType {
        case .boolean: defer { outBoolean = [] }; return .boolean(outBoolean)
        case .int32: defer { outInt32 = [] }; return .int32(outInt32)
        case .int64: defer { outInt64 = [] }; return .int64(outInt64)
        case .int96: defer { outInt96 = [] }; return .int96(outInt96)
        case .float: defer { outFloat = [] }; return .float(outFloat)
        case .double: defer { outDouble = [] }; return .double(outDouble)
        case .byteArray: defer { outByteArray = ByteArrayBuffer() }; return .byteArray(outByteArray)
        default:
            defer { outFixed = FixedLenByteArrayBuffer(width: column.typeLength) }
            return .fixedLenByteArray(outFixed)
        }
    }
}

extension ColumnBatch {
    /// Appends another batch of the same column.
    mutating func append(_ other: ColumnBatch) {
        switch (values, other.values) {
        case (.boolean(var a), .boolean(let b)): values = .int32([]); a.append(contentsOf: b); values = .boolean(a)
        case (.int32(var a), .int32(let b)): values = .int64([]); a.append(contentsOf: b); values = .int32(a)
        case (.int64(var a), .int64(let b)): values = .int32([]); a.append(contentsOf: b); values = .int64(a)
        case (.int96(var a), .int96(let b)): values = .int32([]); a.append(contentsOf: b); values = .int96(a)
        case (.float(var a), .float(let b)): values = .int32([]); a.append(contentsOf: b); values = .float(a)
        case (.double(var a), .double(let b)): values = .int32([]); a.append(contentsOf: b); values = .double(a)
        case (.byteArray(var a), .byteArray(let b)):
            values = .int32([])
            let base = a.bytes.count
            a.bytes.append(contentsOf: b.bytes)
            a.offsets.reserveCapacity(a.offsets.count + b.count)
            for i in 1 ..< b.offsets.count { a.offsets.append(b.offsets[i] + base) }
            values = .byteArray(a)
        case (.fixedLenByteArray(var a), .fixedLenByteArray(let b)):
            values = .int32([]); a.bytes.append(contentsOf: b.bytes); values = .fixedLenByteArray(a)
        default: preconditionFailure("appending batches of different physical types")
        }
        if definitionLevels != nil { definitionLevels!.append(contentsOf: other.definitionLevels ?? []) }
        if repetitionLevels != nil { repetitionLevels!.append(contentsOf: other.repetitionLevels ?? []) }
        levelCount += other.levelCount
        rowCount += other.rowCount
    }
}
