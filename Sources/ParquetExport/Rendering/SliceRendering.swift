// Rendering the rows of a row group on every core: slices rendered in parallel, written in order.

import Foundation
import Parquet

/// A text writer whose rows can be rendered by independent copies ("slice writers") on other threads
/// and concatenated: CSV and JSON, whose row text depends only on the row (and, for a JSON array,
/// on whether a row precedes it).
protocol SliceRowWriter: RowWriter, ~Copyable {
    /// An empty writer with the same settings whose rows follow others (no header, no opening bracket).
    func makeSliceWriter() -> Self
    /// Prepares a slice writer for a slice whose first row is (or is not) preceded by a row.
    mutating func startSlice(followsRows: Bool)
    /// Before slices are appended: writes what precedes the first row (a JSON array's bracket).
    mutating func prepareForSlices()
    /// Counts `rows` rendered by slice writers as written by this writer.
    mutating func countSliceRows(_ rows: Int)
    /// Rows ended so far.
    var rowCount: Int { get }
    /// The output written so far.
    var buffer: OutputBuffer { get set }
    /// Slice buffers kept between row groups (so their pages are touched once per export).
    var slicePool: SliceTextPool { get }
    /// Renders rows `range` of `renderer` whose first values are at `next` (one index per field, advanced
    /// as values are consumed), exactly as ``RowGroupRenderer/renderSlice(rows:next:into:)`` would; a
    /// writer may take a faster route to the same bytes. The range must have passed `check`.
    mutating func renderRows(of renderer: RowGroupRenderer, rows range: Range<Int>, next: UnsafeMutablePointer<Int>) throws(ParquetError)
}

extension SliceRowWriter where Self: ~Copyable {
    /// The generic route: one `RowWriter` call per value.
    mutating func renderRows(of renderer: RowGroupRenderer, rows range: Range<Int>, next: UnsafeMutablePointer<Int>) throws(ParquetError) {
        try renderer.renderSlice(rows: range, next: next, into: &self)
    }
}

/// Rendered-slice buffers of one writer, reused from row group to row group.
final class SliceTextPool: @unchecked Sendable {
    // @unchecked Sendable: only touched under the lock of the `SliceSchedule` using it.
    var texts: [SliceText] = []
    init() {}
}

/// One rendered slice's text, pooled for reuse.
final class SliceText {
    var buffer: OutputBuffer
    init(capacity: Int) { buffer = OutputBuffer(capacity: capacity) }
}

/// Shared state of one parallel rendering: which slice comes next, finished slices waiting to be
/// written, the buffer pool, and the first error.
final class SliceSchedule: @unchecked Sendable {
    // @unchecked Sendable: every field is read and written under `lock`; a SliceText belongs to one
    // thread at a time (pool → renderer → writer → pool).
    /// Guards every field; waited on by renderers that are too far ahead of the writing.
    let lock = NSCondition()
    var nextSlice = 0
    var nextToWrite = 0
    var writing = false
    var finished: [Int: SliceText] = [:]
    var failure: (any Error)?
    /// The writer's buffers (accessed under `lock`).
    let pool: SliceTextPool
    init(pool: SliceTextPool) { self.pool = pool }
}

