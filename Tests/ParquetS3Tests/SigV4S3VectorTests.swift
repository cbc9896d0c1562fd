import Foundation
import ParquetS3
import Testing

/// The four published Amazon S3 SigV4 examples (see ../shared/README.md): header signing with a Range
/// header, sub-resource and list queries, and a presigned URL with UNSIGNED-PAYLOAD.
@Suite struct SigV4S3VectorTests {
    static let credentials = S3Credentials(
        accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    static let date = ISO8601DateFormatter().date(from: "2013-05-24T00:00:00Z")!
    static let host = SigV4Request.Header("Host", "examplebucket.s3.amazonaws.com")
    static let signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: "s3", options: .s3)

    struct Vector: Sendable, CustomTestStringConvertible {
        var name: String
        var request: SigV4Request
        var presignExpires: Int?
        var signature: String
        var testDescription: String { name }
    }

    static let vectors: [Vector] = [
        Vector(
            name: "GET object with Range",
            request: SigV4Request(
                method: "GET", path: "/test.txt", headers: [host, .init("Range", "bytes=0-9")],
                payloadHash: SigV4Signer.emptyPayloadHash),
            signature: "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"),
        Vector(
            name: "GET bucket lifecycle",
            request: SigV4Request(
                method: "GET", path: "/", queryItems: [.init("lifecycle")], headers: [host],
                payloadHash: SigV4Signer.emptyPayloadHash),
            signature: "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543"),
        Vector(
            name: "GET bucket list",
            request: SigV4Request(
                method: "GET", path: "/", queryItems: [.init("max-keys", "2"), .init("prefix", "J")], headers: [host],
                payloadHash: SigV4Signer.emptyPayloadHash),
            signature: "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7"),
        Vector(
            name: "presigned GET",
            request: SigV4Request(
                method: "GET", path: "/test.txt", headers: [host], payloadHash: SigV4Signer.unsignedPayload),
            presignExpires: 86400,
            signature: "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"),
    ]

    @Test(arguments: vectors)
    func signature(_ vector: Vector) {
        if let expires = vector.presignExpires {
            let result = Self.signer.presign(vector.request, date: Self.date, expires: expires)
            #expect(result.signature == vector.signature)
            #expect(result.queryItems.last == .init("X-Amz-Signature", vector.signature))
            #expect(result.canonicalRequest.hasSuffix("\nhost\nUNSIGNED-PAYLOAD"))
        } else {
            let result = Self.signer.sign(vector.request, date: Self.date)
            #expect(result.signature == vector.signature)
            #expect(result.headers.contains(.init("x-amz-content-sha256", SigV4Signer.emptyPayloadHash)))
            #expect(result.headers.contains(.init("X-Amz-Date", "20130524T000000Z")))
            #expect(result.authorization?.hasPrefix(
                "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, ") == true)
        }
    }

    @Test func rangeExampleSignsItsHeaders() {
        let result = Self.signer.sign(Self.vectors[0].request, date: Self.date)
        #expect(result.signedHeaders == "host;range;x-amz-content-sha256;x-amz-date")
        #expect(result.stringToSign.hasPrefix("AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"))
    }

    @Test func s3PathsAreNeitherNormalisedNorReencoded() {
        let wirePath = "/" + SigV4Signer.uriEncode("a/./b/../c d%/é//x", encodeSlash: false)
        #expect(wirePath == "/a/./b/../c%20d%25/%C3%A9//x")
        #expect(Self.signer.canonicalURI(wirePath) == wirePath)
        let standard = SigV4Signer(credentials: Self.credentials, region: "us-east-1", service: "iam", options: .standard)
        #expect(standard.canonicalURI(wirePath) == "/a/c%2520d%2525/%25C3%25A9/x")
    }
}
