// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "swift-parquet",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Parquet", targets: ["Parquet"]),
        .library(name: "ParquetExport", targets: ["ParquetExport"]),
        .library(name: "ParquetS3", targets: ["ParquetS3"]),
        .executable(name: "parquet", targets: ["ParquetCLI"]),
        .executable(name: "parquet-bench", targets: ["ParquetBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CSnappy", pkgConfig: "snappy", providers: [.apt(["libsnappy-dev"])]),
        .systemLibrary(name: "CLZ4", pkgConfig: "liblz4", providers: [.apt(["liblz4-dev"])]),
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(name: "CBrotli", pkgConfig: "libbrotlidec", providers: [.apt(["libbrotli-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),

        .target(
            name: "Parquet",
            dependencies: ["CZlib", "CSnappy", "CLZ4", "CZstd", "CBrotli"]
        ),
        .target(name: "ParquetExport", dependencies: ["Parquet", "CZlib", "CZstd"]),
        .target(
            name: "ParquetS3",
            dependencies: ["Parquet", "ParquetExport", "CCurl", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .executableTarget(
            name: "ParquetCLI",
            dependencies: [
                "Parquet", "ParquetExport", "ParquetS3",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "ParquetBench",
            dependencies: [
                "Parquet", "ParquetExport", "ParquetS3",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/ParquetBench"
        ),
        // Seeded random numbers and the Python oracle runner, shared by the test targets.
        .target(name: "TestHelpers", path: "Tests/TestHelpers"),
        .testTarget(name: "ParquetTests", dependencies: ["Parquet", "TestHelpers"]),
        .testTarget(name: "ParquetExportTests", dependencies: ["ParquetExport", "Parquet", "TestHelpers"]),
        .testTarget(
            name: "ParquetS3Tests", dependencies: ["ParquetS3", "Parquet", "ParquetExport", "TestHelpers"],
            exclude: ["Support/botocore_sign.py", "Support/botocore_resolve.py", "Support/moto_setup.py", "Support/fault_proxy.py"]
        ),
    ]
)
