import Foundation
import ParquetS3
import Testing

/// Signs a few hundred random requests (paths, queries, headers, bodies, tokens, both signing modes,
/// S3 and other services) with ours and with botocore's `SigV4Auth` / `S3SigV4Auth` / query signers in
/// one python process, and expects identical canonical requests and signatures.
@Suite struct SigV4BotocoreDifferentialTests {
    struct Case: Encodable {
        var service: String
        var region: String
        var access_key: String
        var secret_key: String
        var token: String?
        var method: String
        var host: String
        var path: String
        var query: [[String]]
        var headers: [[String]]
        var body_b64: String
        var timestamp: String
        var mode: String
        var expires: Int
        var unsigned_payload: Bool
    }

    struct Oracle: Decodable {
        var canonical_request: String
        var string_to_sign: String
        var signature: String
    }

    static let pieces: [String] = [
        "a", "b", "Z", "key", "0", "9", "-", "_", ".", "~", " ", "%", "+", "=", "&", "?", "#", ":", "@", "!", "$",
        "'", "(", ")", "*", ",", ";", "é", "ሴ", "😀", "data.parquet", "..", ".", "%2F", "/",
    ]

    static func randomString(_ rng: inout SplitMix64, maxPieces: Int, allowEmpty: Bool = true) -> String {
        let n = Int.random(in: (allowEmpty ? 0 : 1) ... maxPieces, using: &rng)
        return (0 ..< n).map { _ in pieces.randomElement(using: &rng)! }.joined()
    }

    static func randomToken(_ rng: inout SplitMix64, length: Int, alphabet: String) -> String {
        let chars = Array(alphabet)
        return String((0 ..< length).map { _ in chars.randomElement(using: &rng)! })
    }

    static func makeCases(count: Int, seed: UInt64) -> [Case] {
        var rng = SplitMix64(seed: seed)
        let upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
        let base64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
        let printable = (0x21 ... 0x7E).map { Character(UnicodeScalar($0)) }
        var cases: [Case] = []
        for _ in 0 ..< count {
            let s3 = Bool.random(using: &rng)
            let service = s3 ? "s3" : ["iam", "execute-api", "service", "dynamodb"].randomElement(using: &rng)!
            let mode = Int.random(in: 0 ..< 10, using: &rng) < 7 ? "header" : "query"
            let method = ["GET", "PUT", "POST", "HEAD", "DELETE"].randomElement(using: &rng)!
            var path = "/"
            for i in 0 ..< Int.random(in: 0 ... 4, using: &rng) {
                if i > 0 { path += "/" }
                path += randomString(&rng, maxPieces: 4)
            }
            var names = Set<String>()
            var query: [[String]] = []
            for _ in 0 ..< Int.random(in: 0 ... 5, using: &rng) {
                let name = randomString(&rng, maxPieces: 3, allowEmpty: false)
                guard names.insert(name).inserted else { continue }
                query.append([name, randomString(&rng, maxPieces: 3)])
                if mode == "header" && Int.random(in: 0 ..< 5, using: &rng) == 0 {
                    query.append([name, randomString(&rng, maxPieces: 2)])
                }
            }
            let host = Bool.random(using: &rng) ? "bucket\(Int.random(in: 0 ... 99, using: &rng)).example.com"
                : "localhost:\(Int.random(in: 1024 ... 65535, using: &rng))"
            var headers: [[String]] = [["Host", host]]
            for _ in 0 ..< Int.random(in: 0 ... 4, using: &rng) {
                var name = "X-H" + randomToken(&rng, length: Int.random(in: 1 ... 6, using: &rng), alphabet: "abcXYZ019-")
                if Bool.random(using: &rng) { name = name.lowercased() }
                var value = ""
                for _ in 0 ..< Int.random(in: 0 ... 4, using: &rng) {
                    value += String(repeating: " ", count: Int.random(in: 0 ... 3, using: &rng))
                    value += String((0 ..< Int.random(in: 1 ... 6, using: &rng)).map { _ in printable.randomElement(using: &rng)! })
                }
                value += String(repeating: " ", count: Int.random(in: 0 ... 2, using: &rng))
                headers.append([name, value])
                if Int.random(in: 0 ..< 6, using: &rng) == 0 { headers.append([name.uppercased(), "second  value"]) }
            }
            let hasBody = mode == "header" && (method == "PUT" || method == "POST")
            let body = hasBody ? (0 ..< Int.random(in: 0 ... 64, using: &rng)).map { _ in UInt8.random(in: 0 ... 255, using: &rng) } : []
            let seconds = Int.random(in: 1_262_304_000 ... 2_051_222_400, using: &rng)  // 2010 … 2035
            let token: String? = Int.random(in: 0 ..< 10, using: &rng) < 3
                ? randomToken(&rng, length: Int.random(in: 20 ... 200, using: &rng), alphabet: base64 + "=") : nil
            cases.append(Case(
                service: service,
                region: ["us-east-1", "eu-west-3", "ap-southeast-2", "cn-north-1"].randomElement(using: &rng)!,
                access_key: "AKIA" + randomToken(&rng, length: 16, alphabet: upper),
                secret_key: randomToken(&rng, length: 40, alphabet: base64), token: token, method: method, host: host,
                path: path, query: query, headers: headers, body_b64: Data(body).base64EncodedString(),
                timestamp: AmzDateForTests.format(seconds), mode: mode,
                expires: Int.random(in: 1 ... 604_800, using: &rng), unsigned_payload: Bool.random(using: &rng)))
        }
        return cases
    }

