import Foundation
import Parquet
@testable import ParquetS3
import Testing

/// The objects the integration suite's moto server holds.
enum IntegrationObjects {
    static let dataSize = (3 << 20) + 4321
    static let data = LocalServers.bytes(count: dataSize, seed: 1)
    static let small = LocalServers.bytes(count: 1000, seed: 2)
    static let listingKeys = (0 ..< 25).map { String(format: "listing-%03d.parquet", $0) }

    static func all() -> [String: [UInt8]] {
        var objects: [String: [UInt8]] = [
            "data.bin": data, "small.bin": small, "empty.bin": [], "replace-me.bin": LocalServers.bytes(count: 1 << 20, seed: 3),
            "spaced name.bin": small,
        ]
        for key in listingKeys { objects[key] = Array(key.utf8) }
        return objects
    }
}

@Suite(
    .enabled(if: MotoServer.isInstalled, MotoServer.notInstalled),
    .motoServer(objects: IntegrationObjects.all))
struct S3IntegrationTests {
    var moto: MotoServer { MotoServer.current! }
    let bucket = MotoServer.bucket

    @Test func rangedReadsEqualLocalBytes() async throws {
        let client = try moto.client(moto.user)
        let source = try await S3ByteSource.open(bucket: bucket, key: "data.bin", client: client)
        let local = IntegrationObjects.data
        #expect(source.size == Int64(local.count))
        #expect(source.etag != nil)
        #expect(source.statistics.getRequests == 1)
        #expect(source.statistics.bytesReceived == S3ByteSource.Options().tailSize)

        // Footer-style reads inside the cached tail cost nothing.
        let size = local.count
        #expect(try await source.read(offset: Int64(size - 8), length: 8) == Array(local[(size - 8)...]))
        #expect(try await source.read(offset: Int64(size - 60_000), length: 60_000) == Array(local[(size - 60_000)...]))
        #expect(source.statistics.getRequests == 1)

        var rng = SplitMix64(seed: 42)
        for _ in 0 ..< 12 {
            let offset = Int.random(in: 0 ..< size - 1, using: &rng)
            let length = Int.random(in: 1 ... min(300_000, size - offset), using: &rng)
            let bytes = try await source.read(offset: Int64(offset), length: length)
            #expect(bytes == Array(local[offset ..< offset + length]), "offset \(offset) length \(length)")
        }
        #expect(try await source.read(offset: 0, length: size) == local)
        await #expect(throws: ParquetError.self) { try await source.read(offset: Int64(size - 10), length: 11) }
        await #expect(throws: ParquetError.self) { try await source.read(offset: -1, length: 1) }
    }

    @Test func coalescedRequestCounts() async throws {
        let client = try moto.client(moto.user)
        let local = IntegrationObjects.data
        let size = Int64(local.count)
        let mib: Int64 = 1 << 20
        let ranges: [Range<Int64>] = [
            0 ..< 1000, 5000 ..< 9000,  // 4000 bytes apart: one request
            500 ..< 1500,  // overlaps the first
            2 * mib + 100 ..< 2 * mib + 5000,  // more than 1 MiB further: a second request
            size - 100 ..< size,  // inside the cached tail: no request
            7 ..< 7,  // empty
        ]
        func expectContents(_ got: [[UInt8]]) {
            #expect(got.count == ranges.count)
            for (range, bytes) in zip(ranges, got) {
                #expect(bytes == Array(local[Int(range.lowerBound) ..< Int(range.upperBound)]), "\(range)")
            }
        }

        let source = try await S3ByteSource.open(bucket: bucket, key: "data.bin", client: client)
        expectContents(try await source.read(ranges: ranges))
        #expect(source.statistics.getRequests == 1 + 2)
        #expect(source.statistics.bytesReceived == S3ByteSource.Options().tailSize + 9000 + 4900)

        let noGap = try await S3ByteSource.open(
            bucket: bucket, key: "data.bin", client: client, options: .init(coalesceGap: 0))
        expectContents(try await noGap.read(ranges: ranges))
        #expect(noGap.statistics.getRequests == 1 + 3)  // {0..<1500}, {5000..<9000}, {2 MiB…}

        // A long span is split into parallel pieces of at most maxRequestSize.
        let split = try await S3ByteSource.open(
            bucket: bucket, key: "data.bin", client: client, options: .init(maxRequestSize: mib))
        let long: Range<Int64> = 10 ..< 10 + 5 * mib / 2
        #expect(try await split.read(ranges: [long]) == [Array(local[10 ..< Int(long.upperBound)])])
        #expect(split.statistics.getRequests == 1 + 3)
    }

