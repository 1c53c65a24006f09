import ArgumentParser
import Foundation
import MMSKit
import MMSKitCommandLine

extension MMSKitCommand {
    struct Sniff: AsyncParsableCommand, JSONReportingCommand {
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
            let failures = reports.filter { !$0.isAccepted }
            let status =
                failures.contains(where: \.unreadable) ? CommandFailure.toolFailure : CommandFailure.invalidContent
            if json {
                // A failure is the documented `{"error": …}` object, each refused file a diagnostic naming it.
                guard let first = failures.first else { return try StandardOutput.writeJSON(reports) }
                let diagnostics = failures.map {
                    Diagnostic(
                        .error, $0.unreadable ? "unreadable: \($0.problem ?? "")" : "rejected: \($0.problem ?? "")",
                        location: Diagnostic.Location(file: $0.path))
                }
                StandardError.print(diagnostics: diagnostics)
                let message =
                    failures.count == 1
                    ? "\(first.path) is \(first.unreadable ? "unreadable" : "not acceptable MMS media")"
                    : "\(failures.count) of \(Plural.count(reports.count, "file")) are unreadable or not acceptable MMS media"
                throw CommandFailure.fail(status, message, diagnostics: diagnostics)
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
            if !failures.isEmpty { throw status }
        }
    }
}
