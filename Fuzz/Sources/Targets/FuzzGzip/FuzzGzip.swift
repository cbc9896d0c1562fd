import FuzzSupport

/// libFuzzer calls this once per input; a trap is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzTargets.gzip(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}

/// The executable's entry point (SwiftPM links `FuzzGzip_main` as `main`): runs libFuzzer's driver.
@_cdecl("FuzzGzip_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runLibFuzzer(argc, argv, fuzzOneInput)
}
