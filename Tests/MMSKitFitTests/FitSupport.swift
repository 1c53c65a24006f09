import Foundation
import MMSKit
import MMSKitFit
import MMSKitTestSupport

/// One set of converter slots for every test in this target (one run per core), as one `mmskit fit` has: tests
/// running side by side must not start a converter each per core, or the machine drowns and tests elsewhere that
/// keep time starve.
let sharedToolbox: MediaToolbox? = try? MediaToolbox.locate()

/// Fits with the real converters, as `mmskit fit` does.
func fit(
    _ directory: String, into output: String, profile: ProviderProfile = .ihuyi, budget: Int? = nil
) async throws -> FitReport {
    let toolbox = try sharedToolbox ?? MediaToolbox.locate()
    let fitter = ContentFitter(sniffer: try MediaSniffer(), profile: profile, budget: budget, toolbox: toolbox)
    return try await fitter.fit(directory: directory, into: output)
}

/// A content directory `temporary/campaign` with the files `make` writes into it (on a thread of its own: making
/// fixtures runs FFmpeg and libvips), and what `make` returns.
func contentDirectory<Made: Sendable>(
    in temporary: TemporaryDirectory, _ make: @escaping @Sendable (String) throws -> Made
) async throws -> (String, Made) {
    let directory = temporary.appending("campaign")
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let made = try await MediaFixtures.detached { try make(directory) }
    return (directory, made)
}

/// `contentDirectory` for makers that return nothing.
func contentDirectory(
    in temporary: TemporaryDirectory, _ make: @escaping @Sendable (String) throws -> Void
) async throws -> String {
    let (directory, _): (String, Void) = try await contentDirectory(in: temporary, make)
    return directory
}

/// Every file's bytes in a directory, by name.
func contents(of directory: String) throws -> [String: Data] {
    var result: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: directory) {
        result[name] = try Data(contentsOf: URL(fileURLWithPath: "\(directory)/\(name)"))
    }
    return result
}
