import ArgumentParser
import Foundation
import MMSKit
import MMSKitCommandLine
import MMSKitProviders
import MMSKitServer
import MMSKitStore

extension MMSKitServerCommand.Receipts {
    struct Replay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Deliver stored pushes again to your application, signed the Standard Webhooks way.",
            discussion: """
                Records go out in arrival order as JSON POSTs with webhook-id, webhook-timestamp and \
                webhook-signature headers (HMAC-SHA256 with the secret in MMSKIT_FORWARD_SECRET, as \
                `receipts serve --forward-to` signs them), each with the webhook-id of its original delivery. A record \
                the application does not take after 3 tries stops the replay (exit 2) and says how to go on.
                """)

        @OptionGroup var storeOptions: StoreOptions
        @OptionGroup var filters: PushFilterOptions

        @Option(help: ArgumentHelp("Your application's endpoint.", valueName: "url"))
        var to: String

        @Option(help: ArgumentHelp("Seconds one POST may take in all.", valueName: "seconds"))
        var timeout: Double = 10

        func validate() throws {
            guard filters.since != nil else {
                throw ValidationError("give --since TIME: the records received from then on are delivered again")
            }
            guard let url = URL(string: to), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
                throw ValidationError("--to '\(URLRedaction.redact(to))' is not an http(s) URL")
            }
            guard timeout.isFinite, timeout > 0, timeout <= 3600 else {
                throw ValidationError("--timeout must be a number of seconds more than 0 and at most 3600")
            }
        }

        func run() async throws {
            let signer = try ForwardingSecret.signer()
            let replay = WebhookReplay(
                endpoint: URL(string: to)!, signer: signer,
                transport: HTTPClientTransport(
                    timeout: timeout, urlOption: "--to", proxies: try ProxySettings()))
            let delivered = try await storeOptions.withStore { store in
                try await replay.replay(store.records(matching: filters.query()))
            }
            try StandardOutput.write("\(Plural.count(delivered, "record")) delivered to \(URLRedaction.redact(to))\n")
        }
    }
}

/// The forwarding secret, from `MMSKIT_FORWARD_SECRET` only: a secret on the command line is visible to others.
enum ForwardingSecret {
    static let variable = "MMSKIT_FORWARD_SECRET"

    static func signer() throws -> StandardWebhookSigner {
        guard let text = ProcessInfo.processInfo.environment[variable], !text.isEmpty else {
            StandardError.write(
                "error: set \(variable) to the secret your application checks signatures with (whsec_… or any text)\n")
            throw CommandFailure.fail(CommandFailure.toolFailure, "\(variable) is not set")
        }
        return try StandardWebhookSigner(secret: Secret(text))
    }
}
