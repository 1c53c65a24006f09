import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A listener on 127.0.0.1 (port 0) that answers nothing and records every TCP connection made to it with the
/// host it asked for: point a client's proxy or a remote reference at it to learn what the client tried to
/// fetch. Nothing it receives goes any further.
public final class ConnectionCanary: Sendable {
    /// One connection: the first line of what the client sent (`GET http://host/path HTTP/1.1`,
    /// `CONNECT host:443 HTTP/1.1`) and the host it names (from that line or the `Host` field).
    public struct Connection: Sendable, CustomStringConvertible {
        public var requestLine: String
        public var host: String

        public var description: String { requestLine.isEmpty ? "(a connection that sent nothing)" : requestLine }
    }

    public let port: Int
    private let listener: Int32
    private let accepted = Mutex(0)
    private let recorded = Mutex<[Connection]>([])
    private let stopped = Mutex(false)

    public init() throws {
        let (listener, port) = try LoopbackListener.open()
        self.port = port
        self.listener = listener
        Thread { [self] in acceptLoop() }.start()
    }

    deinit { stop() }

    /// `http://127.0.0.1:<port>`, for `--proxy-server` or a remote reference that must stay untouched.
    public var url: String { "http://127.0.0.1:\(port)" }

    /// Every connection so far, once what each sent has been read (waiting up to 5 s for that).
    public var connections: [Connection] {
        let deadline = Date().addingTimeInterval(5)
        while recorded.withLock({ $0.count }) < accepted.withLock({ $0 }) && Date() < deadline {
            usleep(10_000)
        }
        return recorded.withLock { $0 }
    }

    /// Closes the listener (later connections are refused, and not recorded).
    public func stop() {
        let wasStopped = stopped.withLock { stopped in
            defer { stopped = true }
            return stopped
        }
        guard !wasStopped else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func acceptLoop() {
        while !stopped.withLock({ $0 }) {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else {
                if errno == EINTR { continue }
                return
            }
            accepted.withLock { $0 += 1 }
            Thread { [self] in record(connection) }.start()
        }
    }

    /// Reads the request head (at most 4 KiB, 2 s) and records it; answers nothing.
    private func record(_ connection: Int32) {
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var head = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while head.count < 4096, !head.contains(Data("\r\n\r\n".utf8)) {
            let count = read(connection, &buffer, buffer.count)
            guard count > 0 else { break }
            head.append(contentsOf: buffer[..<count])
        }
        close(connection)
        let lines = String(decoding: head, as: UTF8.self).components(separatedBy: "\r\n")
        let requestLine = lines.first ?? ""
        recorded.withLock { $0.append(Connection(requestLine: requestLine, host: Self.host(lines))) }
    }

    /// The host a request names: `CONNECT host:port`, an absolute `http://host/…` target, or the `Host` field.
    private static func host(_ lines: [String]) -> String {
        let parts = (lines.first ?? "").split(separator: " ")
        var target = parts.count > 1 ? String(parts[1]) : ""
        if let scheme = target.range(of: "://") { target = String(target[scheme.upperBound...]) }
        if !target.hasPrefix("/"), let name = target.split(separator: "/").first {
            return String(name.split(separator: ":").first ?? name).lowercased()
        }
        let field = lines.dropFirst().first { $0.lowercased().hasPrefix("host:") }
        let value = field.map { $0.dropFirst(5).trimmingCharacters(in: .whitespaces) } ?? ""
        return String(value.split(separator: ":").first ?? "").lowercased()
    }
}
