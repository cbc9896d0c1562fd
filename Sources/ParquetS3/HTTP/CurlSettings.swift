/// Transfer settings every curl handle of a client applies.
struct CurlSettings: Sendable {
    var connectTimeoutMilliseconds: Int
    var lowSpeedLimit: Int
    var lowSpeedTimeSeconds: Int
    var timeoutMilliseconds: Int
    var userAgent: String

    init(_ configuration: S3Configuration) {
        func millis(_ d: Duration) -> Int {
            Int(d.components.seconds) * 1000 + Int(d.components.attoseconds / 1_000_000_000_000_000)
        }
        connectTimeoutMilliseconds = max(1, millis(configuration.connectTimeout))
        lowSpeedLimit = configuration.lowSpeedLimit
        lowSpeedTimeSeconds = max(1, Int(configuration.lowSpeedTime.components.seconds))
        timeoutMilliseconds = configuration.requestTimeout.map { max(1, millis($0)) } ?? 0
        userAgent = configuration.userAgent
    }
}
