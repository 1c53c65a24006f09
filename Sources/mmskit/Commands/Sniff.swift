import ArgumentParser
import Foundation
import MMSKit
import MMSKitCommandLine

extension MMSKitCommand {
    struct Sniff: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Identify media files with libmagic and check their structure, as build does.",
            discussion:
                "Prints one line per file; exits 1 when any file is not acceptable MMS media, 2 when one cannot be read."
        )

        @Argument(
            help:
                "Files to sniff (directories are searched; hidden files and .txt/.yaml/.yml/.md files in them are skipped)."
        )
        var paths: [String]

        @Flag(help: "Print the results as JSON.")
        var json = false

        @OptionGroup var snifferOptions: SnifferOptions

        func validate() throws {
            if paths.isEmpty { throw ValidationError("name at least one file to sniff") }
        }

        func run() async throws {
            let sniffer = try snifferOptions.makeSniffer()
            let reports = SniffReport.sniff(searching: paths, sniffer: sniffer)
            if json {
                try StandardOutput.writeJSON(reports)
            } else {
                var text = ""
                for report in reports {
                    let path = DisplayText.escaped(report.path)
                    let problem = DisplayText.escaped(report.problem ?? "")
                    if let media = report.media {
                        let summary = MediaSummary.describe(media)
                        let trailing =
                            media.details.trailingBytes.map {
                                "; warning: \(Plural.count($0, "byte")) after the end [media-trailing-data]"
                            } ?? ""
                        text +=
                            "\(path): \(media.mimeType) \(media.format.preferredExtension.rawValue)\(summary.isEmpty ? "" : " \(summary)")\(trailing)\n"
                    } else if report.unreadable {
                        text += "\(path): unreadable: \(problem)\n"
                    } else {
                        text += "\(path): rejected: \(problem)\n"
                    }
                }
                try StandardOutput.write(text)
            }
            if reports.contains(where: \.unreadable) { throw CommandFailure.toolFailure }
            if reports.contains(where: { !$0.isAccepted }) { throw CommandFailure.invalidContent }
        }
    }
}
