// Runs a ZipWriter behind background threads: pieces of each entry are deflated in parallel (one
// thread per core) and written in order by one more thread, so rendering and deflate use every core.

import Parquet

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Drives a ``ZipWriter`` from background threads. The caller queues entry starts, data and ends;
/// data is copied into pooled slots, each slot is deflated as an independent piece (pigz-style: a
/// fresh stream ended by a sync flush) by one of the compressor threads, and one writer thread appends
/// the pieces in order (CRC-32s combined) and closes each entry with an empty final block. When every
/// slot is in flight the caller waits, so memory stays bounded (a few slots of `bufferSize`).
///
/// The first error is sticky: the threads skip the remaining work and every later call rethrows it.
/// The sink of the wrapped writer runs on the writer thread (one call at a time, in order).
final class ZipWorker: @unchecked Sendable {
    // @unchecked Sendable: every mutable field is read and written under `mutex`, except a slot's
    // buffers, which belong to exactly one thread at a time (caller → compressor → writer → pool), and
    // the wrapped ZipWriter, which only the writer thread touches once it runs.

    /// One piece of entry data on its way through the threads.
    final class Slot {
        let input: UnsafeMutableRawBufferPointer
        let output: UnsafeMutableRawBufferPointer
        var count = 0
        var deflatedCount = 0
        var crc: UInt32 = 0
        var done = false
        var error: ParquetError?

        init(inputSize: Int, outputSize: Int) {
            input = .allocate(byteCount: inputSize, alignment: 16)
            output = .allocate(byteCount: outputSize, alignment: 16)
        }

        deinit {
            input.deallocate()
            output.deallocate()
        }
    }

    private enum Job {
        case begin(String)
        case data(Slot)
        case end
        case add(String, [UInt8])
        case finish
        case abort
    }

    private let zip: ZipWriter
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let changed: UnsafeMutablePointer<pthread_cond_t>
    private var jobs = FIFO<Job>()
    private var pending = FIFO<Slot>()
    private var freeSlots: [Slot] = []
    private var failure: ParquetError?
    private var stopping = false
    private var written: UInt64 = 0
    private var threads: [pthread_t] = []
    /// Bytes per slot.
    let bufferSize: Int

