import Foundation

/// Where the package's committed files are, found from this source file's path: the package root, `samples/`
/// and `Tests/MMSKitTests/Fixtures/`. Tests read these and never write into them.
public enum PackagePaths {
    /// The package root (three levels up from `Tests/MMSKitTestSupport/PackagePaths.swift`).
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `samples/`, the example content directories.
    public static let samples = root.appendingPathComponent("samples", isDirectory: true)

    /// `Tests/MMSKitTests/Fixtures/`, the media and golden files the unit tests compare against.
    public static let fixtures = root.appendingPathComponent("Tests/MMSKitTests/Fixtures", isDirectory: true)

    /// The absolute path of `samples/<relative>`.
    public static func sample(_ relative: String) -> String {
        samples.appendingPathComponent(relative).path
    }

    /// The URL of `Tests/MMSKitTests/Fixtures/<relative>`.
    public static func fixture(_ relative: String) -> URL {
        fixtures.appendingPathComponent(relative)
    }
}
