// The fast route for rows of flat columns: one loop that writes keys and values straight into the
// output through a cursor, with one room check per value and no per-value writer calls.

import Parquet

extension JSONWriter {
    /// Largest string rendered inline by the flat row loop (longer ones take the chunked route, so the
    /// loop never reserves more than 6 × this).
    static let flatStringLimit = 1 << 16

    /// Renders rows `range` of `renderer` as ``RowGroupRenderer/renderSlice(rows:next:into:)`` would
    /// (same bytes), through ``storeFlatRows(of:rows:next:)`` when every field is a flat leaf.
    mutating func renderRows(of renderer: RowGroupRenderer, rows range: Range<Int>, next: UnsafeMutablePointer<Int>) throws(ParquetError) {
        guard renderer.hasOnlyFlatColumns, rowKeys.count == renderer.columns.count, emitter.depth == 0 else {
            return try renderer.renderSlice(rows: range, next: next, into: &self)
        }
        storeFlatRows(of: renderer, rows: range, next: next)
    }

    /// The flat-row loop: keys from ``rowKeys``, values stored by the `TextRendering` store functions,
    /// rarer kinds through the generic value emitter.
    mutating func storeFlatRows(of renderer: RowGroupRenderer, rows range: Range<Int>, next: UnsafeMutablePointer<Int>) {
        let columns = renderer.flatColumns(rows: range)
        let count = columns.count
        let isArray = style == .array
        let stringEnds = renderer.stringStorageEnds()
        let keyWords = rowKeys.words
        let slots = rowKeys.slots
        var rowsDone = rowCount
        let followsRows = self.followsRows
        var started = self.started
        // The output moves into a local for the loop (no access to `self` inside), and back after it.
        var out = OutputBuffer(capacity: 64)
        out.exchange(with: &buffer)
        defer { out.exchange(with: &buffer) }
        // Rare kinds go through a standalone JSON writer (no keys, no commas) that borrows `out`.
        var scratch = JSONWriter(columns: [], style: .ndjson, bufferCapacity: 64)
        // The last date text of each column (timestamps in order share their day for many rows).
        var dates = [DateTextCache](repeating: DateTextCache(), count: count)
        columns.withUnsafeBufferPointer { cols in
        keyWords.withUnsafeBufferPointer { keyWords in
        slots.withUnsafeBufferPointer { slots in
        stringEnds.withUnsafeBufferPointer { stringEnds in
        dates.withUnsafeMutableBufferPointer { dates in
            let fields = cols.baseAddress!
            var p = out.writePointer
            var limit = out.writeLimit
            for row in range {
                if limit - p < 16 {
                    out.commit(upTo: p)
                    out.reserve(16)
                    p = out.writePointer
                    limit = out.writeLimit
                }
                if isArray {
                    if !started {
                        p[0] = 0x5B  // "[\n"
                        p[1] = 0x0A
                        p += 2
                    } else if rowsDone > 0 || followsRows {
                        p[0] = 0x2C  // ",\n"
                        p[1] = 0x0A
                        p += 2
                    }
                }
                started = true
                for f in 0 ..< count {
                    let c = fields + f
                    let slot = slots[f]
                    var isNull = false
                    if let levels = c.pointee.levels { isNull = levels[row] != c.pointee.maxDefinitionLevel }
                    var i = 0
                    var need = slot.wordCount &* 8 &+ 80  // key words, the longest fixed-width value and slack
                    var string = UnsafeRawBufferPointer(start: nil, count: 0)
                    if !isNull {
                        i = next[f]
                        next[f] = i &+ 1  // < values.count, checked by leafColumn
                        if case .string = c.pointee.kind, let o = c.pointee.offsets {
                            string = UnsafeRawBufferPointer(start: c.pointee.values + o[i], count: o[i &+ 1] &- o[i])  // checked by leafColumn
                            if string.count <= Self.flatStringLimit { need &+= TextRendering.jsonEscapedRoom(string.count) }
                        }
                    }
                    if limit - p < need {
                        out.commit(upTo: p)
                        out.reserve(need)
                        p = out.writePointer
                        limit = out.writeLimit
                    }
                    for w in 0 ..< slot.wordCount { TextRendering.storeWord(keyWords[slot.firstWord &+ w], at: p + w &* 8) }
                    p += slot.length
                    if isNull {
                        TextRendering.storeWord(0x6C6C_756E, at: p)  // "null"
                        p += 4
                        continue
                    }
                    let v = c.pointee.values
                    switch c.pointee.kind {
                    case .int64:
                        p = TextRendering.storeInteger(v.load(fromByteOffset: i &* 8, as: Int64.self), to: p)
                    case .int32:
                        p = TextRendering.storeInteger(Int64(v.load(fromByteOffset: i &* 4, as: Int32.self)), to: p)
                    case .double:
                        p = TextRendering.storeJSONDouble(v.load(fromByteOffset: i &* 8, as: Double.self), to: p)
                    case .boolean:
                        let value = v.load(fromByteOffset: i, as: Bool.self)
                        TextRendering.storeWord(value ? 0x6575_7274 : 0x65_736C_6166, at: p)  // "true" / "false"
                        p += value ? 4 : 5
                    case .date:
                        p[0] = 0x22
                        p = dates[f].store(daysSinceEpoch: Int64(v.load(fromByteOffset: i &* 4, as: Int32.self)), to: p + 1)
                        p[0] = 0x22
                        p += 1
                    case .timestamp(let unit, let utc):
                        let (days, units) = TextRendering.splitDays(v.load(fromByteOffset: i &* 8, as: Int64.self), unit: unit)
                        p[0] = 0x22
                        p = TextRendering.storeDateTime(
                            days: days, unitsOfDay: units, unit: unit, separator: 0x54, utc: utc, cache: &dates[f], to: p + 1)
                        p[0] = 0x22
                        p += 1
                    case .string where c.pointee.offsets != nil && string.count <= Self.flatStringLimit:
                        // (FIXED_LEN_BYTE_ARRAY strings have no offsets: they take the generic route below.)
                        let n = string.count
                        let src = (string.baseAddress ?? UnsafeRawPointer(c.pointee.values)).assumingMemoryBound(to: UInt8.self)
                        var overread = false
                        if let end = stringEnds[f] { overread = end - (UnsafeRawPointer(src) + n) >= 7 }
                        p[0] = 0x22
                        p = TextRendering.storeJSONEscaped(src, from: 0, stop: n, end: n, overread: overread, to: p + 1).end
                        p[0] = 0x22
                        p += 1
                    default:
                        out.commit(upTo: p)
                        scratch.buffer.exchange(with: &out)
                        RowGroupRenderer.emitLeaf(c, i, into: &scratch)
                        scratch.buffer.exchange(with: &out)
                        p = out.writePointer
                        limit = out.writeLimit
                    }
                }
                if limit - p < 16 {
                    out.commit(upTo: p)
                    out.reserve(16)
                    p = out.writePointer
                    limit = out.writeLimit
                }
                p[0] = 0x7D  // "}", and "\n" for NDJSON
                p[1] = 0x0A
                p += isArray ? 1 : 2
                rowsDone &+= 1
            }
            out.commit(upTo: p)
        }
        }
        }
        }
        }
        rowCount = rowsDone
        self.started = started
    }
}
