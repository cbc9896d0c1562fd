import Foundation
import Parquet

/// An S3 client over libcurl: signed requests (SigV4, in Swift), retries with back-off, clear errors.
///
/// Blocking libcurl transfers run on the client's own worker threads (``S3Configuration/maxConcurrency``
/// of them, one easy handle each, connections kept alive), never on the Swift cooperative pool; callers
/// suspend until their transfer completes. Share one client between sources and tasks.
///
/// Every failure is a `ParquetError` with code `.io` (or `.cancelled`) and a message naming the object
/// and what to check; an error response of the server is attached as its `cause` (``S3ServiceError``).
public final class S3Client: Sendable {
    /// The configuration the client was made with.
    public let configuration: S3Configuration
    /// Traffic counters of everything this client sent.
    public let statistics = S3TransferStatistics()
    let pool: CurlWorkerPool
    let bucketRegions = BucketRegionCache()

    public init(configuration: S3Configuration) {
        self.configuration = configuration
        pool = CurlWorkerPool(threads: configuration.maxConcurrency, settings: CurlSettings(configuration))
    }

    deinit {
        pool.shutdown()
    }

    /// Runs one operation with signing, retries, region redirect and error mapping.
    func execute(_ operation: S3Operation, statistics extra: S3TransferStatistics? = nil) async throws -> HTTPResponse {
        let policy = configuration.retryPolicy
        var attempt = 0
        var followedRegion = false
        var lastProblem = ""
        let payloadHash = operation.body.map { SigV4Signer.sha256Hex($0) } ?? SigV4Signer.unsignedPayload
        while true {
            attempt += 1
            if Task.isCancelled { throw cancelled(operation) }
            let region = bucketRegions.region(for: operation.bucket) ?? configuration.region
            let request = httpRequest(for: operation, region: region, date: Date(), payloadHash: payloadHash)
            for stats in [statistics, extra].compactMap({ $0 }) {
                stats.recordRequest(method: operation.method, isRetry: attempt > 1, bytesSent: operation.body?.count ?? 0)
            }
            var throttled = false
            switch await pool.perform(request) {
            case .failure(let failure):
                if failure.kind == .cancelled { throw cancelled(operation) }
                lastProblem = failure.message
                guard failure.isRetryable else {
                    throw ParquetError(.io, "\(operation.summary) failed: \(failure.message)", cause: failure)
                }
            case .success(let response):
                if operation.acceptedStatuses.contains(response.status) {
                    switch operation.check(response) {
                    case .accept:
                        for stats in [statistics, extra].compactMap({ $0 }) { stats.recordReceived(response.body.count) }
                        return response
                    case .retry(let why):
                        lastProblem = why
                    case .fail(let error):
                        throw error
                    }
                } else {
                    let error = S3ServiceError(response: response)
                    if !followedRegion, let newRegion = error.bucketRegion, newRegion != region,
                        [301, 307, 400, 403].contains(error.status)
                    {
                        // The bucket lives elsewhere: remember its region and try again there, once.
                        followedRegion = true
                        bucketRegions.set(newRegion, for: operation.bucket)
                        attempt -= 1
                        continue
                    }
                    guard error.isRetryable else {
                        throw ParquetError(.io, message(for: error, operation: operation, region: region), cause: error)
                    }
                    throttled = error.isThrottling
                    lastProblem = error.description
                }
            }
            guard attempt < policy.maxAttempts else {
                throw ParquetError(
                    .io, "\(operation.summary) failed after \(attempt) attempt\(attempt == 1 ? "" : "s"): \(lastProblem)")
            }
            do {
                try await Task.sleep(for: policy.backoff(afterFailedAttempts: attempt, throttled: throttled))
            } catch {
                throw cancelled(operation)
            }
        }
    }

    private func cancelled(_ operation: S3Operation) -> ParquetError {
        ParquetError(.cancelled, "\(operation.summary) was cancelled")
    }

    /// Builds the signed HTTP request of one attempt.
    /// `payloadHash` is the body's SHA-256 (hex), or ``SigV4Signer/unsignedPayload`` for requests
    /// without a body.
    func httpRequest(for operation: S3Operation, region: String, date: Date, payloadHash: String) -> HTTPRequest {
        let target = self.target(bucket: operation.bucket, key: operation.key, region: region)
        var headers = [SigV4Request.Header("Host", target.host)] + operation.headers
        if let credentials = configuration.credentials {
            let payload = payloadHash
            let signer = SigV4Signer(credentials: credentials, region: region, service: "s3", options: .s3)
            let request = SigV4Request(
                method: operation.method, path: target.path, queryItems: operation.query, headers: headers,
                payloadHash: payload)
            headers += signer.sign(request, date: date).headers
        }
        var url = target.base + target.path
        if !operation.query.isEmpty { url += "?" + SigV4Signer.encodedQueryString(operation.query) }
        return HTTPRequest(
            method: operation.method, url: url, headers: headers, body: operation.body,
            maxResponseBytes: operation.maxResponseBytes, expectedResponseBytes: operation.expectedResponseBytes)
    }
}

/// Regions learnt from redirects, per bucket.
final class BucketRegionCache: @unchecked Sendable {
    // `regions` is only touched under `lock`, hence @unchecked Sendable.
    private let lock = NSLock()
    private var regions: [String: String] = [:]

    func region(for bucket: String) -> String? {
        lock.lock()
        defer { lock.unlock() }
        return regions[bucket]
    }

    func set(_ region: String, for bucket: String) {
        lock.lock()
        regions[bucket] = region
        lock.unlock()
    }
}
