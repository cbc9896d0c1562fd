// swift-tools-version:6.1
// libFuzzer targets for the swift-parquet reader: a separate package so the main package and CI are
// unaffected. Build and run through `scripts/fuzz` (release, -sanitize=fuzzer, -enable-testing so the
// targets can reach the engine's internal decoders).
import PackageDescription

/// Target name (FuzzXxx) for each fuzzer; `scripts/fuzz` lists the same names.
let fuzzers = [
    "FuzzReadPath", "FuzzThrift",
    "FuzzPlain", "FuzzRLE", "FuzzDeltaBinaryPacked", "FuzzDeltaLength", "FuzzDeltaByteArray",
    "FuzzByteStreamSplit", "FuzzDictionaryIndexes",
    "FuzzSnappy", "FuzzGzip", "FuzzLZ4Raw", "FuzzLZ4Hadoop", "FuzzZstd", "FuzzBrotli",
]

let package = Package(
    name: "ParquetFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "swift-parquet", path: "..")],
    targets: [
        .target(name: "CLibFuzzer"),
        .target(name: "FuzzSupport", dependencies: ["CLibFuzzer", .product(name: "Parquet", package: "swift-parquet")]),
    ] + fuzzers.map { name in
        .executableTarget(name: name, dependencies: ["FuzzSupport"], path: "Sources/Targets/\(name)")
    }
)
