// The fast route for rows of flat columns: one loop that writes fields straight into the output through
// a cursor, with one room check per value and no per-value writer calls (as JSONWriter+FlatRows).

import Parquet

extension CSVWriter {
    /// Largest string field stored inline by the flat row loop (longer ones take ``TextRendering/appendCSVField(_:delimiter:formulaGuard:forceQuotes:to:)``,
    /// so the loop never reserves much more than this).
    static let flatStringLimit = 1 << 16

    /// Renders rows `range` of `renderer` as ``RowGroupRenderer/renderSlice(rows:next:into:)`` would
    /// (same bytes), through ``storeFlatRows(of:rows:next:)`` when every field is a flat leaf.
    mutating func renderRows(of renderer: RowGroupRenderer, rows range: Range<Int>, next: UnsafeMutablePointer<Int>) throws(ParquetError) {
        guard renderer.hasOnlyFlatColumns, renderer.columns.count == columnCount, nested.depth == 0 else {
            return try renderer.renderSlice(rows: range, next: next, into: &self)
        }
        storeFlatRows(of: renderer, rows: range, next: next)
    }

    /// The flat-row loop: values stored by the `TextRendering` store functions, strings copied a word at
    /// a time when they need no quotes, rarer kinds and strings that need quotes through the generic
    /// writer methods.
    mutating func storeFlatRows(of renderer: RowGroupRenderer, rows range: Range<Int>, next: UnsafeMutablePointer<Int>) {
        let columns = renderer.flatColumns(rows: range)
        let count = columns.count
        let stringEnds = renderer.stringStorageEnds()
        let delimiter = self.delimiter
        let formulaGuard = options.formulaGuard
        let crlf = options.lineTerminator == .crlf
        let nullCount = nullText.count
        // The null text as whole words (zero-padded), stored a word at a time.
        var nullWords = [UInt64](repeating: 0, count: (nullCount &+ 7) &>> 3)
        nullWords.withUnsafeMutableBytes { $0.copyBytes(from: nullText) }
        // The output moves into a local for the loop (no access to `self` inside), and back after it.
        var out = OutputBuffer(capacity: 64)
        out.exchange(with: &buffer)
        defer { out.exchange(with: &buffer) }
        // Rare kinds go through a writer with these settings that borrows `out` for one value.
        var scratch = CSVWriter(settingsOf: self)
        // The last date text of each column (timestamps in order share their day for many rows).
        var dates = [DateTextCache](repeating: DateTextCache(), count: count)
        columns.withUnsafeBufferPointer { cols in
        stringEnds.withUnsafeBufferPointer { stringEnds in
        nullWords.withUnsafeBufferPointer { nullWords in
        nullText.withUnsafeBufferPointer { nullBytes in
        dates.withUnsafeMutableBufferPointer { dates in
            let fields = cols.baseAddress!
            let nullRoom = nullWords.count &* 8
            // Each field reserves room for its text, slack, the delimiter after it and, for the last
            // field, the line terminator that replaces that delimiter (one more byte for CRLF).
            var p = out.writePointer
            var limit = out.writeLimit
            for row in range {
                for f in 0 ..< count {
                    let c = fields + f
                    var isNull = false
                    if let levels = c.pointee.levels { isNull = levels[row] != c.pointee.maxDefinitionLevel }
                    var i = 0
                    var need = 80 &+ nullRoom  // the longest fixed-width value, slack, delimiter/terminator
                    var string = UnsafeRawBufferPointer(start: nil, count: 0)
                    var inlineString = false
                    if !isNull {
                        i = next[f]
                        next[f] = i &+ 1  // < values.count, checked by leafColumn
                        if case .string = c.pointee.kind, let o = c.pointee.offsets {
                            string = UnsafeRawBufferPointer(start: c.pointee.values + o[i], count: o[i &+ 1] &- o[i])  // checked by leafColumn
                            inlineString = string.count <= Self.flatStringLimit
                            if inlineString { need &+= string.count }
                        }
                    }
                    if limit - p < need {
                        out.commit(upTo: p)
                        out.reserve(need)
                        p = out.writePointer
                        limit = out.writeLimit
                    }
                    if isNull {
                        for w in 0 ..< nullWords.count { TextRendering.storeWord(nullWords[w], at: p + w &* 8) }
                        p += nullCount
                        p[0] = delimiter
                        p += 1
                        continue
                    }
                    let v = c.pointee.values
                    switch c.pointee.kind {
                    case .int64:
                        p = TextRendering.storeInteger(v.load(fromByteOffset: i &* 8, as: Int64.self), to: p)
                    case .int32:
                        p = TextRendering.storeInteger(Int64(v.load(fromByteOffset: i &* 4, as: Int32.self)), to: p)
                    case .uint64:
                        p = TextRendering.storeInteger(UInt64(bitPattern: v.load(fromByteOffset: i &* 8, as: Int64.self)), to: p)
                    case .double:
                        p = TextRendering.storeDouble(v.load(fromByteOffset: i &* 8, as: Double.self), nonFinite: .text, to: p)
                    case .float:
                        p = TextRendering.storeFloat(v.load(fromByteOffset: i &* 4, as: Float.self), nonFinite: .text, to: p)
                    case .boolean:
                        let value = v.load(fromByteOffset: i, as: Bool.self)
                        TextRendering.storeWord(value ? 0x6575_7274 : 0x65_736C_6166, at: p)  // "true" / "false"
                        p += value ? 4 : 5
                    case .date:
                        p = dates[f].store(daysSinceEpoch: Int64(v.load(fromByteOffset: i &* 4, as: Int32.self)), to: p)
                    case .time32(let unit):
                        p = TextRendering.storeTime(Int64(v.load(fromByteOffset: i &* 4, as: Int32.self)), unit: unit, to: p)
                    case .time64(let unit):
                        p = TextRendering.storeTime(v.load(fromByteOffset: i &* 8, as: Int64.self), unit: unit, to: p)
                    case .timestamp(let unit, let utc):
                        let (days, units) = TextRendering.splitDays(v.load(fromByteOffset: i &* 8, as: Int64.self), unit: unit)
                        p = TextRendering.storeDateTime(
                            days: days, unitsOfDay: units, unit: unit, separator: 0x20, utc: utc, cache: &dates[f], to: p)
                    case .string where inlineString:
                        let n = string.count
                        let src = (string.baseAddress ?? UnsafeRawPointer(v)).assumingMemoryBound(to: UInt8.self)
                        var overread = false
                        if let end = stringEnds[f] { overread = end - (UnsafeRawPointer(src) + n) >= 7 }
                        // A string equal to the null text is quoted (forceQuotes): the generic route.
                        let equalsNull = n == nullCount && string.elementsEqual(UnsafeRawBufferPointer(nullBytes))
                        let guarded = formulaGuard && n > 0 && TextRendering.startsFormula(src[0])
                        p[0] = 0x27  // "'", kept only when guarded
                        if !equalsNull, let end = TextRendering.storeUnquotedCSVField(
                            src, count: n, delimiter: delimiter, overread: overread, to: guarded ? p + 1 : p) {
                            p = end
                        } else {
                            out.commit(upTo: p)
                            TextRendering.appendCSVField(
                                string, delimiter: delimiter, formulaGuard: formulaGuard, forceQuotes: equalsNull, to: &out)
                            out.reserve(2)
                            p = out.writePointer
                            limit = out.writeLimit
                        }
                    default:
                        out.commit(upTo: p)
                        scratch.column = 0
                        scratch.buffer.exchange(with: &out)
                        RowGroupRenderer.emitLeaf(c, i, into: &scratch)
                        scratch.buffer.exchange(with: &out)
                        out.reserve(2)
                        p = out.writePointer
                        limit = out.writeLimit
                    }
                    p[0] = delimiter
                    p += 1
                }
                // The last field's delimiter becomes the line terminator (its room was reserved).
                if crlf {
                    p[-1] = 0x0D
                    p[0] = 0x0A
                    p += 1
                } else {
                    p[-1] = 0x0A
                }
            }
            out.commit(upTo: p)
        }
        }
        }
        }
        }
        rowCount &+= range.count  // rows of one row group, far below Int.max
    }
}
