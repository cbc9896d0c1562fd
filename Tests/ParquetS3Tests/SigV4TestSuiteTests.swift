import Foundation
import ParquetS3
import Testing

/// One case folder of the aws-c-auth SigV4 suite.
struct SigV4SuiteCase {
    struct Context: Decodable {
        struct Credentials: Decodable {
            var access_key_id: String
            var secret_access_key: String
            var token: String?
        }
        var credentials: Credentials
        var expiration_in_seconds: Int
        var normalize: Bool
        var region: String
        var service: String
        var sign_body: Bool
        var timestamp: String
        var omit_session_token: Bool?
    }

    let name: String
    let folder: URL
    let context: Context
    let request: SigV4Request
    let body: [UInt8]

    init(name: String) throws {
        self.name = name
        folder = TestPaths.sigV4TestSuite.appendingPathComponent(name)
        context = try JSONDecoder().decode(
            Context.self, from: Data(contentsOf: folder.appendingPathComponent("context.json")))
        let raw = try [UInt8](Data(contentsOf: folder.appendingPathComponent("request.txt")))
        (request, body) = try Self.parseRequest(raw)
    }

    func expected(_ file: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
    }

    var date: Date { ISO8601DateFormatter().date(from: context.timestamp)! }

    var credentials: S3Credentials {
        S3Credentials(
            accessKeyId: context.credentials.access_key_id, secretAccessKey: context.credentials.secret_access_key,
            sessionToken: context.credentials.token)
    }

    /// The suite's options: the request path is encoded once (aws-c-auth's default), normalised as told.
    var suiteOptions: SigV4Signer.Options {
        SigV4Signer.Options(
            normalizePath: context.normalize, encodePath: true, addContentSHA256Header: context.sign_body,
            signSessionToken: !(context.omit_session_token ?? false))
    }

    /// Parses `METHOD path?query HTTP/1.1`, header lines (with folded continuations) and the body.
    static func parseRequest(_ raw: [UInt8]) throws -> (SigV4Request, [UInt8]) {
        var lines: [String] = []
        var i = 0
        var bodyStart = raw.count
        var lineStart = 0
        while i < raw.count {
            if raw[i] == UInt8(ascii: "\n") {
                var line = Array(raw[lineStart ..< i])
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                if line.isEmpty && !lines.isEmpty {
                    bodyStart = i + 1
                    break
                }
                lines.append(String(decoding: line, as: UTF8.self))
                lineStart = i + 1
            }
            i += 1
        }
        if i >= raw.count && lineStart < raw.count {
            lines.append(String(decoding: raw[lineStart...], as: UTF8.self))
        }
        let requestLine = lines.removeFirst()
        let parts = requestLine.split(separator: " ", omittingEmptySubsequences: false)
        let method = String(parts[0])
        let target = parts[1 ..< parts.count - 1].joined(separator: " ")  // paths may contain spaces
        let pathAndQuery = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        var query: [SigV4Request.QueryItem] = []
        if pathAndQuery.count == 2 {
            for pair in pathAndQuery[1].split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                query.append(.init(
                    SigV4Signer.percentDecode(String(kv[0])),
                    kv.count > 1 ? SigV4Signer.percentDecode(String(kv[1])) : ""))
            }
        }
        var headers: [SigV4Request.Header] = []
        for line in lines {
            if let first = line.first, first == " " || first == "\t", !headers.isEmpty {
                headers[headers.count - 1].value += "\n" + line
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append(.init(String(line[..<colon]), String(line[line.index(after: colon)...])))
        }
        let body = bodyStart < raw.count ? Array(raw[bodyStart...]) : []
        let request = SigV4Request(
            method: method, path: String(pathAndQuery[0]), queryItems: query, headers: headers,
            payloadHash: SigV4Signer.sha256Hex(body))
        return (request, body)
    }
}

