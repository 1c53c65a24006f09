import Foundation

/// What every browser check of a page of ours does: tell the page's requests from the browser's own, and take a
/// screenshot of it.
extension HeadlessChromium {
    /// The connections `proxy` received that the page made: everything but the browser's own services (those
    /// are printed, to show they were kept apart).
    public static func pageRequests(_ proxy: ConnectionCanary) -> [ConnectionCanary.Connection] {
        let connections = proxy.connections
        let own = connections.filter { isBrowserService($0.host) }
        if !own.isEmpty {
            print("the browser's own start-up requests, kept on the proxy canary: \(Set(own.map(\.host)).sorted())")
        }
        return connections.filter { !isBrowserService($0.host) }
    }

    /// Draws `page` in a window of `width` × `height` into the PNG at `path` (replacing it, creating its
    /// directory) and returns the PNG's bytes, nil when none was written; `run` is what the browser printed.
    public func screenshot(
        _ page: String, proxy: String, to path: String, width: Int, height: Int
    ) throws -> (run: Run, png: Data?) {
        try? FileManager.default.removeItem(atPath: path)
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let run = try open(
            page, proxy: proxy,
            arguments: [
                "--screenshot=\(path)", "--window-size=\(width),\(height)", "--hide-scrollbars",
                "--virtual-time-budget=3000",
            ])
        return (run, FileManager.default.contents(atPath: path))
    }

    /// Whether `data` starts with the PNG signature.
    public static func isPNG(_ data: Data?) -> Bool {
        data?.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ?? false
    }
}
