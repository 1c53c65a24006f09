import Foundation
import MMSKitTestSupport
import Testing

@testable import MMSKit

/// `.mmskit.yml` is found from a directory upwards, stopping at the repository root.
@Suite struct ConfigurationDiscoveryTests {
    static func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    @Test func findsTheNearestFileUpwards() throws {
        let rootDirectory = try TemporaryDirectory()
        let root = rootDirectory.path
        try FileManager.default.createDirectory(atPath: "\(root)/.git", withIntermediateDirectories: true)
        try Self.write("profile: conservative\n", to: "\(root)/\(LintConfiguration.fileName)")
        try FileManager.default.createDirectory(atPath: "\(root)/templates/spring", withIntermediateDirectories: true)
        #expect(ConfigurationDiscovery.find(from: root) == LintConfiguration.fileName)
        #expect(
            ConfigurationDiscovery.find(from: "\(root)/templates/spring") == "\(root)/\(LintConfiguration.fileName)")
        try Self.write("profile: ihuyi\n", to: "\(root)/templates/\(LintConfiguration.fileName)")
        #expect(
            ConfigurationDiscovery.find(from: "\(root)/templates/spring")
                == "\(root)/templates/\(LintConfiguration.fileName)")
    }

    @Test func stopsAtTheRepositoryRoot() throws {
        let outerDirectory = try TemporaryDirectory()
        let outer = outerDirectory.path
        try Self.write("profile: conservative\n", to: "\(outer)/\(LintConfiguration.fileName)")
        try FileManager.default.createDirectory(atPath: "\(outer)/repo/.git", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: "\(outer)/repo/templates", withIntermediateDirectories: true)
        #expect(ConfigurationDiscovery.find(from: "\(outer)/repo/templates") == nil)
    }

    @Test func loadsANamedFileAndAppliesAProfile() throws {
        let rootDirectory = try TemporaryDirectory()
        let root = rootDirectory.path
        try Self.write("rules:\n  opt-out-line: off\n", to: "\(root)/c.yml")
        let configuration = try ConfigurationDiscovery.load(path: "\(root)/c.yml", profile: "conservative")
        #expect(configuration.profile.name == "conservative")
        #expect(configuration.ruleSeverities[.optOutLine] == .some(nil))
        #expect(throws: ConfigurationError.self) {
            try ConfigurationDiscovery.load(path: "\(root)/c.yml", profile: "nope")
        }
        #expect(throws: ConfigurationError.self) { try ConfigurationDiscovery.load(path: "\(root)/missing.yml") }
    }
}
