// What the flat-row loops of the CSV and JSON writers need to know about a row group's columns.

extension RowGroupRenderer {
    /// Whether the flat-row loops can render these rows: at least one column, and every column a flat
    /// leaf (no list, map or struct around it).
    var hasOnlyFlatColumns: Bool {
        !columns.isEmpty && !columns.contains { $0.nested >= 0 }
    }

    /// The columns for rows `rows`, where a column without a null in those rows drops its levels: the
    /// loops then read no level for it.
    func flatColumns(rows: Range<Int>) -> [LeafColumn] {
        columns.map { c in
            var c = c
            if let levels = c.levels, Self.allDefined(levels, rows, c.maxDefinitionLevel) { c.levels = nil }
            return c
        }
    }

    /// Where each string column's byte storage ends (nil for other columns), so that strings followed by
    /// at least seven more bytes of it may be scanned a whole word at a time.
    func stringStorageEnds() -> [UnsafeRawPointer?] {
        columns.map { c in
            guard c.offsets != nil else { return nil }
            for batch in batches {
                if case .byteArray(let a) = batch.values, Self.base(a.bytes) == c.values {
                    return c.values + a.bytes.count
                }
            }
            return nil
        }
    }

    /// Whether every level of `rows` equals `maxDefinitionLevel`.
    static func allDefined(_ levels: UnsafePointer<Int16>, _ rows: Range<Int>, _ maxDefinitionLevel: Int16) -> Bool {
        var differ: Int16 = 0
        for row in rows { differ |= levels[row] ^ maxDefinitionLevel }  // branch-free, so it vectorizes
        return differ == 0
    }
}
