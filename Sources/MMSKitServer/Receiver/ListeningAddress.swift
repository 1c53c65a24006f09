/// Where a started receiver listens: the host it was asked for and the port it got (the real one for port 0).
public struct ListeningAddress: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// `http://HOST:PORT`, an IPv6 host in brackets.
    public var url: String { "http://\(host.contains(":") ? "[\(host)]" : host):\(port)" }

    public var description: String { url }
}