    /// Our signature of one case, built only from our own API.
    static func sign(_ c: Case) -> SigV4Signature {
        let s3 = c.service == "s3"
        let body = [UInt8](Data(base64Encoded: c.body_b64)!)
        let payload: String
        if c.mode == "query" {
            payload = s3 ? SigV4Signer.unsignedPayload : SigV4Signer.sha256Hex(body)
        } else {
            payload = s3 && c.unsigned_payload ? SigV4Signer.unsignedPayload : SigV4Signer.sha256Hex(body)
        }
        let request = SigV4Request(
            method: c.method, path: SigV4Signer.uriEncode(c.path, encodeSlash: false),
            queryItems: c.query.map { .init($0[0], $0[1]) }, headers: c.headers.map { .init($0[0], $0[1]) },
            payloadHash: payload)
        let signer = SigV4Signer(
            credentials: S3Credentials(accessKeyId: c.access_key, secretAccessKey: c.secret_key, sessionToken: c.token),
            region: c.region, service: c.service, options: s3 ? .s3 : .standard)
        let date = Date(timeIntervalSince1970: TimeInterval(AmzDateForTests.parse(c.timestamp)))
        return c.mode == "query" ? signer.presign(request, date: date, expires: c.expires) : signer.sign(request, date: date)
    }

    @Test func randomRequestsMatchBotocore() async throws {
        let cases = Self.makeCases(count: 400, seed: 0x5151_7AB3)
        let output = try await Python.run(
            script: TestPaths.script("botocore_sign.py"), input: try JSONEncoder().encode(cases))
        let oracle = try JSONDecoder().decode([Oracle].self, from: output)
        try #require(oracle.count == cases.count)
        var mismatches = 0
        for (c, expected) in zip(cases, oracle) {
            let ours = Self.sign(c)
            if ours.canonicalRequest != expected.canonical_request || ours.signature != expected.signature {
                mismatches += 1
                if mismatches <= 3 {
                    let message = "mismatch for \(c.service) \(c.mode) \(c.method) \(c.path.debugDescription):\n"
                        + "ours:\n\(ours.canonicalRequest)\nbotocore:\n\(expected.canonical_request)"
                    Issue.record(Comment(rawValue: message))
                }
            }
            #expect(ours.stringToSign == expected.string_to_sign || ours.canonicalRequest != expected.canonical_request)
        }
        #expect(mismatches == 0)
        // The generator really covered the interesting shapes.
        #expect(cases.contains { $0.mode == "query" && $0.service == "s3" && $0.token != nil })
        #expect(cases.contains { $0.path.contains("..") && $0.service != "s3" })
        #expect(cases.contains { $0.query.contains { $0[0].contains("ሴ") || $0[1].contains("😀") } })
    }
}

/// UTC timestamp helpers for the tests (independent of the library's formatter).
enum AmzDateForTests {
    static func format(_ seconds: Int) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return f.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    static func parse(_ text: String) -> Int {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return Int(f.date(from: text)!.timeIntervalSince1970)
    }
}
