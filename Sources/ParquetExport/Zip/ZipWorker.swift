// Runs a ZipWriter on a background thread so deflate overlaps with rendering (two cores).

import Parquet

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Drives a ``ZipWriter`` from one background thread: the caller queues entry starts, data and ends,
/// the thread deflates and writes them in order. Data is copied into a small pool of buffers; when all
/// are in flight the caller waits, so memory stays bounded.
///
/// The first error is sticky: the thread skips the remaining work and every later call rethrows it.
/// The sink of the wrapped writer runs on the background thread (one call at a time, in order).
final class ZipWorker: @unchecked Sendable {
    // @unchecked Sendable: every mutable field below is read and written under `mutex`; the wrapped
    // ZipWriter is only touched by the background thread once it runs.

    private enum Job {
        case begin(String)
        case data(UnsafeMutableRawBufferPointer, count: Int)
        case end
        case add(String, [UInt8])
        case finish
        case abort
    }

    private let zip: ZipWriter
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let changed: UnsafeMutablePointer<pthread_cond_t>
    private var jobs: [Job] = []
    private var jobsHead = 0
    private var freeBuffers: [UnsafeMutableRawBufferPointer] = []
    private var allBuffers: [UnsafeMutableRawBufferPointer] = []
    private var failure: ParquetError?
    private var exited = false
    private var written: UInt64 = 0
    private var thread: pthread_t?
    /// Size of each pooled buffer.
    let bufferSize: Int

    /// Starts the thread for `zip`, with `bufferCount` buffers of `bufferSize` bytes.
    init(zip: ZipWriter, bufferSize: Int, bufferCount: Int = 3) throws(ParquetError) {
        self.zip = zip
        self.bufferSize = bufferSize
        mutex = .allocate(capacity: 1)
        changed = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(changed, nil)
        for _ in 0 ..< bufferCount {
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bufferSize, alignment: 16)
            allBuffers.append(buffer)
            freeBuffers.append(buffer)
        }
        let context = Unmanaged.passRetained(self).toOpaque()
        #if canImport(Glibc)
        var handle = pthread_t()
        #else
        var handle: pthread_t?
        #endif
        let rc = pthread_create(&handle, nil, { context in
            let worker = Unmanaged<ZipWorker>.fromOpaque(context!).takeRetainedValue()
            worker.run()
            return nil
        }, context)
        guard rc == 0 else {
            Unmanaged<ZipWorker>.fromOpaque(context).release()
            throw ParquetError(.io, "could not start the compression thread (error \(rc))")
        }
        thread = handle
    }

    deinit {
        for buffer in allBuffers { buffer.deallocate() }
        pthread_cond_destroy(changed)
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
        changed.deallocate()
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

    /// Queues the start of an entry.
    func beginEntry(name: String) throws(ParquetError) { try enqueue(.begin(name)) }

    /// Queues the end of the open entry.
    func endEntry() throws(ParquetError) { try enqueue(.end) }

    /// Queues a whole entry.
    func addEntry(name: String, contents: [UInt8]) throws(ParquetError) { try enqueue(.add(name, contents)) }

    /// Copies `bytes` into pooled buffers (waiting for a free one) and queues them.
    func write(_ bytes: UnsafeRawBufferPointer) throws(ParquetError) {
        var offset = 0
        while offset < bytes.count {
            let outcome: Result<UnsafeMutableRawBufferPointer, ParquetError> = locked {
                while freeBuffers.isEmpty && failure == nil { pthread_cond_wait(changed, mutex) }
                if let failure { return .failure(failure) }
                return .success(freeBuffers.removeLast())
            }
            let buffer = try outcome.get()
            let count = min(bufferSize, bytes.count - offset)
            buffer.baseAddress!.copyMemory(from: bytes.baseAddress! + offset, byteCount: count)
            offset += count
            try enqueue(.data(buffer, count: count))
        }
    }

    /// Queues the central directory, waits for the thread to finish and rethrows its error, if any.
    func finish() throws(ParquetError) {
        _ = try? enqueue(.finish, always: true)
        join()
        if let error = locked({ failure }) { throw error }
    }

    /// Stops the thread without finishing the archive (error paths); idempotent.
    func abort() {
        locked {
            jobs.append(.abort)
            pthread_cond_broadcast(changed)
        }
        join()
    }

    private func join() {
        guard let handle = thread else { return }
        thread = nil
        pthread_join(handle, nil)
    }

    private func run() {
        while true {
            let job: Job = locked {
                while jobsHead == jobs.count { pthread_cond_wait(changed, mutex) }
                let job = jobs[jobsHead]
                jobsHead += 1
                if jobsHead > 64 && jobsHead * 2 > jobs.count {
                    jobs.removeFirst(jobsHead)
                    jobsHead = 0
                }
                return job
            }
            let skip = locked { failure != nil }
            do throws(ParquetError) {
                switch job {
                case .begin(let name): if !skip { try zip.beginEntry(name: name) }
                case .data(let buffer, let count):
                    defer {
                        locked {
                            freeBuffers.append(buffer)
                            pthread_cond_broadcast(changed)
                        }
                    }
                    if !skip { try zip.write(UnsafeRawBufferPointer(start: buffer.baseAddress, count: count)) }
                case .end: if !skip { try zip.endEntry() }
                case .add(let name, let contents): if !skip { try zip.addEntry(name: name, contents: contents) }
                case .finish:
                    if !skip { try zip.finish() }
                    locked { written = zip.bytesWritten; exited = true; pthread_cond_broadcast(changed) }
                    return
                case .abort:
                    locked { exited = true; pthread_cond_broadcast(changed) }
                    return
                }
                let total = zip.bytesWritten
                locked { written = total }
            } catch {
                locked {
                    if failure == nil { failure = error }
                    pthread_cond_broadcast(changed)
                }
            }
        }
    }
}
