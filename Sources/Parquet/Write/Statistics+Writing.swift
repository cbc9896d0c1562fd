extension Statistics {
    /// Statistics as this writer stores them: `min_value`/`max_value` (also the deprecated `min`/`max`
    /// when legacy signed comparison agrees with the order), byte strings longer than `truncateLength`
    /// truncated with `is_*_value_exact` false, null count, NaN count for floating-point orders.
    static func written(bounds: ValueBounds?, nullCount: Int, nanCount: Int, distinctCount: Int?,
                        order: StatisticsOrder, truncateLength: Int?, utf8: Bool) -> Statistics {
        var s = Statistics()
        s.nullCount = Int64(nullCount)
        if let distinctCount { s.distinctCount = Int64(distinctCount) }
        if order == .float || order == .double || order == .float16 { s.nanCount = Int64(nanCount) }
        guard let bounds, order != .undefined else { return s }
        var minValue = bounds.min, maxValue = bounds.max
        var minExact = true, maxExact = true
        if order.isTruncatable, let limit = truncateLength {
            if let m = StatisticsTruncation.truncatedMin(minValue, limit: limit, utf8: utf8) {
                minValue = m
                minExact = false
            }
            if let m = StatisticsTruncation.truncatedMax(maxValue, limit: limit, utf8: utf8) {
                maxValue = m
                maxExact = false
            }
        }
        s.minValue = minValue
        s.maxValue = maxValue
        s.isMinValueExact = minExact
        s.isMaxValueExact = maxExact
        if order.isLegacySigned {
            s.min = minValue
            s.max = maxValue
        }
        return s
    }
}

/// Running statistics of a column chunk, merged from its pages.
struct StatisticsAccumulator {
    var bounds: ValueBounds?
    var nullCount = 0
    var nanCount = 0

    mutating func add(_ pageBounds: ValueBounds?, nulls: Int, nans: Int, order: StatisticsOrder) {
        nullCount += nulls
        nanCount += nans
        guard let pageBounds else { return }
        if bounds == nil { bounds = pageBounds } else { bounds!.merge(pageBounds, order: order) }
    }
}
