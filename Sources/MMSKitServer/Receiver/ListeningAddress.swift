/// Where a started receiver listens: the host it was asked for and the port it got (the real one for port 0).
public struct ListeningAddress: Sendable, Hashable, CustomStringConvertible {
    /// The host the receiver was asked to listen on.
    public var host: String
    /// The port it listens on: the one asked for, or the one the system picked for port 0.
    public var port: Int

    /// The address `host`:`port`.
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// `http://HOST:PORT`, an IPv6 host in brackets.
    public var url: String { "http://\(host.contains(":") ? "[\(host)]" : host):\(port)" }

    /// The `url`.
    public var description: String { url }
}
