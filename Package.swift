// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "mmskit",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "MMSKit", targets: ["MMSKit"]),
        .library(name: "MMSKitProviders", targets: ["MMSKitProviders"]),
        .executable(name: "mmskit", targets: ["mmskit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
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
            ]
        ),
        .executableTarget(
            name: "mmskit",
            dependencies: [
                "MMSKit", "MMSKitProviders", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "MMSKitTests",
            dependencies: ["MMSKit", "MMSKitTestSupport"],
            exclude: ["Fixtures"]
        ),
        .target(
            name: "MMSKitTestSupport",
            dependencies: ["MMSKitProviders", .product(name: "Crypto", package: "swift-crypto")],
            path: "Tests/MMSKitTestSupport"
        ),
        .testTarget(
            name: "MMSKitProvidersTests",
            dependencies: ["MMSKitProviders", "MMSKit", "MMSKitTestSupport", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .testTarget(
            name: "MMSKitCLITests",
            dependencies: ["MMSKit", "MMSKitTestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
