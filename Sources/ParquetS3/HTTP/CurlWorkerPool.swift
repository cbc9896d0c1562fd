import Foundation

/// A fixed set of worker threads, each owning one curl easy handle, that run blocking transfers off
/// the Swift cooperative pool. Callers suspend on a continuation until their transfer completes; the
/// number of threads is the client's concurrency limit (further requests wait in the queue).
final class CurlWorkerPool: @unchecked Sendable {
    // `queue`, `head` and `isShutDown` are only touched under `condition`, hence @unchecked Sendable.
    private let condition = NSCondition()
    private var queue: [Job] = []
    private var head = 0
    private var isShutDown = false
    private let settings: CurlSettings

    /// One queued request and the continuation waiting for it.
    final class Job: @unchecked Sendable {
        // `continuation` is set before the job is queued and resumed once by the worker that runs it.
        let request: HTTPRequest
        let cancellation = CancellationFlag()
        var continuation: CheckedContinuation<Result<HTTPResponse, TransportError>, Never>?

        init(_ request: HTTPRequest) { self.request = request }
    }

    init(threads: Int, settings: CurlSettings) {
        self.settings = settings
        for index in 0 ..< max(1, threads) {
            let thread = Thread { [self] in self.run() }
            thread.name = "ParquetS3.curl.\(index)"
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    /// Runs `request` on a worker thread. Task cancellation aborts a queued or running transfer.
    func perform(_ request: HTTPRequest) async -> Result<HTTPResponse, TransportError> {
        let job = Job(request)
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                job.continuation = continuation
                enqueue(job)
            }
        } onCancel: {
            job.cancellation.set()
        }
    }

    /// Stops the workers once the queue is drained of running work; queued jobs fail as cancelled.
    func shutdown() {
        condition.lock()
        isShutDown = true
        let abandoned = queue[head...]
        queue.removeAll()
        head = 0
        condition.broadcast()
        condition.unlock()
        for job in abandoned {
            job.continuation?.resume(returning: .failure(
                TransportError(kind: .cancelled, curlCode: -1, message: "the S3 client was shut down")))
        }
    }

    private func enqueue(_ job: Job) {
        condition.lock()
        if isShutDown {
            condition.unlock()
            job.continuation?.resume(returning: .failure(
                TransportError(kind: .cancelled, curlCode: -1, message: "the S3 client was shut down")))
            return
        }
        queue.append(job)
        condition.signal()
        condition.unlock()
    }

    private func next() -> Job? {
        condition.lock()
        defer { condition.unlock() }
        while head == queue.count && !isShutDown { condition.wait() }
        if isShutDown { return nil }
        let job = queue[head]
        head += 1
        if head > 64 && head * 2 > queue.count {
            queue.removeFirst(head)
            head = 0
        }
        return job
    }

    private func run() {
        let easy = CurlEasyHandle(settings: settings)
        while let job = next() {
            let result: Result<HTTPResponse, TransportError>
            if job.cancellation.isSet {
                result = .failure(TransportError(kind: .cancelled, curlCode: -1, message: "cancelled"))
            } else if let easy {
                result = easy.perform(job.request, cancellation: job.cancellation)
            } else {
                result = .failure(TransportError(kind: .other, curlCode: -1, message: "libcurl could not be initialised"))
            }
            job.continuation?.resume(returning: result)
            job.continuation = nil
        }
    }
}
