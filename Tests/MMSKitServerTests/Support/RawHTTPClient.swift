import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A minimal HTTP/1.1 client over a loopback socket, so tests control exactly what is sent (a declared length
/// with no body, a chunked body, a request cut short). Each exchange runs on its own thread, never blocking
/// Swift's cooperative pool (which the server's handlers need).
enum RawHTTPClient {
    struct Reply: Sendable, CustomStringConvertible {
        var status: Int
        var headers: [String: String]
        var body: String
        var description: String { "\(status) \(body)" }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// A request with `Connection: close`; a body gets a Content-Length unless `headers` says otherwise.
    static func message(_ method: String, _ target: String, headers: [String: String] = [:], body: Data? = nil) -> Data
    {
        var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        var headers = headers
        if let body, headers["Content-Length"] == nil, headers["Transfer-Encoding"] == nil {
            headers["Content-Length"] = String(body.count)
        }
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
        var data = Data((head + "\r\n").utf8)
        if let body { data.append(body) }
        return data
    }

    static func request(
        _ method: String, _ target: String, port: Int, headers: [String: String] = [:], body: Data? = nil
    ) async throws -> Reply {
        try await exchange(port: port, parts: [message(method, target, headers: headers, body: body)])
    }

    /// Sends `parts` one after another and reads the reply until the server closes the connection.
    static func exchange(port: Int, parts: [Data], pause: Duration? = nil) async throws -> Reply {
        let raw = try await rawExchange(port: port, parts: parts, pause: pause)
        guard let reply = parse(raw) else { throw Failure(description: "no HTTP reply (\(raw.count) bytes)") }
        return reply
    }

    /// The bytes the server sent before closing the connection.
    /// With `pause`, it waits that long before each part after the first (a slow client).
    static func rawExchange(port: Int, parts: [Data], pause: Duration? = nil) async throws -> Data {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result { try blockingExchange(port: port, parts: parts, pause: pause) })
            }.start()
        }
    }

    private static func blockingExchange(port: Int, parts: [Data], pause: Duration?) throws -> Data {
        let descriptor = try connectedSocket(port: port)
        defer { close(descriptor) }
        for (index, part) in parts.enumerated() {
            if let pause, index > 0 { sleep(for: pause) }
            guard sendAll(part, on: descriptor) else { break }
        }
        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count > 0 {
                received.append(contentsOf: buffer[0..<count])
            } else if count == 0 || errno != EINTR {
                break
            }
        }
        return received
    }

    /// A blocking TCP socket connected to 127.0.0.1:`port`, whose reads give up after 60 s.
    static func connectedSocket(port: Int) throws -> Int32 {
        let descriptor = Self.openSocket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            let failure = Failure(description: "connect: errno \(errno)")
            close(descriptor)
            throw failure
        }
        return descriptor
    }

    /// Sends all of `data`; false when the connection refused it (closed or reset).
    static func sendAll(_ data: Data, on descriptor: Int32) -> Bool {
        data.withUnsafeBytes { bytes -> Bool in
            var offset = 0
            while offset < bytes.count {
                let count = send(descriptor, bytes.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
                if count <= 0 { return false }
                offset += count
            }
            return true
        }
    }

    /// Blocks the calling thread (never one of Swift's cooperative pool: these clients run on their own).
    static func sleep(for duration: Duration) {
        let (seconds, attoseconds) = duration.components
        usleep(useconds_t(seconds * 1_000_000 + attoseconds / 1_000_000_000_000))
    }

    private static func openSocket(_ domain: Int32, _ type: Int32, _ proto: Int32) -> Int32 {
        socket(domain, type, proto)
    }

    private static func parse(_ data: Data) -> Reply? {
        guard let end = data.firstRange(of: Data("\r\n\r\n".utf8)) else { return nil }
        let lines = String(decoding: data[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        var body = Data(data[end.upperBound...])
        if let length = headers["content-length"].flatMap(Int.init), length <= body.count { body = body.prefix(length) }
        return Reply(status: status, headers: headers, body: String(decoding: body, as: UTF8.self))
    }
}
