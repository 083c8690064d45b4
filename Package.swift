// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "indigate",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "indigate", targets: ["indigate"])
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // The parse worker's answers (`proto/`, generated code committed: `make proto`).
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
        // The micro benchmarks only (`Benchmarks/`); its MallocInterposer trait counts allocations.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // C: GMime 3 and its shim for what Swift cannot import (macros, GType checks).
        .systemLibrary(name: "CGMime", pkgConfig: "gmime-3.0", providers: [.apt(["libgmime-3.0-dev"])]),
        .target(name: "CGMimeShim", dependencies: ["CGMime"]),
        // C: libcurl and its shim for the variadic curl_easy_setopt/getinfo.
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(name: "CCurlShim", dependencies: ["CCurl"]),
        // C: qpdf's C API (qpdf-c.h), which Swift imports as it is: no shim needed.
        .systemLibrary(name: "CQPDF", pkgConfig: "libqpdf", providers: [.apt(["libqpdf-dev"])]),
        // C: libxlsxwriter 1.1.4, which Swift imports as it is (no variadics, no macros used): no shim.
        .systemLibrary(name: "CXLSXWriter", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
        // C: poppler (glib) and cairo, loaded with dlopen when a document's first page is first
        // drawn (in the parse worker), so no other process maps their forty libraries; GLib comes
        // with GMime.
        .target(name: "CPopplerShim", dependencies: ["CGMime"], linkerSettings: [.linkedLibrary("dl")]),
        // C: syncfs(2), for the kept files' one sync a batch.
        .target(name: "CFileSyncShim"),
        // C: zlib's raw inflate and CRC-32, for the entries of untrusted .xlsx archives.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        // The domain: no C, testable in memory.
        .target(
            name: "IndigateCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "IndigateStore",
            dependencies: [
                "IndigateCore", "CFileSyncShim", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "IndigateMIME",
            dependencies: ["IndigateCore", "CGMimeShim"]
        ),
        .target(
            name: "IndigateTransport",
            dependencies: ["IndigateCore", "CCurlShim", .product(name: "Logging", package: "swift-log")]
        ),
        // PDF documents checked with qpdf: pages, encryption, active content, damage; the first
        // page drawn small with poppler.
        .target(name: "IndigatePDF", dependencies: ["IndigateCore", "CQPDF", "CPopplerShim"]),
        // Spreadsheets: request forms and digest tables written with libxlsxwriter; filled forms read
        // back from untrusted bytes (ZIP by hand, zlib, FoundationXML's event parser) within fixed limits.
        .target(name: "IndigateXLSX", dependencies: ["CXLSXWriter", "CZlib"]),
        .target(
            name: "IndigateApp",
            dependencies: [
                "IndigateCore", "IndigateStore", "IndigateMIME", "IndigateTransport", "IndigatePDF", "IndigateXLSX",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ]
        ),
        .executableTarget(
            name: "indigate",
            dependencies: [
                "IndigateApp", "IndigateCore", "IndigateStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The hot path's micro benchmarks: `make bench` runs them in release, `make test` once.
        .executableTarget(
            name: "HotPathBenchmarks",
            dependencies: ["IndigateApp", .product(name: "Benchmark", package: "benchmark")],
            path: "Benchmarks/HotPath",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .testTarget(name: "IndigateCoreTests", dependencies: ["IndigateCore"]),
        .testTarget(name: "IndigateStoreTests", dependencies: ["IndigateStore", "IndigateCore"]),
        .testTarget(name: "IndigateMIMETests", dependencies: ["IndigateMIME", "IndigateCore"]),
        .testTarget(name: "IndigatePDFTests", dependencies: ["IndigatePDF", "IndigateCore"], exclude: ["Fixtures"]),
        .testTarget(name: "IndigateXLSXTests", dependencies: ["IndigateXLSX"], exclude: ["Fixtures"]),
        .testTarget(
            name: "IndigateAppTests",
            dependencies: [
                "IndigateApp", "IndigateCore", "IndigateStore", "IndigateMIME", "IndigateTransport",
                // The CLI's commands, parsed and run in-process (`Indigate.parseAsRoot`).
                "indigate",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "InMemoryLogging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
            ],
            // Fixtures are read from the source tree (#filePath), not bundled.
            exclude: ["Fixtures"]
        ),
    ]
)
