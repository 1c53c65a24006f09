import ArgumentParser
import Foundation
import MMSKit
import MMSKitCommandLine

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

        @Option(
            name: .shortAndLong,
            help: ArgumentHelp("Write the report to this file (atomically) instead of stdout.", valueName: "file"))
        var output: String?

        @Option(help: "Read every JSON file as this kind instead of detecting it.")
        var kind: Kind?

        @OptionGroup var configurationOptions: LintConfigurationOptions

        @Flag(help: "Fail (exit 1) on warnings too.")
        var strict = false

        @OptionGroup var snifferOptions: SnifferOptions

        func run() async throws {
            let configuration = try configurationOptions.load()
            let sniffer = try snifferOptions.makeSniffer()
            let linter = Linter(
                sniffer: sniffer, configuration: configuration,
                kind: kind.flatMap { DocumentKind(rawValue: $0.rawValue) })
            let report = try linter.lint(paths: paths.isEmpty ? ["."] : paths)
            let colour = output == nil && format == .text && Terminal.isInteractive(STDOUT_FILENO)
            let reporter = LintReporters.reporter(
                for: format.rawValue, colour: colour, toolVersion: MMSKitVersion.current)!
            let text = reporter.generateReport(report)
            if let output, output != "-" {
                let inputs = InputFiles(
                    report.files.map(\.path) + sniffer.databaseFiles + [configuration.file].compactMap { $0 })
                try AtomicFile.write(Data(text.utf8), to: output, protecting: inputs)
                if format != .text { StandardError.write(report.summaryLine + "\n") }
            } else {
                try StandardOutput.writeRaw(text)
            }
            if report.count(of: .error) > 0 || (strict && report.count(of: .warning) > 0) {
                throw CommandFailure.invalidContent
            }
        }
    }
}
