import Foundation

/// Debian's `chromium` run headless for the preview's browser check (`--dump-dom`, `--screenshot`), every run
/// with a fresh profile, background networking off and a proxy the caller names (a `ConnectionCanary`), so
/// that no request can leave the machine: loopback addresses are reached directly, every other host only
/// through that proxy, which answers nothing.
///
/// Even so the browser itself may ask for its own services at start-up (component updates at
/// update.googleapis.com, accounts.google.com), whatever the flags say, depending on timing; those go to the
/// proxy too and `isBrowserService(_:)` tells them apart from what a page asks for.
///
/// When it is not installed the browser cases print why and pass, except under `CI=true`, where that is a
/// failure (`scripts/ensure-deps.sh` installs it).
public struct HeadlessChromium: Sendable {
    public struct Run: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// The executable (`$MMSKIT_TEST_CHROMIUM`, or `chromium` / `chromium-browser` on the PATH).
    public let executable: String

    /// The browser, or nil after printing why there is none; throws under `CI=true` instead of skipping.
    public static func find() throws -> HeadlessChromium? {
        let environment = ProcessInfo.processInfo.environment
        var candidates: [String] = []
        if let named = environment["MMSKIT_TEST_CHROMIUM"], !named.isEmpty { candidates.append(named) }
        for directory in (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            candidates += ["\(directory)/chromium", "\(directory)/chromium-browser"]
        }
        if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
            return HeadlessChromium(executable: found)
        }
        let reason = "chromium is not installed (apt-get install chromium, or bash scripts/ensure-deps.sh)"
        if environment["CI"] == "true" {
            throw CocoaError(.executableNotLoadable, userInfo: [NSLocalizedDescriptionKey: "under CI: \(reason)"])
        }
        print("skipping the browser check: \(reason)")
        return nil
    }

    /// Whether a host is one of the browser's own services (Google's update, account and time servers), which
    /// Chromium contacts by itself; a page that fetched something would name another host.
    public static func isBrowserService(_ host: String) -> Bool {
        ["google.com", "googleapis.com", "gstatic.com", "gvt1.com", "googleusercontent.com"].contains {
            host == $0 || host.hasSuffix(".\($0)")
        }
    }

    /// Opens `page` (a file path) with every request to a non-loopback host sent through `proxy`, and returns
    /// what the browser printed. `arguments` add `--dump-dom` or `--screenshot=…`.
    public func open(_ page: String, proxy: String, arguments: [String]) throws -> Run {
        let scratch = try TemporaryDirectory("mmskit-chromium")
        defer { scratch.remove() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            ["timeout", "-k", "5", "120", executable]
            + [
                "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(scratch.appending("profile"))",
                "--proxy-server=\(proxy)", "--disable-background-networking",
                "--disable-features=NetworkTimeServiceQuerying,OptimizationHints,Translate,MediaRouter",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-default-apps",
                "--no-first-run", "--no-default-browser-check", "--metrics-recording-only", "--mute-audio",
            ] + arguments + [URL(fileURLWithPath: page).absoluteString]
        let outputPath = scratch.appending("stdout")
        let errorPath = scratch.appending("stderr")
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus,
            stdout: String(decoding: FileManager.default.contents(atPath: outputPath) ?? Data(), as: UTF8.self),
            stderr: String(decoding: FileManager.default.contents(atPath: errorPath) ?? Data(), as: UTF8.self))
    }
}
