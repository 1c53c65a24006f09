import Foundation
import MMSKitProviders
import Synchronization

/// A scripted `HTTPTransport` for client tests: records every request and answers from a queue, in order.
public final class RecordingTransport: HTTPTransport {
    public typealias Answer = Result<HTTPResponse, TransportError>

    private struct State {
        public var requests: [HTTPRequest] = []
        var answers: [Answer]
    }

    private let state: Mutex<State>

    /// - Parameter answers: returned one per request, in order; a request past the end fails with a transport error.
    public init(_ answers: [Answer] = []) {
        state = Mutex(State(answers: answers))
    }

    /// A transport that answers each request with the next of these responses.
    public convenience init(responses: HTTPResponse...) {
        self.init(responses.map { .success($0) })
    }

    /// Every request sent so far, oldest first.
    public var requests: [HTTPRequest] { state.withLock { $0.requests } }

    /// The answers not used yet.
    public var remainingAnswers: Int { state.withLock { $0.answers.count } }

    /// Adds answers to the end of the queue.
    public func enqueue(_ answers: Answer...) {
        state.withLock { $0.answers.append(contentsOf: answers) }
    }

    public func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        let answer: Answer? = state.withLock { state in
            state.requests.append(request)
            return state.answers.isEmpty ? nil : state.answers.removeFirst()
        }
        guard let answer else {
            throw TransportError(
                .other, "RecordingTransport has no answer left for \(request.method.rawValue) \(request.url)")
        }
        return try answer.get()
    }
}

extension HTTPResponse {
    /// A response whose body is the given text, typically JSON.
    public static func text(_ status: Int, _ body: String, contentType: String = "application/json") -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": contentType], body: Data(body.utf8))
    }
}