    @Test func smallAndEmptyObjects() async throws {
        let client = try moto.client(moto.user)
        let small = try await S3ByteSource.open(bucket: bucket, key: "small.bin", client: client)
        #expect(small.size == 1000)
        #expect(try await small.read(offset: 0, length: 1000) == IntegrationObjects.small)
        #expect(try await small.read(ranges: [0 ..< 10, 990 ..< 1000]) == [
            Array(IntegrationObjects.small[0 ..< 10]), Array(IntegrationObjects.small[990...]),
        ])
        #expect(small.statistics.getRequests == 1)

        let empty = try await S3ByteSource.open(S3Location(parsing: "s3://\(bucket)/empty.bin"), client: client)
        #expect(empty.size == 0)
        #expect(try await empty.read(offset: 0, length: 0) == [])
        await #expect(throws: ParquetError.self) { try await empty.read(offset: 0, length: 1) }

        let info = try await client.headObject(bucket: bucket, key: "data.bin")
        #expect(info.size == Int64(IntegrationObjects.dataSize))
        #expect(info.etag != nil)
        await #expect(throws: ParquetError.self) {
            try await S3ByteSource.open(S3Location(parsing: "s3://\(bucket)/some/prefix/"), client: client)
        }
    }

    @Test func clearErrors() async throws {
        let wrongSecret = S3Credentials(accessKeyId: moto.user.accessKeyId, secretAccessKey: "not-the-secret-123")
        let client = try moto.client(wrongSecret)
        let signature = await failure { _ = try await S3ByteSource.open(bucket: bucket, key: "data.bin", client: client) }
        #expect(signature?.code == .io)
        #expect(signature?.message.contains("SignatureDoesNotMatch") == true)
        #expect(signature?.message.contains("secret access key") == true)
        #expect(signature?.message.contains("clock") == true)
        #expect(signature?.description.contains("not-the-secret-123") == false)
        #expect((signature?.cause as? S3ServiceError)?.status == 403)
        #expect(client.statistics.retries == 0)

        let unknown = try moto.client(S3Credentials(accessKeyId: "AKIAUNKNOWNKEY000000", secretAccessKey: "x"))
        let key = await failure { _ = try await unknown.getObject(bucket: bucket, key: "data.bin", range: .suffix(10)) }
        #expect(key?.message.contains("InvalidAccessKeyId") == true)
        #expect(key?.message.contains("AKIAUNKNOWNKEY000000") == true)

        let good = try moto.client(moto.user)
        let noKey = await failure { _ = try await S3ByteSource.open(bucket: bucket, key: "missing.parquet", client: good) }
        #expect(noKey?.message.contains("NoSuchKey") == true)
        #expect(noKey?.message.contains("s3://\(bucket)/missing.parquet does not exist") == true)

        let noBucket = await failure { _ = try await S3ByteSource.open(bucket: "no-such-bucket-x", key: "a", client: good) }
        #expect(noBucket?.message.contains("NoSuchBucket") == true)
        #expect(noBucket?.message.contains("'no-such-bucket-x' does not exist") == true)

        let head = await failure { _ = try await good.headObject(bucket: bucket, key: "missing.parquet") }
        #expect(head?.message.contains("not found") == true)

        let anonymous = try moto.client(nil)
        let denied = await failure { _ = try await anonymous.getObject(bucket: bucket, key: "small.bin") }
        #expect((denied?.cause as? S3ServiceError)?.status == 403)
        #expect(good.statistics.retries == 0)
    }

    @Test func sessionTokenCredentials() async throws {
        #expect(moto.session.sessionToken != nil)
        #expect(moto.session.accessKeyId != moto.user.accessKeyId)
        let client = try moto.client(moto.session)
        let source = try await S3ByteSource.open(bucket: bucket, key: "data.bin", client: client)
        #expect(try await source.read(offset: 100, length: 5000) == Array(IntegrationObjects.data[100 ..< 5100]))

        // The same keys without their token are refused.
        let tokenless = try moto.client(
            S3Credentials(accessKeyId: moto.session.accessKeyId, secretAccessKey: moto.session.secretAccessKey))
        let error = await failure { _ = try await tokenless.headObject(bucket: bucket, key: "data.bin") }
        #expect((error?.cause as? S3ServiceError)?.status == 403)
    }

    @Test func listingFollowsPagination() async throws {
        let client = try moto.client(moto.user)
        let first = try await client.listObjectsPage(bucket: bucket, prefix: "listing-", maxKeys: 7)
        #expect(first.objects.map(\.key) == Array(IntegrationObjects.listingKeys.prefix(7)))
        #expect(first.nextContinuationToken != nil)
        let before = client.statistics.requests
        let all = try await client.listObjects(bucket: bucket, prefix: "listing-", maxKeys: 7)
        #expect(all.map(\.key) == IntegrationObjects.listingKeys)
        #expect(all.allSatisfy { $0.size == Int64($0.key.utf8.count) })
        #expect(client.statistics.requests - before == 4)  // 7 + 7 + 7 + 4
        let everything = try await client.listObjects(in: S3Location(parsing: "s3://\(bucket)/"))
        #expect(everything.contains { $0.key == "spaced name.bin" })  // URL-encoded in the listing, decoded here
        #expect(Set(IntegrationObjects.all().keys).isSubset(of: everything.map(\.key)))
        #expect(try await client.listObjects(bucket: bucket, prefix: "nothing-here").isEmpty)
    }

    @Test func multipartRoundTripAndSmallPut() async throws {
        let client = try moto.client(moto.user)
        let payload = LocalServers.bytes(count: (11 << 20) + 17, seed: 9)
        let writer = S3ObjectWriter(client: client, location: S3Location(bucket: bucket, key: "out/multipart.bin"), partSize: 5 << 20)
        var rng = SplitMix64(seed: 5)
        var offset = 0
        while offset < payload.count {
            let n = min(payload.count - offset, Int.random(in: 1 ... 3_000_000, using: &rng))
            try await writer.write(Array(payload[offset ..< offset + n]))
            offset += n
        }
        let etag = try await writer.finish()
        #expect(etag?.contains("-3") == true)  // a three-part multipart ETag
        #expect(await writer.bytesWritten == Int64(payload.count))
        let source = try await S3ByteSource.open(bucket: bucket, key: "out/multipart.bin", client: client)
        #expect(source.size == Int64(payload.count))
        #expect(try await source.read(offset: 0, length: payload.count) == payload)
        await #expect(throws: ParquetError.self) { try await writer.write([1]) }

        let smallWriter = S3ObjectWriter(client: client, location: S3Location(bucket: bucket, key: "out/small.bin"))
        try await smallWriter.write(Array("hello".utf8))
        try await smallWriter.write(Array(", world".utf8))
        let smallTag = try await smallWriter.finish()
        #expect(smallTag?.contains("-") == false)
        #expect(try await client.getObject(bucket: bucket, key: "out/small.bin").body == Array("hello, world".utf8))
        try await client.deleteObject(bucket: bucket, key: "out/small.bin")
        let gone = await failure { _ = try await client.headObject(bucket: bucket, key: "out/small.bin") }
        #expect(gone?.message.contains("not found") == true)
    }

    @Test func abortLeavesNothing() async throws {
        let client = try moto.client(moto.user)
        let writer = S3ObjectWriter(client: client, location: S3Location(bucket: bucket, key: "out/aborted.bin"), partSize: 5 << 20)
        try await writer.write(LocalServers.bytes(count: 6 << 20, seed: 11))  // one part uploaded
        #expect(try await moto.pendingUploads().contains("out/aborted.bin"))
        await writer.abort()
        let error = await failure { _ = try await client.headObject(bucket: bucket, key: "out/aborted.bin") }
        #expect(error?.message.contains("not found") == true)
        #expect(try await !moto.pendingUploads().contains("out/aborted.bin"))
    }

    @Test func replacedObjectIsDetected() async throws {
        let client = try moto.client(moto.user)
        // Larger than the tail cached at open, so the read below goes to the server.
        let source = try await S3ByteSource.open(bucket: bucket, key: "replace-me.bin", client: client)
        try await client.putObject(bucket: bucket, key: "replace-me.bin", body: LocalServers.bytes(count: 1 << 20, seed: 4))
        let error = await failure { _ = try await source.read(offset: 0, length: 1000) }
        #expect(error?.message.contains("replaced while being read") == true)
        #expect((error?.cause as? S3ServiceError)?.code == "PreconditionFailed")
    }
}