/// Every case folder name of the suite (empty when the folder is missing; `suiteIsPresent` fails then).
let sigV4SuiteCaseNames: [String] = {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: TestPaths.sigV4TestSuite.path)) ?? []
    return names.filter {
        FileManager.default.fileExists(
            atPath: TestPaths.sigV4TestSuite.appendingPathComponent($0).appendingPathComponent("context.json").path)
    }.sorted()
}()

@Suite struct SigV4TestSuiteTests {
    @Test func suiteIsPresent() {
        #expect(sigV4SuiteCaseNames.count >= 30, "SigV4 suite not found at \(TestPaths.sigV4TestSuite.path)")
    }

    @Test(arguments: sigV4SuiteCaseNames)
    func headerSigning(_ name: String) throws {
        let c = try SigV4SuiteCase(name: name)
        let signer = SigV4Signer(
            credentials: c.credentials, region: c.context.region, service: c.context.service, options: c.suiteOptions)
        let result = signer.sign(c.request, date: c.date)
        #expect(result.canonicalRequest == (try c.expected("header-canonical-request.txt")))
        #expect(result.stringToSign == (try c.expected("header-string-to-sign.txt")))
        #expect(result.signature == (try c.expected("header-signature.txt")))

        // The signed request carries exactly the headers we add (Authorization, X-Amz-Date, token, hash).
        let (expectedRequest, _) = try SigV4SuiteCase.parseRequest(
            Array(c.expected("header-signed-request.txt").utf8))
        let expectedHeaders = Set(expectedRequest.headers.map { "\($0.name.lowercased()):\($0.value)" })
        for header in result.headers {
            #expect(expectedHeaders.contains("\(header.name.lowercased()):\(header.value)"), "\(header)")
        }
        #expect(expectedHeaders.count == Set(c.request.headers.map { "\($0.name.lowercased()):\($0.value)" })
            .union(result.headers.map { "\($0.name.lowercased()):\($0.value)" }).count)
    }

    @Test(arguments: sigV4SuiteCaseNames)
    func querySigning(_ name: String) throws {
        let c = try SigV4SuiteCase(name: name)
        let signer = SigV4Signer(
            credentials: c.credentials, region: c.context.region, service: c.context.service, options: c.suiteOptions)
        let result = signer.presign(c.request, date: c.date, expires: c.context.expiration_in_seconds)
        #expect(result.canonicalRequest == (try c.expected("query-canonical-request.txt")))
        #expect(result.stringToSign == (try c.expected("query-string-to-sign.txt")))
        #expect(result.signature == (try c.expected("query-signature.txt")))

        // The presigned URL's parameters are the request's plus ours, X-Amz-Signature included.
        let (expectedRequest, _) = try SigV4SuiteCase.parseRequest(Array(c.expected("query-signed-request.txt").utf8))
        let ours = (c.request.queryItems + result.queryItems).map { "\($0.name)=\($0.value)" }.sorted()
        #expect(ours == expectedRequest.queryItems.map { "\($0.name)=\($0.value)" }.sorted())
    }

    /// S3 mode (no normalisation, no second encoding) over the wire form of the path gives the same
    /// canonical request as the suite's un-normalised cases.
    @Test(arguments: sigV4SuiteCaseNames)
    func unnormalizedCasesInS3Mode(_ name: String) throws {
        let c = try SigV4SuiteCase(name: name)
        guard !c.context.normalize else { return }
        var request = c.request
        request.path = SigV4Signer.uriEncode(request.path, encodeSlash: false)
        let options = SigV4Signer.Options(
            normalizePath: false, encodePath: false, addContentSHA256Header: c.context.sign_body)
        let signer = SigV4Signer(
            credentials: c.credentials, region: c.context.region, service: c.context.service, options: options)
        #expect(signer.sign(request, date: c.date).signature == (try c.expected("header-signature.txt")))
        #expect(signer.presign(request, date: c.date, expires: c.context.expiration_in_seconds).signature
            == (try c.expected("query-signature.txt")))
    }
}
