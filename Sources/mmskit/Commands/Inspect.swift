import ArgumentParser
import Foundation
import MMSKit
import MMSKitCommandLine

extension MMSKitCommand {
    struct Inspect: AsyncParsableCommand, JSONReportingCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show every frame's items with format, dimensions or duration, raw and base64 sizes, and totals.",
            discussion: "The quickest way to see why a message is too big. Reads a media directory or a JSON file."
        )

        @Argument(help: "A media directory, or a frame array / templateCreate / batchSend JSON file.")
        var path: String

        @Flag(help: "Print the report as JSON.")
        var json = false

        @OptionGroup var snifferOptions: SnifferOptions

        func run() async throws {
            let sniffer = try snifferOptions.makeSniffer()
            let analysis = try ContentLoader(sniffer: sniffer).load(path)
            let report = ContentReport(source: path, analysis: analysis)
            if json {
                try StandardOutput.writeJSON(report)
            } else {
                StandardError.print(diagnostics: analysis.diagnostics)
                try StandardOutput.write(Self.table(report))
            }
        }

        static func table(_ report: ContentReport) -> String {
            var table = TextTable(
                header: ["FRAME", "ITEM", "TYPE", "EXT", "DETAILS", "RAW BYTES", "BASE64 BYTES", "SOURCE"],
                numericColumns: [0, 1, 5, 6])
            for item in report.items {
                table.rows.append([
                    String(item.frame), String(item.position), item.contentType.rawValue, item.extType,
                    MediaSummary.describe(item), ByteCount.grouped(item.rawBytes),
                    item.contentType == .text ? "-" : ByteCount.grouped(item.wireBytes), item.source,
                ])
            }
            let totals = report.totals
            var text = table.render()
            text +=
                "\n\(totals.frames) frame\(totals.frames == 1 ? "" : "s"), \(totals.items) item\(totals.items == 1 ? "" : "s"); "
            text += "raw \(ByteCount.grouped(totals.rawBytes)) B (\(ByteCount.approximate(totals.rawBytes))), "
            text += "on the wire \(ByteCount.grouped(totals.wireBytes)) B, "
            text +=
                "content JSON \(ByteCount.grouped(totals.contentJSONBytes)) B (\(ByteCount.approximate(totals.contentJSONBytes)))\n"
            if let largest = report.items.max(by: { $0.wireBytes < $1.wireBytes }), totals.wireBytes > 0 {
                let share = Double(largest.wireBytes) / Double(totals.wireBytes) * 100
                text += String(
                    format: "largest item: %@ (frame %d) is %.0f%% of the wire size\n",
                    DisplayText.escaped(largest.source), largest.frame, share)
            }
            return text
        }
    }
}