    /// Starts one writer thread and `compressors` compressor threads (default: one per core, 1…8).
    init(zip: ZipWriter, bufferSize: Int, compressors: Int? = nil, compressionLevel: Int32) throws(ParquetError) {
        self.zip = zip
        self.bufferSize = bufferSize
        mutex = .allocate(capacity: 1)
        changed = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(changed, nil)
        let threadCount = max(1, min(compressors ?? Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), 8))
        var deflaters: [RawDeflater] = []
        for _ in 0 ..< threadCount { deflaters.append(try RawDeflater(level: compressionLevel)) }
        let outputSize = deflaters[0].pieceBound(bufferSize)
        for _ in 0 ..< threadCount + 2 { freeSlots.append(Slot(inputSize: bufferSize, outputSize: outputSize)) }
        try start { $0.runWriter() }
        for deflater in deflaters { try start { $0.runCompressor(deflater) } }
    }

    deinit {
        pthread_cond_destroy(changed)
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
        changed.deallocate()
    }

    /// Starts a thread running `body` on this worker.
    private func start(_ body: @escaping @Sendable (ZipWorker) -> Void) throws(ParquetError) {
        final class Start: @unchecked Sendable {
            let worker: ZipWorker
            let body: @Sendable (ZipWorker) -> Void
            init(_ worker: ZipWorker, _ body: @escaping @Sendable (ZipWorker) -> Void) {
                self.worker = worker
                self.body = body
            }
        }
        let context = Unmanaged.passRetained(Start(self, body)).toOpaque()
        #if canImport(Glibc)
        var handle = pthread_t()
        #else
        var handle: pthread_t?
        #endif
        let rc = pthread_create(&handle, nil, { context in
            let start = Unmanaged<Start>.fromOpaque(context!).takeRetainedValue()
            start.body(start.worker)
            return nil
        }, context)
        guard rc == 0 else {
            Unmanaged<Start>.fromOpaque(context).release()
            stopAll()
            throw ParquetError(.io, "could not start a compression thread (error \(rc))")
        }
        #if canImport(Glibc)
        threads.append(handle)
        #else
        threads.append(handle!)
        #endif
    }

    private func locked<R>(_ body: () -> R) -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return body()
    }

    /// Queues `job`; after a failure only control jobs (`always`) are queued and the failure is thrown.
    private func enqueue(_ job: Job, always: Bool = false) throws(ParquetError) {
        let error: ParquetError? = locked {
            if failure == nil || always { jobs.append(job) }
            pthread_cond_broadcast(changed)
            return failure
        }
        if let error { throw error }
    }

    /// Bytes the wrapped writer has passed to its sink so far.
    var bytesWritten: UInt64 { locked { written } }

    /// Queues the start of an entry (its data must come through ``write(_:)``).
    func beginEntry(name: String) throws(ParquetError) { try enqueue(.begin(name)) }

    /// Queues the end of the open entry.
    func endEntry() throws(ParquetError) { try enqueue(.end) }

    /// Queues a whole (small) entry, deflated by the writer thread.
    func addEntry(name: String, contents: [UInt8]) throws(ParquetError) { try enqueue(.add(name, contents)) }

    /// Copies `bytes` into slots (waiting for free ones) and queues them for parallel deflate.
    func write(_ bytes: UnsafeRawBufferPointer) throws(ParquetError) {
        var offset = 0
        while offset < bytes.count {
            let outcome: Result<Slot, ParquetError> = locked {
                while freeSlots.isEmpty && failure == nil { pthread_cond_wait(changed, mutex) }
                if let failure { return .failure(failure) }
                return .success(freeSlots.removeLast())
            }
            let slot = try outcome.get()
            let count = min(bufferSize, bytes.count - offset)
            slot.input.baseAddress!.copyMemory(from: bytes.baseAddress! + offset, byteCount: count)
            slot.count = count
            slot.done = false
            slot.error = nil
            offset += count
            let error: ParquetError? = locked {
                if failure == nil {
                    pending.append(slot)
                    jobs.append(.data(slot))
                } else {
                    freeSlots.append(slot)
                }
                pthread_cond_broadcast(changed)
                return failure
            }
            if let error { throw error }
        }
    }

    /// Queues the central directory, waits for all threads and rethrows the first error, if any.
    func finish() throws(ParquetError) {
        _ = try? enqueue(.finish, always: true)
        joinAll()
        if let error = locked({ failure }) { throw error }
    }

    /// Stops the threads without finishing the archive (error paths); idempotent.
    func abort() {
        locked {
            jobs.append(.abort)
            pthread_cond_broadcast(changed)
        }
        joinAll()
    }

    /// Asks every thread to stop once its queue is drained.
    private func stopAll() {
        locked {
            stopping = true
            jobs.append(.abort)  // wakes the writer thread if it is still waiting
            pthread_cond_broadcast(changed)
        }
    }

    private func joinAll() {
        let handles = threads
        threads = []
        for handle in handles { pthread_join(handle, nil) }
    }

    private func fail(_ error: ParquetError) {
        locked {
            if failure == nil { failure = error }
            pthread_cond_broadcast(changed)
        }
    }

    /// Compressor thread: deflates pending slots as independent pieces.
    private func runCompressor(_ deflater: RawDeflater) {
        while true {
            let next: Slot? = locked {
                while pending.isEmpty && !stopping { pthread_cond_wait(changed, mutex) }
                return pending.popFirst()
            }
            guard let slot = next else { return }
            let input = UnsafeRawBufferPointer(start: slot.input.baseAddress, count: slot.count)
            do {
                slot.deflatedCount = try deflater.compressPiece(input, into: slot.output)
                slot.crc = crc32Update(0, input)
            } catch {
                slot.error = error
            }
            locked {
                slot.done = true
                pthread_cond_broadcast(changed)
            }
        }
    }

    /// Writer thread: performs the jobs in order, appending each deflated slot once it is done.
    private func runWriter() {
        defer { stopAll() }
        while true {
            let next: Job? = locked {
                while jobs.isEmpty { pthread_cond_wait(changed, mutex) }
                return jobs.popFirst()
            }
            guard let job = next else { return }
            let skip = locked { failure != nil }
            do throws(ParquetError) {
                switch job {
                case .begin(let name): if !skip { try zip.beginEntry(name: name) }
                case .data(let slot):
                    locked { while !slot.done { pthread_cond_wait(changed, mutex) } }
                    defer {
                        locked {
                            freeSlots.append(slot)
                            pthread_cond_broadcast(changed)
                        }
                    }
                    if let error = slot.error { throw error }
                    if !skip {
                        try zip.writeDeflatedPiece(UnsafeRawBufferPointer(start: slot.output.baseAddress, count: slot.deflatedCount),
                                                   crc: slot.crc, uncompressedCount: slot.count)
                    }
                case .end: if !skip { try zip.endEntryOfPieces() }
                case .add(let name, let contents): if !skip { try zip.addEntry(name: name, contents: contents) }
                case .finish:
                    if !skip { try zip.finish() }
                    let total = zip.bytesWritten
                    locked { written = total }
                    return
                case .abort:
                    return
                }
                let total = zip.bytesWritten
                locked { written = total }
            } catch {
                fail(error)
            }
        }
    }
}

/// A first-in first-out queue over an array with a moving head (amortised O(1) pops).
struct FIFO<Element> {
    private var items: [Element] = []
    private var head = 0

    var isEmpty: Bool { head == items.count }

    mutating func append(_ element: Element) { items.append(element) }

    mutating func popFirst() -> Element? {
        guard head < items.count else { return nil }
        let element = items[head]
        head += 1
        if head > 64 && head * 2 > items.count {  // drop the consumed prefix now and then
            items.removeFirst(head)
            head = 0
        }
        return element
    }
}
