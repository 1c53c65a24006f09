import Foundation
import MMSKitTestSupport

@testable import MMSKit

/// The bytes of committed samples, and a shared sniffer (paths and temporary directories: `PackagePaths`,
/// `TemporaryDirectory`).
enum Fixtures {
    static func data(_ relativeToSamples: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: PackagePaths.sample(relativeToSamples)))
    }

    static let sniffer: MediaSniffer = {
        do {
            return try MediaSniffer()
        } catch {
            fatalError("libmagic is not usable in the test environment: \(error)")
        }
    }()

    /// Small real media from `samples/promo`.
    static var jpeg: Data { get throws { try data("promo/01-cover.jpg") } }
    static var png: Data { get throws { try data("promo/02-menu.png") } }
    static var gif: Data { get throws { try data("promo/03-steam.gif") } }
    static var mp3: Data { get throws { try data("promo/04-jingle.mp3") } }
    static var mp4: Data { get throws { try data("promo/05-store.mp4") } }

    /// The start of a ZIP archive (a local file header for "a.txt"), to append to media as a polyglot.
    static let zipHeader = Data(
        [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x00, 0x00] + [UInt8](repeating: 0, count: 16)
            + [0x05, 0x00, 0x00, 0x00] + Array("a.txt".utf8))
}

extension String {
    var utf8Data: Data { Data(utf8) }
}