extension RowGroupRenderer {
    /// Renders rows `range` on up to `threads` threads in slices and passes the text to `sink` in row
    /// order (the sink is called by one thread at a time, not necessarily the caller's). Text already
    /// in `w.buffer` goes first. The text is the same as ``render(rows:into:)`` followed by flushing.
    mutating func renderInParallel<W: SliceRowWriter & ~Copyable>(
        rows range: Range<Int>, into w: inout W, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
        sink: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        let sliceRows = 8_192
        if threads <= 1 || range.count < 2 * sliceRows {
            try check(range)
            let end = valueIndices(from: range.lowerBound, valueIndex, at: [range.upperBound])
            var next = valueIndex
            let renderer = self
            try next.withUnsafeMutableBufferPointer { next throws(ParquetError) in
                try w.renderRows(of: renderer, rows: range, next: next.baseAddress!)
            }
            valueIndex = end
            try w.buffer.flush(ifAtLeast: 1 << 20) { try sink($0) }
            return
        }
        try check(range)
        try w.buffer.flush(ifAtLeast: 0) { try sink($0) }
        let followsRows = w.rowCount > 0
        w.prepareForSlices()
        try w.buffer.flush(ifAtLeast: 0) { try sink($0) }
        let starts = Array(stride(from: range.lowerBound, to: range.upperBound, by: sliceRows))
        let indices = valueIndices(from: range.lowerBound, valueIndex, at: starts + [range.upperBound])
        let fieldCount = columns.count
        let schedule = SliceSchedule(pool: w.slicePool)
        let renderer = self
        // One slice writer per thread; the closures run only during `concurrentPerform`, so the
        // non-escaping sink and the writers outlive every use.
        let writers = UnsafeMutablePointer<W>.allocate(capacity: threads)
        for t in 0 ..< threads { (writers + t).initialize(to: w.makeSliceWriter()) }
        defer {
            writers.deinitialize(count: threads)
            writers.deallocate()
        }
        let capacity = 4 << 20
        let maxAhead = 2 * threads
        withoutActuallyEscaping(sink) { sink in
        let shared = UncheckedSendable(value: (writers, sink))
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            let (writers, sink) = shared.value
            let next = UnsafeMutablePointer<Int>.allocate(capacity: max(fieldCount, 1))
            defer { next.deallocate() }
            while true {
                schedule.lock.lock()
                // A renderer at most `maxAhead` slices ahead of the one written next waits, so rendered
                // text waiting to be written stays bounded (a slow write cannot pile slices up).
                while schedule.nextSlice < starts.count && schedule.failure == nil
                    && schedule.nextSlice >= schedule.nextToWrite + maxAhead {
                    schedule.lock.wait()
                }
                let k = schedule.nextSlice
                let stop = k >= starts.count || schedule.failure != nil
                schedule.nextSlice += 1
                let text = stop ? nil : (schedule.pool.texts.popLast() ?? SliceText(capacity: capacity))
                schedule.lock.unlock()
                guard let text else { return }
                for f in 0 ..< fieldCount { next[f] = indices[k * fieldCount + f] }
                let rows = starts[k] ..< (k + 1 < starts.count ? starts[k + 1] : range.upperBound)
                writers[t].startSlice(followsRows: followsRows || k > 0)
                writers[t].buffer.exchange(with: &text.buffer)
                var failed: (any Error)?
                do { try writers[t].renderRows(of: renderer, rows: rows, next: next) } catch { failed = error }
                writers[t].buffer.exchange(with: &text.buffer)
                // Hand the text over; whoever finds the next slice in order ready writes it.
                schedule.lock.lock()
                if let failed, schedule.failure == nil {
                    schedule.failure = failed
                    schedule.lock.broadcast()
                }
                schedule.finished[k] = text
                if schedule.writing {
                    schedule.lock.unlock()
                    continue
                }
                schedule.writing = true
                while let ready = schedule.finished.removeValue(forKey: schedule.nextToWrite) {
                    let ok = schedule.failure == nil
                    schedule.lock.unlock()
                    var error: (any Error)?
                    if ok {
                        do { try ready.buffer.withUnsafeBytes { try sink($0) } } catch let e { error = e }
                    }
                    ready.buffer.removeAll()
                    schedule.lock.lock()
                    if let error, schedule.failure == nil { schedule.failure = error }
                    schedule.pool.texts.append(ready)
                    schedule.nextToWrite += 1
                    schedule.lock.broadcast()
                }
                schedule.writing = false
                schedule.lock.unlock()
            }
        }
        }
        if let failure = schedule.failure { throw failure }
        valueIndex = Array(indices[(indices.count - fieldCount)...])
        w.countSliceRows(range.count)
    }
}

/// Carries values into a `@Sendable` closure that provably runs before they go away.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
}
