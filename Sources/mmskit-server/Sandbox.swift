import ArgumentParser
import Foundation
import Logging
import MMSKit
import MMSKitCommandLine
import MMSKitProviders
import MMSKitSandbox
import MMSKitServer

extension MMSKitServerCommand {
    struct Sandbox: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: ServerCommandHelp.sandboxAbstract,
            discussion: ServerCommandHelp.sandboxDiscussion
        )

        @Option(help: "Address to listen on.")
        var host = "127.0.0.1"

        @Option(help: "Port to listen on; 0 (the default) picks a free one, printed on the first line.")
        var port = 0

        @Option(
            help: ArgumentHelp(
                "A receiver's base URL (`mmskit receipts serve`): pushes go to URL/ihuyi/receipts, /ihuyi/uplinks, /ihuyi/reviews and /jpush/callback.",
                valueName: "url"))
        var callbackURL: String?

        @Option(help: ArgumentHelp("Where ihuyi receipts go (overrides --callback-url).", valueName: "url"))
        var receiptURL: String?

        @Option(help: ArgumentHelp("Where ihuyi uplinks go (overrides --callback-url).", valueName: "url"))
        var uplinkURL: String?

        @Option(help: ArgumentHelp("Where ihuyi template reviews go (overrides --callback-url).", valueName: "url"))
        var reviewURL: String?

        @Option(help: ArgumentHelp("Where JSMS callbacks go (overrides --callback-url).", valueName: "url"))
        var jpushCallbackURL: String?

        @Option(
            help: ArgumentHelp(
                "Keep balances, templates, tasks and request ids here across restarts (SQLite).", valueName: "dir"))
        var state: String?

        @Option(help: "Divide every wait by this (reviews, receipts, push retries): 60 turns minutes into seconds.")
        var speed = 1.0

        @Option(help: "The share (0…1) of ordinary numbers whose receipt says failed.")
        var failRate = 0.0

        @Option(help: "Seed for every random choice, so a run repeats.")
        var seed: UInt64 = 1

        @Option(
            help: ArgumentHelp(
                "Inject a fault: PROVIDER:ROUTE:KIND[=MS]:PROBABILITY[:TIMES], e.g. ihuyi:/mms/v1/batchSend:reset:1:1 (repeatable).",
                valueName: "spec"))
        var fault: [String] = []

        @Option(help: ArgumentHelp("Seconds before a template's review ends (before --speed).", valueName: "seconds"))
        var reviewDelay = 10.0

        @Option(
            help: ArgumentHelp("Seconds before a send's receipts are pushed (before --speed).", valueName: "seconds"))
        var receiptDelay = 2.0

        @Option(help: ArgumentHelp("ihuyi receipts per push (1 sends one object each).", valueName: "n"))
        var pushBatch = 100

        @Option(
            help: ArgumentHelp(
                "Accept this profile's ihuyi and jpush credentials (file and MMSKIT_* variables) instead of the sandbox's own.",
                valueName: "name"))
        var credentialsProfile: String?

        @Option(help: ArgumentHelp("Credentials file for --credentials-profile.", valueName: "file"))
        var credentials: String?

        func validate() throws {
            guard (0...65535).contains(port) else { throw ValidationError("--port must be 0 to 65535; got \(port)") }
            guard speed >= SandboxServer.Configuration.speeds.lowerBound,
                speed <= SandboxServer.Configuration.speeds.upperBound
            else {
                throw ValidationError(
                    "--speed must be from \(SandboxServer.Configuration.speeds.lowerBound) to \(Int(SandboxServer.Configuration.speeds.upperBound)); got \(speed)"
                )
            }
            guard (0...1).contains(failRate) else {
                throw ValidationError("--fail-rate must be between 0 and 1; got \(failRate)")
            }
            let delays = SandboxServer.Configuration.delaySeconds
            guard delays.contains(reviewDelay), delays.contains(receiptDelay) else {
                throw ValidationError(
                    "--review-delay and --receipt-delay are seconds from 0 to \(Int(delays.upperBound)) (a week); got \(reviewDelay) and \(receiptDelay)"
                )
            }
            guard pushBatch > 0 else { throw ValidationError("--push-batch must be 1 or more; got \(pushBatch)") }
            for url in [callbackURL, receiptURL, uplinkURL, reviewURL, jpushCallbackURL].compactMap({ $0 }) {
                guard Self.url(url) != nil else {
                    throw ValidationError("'\(URLRedaction.redact(url))' is not an http(s) URL")
                }
            }
            for spec in fault {
                do {
                    _ = try FaultRule(parsing: spec)
                } catch {
                    throw ValidationError(error.forOption(spec))
                }
            }
        }

        static func url(_ text: String) -> URL? {
            guard let url = URL(string: text), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
                return nil
            }
            return url
        }

        func run() async throws {
            var logger = Logger(label: "mmskit.sandbox") { StreamLogHandler.standardError(label: $0) }
            logger.logLevel = .info
            var callbacks = CallbackURLs(base: callbackURL.flatMap(Self.url))
            if let receiptURL { callbacks.receipts = Self.url(receiptURL) }
            if let uplinkURL { callbacks.uplinks = Self.url(uplinkURL) }
            if let reviewURL { callbacks.reviews = Self.url(reviewURL) }
            if let jpushCallbackURL { callbacks.jpush = Self.url(jpushCallbackURL) }
            if callbacks == CallbackURLs() {
                logger.warning(
                    "no --callback-url: receipts, uplinks, reviews and JSMS callbacks are not pushed anywhere")
            }
            let accounts = try self.accounts()
            let configuration = SandboxServer.Configuration(
                host: host, port: port, callbacks: callbacks, speed: speed, failRate: failRate, seed: seed,
                stateDirectory: state, accounts: accounts, faults: try fault.map { try FaultRule(parsing: $0) },
                reviewDelay: .milliseconds(Int64(reviewDelay * 1000)),
                receiptDelay: .milliseconds(Int64(receiptDelay * 1000)), pushBatchSize: pushBatch)
            let usesOwnAccounts = credentialsProfile == nil
            let server: SandboxServer
            do {
                server = try SandboxServer(configuration: configuration, logger: logger) { address in
                    try? StandardOutput.writeRaw("sandbox on \(address.url)\n")
                    if usesOwnAccounts {
                        StandardError.write(Self.profileHint(address.url))
                    }
                }
            } catch {
                throw CommandFailure.toolError("cannot start the sandbox: \(error)")
            }
            do {
                try await server.runUntilSignalled()
            } catch {
                throw CommandFailure.toolError("cannot serve on \(ListeningAddress(host: host, port: port)): \(error)")
            }
        }

        /// The sandbox's own accounts, or those of --credentials-profile.
        func accounts() throws -> AcceptedCredentials {
            guard let profile = credentialsProfile else { return .standard }
            let environment = ProcessInfo.processInfo.environment
            var accounts = AcceptedCredentials.standard
            do {
                for provider in [
                    IhuyiProvider.providerDescription, JPushProvider.providerDescription,
                    ItniotechProvider.providerDescription, SendPulseProvider.providerDescription,
                ] {
                    let settings = try CredentialResolver.resolve(
                        environment: environment,
                        file: credentials ?? ProviderSettings.defaultCredentialsPath(environment: environment),
                        fileIsRequired: credentials != nil, profile: profile, provider: provider)
                    let values = settings.credentials
                    if provider.id == IhuyiProvider.providerDescription.id,
                        let pair = values.all(["api_id", "api_key"])
                    {
                        accounts.ihuyi = IhuyiCredentials(apiID: pair[0], apiKey: Secret(pair[1]))
                    }
                    if let pair = values.all(["app_key", "master_secret"]) {
                        accounts.jpush = JPushCredentials(appKey: pair[0], masterSecret: Secret(pair[1]))
                    }
                    if let pair = values.all(["dev_key", "dev_secret"]) {
                        accounts.jpushDeveloper = JPushDeveloperCredentials(devKey: pair[0], devSecret: Secret(pair[1]))
                    }
                    if provider.id == ItniotechProvider.providerDescription.id,
                        let pair = values.all(["api_key", "api_secret"])
                    {
                        accounts.itniotech.apiKey = pair[0]
                        accounts.itniotech.apiSecret = Secret(pair[1])
                    }
                    if let pair = values.all(["client_id", "client_secret"]) {
                        accounts.sendPulse = .init(clientID: pair[0], clientSecret: Secret(pair[1]))
                    }
                }
            } catch {
                throw CommandFailure.toolError("\(error)")
            }
            return accounts
        }

        /// A credentials profile for the sandbox's own accounts (which guard nothing), ready to paste.
        static func profileHint(_ url: String) -> String {
            let accounts = AcceptedCredentials.standard
            return """
                the sandbox accepts these credentials; paste them into ~/.config/mmskit/credentials.yml and use --credentials-profile sandbox:
                sandbox:
                  ihuyi: {api_id: \(accounts.ihuyi.apiID), api_key: \(accounts.ihuyi.apiKey.exposedValue), base_url: \(url)}
                  jpush: {app_key: \(accounts.jpush.appKey), master_secret: \(accounts.jpush.masterSecret.exposedValue), dev_key: \(accounts.jpushDeveloper.devKey), dev_secret: \(accounts.jpushDeveloper.devSecret.exposedValue), base_url: \(url)}
                  itniotech: {api_key: \(accounts.itniotech.apiKey), api_secret: \(accounts.itniotech.apiSecret.exposedValue), base_url: \(url)}   # records: --app-id \(accounts.itniotech.appID), ids sandbox-email-1 … sandbox-email-1000
                  sendpulse: {client_id: \(accounts.sendPulse.clientID), client_secret: \(accounts.sendPulse.clientSecret.exposedValue), sender: mmskit, base_url: \(url)}

                """
        }

    }
}
