import Foundation
import Parquet
import ParquetS3
import Testing

/// The objects of the fault suite: one per test so proxy rules (matched by key) never collide.
enum FaultObjects {
    /// Larger than the tail the S3 source caches at open (256 KiB), so ranged reads need GETs.
    static let size = 1 << 20
    static let faults = ["reset", "500", "503", "429", "truncate", "short", "wrongrange", "stall"]

    static func bytes(_ key: String) -> [UInt8] {
        LocalServers.bytes(count: size, seed: key.utf8.reduce(UInt64(7)) { $0 &* 31 &+ UInt64($1) })
    }

    static func all() -> [String: [UInt8]] {
        var objects: [String: [UInt8]] = [:]
        for key in faults.map({ "fault-\($0).bin" }) + [
            "budget-503.bin", "budget-truncate.bin", "budget-short.bin", "redirect-once.bin", "redirect-twice.bin",
            "counted.bin", "cancelled.bin", "keepalive.bin",
        ] {
            objects[key] = bytes(key)
        }
        return objects
    }
}

@Suite(
    .enabled(if: MotoServer.isInstalled, MotoServer.notInstalled),
    .motoServer(withProxy: true, objects: FaultObjects.all))
struct S3FaultTests {
    var moto: MotoServer { MotoServer.current! }
    var proxy: FaultProxy { moto.proxy! }
    let bucket = MotoServer.bucket
    /// Outside the tail cached at open, so it needs its own GET.
    let range: Range<Int64> = 1000 ..< 150_000

    func expected(_ key: String) -> [UInt8] {
        Array(moto.objects[key]![Int(range.lowerBound) ..< Int(range.upperBound)])
    }

    @Test(arguments: FaultObjects.faults)
    func readRecoversFrom(_ fault: String) async throws {
        let key = "fault-\(fault).bin"
        // Only the stalled transfer should meet the low-speed timeout: 6 s of silence against a 20 s stall.
        // Other transfers keep the 30 s default, so a slow CI machine does not turn them into retries.
        let stalled = fault == "stall"
        let action = stalled ? "stall:20" : fault
        let client = try moto.client(moto.user, throughProxy: true, lowSpeedTime: .seconds(stalled ? 6 : 30))
        let source = try await S3ByteSource.open(bucket: bucket, key: key, client: client)
        try await proxy.addRule(match: key, method: "GET", actions: [action])
        let bytes = try await source.read(offset: range.lowerBound, length: Int(range.upperBound - range.lowerBound))
        #expect(bytes == expected(key))
        #expect(source.statistics.retries == 1)
        let log = try await proxy.log(matching: key).filter { $0.range == "bytes=1000-149999" }
        #expect(log.map(\.action) == [action, "pass"])
    }

