import Hummingbird
import NIOCore
import NIOHTTPTypes

/// Closes a connection whose request was not read in full when its answer was written: a refusal before or while
/// the body arrives (401 wrong token, 404, 408 too slow, 413 too large). Without it the server would keep reading
/// the rest of the body to reach the next request, for as long as a client keeps trickling bytes. The answer gets
/// `Connection: close`; once it is flushed the output is shut (the client reads the end of the stream), what the
/// client still sends is discarded for at most `linger` (so that closing does not reset the connection before the
/// client has read the answer), and then the connection is closed.
final class LingeringClose: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// How long what a client sends after such an answer is still read (and discarded) before the connection
    /// is closed.
    static let linger = TimeAmount.seconds(2)

    private let linger: TimeAmount
    /// Requests whose end has been read, and final answers begun: the answer numbered n is to the request
    /// numbered n (HTTP/1.1 answers in order), which is unread while `requestsRead < n`.
    private var requestsRead = 0
    private var answersBegun = 0
    private var closesAfterAnswer = false
    private var isLingering = false
    private var closing: Scheduled<Void>?

    init(linger: TimeAmount = LingeringClose.linger) {
        self.linger = linger
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !isLingering else { return }
        if case .end = unwrapInboundIn(data) { requestsRead += 1 }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(var head) where head.status.kind != .informational:
            answersBegun += 1
            if requestsRead < answersBegun {
                closesAfterAnswer = true
                head.headerFields[.connection] = "close"
                context.write(wrapOutboundOut(.head(head)), promise: promise)
                return
            }
        case .end where closesAfterAnswer:
            context.writeAndFlush(data, promise: promise)
            isLingering = true
            context.close(mode: .output, promise: nil)
            closing = context.eventLoop.assumeIsolated().scheduleTask(in: linger) {
                context.close(promise: nil)
            }
            return
        default:
            break
        }
        context.write(data, promise: promise)
    }

    func channelInactive(context: ChannelHandlerContext) {
        closing?.cancel()
        closing = nil
        context.fireChannelInactive()
    }
}
