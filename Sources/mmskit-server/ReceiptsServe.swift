import ArgumentParser
import Foundation
import Logging
import MMSKit
import MMSKitCommandLine
import MMSKitProviders
import MMSKitServer
import MMSKitStore

extension MMSKitServerCommand.Receipts {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Receive ihuyi pushes and JPush (JSMS) callbacks and store them durably.",
            discussion: """
                Routes: POST /ihuyi/receipts, /ihuyi/uplinks, /ihuyi/reviews (JSON, one object or an array; answered \
                'success' once stored) and GET|POST /jpush/callback (signed form; GET ?echostr=X answers X). \
                400 malformed push, 401 wrong token or JSMS signature or a JSMS timestamp off by more than \
                --jsms-clock-skew, 408 body too slow, 409 a JSMS nonce seen with other content, 413 body over \
                --max-body, 503 store failure or no JPush credentials (the provider retries). The first stdout line \
                is 'listening on http://HOST:PORT'; logs go to stderr. SIGTERM or SIGINT: stop accepting, finish requests in flight, close the store, exit 0.
                """
        )

        /// The environment variable holding the receiver's token.
        static let tokenVariable = "MMSKIT_RECEIVER_TOKEN"

        @Option(help: "Address to listen on.")
        var host = "127.0.0.1"

        @Option(help: "Port to listen on; 0 picks a free one (printed on the first line).")
        var port = 8080

        @OptionGroup var store: StoreOptions

        @Option(
            help: "Every route then needs ?token=SECRET. Prefer \(tokenVariable): other users can read command lines.")
        var token: String?

        @Option(
            name: .customLong("max-body"),
            help: ArgumentHelp("The largest request body; a larger one is answered 413.", valueName: "bytes"))
        var maxBody = 1 << 20

        @Option(
            help: ArgumentHelp(
                "Credentials file with the jpush app_key and master_secret (default: ~/.config/mmskit/credentials.yml).",
                valueName: "file"))
        var credentials: String?

        @Option(help: ArgumentHelp("Profile in the credentials file.", valueName: "name"))
        var credentialsProfile = "default"

        @Option(
            name: .customLong("jsms-clock-skew"),
            help: ArgumentHelp(
                "How far a JSMS callback's timestamp may be from this machine's clock; a callback further off is refused as a replay (401).",
                valueName: "seconds"))
        var jsmsClockSkew = 300

        @Option(
            help: ArgumentHelp(
                "Hand every stored record on to your application: signed POSTs (Standard Webhooks, secret in MMSKIT_FORWARD_SECRET) from a durable outbox, retried until a 2xx.",
                valueName: "url"))
        var forwardTo: String?

        @Option(
            help: ArgumentHelp(
                "Log lines as text (for people) or json (one object per line, for log shippers).",
                valueName: "format"))
        var logFormat: LogFormat = .text

        @Option(
            help: ArgumentHelp(
                "The .mmskit.yml whose opt_outs section names the opt-out keywords (default: the nearest, searched upwards from here).",
                valueName: "file"))
        var config: String?

        @Option(
            name: .customLong("opt-out-keyword"),
            help: ArgumentHelp(
                "A reply that opts its number out (repeatable; replaces the configured and default keywords T, TD, N, 退订, 取消, 退, 0000, STOP, UNSUBSCRIBE).",
                valueName: "reply"))
        var optOutKeywords: [String] = []

        @Option(
            name: .customLong("opt-in-keyword"),
            help: ArgumentHelp(
                "A reply that takes its number off the suppression list (repeatable; none by default).",
                valueName: "reply"))
        var optInKeywords: [String] = []

        func validate() throws {
            guard (0...65535).contains(port) else {
                throw ValidationError("--port must be 0 to 65535 (0 picks a free port); got \(port)")
            }
            guard maxBody > 0 else {
                throw ValidationError("--max-body must be a number of bytes more than 0; got \(maxBody)")
            }
            guard !host.isEmpty else {
                throw ValidationError("--host must name an address, such as 127.0.0.1 or 0.0.0.0")
            }
            if let forwardTo {
                guard let url = URL(string: forwardTo), ["http", "https"].contains(url.scheme ?? ""), url.host != nil
                else {
                    throw ValidationError("--forward-to '\(URLRedaction.redact(forwardTo))' is not an http(s) URL")
                }
            }
            guard (1...86_400).contains(jsmsClockSkew) else {
                throw ValidationError("--jsms-clock-skew must be 1 to 86400 seconds; got \(jsmsClockSkew)")
            }
            if token?.isEmpty == true {
                throw ValidationError("--token must not be empty; leave it out to accept posts without one")
            }
            _ = try keywords()
        }

        /// The opt-out keywords: the flags, else the configuration's opt_outs, else the defaults.
        func keywords() throws -> OptOutKeywords {
            let configured: OptOutKeywords
            do {
                configured = try ConfigurationDiscovery.load(path: config).optOutKeywords
            } catch {
                throw ValidationError(error.description)
            }
            guard !optOutKeywords.isEmpty || !optInKeywords.isEmpty else { return configured }
            do {
                return try OptOutKeywords(
                    optOut: optOutKeywords.isEmpty ? configured.optOut : optOutKeywords,
                    optIn: optInKeywords.isEmpty ? configured.optIn : optInKeywords)
            } catch {
                throw ValidationError(error.description)
            }
        }

        func run() async throws {
            let logger = logFormat.logger(label: "mmskit.receiver")
            let configuration = ReceiverConfiguration(
                host: host, port: port, token: try receiverToken(), maximumBodySize: maxBody,
                jpush: try jpushCredentials(), jsmsClockSkew: .seconds(jsmsClockSkew))
            let signer = try forwardTo.map { _ in try ForwardingSecret.signer() }
            let proxies = try ProxySettings()
            let keywords = try keywords()
            logger.info(
                "opt-out keywords: \(keywords.optOut.joined(separator: ", "))\(keywords.optIn.isEmpty ? "" : "; opt-in keywords: \(keywords.optIn.joined(separator: ", "))")"
            )
            let store = try await openStore(forwarding: forwardTo != nil, keywords: keywords, logger: logger)
            let metrics = ReceiverMetrics()
            var forwarders: [OutboxForwarder] = []
            if let forwardTo, let signer, let endpoint = URL(string: forwardTo) {
                logger.info("forwarding every stored record to \(URLRedaction.redact(endpoint))")
                forwarders.append(
                    OutboxForwarder(
                        store: store, endpoint: endpoint, signer: signer,
                        transport: HTTPClientTransport(timeout: 10, urlOption: "--forward-to", proxies: proxies),
                        logger: logger, metrics: metrics))
            }
            let receiver = ReceiptReceiver(
                configuration: configuration, store: store, logger: logger, metrics: metrics, services: forwarders
            ) { address in
                try? StandardOutput.writeRaw("listening on \(address.url)\n")
            }
            do {
                try await receiver.runUntilSignalled()
            } catch {
                throw CommandFailure.toolError("cannot serve on \(ListeningAddress(host: host, port: port)): \(error)")
            }
        }

        /// --token, else MMSKIT_RECEIVER_TOKEN; nil when neither is set.
        func receiverToken() throws -> Secret? {
            if let token {
                StandardError.write(
                    "warning: --token is visible to other users of this machine (ps); prefer \(Self.tokenVariable)\n")
                return Secret(token)
            }
            return ProcessInfo.processInfo.environment[Self.tokenVariable].flatMap { $0.isEmpty ? nil : Secret($0) }
        }

        /// The jpush app_key and master_secret from the credentials file or the environment; nil without them
        /// (the receiver then answers /jpush/callback with 503 and says so at start).
        func jpushCredentials() throws -> JPushCredentials? {
            let environment = ProcessInfo.processInfo.environment
            do {
                let settings = try CredentialResolver.resolve(
                    environment: environment,
                    file: credentials ?? ProviderSettings.defaultCredentialsPath(environment: environment),
                    fileIsRequired: credentials != nil, profile: credentialsProfile,
                    provider: JPushProvider.providerDescription)
                for warning in settings.warnings { StandardError.write(DisplayText.escaped(warning) + "\n") }
                return settings.credentials.all(["app_key", "master_secret"]).map {
                    JPushCredentials(appKey: $0[0], masterSecret: Secret($0[1]))
                }
            } catch {
                throw CommandFailure.toolError("\(error)")
            }
        }

        /// The store named by --db, created when missing; a database that cannot be used exits 2, naming it
        /// (password redacted).
        func openStore(forwarding: Bool, keywords: OptOutKeywords, logger: Logger) async throws -> any PushStore {
            let location = try store.location()
            do {
                return try await location.open(
                    forwarding: forwarding, pool: .asService, keywords: keywords, logger: logger)
            } catch {
                throw StoreError.unusable(location.description, error)
            }
        }

    }
}

extension LogFormat: ExpressibleByArgument {}
