import ArgumentParser
import Foundation
import MMSKit
import MMSKitCommandLine
import MMSKitStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension MMSKitServerCommand.Receipts {
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export stored pushes as CSV or JSON lines, streamed in arrival order.",
            discussion: """
                CSV has a header line and the provider's payload as a JSON text column; JSON lines have one object a \
                line with the payload embedded. Records are read a page at a time, so any size of store exports in \
                little memory. With -o the file appears only when complete.
                """
        )

        @OptionGroup var storeOptions: StoreOptions
        @OptionGroup var filters: PushFilterOptions

        @Option(help: "csv or jsonl.")
        var format: PushExportFormat

        @Option(
            name: .shortAndLong,
            help: ArgumentHelp("Write to this file (atomically) instead of stdout.", valueName: "file"))
        var output: String?

        func run() async throws {
            let query = filters.query()
            let inputs = InputFiles(try storeOptions.location().files)
            try await storeOptions.withStore { store in
                if let output, output != "-" {
                    try await AtomicFile.writeStreaming(to: output, protecting: inputs) { descriptor in
                        try await Self.export(
                            store.records(matching: query), format: format, to: descriptor, path: output)
                    }
                } else {
                    try await Self.export(
                        store.records(matching: query), format: format, to: STDOUT_FILENO, path: "<stdout>")
                }
            }
        }

        /// Writes the records, buffering about 64 KiB at a time.
        static func export(
            _ pushes: StoredPushSequence, format: PushExportFormat, to descriptor: Int32, path: String
        ) async throws {
            var buffer = format.header ?? ""
            for try await push in pushes {
                buffer += format.line(push)
                if buffer.utf8.count >= StreamedOutput.bufferSize {
                    try StreamedOutput.flush(&buffer, to: descriptor, path: path)
                }
            }
            try StreamedOutput.flush(&buffer, to: descriptor, path: path)
        }

    }
}

extension PushExportFormat: ExpressibleByArgument {}
