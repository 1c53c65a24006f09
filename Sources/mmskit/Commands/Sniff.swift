import ArgumentParser
import Foundation
import MMSKit

extension MMSKitCommand {
    struct Sniff: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Identify media files with libmagic and check their structure, as build does.",
            discussion: "Prints one line per file; exits 1 when any file is not acceptable MMS media, 2 when one cannot be read."
        )

        @Argument(help: "Files to sniff (directories are searched; hidden files and .txt/.yaml/.yml/.md files in them are skipped).")
        var paths: [String]

        @Flag(help: "Print the results as JSON.")
        var json = false

        @OptionGroup var snifferOptions: SnifferOptions

        func validate() throws {
            if paths.isEmpty { throw ValidationError("name at least one file to sniff") }
        }

        func run() async throws {
            let sniffer = try snifferOptions.makeSniffer()
            let files = Self.expand(paths)
            let reports = SniffReport.sniff(paths: files, sniffer: sniffer)
            if json {
                try StandardOutput.writeJSON(reports)
            } else {
                var text = ""
                for report in reports {
                    if let media = report.media {
                        let summary = MediaSummary.describe(media)
                        text += "\(report.path): \(media.mimeType) \(media.format.preferredExtension.rawValue)\(summary.isEmpty ? "" : " \(summary)")\n"
                    } else {
                        text += "\(report.path): rejected: \(report.problem ?? "")\n"
                    }
                }
                try StandardOutput.write(text)
            }
            if reports.contains(where: \.unreadable) { throw CommandFailure.toolFailure }
            if reports.contains(where: { !$0.isAccepted }) { throw CommandFailure.invalidContent }
        }

        /// Text and manifest files sit beside media in a message directory; they are not media to sniff.
        static let skippedInDirectories = [".txt", ".yaml", ".yml", ".md"]

        /// Files as given, with directories replaced by the regular files under them (sorted, hidden skipped).
        static func expand(_ paths: [String]) -> [String] {
            paths.flatMap { path -> [String] in
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                    return [path]
                }
                let base = path.hasSuffix("/") ? String(path.dropLast()) : path
                let enumerator = FileManager.default.enumerator(atPath: base)
                var files: [String] = []
                while let relative = enumerator?.nextObject() as? String {
                    if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
                    if skippedInDirectories.contains(where: { relative.lowercased().hasSuffix($0) }) { continue }
                    let full = "\(base)/\(relative)"
                    var childIsDirectory: ObjCBool = false
                    if FileManager.default.fileExists(atPath: full, isDirectory: &childIsDirectory), !childIsDirectory.boolValue {
                        files.append(full)
                    }
                }
                return files.sorted()
            }
        }
    }
}
