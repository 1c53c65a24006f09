import Foundation
import MMSKit
import MMSKitProviders

/// How `mmskit receipts serve` listens and what it accepts.
public struct ReceiverConfiguration: Sendable {
    /// The address to listen on; the default `127.0.0.1` takes pushes from this machine only.
    public var host: String
    /// 0 picks a free port; the server reports the one it got.
    public var port: Int
    /// With a token, every route needs `?token=…` (compared in constant time); without one anyone can post.
    public var token: Secret?
    /// The largest body read; a larger one is answered 413 without being read into memory. Default 1 MiB.
    public var maximumBodySize: Int
    /// The JPush app whose master secret signs its callbacks; without it `/jpush/callback` answers 503.
    public var jpush: JPushCredentials?
    /// How long a connection may stay silent (no request, or no part of the request being read) before it is
    /// closed. Default 30 s.
    public var idleTimeout: Duration
    /// How long a request body may take to arrive in full; a slower one is answered 408 and nothing of it is
    /// stored. With the idle timeout this bounds how long one request can hold a connection. Default 60 s.
    public var bodyDeadline: Duration
    /// How far a JSMS callback's timestamp may be from this machine's clock, either way; a callback outside it is
    /// refused as a replay (JSMS's signature does not cover the data, and JSMS documents no window). Default 300 s.
    public var jsmsClockSkew: Duration
    /// How long `GET /readyz` waits for the store to answer a one-row read before answering 503. Default 2 s,
    /// under a probe's usual timeout; this is a receiver's own store, so a slower answer means it is not ready.
    public var readinessTimeout: Duration = .seconds(2)

    /// A configuration; the defaults listen on 127.0.0.1:8080 with no token and no JPush app.
    public init(
        host: String = "127.0.0.1", port: Int = 8080, token: Secret? = nil, maximumBodySize: Int = 1 << 20,
        jpush: JPushCredentials? = nil,
        idleTimeout: Duration = .seconds(30), bodyDeadline: Duration = .seconds(60),
        jsmsClockSkew: Duration = .seconds(300)
    ) {
        self.host = host
        self.port = port
        self.token = token
        self.maximumBodySize = maximumBodySize
        self.jpush = jpush
        self.idleTimeout = idleTimeout
        self.bodyDeadline = bodyDeadline
        self.jsmsClockSkew = jsmsClockSkew
    }
}
