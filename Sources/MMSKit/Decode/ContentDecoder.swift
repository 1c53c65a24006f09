import Foundation

/// Reads frames from parsed JSON, reporting every problem it finds (with line, column and JSON path) rather
/// than stopping at the first; media are base64-decoded, sniffed and structurally checked on all cores.
///
/// The checks are the content rules of the linter, run over the same `ContentDocument`, so `build`, `unpack`,
/// `inspect` and `lint` can never disagree about what valid content is.
public struct ContentDecoder: Sendable {
    /// Identifies and checks each decoded media item.
    public var sniffer: MediaSniffer
    /// The file name used in diagnostics.
    public var file: String

    /// The rules that decide whether JSON holds usable content.
    public static let contentRuleIDs: [RuleID] = [
        .documentShape, .fieldType, .unknownField, .contentEmpty, .frameShape, .frameEmpty, .frameItems,
        .conType, .extType, .dataBase64, .textEmpty, .mediaFormat, .mediaTypeMismatch, .mediaIntegrity,
        .videoWithoutPicture, .mediaTrailingData,
    ]

    /// A decoder that checks media with `sniffer` and names `file` in its diagnostics.
    public init(sniffer: MediaSniffer, file: String) {
        self.sniffer = sniffer
        self.file = file
    }

    /// Parses and decodes a JSON file's bytes: a frame array, a templateCreate body or a batchSend body.
    /// - Throws: `ContentError` with every problem found (a syntax error is the only one when the JSON is broken).
    public func decode(_ data: Data) throws(ContentError) -> ContentAnalysis {
        let root: JSONValue
        do {
            root = try JSONParser().parse(data)
        } catch {
            throw ContentError(diagnostics: [
                Diagnostic(
                    .error, "invalid JSON: \(error.reason)", location: error.position.location(in: file),
                    ruleID: .jsonSyntax)
            ])
        }
        return try decode(root)
    }

    /// Decodes a parsed document.
    public func decode(_ root: JSONValue) throws(ContentError) -> ContentAnalysis {
        let document = ContentDocument(json: root, file: file, sniffer: sniffer)
        if root.objectValue != nil, document.contentValue == nil {
            let hint = root["template_id"] != nil ? "; this body sends template_id, which has no content to read" : ""
            throw ContentError(diagnostics: [
                Diagnostic(
                    .error, "the object has no \"content\" frame array\(hint)", location: document.location(of: root),
                    path: "$", ruleID: .documentShape)
            ])
        }
        let linter = Linter(sniffer: sniffer, configuration: .only(Self.contentRuleIDs))
        let diagnostics = linter.run(on: document)
        guard !diagnostics.containsErrors else { throw ContentError(diagnostics: diagnostics) }

        var frames: [Frame] = []
        var items: [AnalyzedItem] = []
        for frame in document.frames {
            var frameItems: [FrameItem] = []
            for item in frame.items ?? [] {
                let frameItem: FrameItem
                if let text = item.text {
                    frameItem = .text(text)
                } else if let bytes = item.media?.bytes, let ext = item.extType.flatMap(MediaExtension.init(rawValue:))
                {
                    frameItem = .media(MediaItem(extType: ext, data: bytes))
                } else {
                    continue
                }
                frameItems.append(frameItem)
                items.append(
                    ContentBuilder.analyzedItem(
                        frameItem, frame: frame.index + 1, position: frameItems.count, source: item.path,
                        media: item.media?.sniffed))
            }
            do {
                frames.append(try Frame(items: frameItems))
            } catch {
                throw ContentError(diagnostics: [
                    Diagnostic(
                        .error, "frame \(frame.index + 1): \(error)", location: frame.location, path: frame.path,
                        ruleID: .frameItems)
                ])
            }
        }
        var fields = TemplateFields()
        fields.title = document.fields["title"]?.value.stringValue
        fields.signName = document.fields["sign_name"]?.value.stringValue
        fields.purpose = document.fields["purpose"]?.value.stringValue
        return ContentAnalysis(
            content: MMSContent(frames: frames), fields: fields, items: items, diagnostics: diagnostics)
    }
}
