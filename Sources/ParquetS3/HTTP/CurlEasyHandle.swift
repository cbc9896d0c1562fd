import CCurl

/// One libcurl easy handle, used by one worker thread for many requests in turn.
///
/// `curl_easy_reset` between requests keeps the handle's connection cache, so consecutive requests to
/// the same host reuse the connection (keep-alive) and the TLS session.
final class CurlEasyHandle {
    private let handle: UnsafeMutableRawPointer
    private let settings: CurlSettings
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)

    init?(settings: CurlSettings) {
        _ = CurlAPI.globalInit
        guard CurlAPI.setopt != nil, let handle = curl_easy_init() else { return nil }
        self.handle = handle
        self.settings = settings
    }

    deinit {
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    /// Performs one request, blocking the calling (worker) thread until it completes or fails.
    func perform(_ request: HTTPRequest, cancellation: CancellationFlag) -> Result<HTTPResponse, TransportError> {
        guard let setopt = CurlAPI.setopt else {
            return .failure(TransportError(kind: .other, curlCode: -1, message: "libcurl's curl_easy_setopt is unavailable"))
        }
        curl_easy_reset(handle)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        let transfer = CurlTransfer(request: request, cancellation: cancellation)
        let context = UnsafeRawPointer(Unmanaged.passUnretained(transfer).toOpaque())

        var headerList: UnsafeMutablePointer<curl_slist>?
        for header in request.headers {
            headerList = curl_slist_append(headerList, "\(header.name): \(header.value)")
        }
        // No "Expect: 100-continue" round trip, and no form content type curl would add to POSTs.
        headerList = curl_slist_append(headerList, "Expect:")
        if !request.headers.contains(where: { $0.name.lowercased() == "content-type" }) {
            headerList = curl_slist_append(headerList, "Content-Type:")
        }
        headerList = curl_slist_append(headerList, "Accept:")
        defer { curl_slist_free_all(headerList) }

        let write: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
            data, size, count, context in
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context!).takeUnretainedValue()
            let n = size * count
            guard n > 0, let data else { return 0 }
            return transfer.receive(UnsafeRawBufferPointer(start: data, count: n)) ? n : 0
        }
        let header: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
            data, size, count, context in
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context!).takeUnretainedValue()
            let n = size * count
            if n > 0, let data { transfer.receiveHeader(UnsafeRawBufferPointer(start: data, count: n)) }
            return n
        }
        let read: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
            buffer, size, count, context in
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context!).takeUnretainedValue()
            guard let buffer else { return 0 }
            return transfer.send(into: UnsafeMutableRawBufferPointer(start: buffer, count: size * count))
        }
        let progress: @convention(c) (UnsafeMutableRawPointer?, curl_off_t, curl_off_t, curl_off_t, curl_off_t) -> Int32 = {
            context, _, _, _, _ in
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context!).takeUnretainedValue()
            return transfer.cancellation.isSet ? 1 : 0
        }

        var failedOption: CURLoption?
        func set(_ option: CURLoption, _ value: Int) {
            if setopt.integer(handle, option, value) != CURLE_OK, failedOption == nil { failedOption = option }
        }
        func set(_ option: CURLoption, _ value: UnsafeRawPointer?) {
            if setopt.pointer(handle, option, value) != CURLE_OK, failedOption == nil { failedOption = option }
        }
        func set(_ option: CURLoption, string: String) {
            string.withCString { set(option, UnsafeRawPointer($0)) }  // libcurl copies string options
        }

        set(CURLOPT_URL, string: request.url)
        set(CURLOPT_NOSIGNAL, 1)
        set(CURLOPT_PATH_AS_IS, 1)  // S3 keys may contain "./" and "../": never squash them
        set(CURLOPT_FOLLOWLOCATION, 0)
        set(CURLOPT_TCP_KEEPALIVE, 1)
        set(CURLOPT_CONNECTTIMEOUT_MS, settings.connectTimeoutMilliseconds)
        set(CURLOPT_LOW_SPEED_LIMIT, settings.lowSpeedLimit)
        set(CURLOPT_LOW_SPEED_TIME, settings.lowSpeedTimeSeconds)
        set(CURLOPT_TIMEOUT_MS, settings.timeoutMilliseconds)
        set(CURLOPT_USERAGENT, string: settings.userAgent)
        set(CURLOPT_ERRORBUFFER, UnsafeRawPointer(errorBuffer))
        set(CURLOPT_HTTPHEADER, UnsafeRawPointer(headerList))
        set(CURLOPT_WRITEFUNCTION, unsafeBitCast(write, to: UnsafeRawPointer.self))
        set(CURLOPT_WRITEDATA, context)
        set(CURLOPT_HEADERFUNCTION, unsafeBitCast(header, to: UnsafeRawPointer.self))
        set(CURLOPT_HEADERDATA, context)
        set(CURLOPT_NOPROGRESS, 0)
        set(CURLOPT_XFERINFOFUNCTION, unsafeBitCast(progress, to: UnsafeRawPointer.self))
        set(CURLOPT_XFERINFODATA, context)
        switch request.method {
        case "GET":
            set(CURLOPT_HTTPGET, 1)
        case "HEAD":
            set(CURLOPT_NOBODY, 1)
        case "PUT":
            set(CURLOPT_UPLOAD, 1)
            set(CURLOPT_INFILESIZE_LARGE, transfer.upload.count)
            set(CURLOPT_READFUNCTION, unsafeBitCast(read, to: UnsafeRawPointer.self))
            set(CURLOPT_READDATA, context)
        case "POST":
            set(CURLOPT_POST, 1)
            set(CURLOPT_POSTFIELDSIZE_LARGE, transfer.upload.count)
            set(CURLOPT_READFUNCTION, unsafeBitCast(read, to: UnsafeRawPointer.self))
            set(CURLOPT_READDATA, context)
        default:
            set(CURLOPT_CUSTOMREQUEST, string: request.method)
        }
        if let failedOption {
            return .failure(TransportError(
                kind: .other, curlCode: -1, message: "libcurl rejected option \(failedOption.rawValue)"))
        }

        let code = curl_easy_perform(handle)
        withExtendedLifetime(transfer) {}
        if code == CURLE_OK {
            return .success(HTTPResponse(status: transfer.status, headers: transfer.headers, body: transfer.body))
        }
        return .failure(error(for: code, transfer: transfer))
    }

    /// Classifies a libcurl failure.
    private func error(for code: CURLcode, transfer: CurlTransfer) -> TransportError {
        let detail = String(cString: errorBuffer)
        let message = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        let kind: TransportError.Kind
        switch code {
        case CURLE_ABORTED_BY_CALLBACK:
            kind = .cancelled
        case CURLE_WRITE_ERROR where transfer.tooLarge:
            return TransportError(
                kind: .responseTooLarge, curlCode: Int(code.rawValue),
                message: "the response body exceeds the \(transfer.maxResponseBytes) bytes expected")
        case CURLE_OPERATION_TIMEDOUT:
            kind = .timeout
        case CURLE_PARTIAL_FILE:
            kind = .truncated
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_GOT_NOTHING,
            CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_SSL_CONNECT_ERROR, CURLE_HTTP2, CURLE_HTTP2_STREAM,
            CURLE_HTTP3, CURLE_QUIC_CONNECT_ERROR, CURLE_WEIRD_SERVER_REPLY, CURLE_READ_ERROR:
            kind = .connection
        default:
            kind = .other
        }
        return TransportError(kind: kind, curlCode: Int(code.rawValue), message: "\(message) (curl error \(code.rawValue))")
    }
}
