import Foundation
import MMSKit
import MMSKitTestSupport
import Testing

/// What a person sees on a real terminal: the binary run under `script` (util-linux), which gives it a
/// pseudo-terminal of a chosen width.
@Suite struct TerminalOutputTests {
    /// Runs `command` (a shell command line) on a pseudo-terminal `columns` wide and returns what it printed.
    static func onTerminal(_ command: String, columns: Int = 120, environment: [String: String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", "stty cols \(columns) rows 40; \(command)", "/dev/null"]
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "NO_COLOR")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe.closingOnExec()
        process.standardOutput = out
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    static var scriptAvailable: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/script") }

    @Test(.enabled(if: scriptAvailable)) func dumbTerminalsGetNoColour() throws {
        let command = "\(CLIRunner.binary.path) lint \(PackagePaths.sample("bad/webp"))"
        let coloured = try Self.onTerminal(command, environment: ["TERM": "xterm"])
        #expect(coloured.contains("\u{1B}["), "the pseudo-terminal gets colour: \(coloured)")
        let dumb = try Self.onTerminal(command, environment: ["TERM": "dumb"])
        #expect(dumb.contains("media-format"))
        #expect(!dumb.contains("\u{1B}"), "\(dumb)")
    }

    @Test(.enabled(if: scriptAvailable)) func progressIsRedrawnInPlaceWithinTheTerminalWidth() throws {
        let server = try FakeIhuyiServer(apiKey: ProviderCommandTests.key)
        defer { server.stop() }
        let temporary = try TemporaryDirectory()
        let directory = temporary.path
        let phones = "\(directory)/phones.txt"
        try (0..<95).map { String(13_900_000_000 + $0) }.joined(separator: "\n").write(
            toFile: phones, atomically: false, encoding: .utf8)
        var env = ProviderCommandTests.environment(server, home: directory)
        env["TERM"] = "xterm"
        let command =
            "\(CLIRunner.binary.path) send --provider ihuyi --base-url \(server.baseURL.absoluteString) --phones \(phones) --product-id 1018 --template-id 42 --chunk-size 10 --journal \(directory)/j.jsonl"
        let screen = try Self.onTerminal(command, columns: 40, environment: env)
        #expect(screen.contains("sent: 10 of 10 chunks acknowledged"), "\(screen)")
        // Every redraw fits in the 40 columns, so nothing wraps and leaves a fragment behind.
        let segments = screen.replacingOccurrences(of: "\u{1B}[K", with: "").split(whereSeparator: {
            $0 == "\r" || $0 == "\n"
        })
        let progress = segments.filter { $0.contains("chunk") && !$0.contains("acknowledged (") }
        #expect(!progress.isEmpty)
        for segment in progress { #expect(DisplayWidth.of(String(segment)) < 40, "\(segment)") }
        // Chunks count from 1, and per-chunk results are redrawn, not printed as ten lines.
        #expect(!screen.contains("chunk 0"))
        #expect(screen.contains("chunk 1"))
        let permanentLines = screen.split(separator: "\n").filter {
            $0.contains("accepted, task") || $0.hasSuffix("accepted")
        }
        #expect(permanentLines.count <= 1, "\(permanentLines)")
    }
}
