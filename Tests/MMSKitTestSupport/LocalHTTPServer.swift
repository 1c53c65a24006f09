import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small real HTTP/1.1 server on 127.0.0.1 (port 0: the kernel picks a free one) for integration tests:
/// one request per connection, `Content-Length` bodies, answers from a handler.
public final class LocalHTTPServer: @unchecked Sendable {
    public struct Request: Sendable {
        public var method: String
        public var path: String
        public var headers: [String: String]
        public var body: Data
    }

    public struct Response: Sendable {
        public var status: Int
        public var body: Data
        public var contentType: String
        /// Close the connection without answering (the client sees a lost connection).
        public var dropConnection: Bool
        /// Further header fields (`Location`, `Retry-After`).
        public var headers: [String: String]
        /// Send the body one byte at a time with this pause before each byte (a server that trickles).
        public var bytePause: Duration?
        /// Instead of `body`, a chunked body that never ends.
        public var endless: EndlessBody?

        public init(
            status: Int = 200, body: Data = Data(), contentType: String = "application/json",
            dropConnection: Bool = false,
            headers: [String: String] = [:], bytePause: Duration? = nil, endless: EndlessBody? = nil
        ) {
            self.status = status
            self.body = body
            self.contentType = contentType
            self.dropConnection = dropConnection
            self.headers = headers
            self.bytePause = bytePause
            self.endless = endless
        }

        public static func json(_ object: Any, status: Int = 200) -> Response {
            Response(status: status, body: (try? JSONSerialization.data(withJSONObject: object)) ?? Data())
        }
    }

    /// A `Transfer-Encoding: chunked` body that never ends: `chunk` again and again, with `pause` between
    /// chunks, until the client hangs up. `written` counts the body bytes the client took (or the kernel
    /// buffered for it) before it did.
    public struct EndlessBody: Sendable {
        public var chunk: Data
        public var pause: Duration?
        public let written = Counter()

        public init(chunk: Data = Data(repeating: UInt8(ascii: " "), count: 65536), pause: Duration? = nil) {
            self.chunk = chunk
            self.pause = pause
        }
    }

    public final class Counter: Sendable {
        private let value = Mutex(0)
        public var count: Int { value.withLock { $0 } }
        func add(_ amount: Int) { value.withLock { $0 += amount } }
    }

    public let port: Int
    private let listener: Int32
    private let handler: @Sendable (Request) -> Response
    private let stopped = Mutex(false)

    public var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

    public init(handler: @escaping @Sendable (Request) -> Response) throws {
        self.handler = handler
        let (listener, port) = try LoopbackListener.open()
        self.listener = listener
        self.port = port
        start()
    }

    private func start() {
        Thread { [self] in acceptLoop() }.start()
    }

    deinit {
        stop()
    }

    public func stop() {
        let wasStopped = stopped.withLock { value -> Bool in
            defer { value = true }
            return value
        }
        guard !wasStopped else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            if connection < 0 {
                if stopped.withLock({ $0 }) { return }
                if errno == EINTR { continue }
                return
            }
            let handler = self.handler
            Thread { Self.serve(connection, handler: handler) }.start()
        }
    }

    private static func serve(_ connection: Int32, handler: (Request) -> Response) {
        defer { close(connection) }
        serveRequest(connection, handler: handler)
    }

    /// Reads one request and answers it. A `CONNECT` (the server as an HTTP proxy) is shown to the handler, answered
    /// "200 Connection established", and the request that follows in the tunnel is served the same way.
    private static func serveRequest(_ connection: Int32, handler: (Request) -> Response) {
        var buffer = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 65536)
        var headerEnd: Int?
        while headerEnd == nil {
            let count = read(connection, &chunk, chunk.count)
            guard count > 0 else { return }
            buffer.append(contentsOf: chunk[0..<count])
            if let range = buffer.firstRange(of: [13, 10, 13, 10]) { headerEnd = range.upperBound }
        }
        let head = String(decoding: buffer[0..<headerEnd!], as: UTF8.self).components(separatedBy: "\r\n")
        let requestLine = head[0].split(separator: " ")
        guard requestLine.count >= 2 else { return }
        var headers: [String: String] = [:]
        for line in head.dropFirst() where line.contains(":") {
            let parts = line.split(separator: ":", maxSplits: 1)
            headers[parts[0].trimmingCharacters(in: .whitespaces).lowercased()] =
                parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        while buffer.count - headerEnd! < length {
            let count = read(connection, &chunk, chunk.count)
            guard count > 0 else { return }
            buffer.append(contentsOf: chunk[0..<count])
        }
        let body = Data(buffer[headerEnd!..<(headerEnd! + length)])
        let response = handler(
            Request(method: String(requestLine[0]), path: String(requestLine[1]), headers: headers, body: body))
        if requestLine[0] == "CONNECT" {
            guard writeAll(Data("HTTP/1.1 200 Connection established\r\n\r\n".utf8), to: connection) else { return }
            return serveRequest(connection, handler: handler)
        }
        if response.dropConnection { return }
        let reason = response.status == 200 ? "OK" : "Status"
        let extra = response.headers.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)\r\n" }.joined()
        if let endless = response.endless {
            let head = "HTTP/1.1 \(response.status) \(reason)\r\nContent-Type: \(response.contentType)\r\n\(extra)"
            guard writeAll(Data((head + "Transfer-Encoding: chunked\r\n\r\n").utf8), to: connection) else { return }
            var frame = Data(String(endless.chunk.count, radix: 16).utf8 + [13, 10])
            frame.append(endless.chunk)
            frame.append(contentsOf: [13, 10])
            while writeAll(frame, to: connection) {
                endless.written.add(endless.chunk.count)
                if let pause = endless.pause { sleep(pause) }
            }
            return
        }
        var output = Data(
            "HTTP/1.1 \(response.status) \(reason)\r\nContent-Type: \(response.contentType)\r\nContent-Length: \(response.body.count)\r\n\(extra)Connection: close\r\n\r\n"
                .utf8)
        guard let pause = response.bytePause else {
            output.append(response.body)
            _ = writeAll(output, to: connection)
            return
        }
        guard writeAll(output, to: connection) else { return }
        for byte in response.body {
            sleep(pause)
            guard writeAll(Data([byte]), to: connection) else { return }
        }
    }

    private static func sleep(_ pause: Duration) {
        Thread.sleep(forTimeInterval: Double(pause.components.attoseconds) / 1e18 + Double(pause.components.seconds))
    }

    #if canImport(Glibc)
    private static let noSignal = Int32(MSG_NOSIGNAL)
    #else
    private static let noSignal: Int32 = 0
    #endif

    /// Writes all of `data`; false once the client has gone (no SIGPIPE: the test process must survive it).
    private static func writeAll(_ data: Data, to connection: Int32) -> Bool {
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = send(connection, bytes.baseAddress! + offset, bytes.count - offset, noSignal)
                if written <= 0 { return false }
                offset += written
            }
            return true
        }
    }
}
