import Foundation
import MMSKit
import MMSKitFit
import MMSKitTestSupport

/// Fits with the real converters, as `mmskit fit` does.
func fit(
    _ directory: String, into output: String, profile: ProviderProfile = .ihuyi, budget: Int? = nil
) async throws -> FitReport {
    let fitter = ContentFitter(
        sniffer: try MediaSniffer(), profile: profile, budget: budget, toolbox: try MediaToolbox.locate())
    return try await fitter.fit(directory: directory, into: output)
}

/// A content directory with the given frame texts and files made by `make` (which receives the directory).
func contentDirectory(in temporary: TemporaryDirectory, _ make: (String) throws -> Void) throws -> String {
    let directory = temporary.appending("campaign")
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    try make(directory)
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
