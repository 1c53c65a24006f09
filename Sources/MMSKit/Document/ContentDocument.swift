import Foundation

/// A document as found — a JSON request body, a bare frame array, or a built media directory — with every
/// frame and item kept even when invalid, and each media item decoded and sniffed once, so that any number
/// of rules can look at it without repeating the expensive work.
public struct ContentDocument: Sendable {
    /// The file or directory as the user named it, used in every diagnostic.
    public var file: String
    /// What the document is: bare content, a templateCreate or batchSend body, or a media directory.
    public var kind: DocumentKind
    /// The parsed JSON (`nil` for a directory).
    public var root: JSONValue?
    /// The frame array's value when present.
    public var contentValue: JSONValue?
    /// Where the content is: the `content` value, or the directory.
    public var contentLocation: Diagnostic.Location
    /// The frames, in order. Empty when there is no frame array.
    public var frames: [DocumentFrame] {
        didSet { indexItems() }
    }
    /// Top-level fields other than `content`, by name (for a directory: the manifest's fields).
    public var fields: [String: DocumentField]

    /// The `phone` list of a batch body, each entry parsed once for every rule that needs it.
    public var recipients: [DocumentRecipient] = []

    /// Every item of every frame that is an array (kept in step with `frames`; rules read it many times).
    public private(set) var items: [DocumentItem] = []

    /// The text of every text item, in order.
    public private(set) var texts: [(item: DocumentItem, text: String)] = []

    private mutating func indexItems() {
        items = frames.flatMap { $0.items ?? [] }
        texts = items.compactMap { item in item.text.map { (item, $0) } }
    }

    /// Reads a parsed JSON document as `kind` (detected from its shape when `nil`).
    public init(json root: JSONValue, file: String, kind: DocumentKind? = nil, sniffer: MediaSniffer) {
        self.file = file
        self.root = root
        self.kind = kind ?? DocumentKind.detect(root) ?? .content
        fields = [:]
        frames = []
        if let members = root.objectValue {
            // A later duplicate replaces an earlier one: the last value is the one the provider most likely reads.
            for member in members where member.key != "content" {
                fields[member.key] = DocumentField(
                    name: member.key, value: member.value, location: member.value.position.location(in: file))
            }
            contentValue = root["content"]
        } else {
            contentValue = root.arrayValue != nil ? root : nil
        }
        contentLocation = (contentValue ?? root).position.location(in: file)
        defer { indexItems() }
        if let numbers = fields["phone"]?.value.arrayValue {
            recipients = numbers.enumerated().compactMap { index, value in
                value.stringValue.map { DocumentRecipient(index: index, value: value, raw: $0) }
            }
        }
        guard let frameValues = contentValue?.arrayValue else { return }
        let prefix = "content"
        var pending: [(frame: Int, item: Int, ext: MediaExtension?, extText: String, data: JSONString)] = []
        for (frameIndex, frameValue) in frameValues.enumerated() {
            let framePath = "\(prefix)[\(frameIndex)]"
            var items: [DocumentItem]?
            if let itemValues = frameValue.arrayValue {
                items = itemValues.enumerated().map { itemIndex, itemValue in
                    var item = DocumentItem(
                        frameIndex: frameIndex, index: itemIndex, path: "\(framePath)[\(itemIndex)]",
                        location: itemValue.position.location(in: file), value: itemValue)
                    item.conType = itemValue["con_type"]?.stringValue
                    item.extType = itemValue["ext_type"]?.stringValue
                    item.data = itemValue["data"]
                    if let contentType = item.contentType, let data = item.data?.jsonString {
                        if contentType == .text {
                            item.text = data.value
                        } else {
                            let declared = item.extType.flatMap(MediaExtension.init(rawValue:))
                            pending.append((frameIndex, itemIndex, declared, item.extType ?? "", data))
                        }
                    }
                    return item
                }
            }
            frames.append(
                DocumentFrame(
                    index: frameIndex, path: framePath, location: frameValue.position.location(in: file), items: items))
        }
        let facts = pending.parallelMap { media in
            Self.mediaFacts(base64: media.data, declared: media.ext, declaredText: media.extText, sniffer: sniffer)
        }
        for (media, fact) in zip(pending, facts) {
            frames[media.frame].items?[media.item].media = fact
        }
    }

    /// Reads a built media directory: items point at their files, fields at the manifest.
    public init(directory: String, analysis: ContentAnalysis) {
        file = directory
        kind = .directory
        root = nil
        contentValue = nil
        contentLocation = Diagnostic.Location(file: directory)
        fields = [:]
        let manifest = Diagnostic.Location(file: "\(directory)/mms.yaml")
        let origin = TextPosition(offset: 0, line: 0, column: 0)
        for (name, value) in [
            ("title", analysis.fields.title), ("sign_name", analysis.fields.signName),
            ("purpose", analysis.fields.purpose),
        ] {
            guard let value else { continue }
            fields[name] = DocumentField(
                name: name, value: JSONValue(.string(JSONString(value)), at: origin), location: manifest)
        }
        var byFrame: [Int: [DocumentItem]] = [:]
        for (analyzed, item) in zip(analysis.items, analysis.content.items) {
            let location =
                analyzed.source == "mms.yaml" ? manifest : Diagnostic.Location(file: "\(directory)/\(analyzed.source)")
            var entry = DocumentItem(
                frameIndex: analyzed.frame - 1, index: analyzed.position - 1, path: analyzed.source, location: location,
                value: nil, conType: analyzed.contentType.rawValue, extType: analyzed.extType, data: nil)
            switch item {
            case .text(let text): entry.text = text
            case .media(let media): entry.media = MediaFacts(bytes: media.data, sniffed: analyzed.media)
            }
            byFrame[analyzed.frame - 1, default: []].append(entry)
        }
        let directoryLocation = contentLocation
        frames = analysis.content.frames.indices.map { index in
            DocumentFrame(
                index: index, path: "frame \(index + 1)",
                location: byFrame[index]?.first?.location ?? directoryLocation, items: byFrame[index] ?? [])
        }
        indexItems()
    }

    static func mediaFacts(
        base64: JSONString, declared: MediaExtension?, declaredText: String, sniffer: MediaSniffer
    ) -> MediaFacts {
        let decoded: Data
        do {
            decoded = try base64.withUTF8 { bytes in
                Result { () throws(Base64Error) in try Base64.decode(bytes) }
            }.get()
        } catch {
            return MediaFacts(bytes: nil, base64Error: error)
        }
        guard !decoded.isEmpty else { return MediaFacts(bytes: decoded) }
        let outcome = decoded.withUnsafeBytes { bytes in
            MediaVerdict.check(
                bytes, declared: declared, declaredText: declaredText, subject: .jsonItem, sniffer: sniffer)
        }
        return MediaFacts(bytes: decoded, sniffed: outcome.media, problems: outcome.problems)
    }

    /// The location of a value of this document.
    public func location(of value: JSONValue) -> Diagnostic.Location {
        value.position.location(in: file)
    }
}
