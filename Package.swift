// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "mmskit",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "MMSKit", targets: ["MMSKit"]),
        .library(name: "MMSKitProviders", targets: ["MMSKitProviders"]),
        .library(name: "MMSKitStore", targets: ["MMSKitStore"]),
        .library(name: "MMSKitServer", targets: ["MMSKitServer"]),
        .library(name: "MMSKitSandbox", targets: ["MMSKitSandbox"]),
        .library(name: "MMSKitFit", targets: ["MMSKitFit"]),
        .library(name: "MMSKitReports", targets: ["MMSKitReports"]),
        .executable(name: "mmskit", targets: ["mmskit"]),
        .executable(name: "mmskit-server", targets: ["mmskit-server"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // The receiver's /metrics (the Prometheus text format), from its own registry.
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        // `swift package generate-documentation` for scripts/docs.sh (the DocC catalogs under Sources).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CMagic",
            pkgConfig: "libmagic",
            providers: [.apt(["libmagic-dev"]), .brew(["libmagic"])]
        ),
        .target(
            name: "MMSKit",
            dependencies: ["CMagic", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "MMSKitProviders",
            dependencies: [
                "MMSKit", .product(name: "Crypto", package: "swift-crypto"), .product(name: "Yams", package: "Yams"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"), .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .target(
            name: "MMSKitStore",
            dependencies: [
                "MMSKit", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "Logging", package: "swift-log"),
                // A store's connection pool is a `Service` of the receiver's group (`PushStore.services`).
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "MMSKitServer",
            dependencies: [
                "MMSKit", "MMSKitProviders", "MMSKitStore", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                // HMAC-SHA256 for the Standard Webhooks signatures of forwarded records.
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                // The connection handler that closes a connection answered before its request was read in full.
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ]
        ),
        // The providers offline (`mmskit sandbox`): their APIs, pushes to a receiver, faults, a ledger kept in
        // SQLite. It uses MMSKitServer only for `ListeningAddress`, MMSKitStore for the read commands' time format.
        .target(
            name: "MMSKitSandbox",
            dependencies: [
                "MMSKit", "MMSKitProviders", "MMSKitStore", "MMSKitServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"), .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "MMSKitFit",
            dependencies: ["MMSKit", .product(name: "Yams", package: "Yams")]
        ),
        // Campaign reports: a send journal, its phone list and the store read together.
        .target(
            name: "MMSKitReports",
            dependencies: ["MMSKit", "MMSKitProviders", "MMSKitStore"]
        ),
        .target(
            name: "MMSKitCommandLine",
            dependencies: ["MMSKit", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // Builds, lints, inspects and previews content; links no networking (no URLSession, NIO, GRDB or
        // PostgresNIO), so it starts fast. The other commands run in mmskit-server.
        .executableTarget(
            name: "mmskit",
            dependencies: [
                "MMSKit", "MMSKitCommandLine", "MMSKitFit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Everything that goes on the network: the provider commands, the receiver, the store, the sandbox.
        .executableTarget(
            name: "mmskit-server",
            dependencies: [
                "MMSKit", "MMSKitProviders", "MMSKitStore", "MMSKitServer", "MMSKitSandbox", "MMSKitReports",
                "MMSKitCommandLine", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "MMSKitTests",
            dependencies: ["MMSKit", "MMSKitTestSupport"],
            exclude: ["Fixtures"]
        ),
        .target(
            name: "MMSKitTestSupport",
            dependencies: [
                "MMSKitProviders", "MMSKitStore", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/MMSKitTestSupport"
        ),
        .testTarget(
            name: "MMSKitProvidersTests",
            dependencies: [
                "MMSKitProviders", "MMSKit", "MMSKitTestSupport", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .testTarget(
            name: "MMSKitStoreTests",
            dependencies: [
                "MMSKitStore", "MMSKitProviders", "MMSKitReports", "MMSKit", "MMSKitTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "MMSKitServerTests",
            dependencies: [
                "MMSKitServer", "MMSKitSandbox", "MMSKitStore", "MMSKitProviders", "MMSKit", "MMSKitTestSupport",
                .product(name: "Crypto", package: "swift-crypto"), .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "MMSKitReportsTests",
            dependencies: ["MMSKitReports", "MMSKitStore", "MMSKitProviders", "MMSKit", "MMSKitTestSupport"]
        ),
        .testTarget(
            name: "MMSKitFitTests",
            dependencies: ["MMSKitFit", "MMSKit", "MMSKitTestSupport"]
        ),
        .testTarget(
            name: "MMSKitCLITests",
            // MMSKitReports: `mmskit report --format json` is decoded into the report's model.
            dependencies: ["MMSKit", "MMSKitProviders", "MMSKitReports", "MMSKitTestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
