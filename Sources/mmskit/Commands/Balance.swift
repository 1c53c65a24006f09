import ArgumentParser
import Foundation
import MMSKit
import MMSKitProviders

extension MMSKitCommand {
    struct Balance: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the account balance: ihuyi products (their product_id is what send needs), or JPush quotas.",
            discussion: "JPush: the app's quotas by default; --dev shows the developer account's (needs MMSKIT_JPUSH_DEV_KEY and MMSKIT_JPUSH_DEV_SECRET). A quota shown as 'not allocated' is null, not 0."
        )

        @OptionGroup var providerOptions: ProviderOptions

        @Flag(help: "JPush: the developer account's balance instead of the app's.")
        var dev = false

        @Flag(help: "Print the result as JSON.")
        var json = false

        func run() async throws {
            try await CommandFailure.$reportsJSON.withValue(json) { try await execute() }
        }

        func execute() async throws {
            let settings = try providerOptions.settings()
            switch providerOptions.provider {
            case .ihuyi:
                let products = try await CommandFailure.reportAsync { try await providerOptions.ihuyiClient(settings).balance() }
                if json { return try StandardOutput.writeJSON(products) }
                var table = TextTable(header: ["PRODUCT_ID", "PRODUCT", "BALANCE"], numericColumns: [0, 2])
                for product in products {
                    table.rows.append([String(product.productID), product.productName, Self.number(product.balance)])
                }
                try StandardOutput.write(products.isEmpty ? "the account has no MMS products\n" : table.render())
            case .jpush:
                let client = providerOptions.jpushClient(settings)
                let fields: [(name: String, value: Int?)]
                if dev {
                    let balance = try await CommandFailure.reportAsync { try await client.developerBalance() }
                    fields = balance.fields
                } else {
                    let balance = try await CommandFailure.reportAsync { try await client.appBalance() }
                    fields = balance.fields
                }
                if json {
                    // null (not allocated) stays null, distinct from 0.
                    let object = Dictionary(uniqueKeysWithValues: fields.map { ($0.name, $0.value.map { $0 as Any } ?? NSNull()) })
                    let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
                    return try StandardOutput.write(String(decoding: data, as: UTF8.self) + "\n")
                }
                var table = TextTable(header: ["QUOTA", "REMAINING"], numericColumns: [1])
                for field in fields { table.rows.append([field.name, field.value.map(String.init) ?? "not allocated"]) }
                try StandardOutput.write(table.render())
            }
        }

        static func number(_ value: Double) -> String {
            value == value.rounded() ? ByteCount.grouped(Int(value)) : String(format: "%.2f", value)
        }
    }
}
