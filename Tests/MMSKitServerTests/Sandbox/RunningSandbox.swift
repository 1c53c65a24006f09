import Foundation
import Logging
import MMSKit
import MMSKitProviders
import MMSKitSandbox
import MMSKitServer
import MMSKitTestSupport
import ServiceLifecycle

/// A `SandboxServer` on 127.0.0.1 and a port the kernel picked, with clients for its providers.
struct RunningSandbox {
    let url: URL
    let group: ServiceGroup
    let task: Task<Void, any Error>
    let server: SandboxServer

    static let sniffer: MediaSniffer = try! MediaSniffer()

    static func start(
        _ configuration: SandboxServer.Configuration = SandboxServer.Configuration()
    ) async throws -> RunningSandbox {
        var configuration = configuration
        configuration.host = "127.0.0.1"
        configuration.port = 0
        let (addresses, continuation) = AsyncStream.makeStream(of: ListeningAddress.self)
        let logger = Logger(label: "sandbox-test") { _ in SwiftLogNoOpLogHandler() }
        let server = try SandboxServer(
            configuration: configuration, transport: HTTPClientTransport(timeout: 5),
            sniffer: sniffer, logger: logger
        ) { address in
            continuation.yield(address)
            continuation.finish()
        }
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [server], logger: logger))
        let task = Task {
            defer { continuation.finish() }
            try await group.run()
        }
        var iterator = addresses.makeAsyncIterator()
        guard let address = await iterator.next() else {
            try await task.value
            throw ServerProcessError("the sandbox stopped before it listened")
        }
        return RunningSandbox(url: URL(string: address.url)!, group: group, task: task, server: server)
    }

    func stop() async throws {
        await group.triggerGracefulShutdown()
        try await task.value
    }

    var ihuyi: IhuyiClient { ihuyi(credentials: AcceptedCredentials.standard.ihuyi) }

    func ihuyi(credentials: IhuyiCredentials, now: @escaping @Sendable () -> Date = { Date() }) -> IhuyiClient {
        IhuyiClient(
            baseURL: url, transport: HTTPClientTransport(timeout: 30),
            credentials: credentials, now: now)
    }

    var jpush: JPushClient {
        JPushClient(
            baseURL: url, transport: HTTPClientTransport(timeout: 30),
            app: AcceptedCredentials.standard.jpush, developer: AcceptedCredentials.standard.jpushDeveloper)
    }

    /// `/_sandbox/state`.
    func state() async throws -> [String: Any] {
        let response = try await HTTPClientTransport().send(
            HTTPRequest(method: .get, url: url.appendingPathComponent("_sandbox/state")))
        return try JSONSerialization.jsonObject(with: response.body) as? [String: Any] ?? [:]
    }

    /// Waits (up to `seconds`) until no push is outstanding.
    func settle(seconds: Double = 20) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let outstanding = try await state()["outstanding"] as? Int, outstanding == 0 { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw ServerProcessError("pushes still outstanding after \(seconds) s")
    }

    /// Waits (up to `seconds`) until `condition` holds: timings on a loaded machine vary, outcomes do not.
    static func eventually(
        _ what: String, seconds: Double = 20, _ condition: () async throws -> Bool
    ) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw ServerProcessError("timed out after \(seconds) s waiting for \(what)")
    }

    /// The promo sample's content.
    static func promo() throws -> MMSContent {
        try ContentLoader(sniffer: sniffer).load(PackagePaths.sample("promo")).content
    }

    static func phones(_ count: Int, from start: Int = 0) -> [PhoneNumber] {
        (start..<start + count).map { try! PhoneNumber(String(format: "139%08d", $0)) }
    }
}
