import Foundation
import Parquet
@testable import ParquetS3
import Testing

/// Request construction, response checks and planning, without a server.
@Suite struct S3ClientUnitTests {
    static let credentials = S3Credentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret", sessionToken: "tok")

    func client(endpoint: String? = nil, style: S3AddressingStyle = .auto, credentials: S3Credentials? = credentials)
        throws -> S3Client
    {
        S3Client(configuration: S3Configuration(
            credentials: credentials, region: "eu-west-1", endpoint: try endpoint.map { try S3Endpoint(url: $0) },
            addressingStyle: style, maxConcurrency: 1))
    }

    @Test func addressing() throws {
        let aws = try client()
        let virtual = aws.target(bucket: "my-bucket", key: "a b/c+d.parquet", region: "eu-west-1")
        #expect(virtual.base == "https://my-bucket.s3.eu-west-1.amazonaws.com")
        #expect(virtual.path == "/a%20b/c%2Bd.parquet")
        // Dotted names cannot use the wildcard certificate: path style.
        let dotted = aws.target(bucket: "my.bucket", key: "k", region: "us-east-1")
        #expect(dotted.base == "https://s3.us-east-1.amazonaws.com" && dotted.path == "/my.bucket/k")
        let forcedPath = try client(style: .path).target(bucket: "my-bucket", key: "k", region: "eu-west-1")
        #expect(forcedPath.path == "/my-bucket/k")

        let custom = try client(endpoint: "http://127.0.0.1:9000/base")
        let t = custom.target(bucket: "b", key: "x/./y/../z", region: "eu-west-1")
        #expect(t.base == "http://127.0.0.1:9000" && t.host == "127.0.0.1:9000")
        #expect(t.path == "/base/b/x/./y/../z")
        #expect(custom.target(bucket: "b", key: nil, region: "eu-west-1").path == "/base/b")
        let customVirtual = try client(endpoint: "https://minio.local", style: .virtualHosted)
        #expect(customVirtual.target(bucket: "b", key: "k", region: "r").host == "b.minio.local")
        #expect(customVirtual.target(bucket: "b", key: nil, region: "r").path == "/")
    }

    @Test func signedAndAnonymousRequests() throws {
        var operation = S3Operation(method: "GET", bucket: "bkt", key: "k", query: [.init("list-type", "2"), .init("uploads")])
        operation.headers = [.init("Range", "bytes=0-9")]
        let date = Date(timeIntervalSince1970: 1_440_938_160)
        let signed = try client().httpRequest(
            for: operation, region: "eu-west-1", date: date, payloadHash: SigV4Signer.unsignedPayload)
        #expect(signed.url == "https://bkt.s3.eu-west-1.amazonaws.com/k?list-type=2&uploads")
        let names = signed.headers.map { $0.name.lowercased() }
        #expect(names == ["host", "range", "x-amz-date", "x-amz-security-token", "x-amz-content-sha256", "authorization"])
        let authorization = signed.headers.last!.value
        #expect(authorization.contains("Credential=AKIDEXAMPLE/20150830/eu-west-1/s3/aws4_request"))
        #expect(authorization.contains("SignedHeaders=host;range;x-amz-content-sha256;x-amz-date;x-amz-security-token"))
        // The same signature as the signer gives for that canonical request.
        let signer = SigV4Signer(credentials: Self.credentials, region: "eu-west-1")
        let expected = signer.sign(
            SigV4Request(
                method: "GET", path: "/k", queryItems: operation.query,
                headers: [.init("Host", "bkt.s3.eu-west-1.amazonaws.com"), .init("Range", "bytes=0-9")],
                payloadHash: SigV4Signer.unsignedPayload), date: date)
        #expect(authorization == expected.authorization)

        let anonymous = try client(credentials: nil).httpRequest(
            for: operation, region: "eu-west-1", date: date, payloadHash: SigV4Signer.unsignedPayload)
        #expect(anonymous.headers.map(\.name) == ["Host", "Range"])
    }

    @Test(arguments: [
        ("bytes 0-99/100", 0 ..< 100, 100),
        ("bytes 5-5/6", 5 ..< 6, 6),
        ("  bytes 10-19/*", 10 ..< 20, nil),
    ] as [(String, Range<Int64>, Int64?)])
    func contentRangeParses(_ text: String, _ range: Range<Int64>, _ total: Int64?) {
        let parsed = ContentRange(text)
        #expect(parsed?.range == range)
        #expect(parsed?.total == total)
    }

    @Test(arguments: [
        "bytes 10-5/100", "bytes 0-100/100", "bytes -1-5/10", "items 0-1/2", "bytes 0-1", "bytes a-b/c",
        "bytes 0-9223372036854775807/9223372036854775807", "bytes 0--1/0", "",
    ])
    func contentRangeRejects(_ text: String) {
        #expect(ContentRange(text) == nil)
    }

    func response(_ status: Int, _ headers: [(String, String)], body: Int) -> HTTPResponse {
        HTTPResponse(status: status, headers: headers.map { .init($0.0, $0.1) }, body: [UInt8](repeating: 7, count: body))
    }

