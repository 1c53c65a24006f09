import Foundation
import MMSKitProviders

/// Renders requests for --dry-run: method, URL, headers with credentials redacted, and the JSON body with long
/// media strings shortened to their first characters and length.
enum RequestPrinter {
    static func render(_ request: HTTPRequest) -> String {
        var text = "\(request.method.rawValue) \(URLRedaction.redact(request.url))\n"
        for (name, value) in request.headers.sorted(by: { $0.key < $1.key }) {
            text += "\(name): \(HTTPRequest.isCredential(name) ? "<redacted>" : value)\n"
        }
        if let body = request.body {
            text += "\n" + shortened(body) + "\n"
        }
        return text
    }

    /// The body with every string longer than 96 characters cut to 48 and a note of its length.
    static func shortened(_ body: Data) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: body) else {
            return String(decoding: body.prefix(2000), as: UTF8.self)
        }
        func walk(_ value: Any) -> Any {
            switch value {
            case let text as String where text.utf8.count > 96:
                return "\(text.prefix(48))… (\(text.utf8.count) characters)"
            case let array as [Any]:
                return array.map(walk)
            case let dictionary as [String: Any]:
                return dictionary.mapValues(walk)
            default:
                return value
            }
        }
        let shortened = walk(object)
        guard
            let data = try? JSONSerialization.data(
                withJSONObject: shortened, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        else { return "" }
        return String(decoding: data, as: UTF8.self)
    }
}
