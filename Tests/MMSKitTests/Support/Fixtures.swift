import Foundation
@testable import MMSKit

/// Paths to the committed samples and fixtures, and a shared sniffer.
enum Fixtures {
    /// The package root, found from this file's path.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func sample(_ relative: String) -> String {
        root.appendingPathComponent("samples").appendingPathComponent(relative).path
    }

    static func data(_ relativeToSamples: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: sample(relativeToSamples)))
    }

    static let sniffer: MediaSniffer = {
        do {
            return try MediaSniffer()
        } catch {
            fatalError("libmagic is not usable in the test environment: \(error)")
        }
    }()

    /// A fresh empty directory under the system temporary directory.
    static func temporaryDirectory(_ name: String = "mmskit-test") throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    /// Writes files (name → bytes) into a fresh directory and returns its path.
    static func directory(_ files: [String: Data]) throws -> String {
        let path = try temporaryDirectory()
        for (name, data) in files {
            try data.write(to: URL(fileURLWithPath: path).appendingPathComponent(name))
        }
        return path
    }

    /// Small real media from `samples/promo`.
    static var jpeg: Data { get throws { try data("promo/01-cover.jpg") } }
    static var png: Data { get throws { try data("promo/02-menu.png") } }
    static var gif: Data { get throws { try data("promo/03-steam.gif") } }
    static var mp3: Data { get throws { try data("promo/04-jingle.mp3") } }
    static var mp4: Data { get throws { try data("promo/05-store.mp4") } }

    /// The start of a ZIP archive (a local file header for "a.txt"), to append to media as a polyglot.
    static let zipHeader = Data([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x00, 0x00] + [UInt8](repeating: 0, count: 16)
        + [0x05, 0x00, 0x00, 0x00] + Array("a.txt".utf8))
}

extension String {
    var utf8Data: Data { Data(utf8) }
}
