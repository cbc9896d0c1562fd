import Foundation

/// Locations the S3 tests need, found from this file's path (no dependency on the working directory).
enum TestPaths {
    /// The package root (the folder holding Package.swift).
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0 ..< 4 { url.deleteLastPathComponent() }  // Support, ParquetS3Tests, Tests, file
        return url
    }()

    /// The folder of helper scripts next to this file.
    static let supportDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    /// The aws-c-auth SigV4 suite: `SIGV4_TESTSUITE_DIR`, or `../shared/sigv4-testsuite` from the root.
    static let sigV4TestSuite: URL = {
        if let dir = ProcessInfo.processInfo.environment["SIGV4_TESTSUITE_DIR"], !dir.isEmpty {
            return URL(fileURLWithPath: dir)
        }
        return packageRoot.appendingPathComponent("../shared/sigv4-testsuite").standardizedFileURL
    }()

    /// A helper script in the support folder.
    static func script(_ name: String) -> String {
        supportDirectory.appendingPathComponent(name).path
    }
}
