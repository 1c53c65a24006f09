import ArgumentParser
import Foundation
import MMSKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension MMSKitCommand {
    struct Lint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check templates, send requests and media directories before they reach the provider.",
            discussion: """
                Reads templateCreate and batchSend bodies, bare frame arrays (kind detected from the shape) and \
                media directories. Directories are searched for *.json files and media directories; quoted globs \
                such as 'templates/**/*.json' are expanded. Settings come from .mmskit.yml (searched from the \
                current directory up to the repository root) or --config.
                Exit status: 0 no errors (warnings allowed), 1 errors (or warnings with --strict), 2 bad \
                configuration, unreadable path or libmagic failure, 64 usage.
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text, json, sarif, github, junit
        }

        enum Kind: String, ExpressibleByArgument, CaseIterable {
            case content, template, batch
        }

        @Argument(help: "Files, directories or quoted globs (default: the current directory).")
        var paths: [String] = []

        @Option(help: "Report format.")
        var format: Format = .text

        @Option(name: .shortAndLong, help: ArgumentHelp("Write the report to this file (atomically) instead of stdout.", valueName: "file"))
        var output: String?

        @Option(help: ArgumentHelp("Configuration file (default: .mmskit.yml, searched upwards).", valueName: "file"))
        var config: String?

        @Option(help: "Read every JSON file as this kind instead of detecting it.")
        var kind: Kind?

        @Option(help: ArgumentHelp("Provider profile, overriding the configuration (\(ProviderProfile.builtIn.keys.sorted().joined(separator: ", "))).", valueName: "name"))
        var profile: String?

        @Flag(help: "Fail (exit 1) on warnings too.")
        var strict = false

        @OptionGroup var snifferOptions: SnifferOptions

        func validate() throws {
            if let profile, ProviderProfile.builtIn[profile] == nil {
                throw ValidationError("unknown profile '\(profile)'; choose one of \(ProviderProfile.builtIn.keys.sorted().joined(separator: ", "))")
            }
        }

        func run() async throws {
            var configuration = try loadConfiguration()
            if let profile, let builtIn = ProviderProfile.builtIn[profile] {
                configuration.profile = ProfileLimits().applied(to: builtIn)
            }
            let sniffer = try snifferOptions.makeSniffer()
            let linter = Linter(sniffer: sniffer, configuration: configuration, kind: kind.flatMap { DocumentKind(rawValue: $0.rawValue) })
            let report = try CommandFailure.report { try linter.lint(paths: paths.isEmpty ? ["."] : paths) }
            let colour = output == nil && format == .text && isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            let reporter = LintReporters.reporter(for: format.rawValue, colour: colour, toolVersion: MMSKitVersion.current)!
            let text = reporter.generateReport(report)
            if let output, output != "-" {
                let inputs = report.files.reduce(into: Set<FileIdentity>()) { $0.formUnion(FileIdentity.inputs(at: $1.path)) }
                try CommandFailure.report { try AtomicFile.write(Data(text.utf8), to: output, protecting: inputs) }
                if format != .text { StandardError.write(report.summaryLine + "\n") }
            } else {
                try StandardOutput.write(text)
            }
            if report.count(of: .error) > 0 || (strict && report.count(of: .warning) > 0) {
                throw CommandFailure.invalidContent
            }
        }

        /// The configuration from --config, or the nearest .mmskit.yml up to the repository root.
        func loadConfiguration() throws -> LintConfiguration {
            guard let path = config ?? Self.findConfiguration() else { return LintConfiguration() }
            do {
                return try LintConfiguration.load(path: path)
            } catch let error as ConfigurationError {
                StandardError.print(diagnostics: error.diagnostics)
                throw CommandFailure.toolFailure
            } catch {
                StandardError.write("error: \(error)\n")
                throw CommandFailure.toolFailure
            }
        }

        static func findConfiguration() -> String? {
            var directory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            while true {
                let candidate = directory.appendingPathComponent(LintConfiguration.fileName).path
                if FileManager.default.fileExists(atPath: candidate) {
                    return candidate.hasPrefix(FileManager.default.currentDirectoryPath + "/")
                        ? String(candidate.dropFirst(FileManager.default.currentDirectoryPath.count + 1)) : candidate
                }
                let isRepositoryRoot = FileManager.default.fileExists(atPath: directory.appendingPathComponent(".git").path)
                let parent = directory.deletingLastPathComponent()
                if isRepositoryRoot || parent.path == directory.path { return nil }
                directory = parent
            }
        }
    }
}
