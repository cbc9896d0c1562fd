// Fetching some pages of column chunks (row windows, filtered scans): which byte ranges, and whether
// the dictionary page must come along.
//
// A writer that runs out of dictionary space falls back to another encoding for the rest of the column
// chunk (parquet-mr, Arrow C++ and arrow-rs all do), so pages far into a chunk often do not use the
// dictionary. `PageEncodingStats` in the chunk metadata count the dictionary-encoded data pages; pages
// past that count are expected not to need the dictionary, and it is left out of the first read. The
// fetched page headers are then checked: if one is dictionary-encoded after all, the dictionary is
// fetched in a second read. The guess can cost a round trip, never a wrong or failed read.

/// The bytes of one column chunk to fetch for some of its pages.
struct PageFetchPlan {
    var column: ColumnDescriptor
    var metadata: ColumnMetaData
    /// The bytes before the first data page (the dictionary page), when the chunk has any.
    var dictionary: Range<Int64>?
    /// Whether the dictionary goes into the first read (predicted to be needed).
    var fetchDictionary: Bool
    /// The data pages to fetch, as runs of adjacent pages (or the whole chunk).
    var pages: [Range<Int64>]

    /// A plan for the whole chunk (dictionary included in the one range).
    init(wholeChunk range: Range<Int64>, column: ColumnDescriptor, metadata: ColumnMetaData) {
        self.column = column
        self.metadata = metadata
        dictionary = nil
        fetchDictionary = false
        pages = [range]
    }

    /// A plan for the pages `pages` of a chunk whose first data page starts at `firstDataPage`;
    /// `firstPageOrdinal` is the position of the first fetched page among the chunk's data pages.
    init(pages: [Range<Int64>], chunkStart: Int64, firstDataPage: Int64, firstPageOrdinal: Int,
         column: ColumnDescriptor, metadata: ColumnMetaData) {
        self.column = column
        self.metadata = metadata
        self.pages = pages
        dictionary = firstDataPage > chunkStart ? chunkStart ..< firstDataPage : nil
        if let leading = metadata.leadingDictionaryDataPages {
            fetchDictionary = dictionary != nil && firstPageOrdinal < leading
        } else {
            fetchDictionary = dictionary != nil
        }
    }

    /// The ranges of the first read, in order: the dictionary (when predicted), then the pages.
    var firstRead: [Range<Int64>] { (fetchDictionary ? [dictionary!] : []) + pages }
}

extension ColumnMetaData {
    /// How many data pages at the start of the chunk are dictionary-encoded, from `encodingStats`:
    /// `Int.max` when the stats list no data page of another encoding, nil without stats (unknown).
    var leadingDictionaryDataPages: Int? {
        guard let stats = encodingStats, !stats.isEmpty else { return nil }
        var dictionaryPages = 0
        var otherPages = false
        for s in stats where s.pageType == .dataPage || s.pageType == .dataPageV2 {
            if s.encoding == .rleDictionary || s.encoding == .plainDictionary {
                dictionaryPages += Int(max(0, s.count))
            } else if s.count > 0 {
                otherPages = true
            }
        }
        return otherPages ? dictionaryPages : Int.max
    }
}

extension ParquetFile {
    /// Fetches every plan's bytes in one ranged read (the S3 source coalesces neighbours and fetches
    /// concurrently); then, in a second read, the dictionaries left out that a fetched page needs.
    /// Returns one buffer per plan (dictionary, when fetched, followed by the pages) and the file
    /// offset of its first byte.
    func fetch(_ plans: [PageFetchPlan]) async throws -> [(buffer: OwnedBuffer, offset: Int64)] {
        var buffers: [OwnedBuffer?] = Array(repeating: nil, count: plans.count)
        // Local files: single ranges straight into their buffers (no intermediate copy).
        if let local = source as? FileByteSource {
            for (i, plan) in plans.enumerated() where plan.firstRead.count == 1 {
                let r = plan.firstRead[0]
                buffers[i] = try ParquetFile.readDirect(local, offset: r.lowerBound, length: r.count)
            }
        }
        let pending = plans.indices.filter { buffers[$0] == nil }
        let parts = try await readChecked(pending.flatMap { i in plans[i].firstRead.map { ($0, plans[i].column) } })
        var next = 0
        for i in pending {
            let n = plans[i].firstRead.count
            buffers[i] = OwnedBuffer(concatenating: parts[next ..< next + n])
            next += n
        }
        // Dictionaries predicted unneeded that a fetched page turns out to need.
        var hasDictionary = plans.map(\.fetchDictionary)
        var missing: [Int] = []
        for (i, plan) in plans.enumerated() where plan.dictionary != nil && !plan.fetchDictionary {
            if try Self.usesDictionary(buffers[i]!, offset: plan.pages[0].lowerBound, column: plan.column, options: options) {
                missing.append(i)
            }
        }
        if !missing.isEmpty {
            let dictionaries = try await readChecked(missing.map { (plans[$0].dictionary!, plans[$0].column) })
            for (i, dictionary) in zip(missing, dictionaries) {
                buffers[i] = OwnedBuffer(dictionary, followedBy: buffers[i]!)
                hasDictionary[i] = true
            }
        }
        return plans.enumerated().map { i, plan in
            (buffers[i]!, hasDictionary[i] ? plan.dictionary!.lowerBound : plan.pages[0].lowerBound)
        }
    }

    /// `source.read(ranges:)` of the ranges of `requests` (each with the column it belongs to),
    /// checking that every range came back whole.
    private func readChecked(_ requests: [(range: Range<Int64>, column: ColumnDescriptor)]) async throws -> [[UInt8]] {
        guard !requests.isEmpty else { return [] }
        let parts = try await source.read(ranges: requests.map(\.range))
        guard parts.count == requests.count else {
            throw ParquetError(.io, "the source returned \(parts.count) ranges where \(requests.count) were requested")
        }
        for (part, request) in zip(parts, requests) where part.count != request.range.count {
            throw ParquetError(.io, "short read: \(part.count) of \(request.range.count) bytes", columnPath: request.column.dottedPath,
                               offset: request.range.lowerBound)
        }
        return parts
    }

    /// Whether a data page among the pages in `buffer` is dictionary-encoded (headers only; bodies are
    /// neither decompressed nor checksummed here).
    static func usesDictionary(_ buffer: OwnedBuffer, offset: Int64, column: ColumnDescriptor, options: ReaderOptions) throws -> Bool {
        var headersOnly = options
        headersOnly.verifyChecksums = false
        var pages = PageIterator(chunk: buffer, chunkOffset: offset, columnPath: column.dottedPath, options: headersOnly)
        while let page = try pages.next() {
            let encoding = page.header.dataPageHeader?.encoding ?? page.header.dataPageHeaderV2?.encoding
            if encoding == .rleDictionary || encoding == .plainDictionary { return true }
        }
        return false
    }
}
