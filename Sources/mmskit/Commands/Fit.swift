import ArgumentParser
import Foundation
import MMSKit
import MMSKitCommandLine
import MMSKitFit

extension MMSKitCommand {
    struct Fit: AsyncParsableCommand, JSONReportingCommand {
        static let configuration = CommandConfiguration(
            abstract: "Convert and compress a content directory's media to the profile's formats and size budget.",
            discussion: """
                Reads DIR by build's rules and writes a new directory OUT (which must not exist, or be empty) with \
                the same frames, texts and mms.yaml, that build and lint accept: media already in an MMS format, \
                within the limits and not needed for the budget are copied byte for byte; the rest becomes JPEG or \
                PNG, GIF (animation kept), MP3 or H.264/AAC MP4. The budget (max_total_bytes, or --budget) is \
                shared out so that the worst item's quality (SSIM) is as high as it can be. Needs FFmpeg \
                (Debian package ffmpeg) and libvips (libvips-tools). Exit status: 0 fitted, 1 an input that \
                cannot be decoded or a budget that cannot be met (nothing is written), 2 a converter missing or \
                failing, or a file that cannot be read or written.
                """
        )

        @Argument(help: "The content directory to fit (never modified).")
        var directory: String

        @Option(name: .shortAndLong, help: ArgumentHelp("The directory to write (new, or empty).", valueName: "dir"))
        var output: String

        @Option(
            help: ArgumentHelp(
                "The whole message's size limit (1945600, 1900K, 1.5M); default: the profile's max_total_bytes.",
                valueName: "size"))
        var budget: ByteSize?

        @Flag(help: "Print the report as JSON.")
        var json = false

        @OptionGroup var configurationOptions: LintConfigurationOptions
        @OptionGroup var snifferOptions: SnifferOptions

        func run() async throws {
            let report = try await Self.fit(
                directory: directory, into: output, budget: budget, configurationOptions: configurationOptions,
                snifferOptions: snifferOptions, showsProgress: !json)
            if json {
                try StandardOutput.writeJSON(report)
            } else {
                try StandardOutput.write(FitSummary.render(report))
            }
        }

        /// Fits `directory` into `output` as the options say, printing warnings and (on a terminal) progress to
        /// stderr; shared with `build --fit`.
        static func fit(
            directory: String, into output: String, budget: ByteSize?,
            configurationOptions: LintConfigurationOptions, snifferOptions: SnifferOptions, showsProgress: Bool
        ) async throws -> FitReport {
            let configuration = try configurationOptions.load()
            let sniffer = try snifferOptions.makeSniffer()
            let drawsProgress = showsProgress && Terminal.isInteractive(STDERR_FILENO)
            let toolbox = try MediaToolbox.locate()
            let fitter = ContentFitter(
                sniffer: sniffer, profile: configuration.profile, budget: budget?.bytes, toolbox: toolbox)
            let report: FitReport
            if drawsProgress {
                defer { StandardError.writeRaw("\r\u{1B}[2K") }
                report = try await fitter.fit(directory: directory, into: output, progress: Self.drawProgress)
            } else {
                report = try await fitter.fit(directory: directory, into: output)
            }
            StandardError.print(diagnostics: report.warnings)
            return report
        }

        /// One redrawn progress line on stderr.
        @Sendable static func drawProgress(_ step: ContentFitter.Progress) {
            let stage = DisplayText.escaped(step.stage)
            StandardError.writeRaw("\r\u{1B}[2Kfitting: \(stage) \(step.done)/\(step.total)")
        }
    }
}