    @Test func getResponsesAreChecked() {
        func verdict(_ r: HTTPResponse, _ range: S3ByteRange?) -> String {
            switch S3Client.checkGet(r, range: range, summary: "GET x") {
            case .accept: return "accept"
            case .retry: return "retry"
            case .fail: return "fail"
            }
        }
        let range = S3ByteRange.bounded(100 ..< 200)
        #expect(verdict(response(206, [("content-range", "bytes 100-199/1000")], body: 100), range) == "accept")
        #expect(verdict(response(206, [("content-range", "bytes 100-199/1000")], body: 99), range) == "retry")
        #expect(verdict(response(206, [("content-range", "bytes 101-200/1000")], body: 100), range) == "retry")
        #expect(verdict(response(206, [], body: 100), range) == "retry")
        #expect(verdict(response(206, [("content-range", "bytes 100-199/1000"), ("content-length", "120")], body: 100), range) == "retry")
        // A range reaching past the end is clamped by the server.
        #expect(verdict(response(206, [("content-range", "bytes 900-999/1000")], body: 100), .bounded(900 ..< 1200)) == "accept")
        #expect(verdict(response(206, [("content-range", "bytes 936-999/1000")], body: 64), .suffix(64)) == "accept")
        #expect(verdict(response(206, [("content-range", "bytes 0-999/1000")], body: 1000), .suffix(65536)) == "accept")
        #expect(verdict(response(200, [], body: 0), .suffix(65536)) == "accept")  // empty object
        #expect(verdict(response(200, [], body: 50), .bounded(100 ..< 200)) == "fail")
        let whole = S3Client.getResult(response(200, [("etag", "\"e\"")], body: 300), range: range)
        #expect(whole.range == 100 ..< 200 && whole.body.count == 100 && whole.objectSize == 300 && whole.etag == "\"e\"")
    }

    @Test func errorBodiesAreRead() {
        let xml = "<?xml version=\"1.0\"?><Error><Code>SlowDown</Code><Message>Reduce your rate</Message><RequestId>R1</RequestId></Error>"
        let error = S3ServiceError(response: HTTPResponse(status: 503, headers: [], body: Array(xml.utf8)))
        #expect(error.code == "SlowDown" && error.message == "Reduce your rate" && error.requestId == "R1")
        #expect(error.isRetryable && error.isThrottling)
        let head = S3ServiceError(response: HTTPResponse(status: 404, headers: [], body: []))
        #expect(head.code == "NotFound" && !head.isRetryable)
        let redirect = S3ServiceError(response: HTTPResponse(
            status: 301, headers: [.init("x-amz-bucket-region", "eu-west-2")], body: Array("not xml <".utf8)))
        #expect(redirect.code == "PermanentRedirect" && redirect.bucketRegion == "eu-west-2")
        let deep = String(repeating: "<a>", count: 200) + String(repeating: "</a>", count: 200)
        #expect(S3XMLElement.parse(Array(deep.utf8)) == nil)
    }

    @Test func backoffStaysWithinBounds() {
        let policy = S3RetryPolicy(maxAttempts: 5, initialBackoff: .milliseconds(100), maxBackoff: .seconds(1))
        for attempt in 1 ... 8 {
            for _ in 0 ..< 50 {
                let ceiling = min(Duration.milliseconds(100) * (1 << (attempt - 1)), .seconds(1))
                #expect(policy.backoff(afterFailedAttempts: attempt, throttled: false) <= ceiling)
                #expect(policy.backoff(afterFailedAttempts: attempt, throttled: true) <= .seconds(1))
            }
        }
        #expect(S3RetryPolicy(maxAttempts: 0).maxAttempts == 1)
        #expect(S3RetryPolicy.none.backoff(afterFailedAttempts: 100, throttled: true) <= .seconds(10))
    }

    /// Random range sets: the plan covers every requested byte, is sorted and disjoint, merges only
    /// across gaps up to the limit, and keeps each request within the size limit.
    @Test(arguments: [(0 as Int64, 1 << 20 as Int64), (1000, 5000), (1 << 20, 32 << 20), (0, 65536)])
    func coalescingPlan(_ gap: Int64, _ maxSpan: Int64) {
        var rng = SplitMix64(seed: UInt64(gap &+ maxSpan))
        for _ in 0 ..< 200 {
            let ranges: [Range<Int64>] = (0 ..< Int.random(in: 0 ... 12, using: &rng)).map { _ in
                let start = Int64.random(in: 0 ... 50_000_000, using: &rng)
                return start ..< start + Int64.random(in: 0 ... 3_000_000, using: &rng)
            }
            let plan = RangeCoalescer.plan(ranges, maxGap: gap, maxSpan: maxSpan)
            for (a, b) in zip(plan, plan.dropFirst()) { #expect(a.upperBound <= b.lowerBound) }
            #expect(plan.allSatisfy { !$0.isEmpty && $0.count <= maxSpan })
            for range in ranges where !range.isEmpty {
                // Covered: the spans overlapping it tile it without holes.
                var position = range.lowerBound
                for span in plan where span.upperBound > position && span.lowerBound <= position {
                    position = min(span.upperBound, range.upperBound)
                    if position == range.upperBound { break }
                }
                #expect(position == range.upperBound, "\(range) not covered by \(plan)")
            }
            // Consecutive spans separated by a hole are further apart than the gap limit.
            for (a, b) in zip(plan, plan.dropFirst()) where a.upperBound < b.lowerBound {
                #expect(b.lowerBound - a.upperBound > gap)
            }
            let requested = ranges.filter { !$0.isEmpty }
            #expect(plan.isEmpty == requested.isEmpty)
        }
    }
}
