extension ColumnChunkReader {
    /// Skips `count` rows (records) and returns how many were skipped (fewer only at the end of the chunk).
    ///
    /// Whole data pages inside the skipped span are passed over without decompressing or decoding them
    /// when their header tells how many rows they hold (data page v2, or v1 of a column without
    /// repetition); the dictionary page is still loaded, since later pages need it. Only the rows of
    /// the page where the skip ends are decoded, and then dropped.
    public func skipRows(_ count: Int) throws -> Int {
        guard count > 0 else { return 0 }
        var remaining = count
        while remaining > 0 {
            if pageCursor >= pageLevelCount {
                let skipped = try skipWholePages(maxRows: remaining)
                remaining -= skipped
                if remaining == 0 { break }
                guard try loadNextDataPage() else { break }
                continue
            }
            // Inside a decoded page: drop at most the rest of this page, so that the pages after it can
            // again be skipped whole.
            let limit = min(remaining, rowsLeftInPage())
            guard let batch = try readBatch(maxRows: max(1, limit)) else { break }
            remaining -= batch.rowCount
        }
        return count - remaining
    }

    /// Rows that start in the rest of the current page.
    private func rowsLeftInPage() -> Int {
        let left = pageLevelCount - pageCursor
        guard maxRep > 0 else { return left }
        return pageRepetitionLevels.withUnsafeBufferPointer { reps in
            Self.count(of: 0, in: UnsafeBufferPointer(rebasing: reps[pageCursor ..< pageLevelCount]))
        }
    }

    /// Consumes the following data pages whose row count the header states and that fit in `maxRows`;
    /// loads a dictionary page met on the way. Returns the rows skipped; stops before the first page
    /// that must be decoded.
    private func skipWholePages(maxRows: Int) throws -> Int {
        var skipped = 0
        while skipped < maxRows {
            let saved = pages
            guard let page = try pages.next() else { return skipped }
            let header = page.header
            switch header.type {
            case .dictionaryPage:
                guard let dh = header.dictionaryPageHeader else { throw error(.corrupt, "dictionary page without a dictionary page header") }
                guard dictionary == nil else { throw error(.corrupt, "second dictionary page in one column chunk") }
                pageOffset = page.fileOffset
                try loadDictionary(dh, try decompress(page.body, uncompressedSize: Int(header.uncompressedPageSize)))
                continue
            case .dataPage where maxRep == 0:
                guard let h = header.dataPageHeader, h.numValues >= 0, Int(h.numValues) <= maxRows - skipped else { break }
                skipped += Int(h.numValues)
                levelsRead += Int64(h.numValues)
                continue
            case .dataPageV2:
                guard let h = header.dataPageHeaderV2, h.numRows >= 0, h.numValues >= 0,
                      Int(h.numRows) <= maxRows - skipped else { break }
                skipped += Int(h.numRows)
                levelsRead += Int64(h.numValues)
                continue
            case .dataPage:
                break
            default:
                continue  // index pages and unknown page types are skipped, as when reading
            }
            pages = saved  // this page must be decoded: leave it for `loadNextDataPage`
            return skipped
        }
        return skipped
    }
}
