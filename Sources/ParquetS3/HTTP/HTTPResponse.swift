/// A complete HTTP response.
struct HTTPResponse: Sendable {
    /// The status code of the final response.
    var status: Int
    /// Response headers, names lower-cased, in order.
    var headers: [SigV4Request.Header]
    /// The body as received (empty for HEAD).
    var body: [UInt8]

    /// The first value of header `name` (lower case).
    func header(_ name: String) -> String? {
        headers.first { $0.name == name }?.value
    }
}
