import ArgumentParser
import Foundation
import MMSKit
import MMSKitCommandLine
import MMSKitProviders

extension MMSKitServerCommand {
    struct Balance: AsyncParsableCommand, JSONReportingCommand {
        static let configuration = CommandConfiguration(
            abstract: ServerCommandHelp.balanceAbstract,
            discussion:
                "JPush: the app's quotas by default; --dev shows the developer account's (needs MMSKIT_JPUSH_DEV_KEY and MMSKIT_JPUSH_DEV_SECRET). A quota shown as 'not allocated' is null, not 0."
        )

        @OptionGroup var providerOptions: ProviderOptions

        @Flag(help: "JPush: the developer account's balance instead of the app's.")
        var dev = false

        @Flag(help: "Print the result as JSON.")
        var json = false

        func validate() throws {
            let entry = try providerOptions.entry()
            if dev && !entry.balanceAccounts.contains(.developer) {
                throw ValidationError(
                    "\(entry.description.id) has no developer account balance; --dev is for \(ProviderOptions.registry.entries.filter { $0.balanceAccounts.contains(.developer) }.map(\.description.id.rawValue).joined(separator: ", "))"
                )
            }
        }

        func run() async throws {
            let settings = try providerOptions.settings()
            let provider = try providerOptions.make(.balance, as: (any BalanceQuerying).self, settings: settings)
            let report = try await provider.balance(of: dev ? .developer : .main)
            if json { return try StandardOutput.writeJSON(report.json) }
            guard !report.rows.isEmpty else { return try StandardOutput.write(report.emptyMessage + "\n") }
            var table = TextTable(
                header: report.columns.map(\.title),
                numericColumns: Set(report.columns.indices.filter { report.columns[$0].isNumeric }))
            for row in report.rows { table.rows.append(row.map(Self.text)) }
            try StandardOutput.write(table.render())
        }

        static func text(_ cell: BalanceReport.Cell) -> String {
            switch cell {
            case .text(let text): text
            case .amount(let value): GroupedNumber.text(value)
            case .quota(let value): value.map(GroupedNumber.text) ?? "not allocated"
            }
        }
    }
}