    @Test(arguments: [("503", "SlowDown"), ("truncate", "bytes remaining"), ("short", "Content-Range")])
    func spentBudgetFailsClearly(_ fault: String, _ mention: String) async throws {
        let key = "budget-\(fault).bin"
        let client = try moto.client(moto.user, throughProxy: true, maxAttempts: 3)
        let source = try await S3ByteSource.open(bucket: bucket, key: key, client: client)
        try await proxy.addRule(match: key, method: "GET", actions: Array(repeating: fault, count: 3))
        let error = await failure {
            _ = try await source.read(offset: range.lowerBound, length: Int(range.upperBound - range.lowerBound))
        }
        #expect(error?.code == .io)
        #expect(error?.message.contains("failed after 3 attempts") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains(mention) == true, "\(error?.message ?? "")")
        #expect(source.statistics.getRequests == 1 + 3)
        // The budget restored, the same source reads the right bytes.
        #expect(try await source.read(offset: range.lowerBound, length: Int(range.upperBound - range.lowerBound))
            == expected(key))
    }

    @Test func regionRedirectIsFollowedOnce() async throws {
        let key = "redirect-once.bin"
        let client = try moto.client(moto.user, throughProxy: true)
        try await proxy.addRule(match: key, method: "GET", actions: ["redirect:eu-west-3"])
        let source = try await S3ByteSource.open(bucket: bucket, key: key, client: client)
        #expect(try await source.read(offset: 0, length: 10) == Array(moto.objects[key]![0 ..< 10]))
        let log = try await proxy.log(matching: key)
        #expect(log.map(\.region) == ["us-east-1", "eu-west-3", "eu-west-3"])

        let twice = "redirect-twice.bin"
        let other = try moto.client(moto.user, throughProxy: true)
        try await proxy.addRule(match: twice, method: "GET", actions: ["redirect:eu-west-3", "redirect:ap-south-1"])
        let error = await failure { _ = try await S3ByteSource.open(bucket: bucket, key: twice, client: other) }
        #expect(error?.message.contains("is in region 'ap-south-1', not 'eu-west-3'") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("--region ap-south-1") == true)
    }

    @Test func serverSeesTheCoalescedRequests() async throws {
        let key = "counted.bin"
        let client = try moto.client(moto.user, throughProxy: true)
        let source = try await S3ByteSource.open(
            bucket: bucket, key: key, client: client, options: .init(coalesceGap: 10_000, tailSize: 64 << 10))
        let end = Int64(FaultObjects.size)
        let ranges: [Range<Int64>] = [100 ..< 200, 5000 ..< 6000, 50_000 ..< 60_000, 61_000 ..< 62_000, end - 6000 ..< end - 5000]
        let got = try await source.read(ranges: ranges)
        let local = moto.objects[key]!
        #expect(got == ranges.map { Array(local[Int($0.lowerBound) ..< Int($0.upperBound)]) })
        let gets = try await proxy.log(matching: key).filter { $0.method == "GET" }
        // open (suffix) + {100..<6000} + {50_000..<62_000}; the last range is inside the cached tail.
        #expect(gets.first?.range == "bytes=-65536")
        #expect(Set(gets.map { $0.range ?? "" }) == ["bytes=-65536", "bytes=100-5999", "bytes=50000-61999"])
        #expect(gets.count == source.statistics.getRequests)
    }

    @Test func connectionsAreReused() async throws {
        let key = "keepalive.bin"
        let client = try moto.client(moto.user, throughProxy: true, maxConcurrency: 1)
        let source = try await S3ByteSource.open(bucket: bucket, key: key, client: client)
        for offset in [0, 70_000, 140_000] {
            _ = try await source.read(offset: Int64(offset), length: 1000)
        }
        let log = try await proxy.log(matching: key)
        #expect(log.count == 4)
        #expect(Set(log.map(\.connection)).count == 1)  // one keep-alive connection for all four requests
    }

    @Test func cancellationStopsAStalledTransfer() async throws {
        let key = "cancelled.bin"
        let client = try moto.client(moto.user, throughProxy: true)
        let source = try await S3ByteSource.open(bucket: bucket, key: key, client: client)
        try await proxy.addRule(match: key, method: "GET", actions: ["stall:60"])
        let started = Date()
        let task = Task { try await source.read(offset: 0, length: 100_000) }
        try await Task.sleep(for: .milliseconds(300))
        task.cancel()
        let error = await failure { _ = try await task.value }
        #expect(error?.code == .cancelled)
        // The proxy stalls for 60 s; without cancellation the read would wait that long (then retry). The
        // margin is wide because a loaded CI machine can delay the cancelled task's resumption by seconds.
        #expect(Date().timeIntervalSince(started) < 30)
    }

    @Test func multipartPartFailureIsRetried() async throws {
        let client = try moto.client(moto.user, throughProxy: true)
        let key = "out/retried-upload.bin"
        try await proxy.addRule(match: key, method: "PUT", actions: ["500", "reset"])
        let payload = LocalServers.bytes(count: (5 << 20) + 1234, seed: 77)
        let writer = S3ObjectWriter(client: client, location: S3Location(bucket: bucket, key: key), partSize: 5 << 20)
        try await writer.write(payload)
        try await writer.finish()
        let direct = try moto.client(moto.user)
        #expect(try await direct.getObject(bucket: bucket, key: key).body == payload)
        #expect(client.statistics.retries == 2)
    }

    @Test func multipartFailureAbortsTheUpload() async throws {
        let client = try moto.client(moto.user, throughProxy: true, maxAttempts: 2)
        let key = "out/failed-upload.bin"
        try await proxy.addRule(match: key, method: "PUT", actions: Array(repeating: "503", count: 8))
        let writer = S3ObjectWriter(client: client, location: S3Location(bucket: bucket, key: key), partSize: 5 << 20)
        let error = await failure {
            try await writer.write(LocalServers.bytes(count: (5 << 20) + 10, seed: 78))
            try await writer.finish()
        }
        #expect(error?.message.contains("SlowDown") == true, "\(error?.message ?? "")")
        let direct = try moto.client(moto.user)
        let head = await failure { _ = try await direct.headObject(bucket: bucket, key: key) }
        #expect(head?.message.contains("not found") == true)
        #expect(try await !moto.pendingUploads().contains(key))
        let deletes = try await proxy.log(matching: key).filter { $0.method == "DELETE" }
        #expect(deletes.count == 1)
        #expect(try await proxy.log(matching: key).contains { $0.method == "POST" && $0.path.contains("uploads") })
    }
}
