/// The per-transfer state libcurl's callbacks write into (owned by one worker thread for one perform).
final class CurlTransfer {
    let maxResponseBytes: Int
    let cancellation: CancellationFlag
    var status = 0
    var headers: [SigV4Request.Header] = []
    var body: [UInt8] = []
    var tooLarge = false
    var upload: [UInt8]
    var uploadOffset = 0

    init(request: HTTPRequest, cancellation: CancellationFlag) {
        maxResponseBytes = request.maxResponseBytes
        self.cancellation = cancellation
        upload = request.body ?? []
        if let expected = request.expectedResponseBytes, expected <= request.maxResponseBytes {
            body.reserveCapacity(expected)
        }
    }

    /// Error responses (non-2xx) may always carry this much, whatever the request's own limit.
    static let errorBodyLimit = 1 << 20

    /// Body bytes arrived; false stops the transfer (too large).
    func receive(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let limit = (200 ..< 300).contains(status) ? maxResponseBytes : max(maxResponseBytes, Self.errorBodyLimit)
        guard bytes.count <= limit - body.count else {
            tooLarge = true
            return false
        }
        body.append(contentsOf: bytes)
        return true
    }

    /// One header line arrived (with its CRLF). A status line starts a new response (after 100 Continue).
    func receiveHeader(_ line: UnsafeRawBufferPointer) {
        var end = line.count
        while end > 0, line[end - 1] == UInt8(ascii: "\n") || line[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: line[..<end]), as: UTF8.self)
        if text.hasPrefix("HTTP/") {
            let parts = text.split(separator: " ", maxSplits: 2)
            status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
            headers.removeAll()
            return
        }
        guard let colon = text.firstIndex(of: ":") else { return }
        let name = text[..<colon].lowercased()
        let value = trimmedSpaces(text[text.index(after: colon)...])
        headers.append(SigV4Request.Header(name, value))
    }

    /// Copies the next upload bytes into curl's buffer; returns the count (0 at the end).
    func send(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        let n = min(buffer.count, upload.count - uploadOffset)
        guard n > 0 else { return 0 }
        upload.withUnsafeBytes { src in
            buffer.baseAddress!.copyMemory(from: src.baseAddress! + uploadOffset, byteCount: n)
        }
        uploadOffset += n
        return n
    }
}

/// `text` without leading and trailing spaces and tabs.
func trimmedSpaces(_ text: some StringProtocol) -> String {
    var slice = Substring(text)
    while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
    while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
    return String(slice)
}
