import ArgumentParser
import Foundation
import MMSKit
import MMSKitCommandLine
import MMSKitStore

extension MMSKitServerCommand.Receipts {
    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Bring a store's schema up to date in place, nothing lost (receipts serve does it too).",
            discussion: """
                For a deploy that migrates before the receivers start: applies the migrations the store (a SQLite \
                file or a PostgreSQL database) lacks, in one transaction, and prints them; a store that is up to \
                date is left as it is. A missing SQLite file or an empty database gets the whole schema. The read \
                commands (list, stats, export) refuse a store written by an earlier release and name this command.
                """
        )

        @OptionGroup var storeOptions: StoreOptions

        func run() async throws {
            let location = try storeOptions.location()
            let applied: [String]
            do {
                applied = try await location.migrate()
            } catch {
                throw StoreError.unusable(location.description, error)
            }
            if applied.isEmpty {
                try StandardOutput.writeRaw("\(location): up to date\n")
            } else {
                try StandardOutput.writeRaw(
                    "\(location): applied \(applied.map { "'\($0)'" }.joined(separator: ", "))\n")
            }
        }
    }
}
