import Foundation
import Hummingbird
import Logging
import MMSKit
import MMSKitProviders

/// What every provider emulator shares (configuration, ledger, push courier, faults, linter, logger); not itself
/// a provider's API.
final class EmulatorContext: Sendable {
    let configuration: SandboxServer.Configuration
    let ledger: SharedLedger
    let courier: PushCourier
    let faults: FaultPlan
    let logger: Logger
    let sniffer: MediaSniffer

    init(
        configuration: SandboxServer.Configuration, ledger: SharedLedger, transport: any HTTPTransport,
        sniffer: MediaSniffer,
        logger: Logger
    ) {
        self.configuration = configuration
        self.ledger = ledger
        self.sniffer = sniffer
        self.logger = logger
        courier = PushCourier(transport: transport, configuration: configuration, logger: logger)
        faults = FaultPlan(configuration.faults, seed: configuration.seed)
    }

    /// Lints a request body as the real service would judge it: mmskit's rules with the provider's profile.
    func lint(_ body: Data, kind: DocumentKind, file: String) -> [Diagnostic] {
        Linter(sniffer: sniffer, kind: kind).lint(data: body, file: file).diagnostics.filter { $0.severity == .error }
    }

    /// Runs `handler` for a provider's route with the faults that strike this request: delays first; 503 and
    /// 429 instead of the handler (nothing done); a cut connection, an empty, malformed or truncated answer after
    /// it (the request was carried out, the client cannot know).
    func answer(
        _ provider: ProviderID, _ request: Request, refusal: @Sendable (HTTPResponse.Status) -> ProviderAnswer,
        _ handler: ([FaultRule]) async throws -> ProviderAnswer
    ) async throws -> Response {
        let struck = await faults.strike(provider: provider, path: request.uri.path)
        for fault in struck where fault.kind == .delay {
            let milliseconds = Double(fault.delayMilliseconds ?? 0)
            let wait = fault.random == true ? milliseconds * (await faults.randomUnit()) : milliseconds
            try await Task.sleep(for: .milliseconds(Int64(wait)))
        }
        if struck.contains(where: { $0.kind == .unavailable }) {
            logger.info("fault: 503 for \(request.method) \(request.uri.path)")
            return refusal(.serviceUnavailable).response
        }
        if struck.contains(where: { $0.kind == .rateLimited }) {
            logger.info("fault: 429 for \(request.method) \(request.uri.path)")
            var answer = refusal(.tooManyRequests)
            answer.retryAfter = "1"
            return answer.response
        }
        let answer = try await handler(struck)
        guard let fault = struck.first(where: { $0.kind.commitsFirst }) else { return answer.response }
        logger.info("fault: \(fault.kind.rawValue) after \(request.method) \(request.uri.path) was carried out")
        switch fault.kind {
        case .empty:
            return ProviderAnswer.raw(Data(), contentType: answer.contentType).response
        case .malformed:
            return ProviderAnswer.raw(Data("<html><body>502 Bad Gateway".utf8), contentType: answer.contentType)
                .response
        case .truncated:
            let half = answer.body.prefix(answer.body.count / 2)
            return Response(
                status: answer.status, headers: [.contentType: answer.contentType],
                body: ResponseBody(contentLength: answer.body.count) { writer in
                    try await writer.write(ByteBuffer(bytes: half))
                    throw ConnectionCut()
                })
        default:
            // reset: the head may go out, the body never completes and the connection is closed.
            return Response(
                status: answer.status, headers: [.contentType: answer.contentType],
                body: ResponseBody { _ in throw ConnectionCut() })
        }
    }

    /// "2025-05-01 10:00:00" in China time, as the providers write times.
    static func chinaTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600)!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d-%02d-%02d %02d:%02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0,
            parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
    }

    /// Reads a request body (at most 64 MiB: a 10,000-phone batch with media fits).
    static func body(of request: Request) async throws -> Data {
        var buffer = try await request.body.collect(upTo: 64 << 20)
        return Data(buffer.readBytes(length: buffer.readableBytes) ?? [])
    }
}
