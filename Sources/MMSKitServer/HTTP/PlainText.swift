import Hummingbird

/// The receiver's answers: short `text/plain` bodies, either exact (`success`, an echoed `echostr`) or one line
/// saying why a request was refused.
enum PlainText {
    /// `text` as it is, with nothing added (ihuyi accepts only the exact body `success`).
    static func exact(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "text/plain; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// One line ending in a newline, with control characters made visible so that client text cannot add lines.
    static func line(_ text: String, status: HTTPResponse.Status) -> Response {
        exact(oneLine(text) + "\n", status: status)
    }

    /// `text` with line breaks and other control characters replaced, for a log line or an answer.
    static func oneLine(_ text: String) -> String {
        String(
            String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : $0 }))
    }
}
