import Foundation

/// Reads frames from parsed JSON, reporting every problem it finds (with line, column and JSON path) rather
/// than stopping at the first; media are base64-decoded, sniffed and structurally checked on all cores.
public struct ContentDecoder: Sendable {
    public var sniffer: MediaSniffer
    /// The file name used in diagnostics.
    public var file: String

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
                Diagnostic(.error, "invalid JSON: \(error.reason)", location: error.position.location(in: file), ruleID: "json-syntax")
            ])
        }
        return try decode(root)
    }

    /// Decodes a parsed document.
    public func decode(_ root: JSONValue) throws(ContentError) -> ContentAnalysis {
        var problems: [Diagnostic] = []
        var fields = TemplateFields()
        let contentValue: JSONValue
        let prefix: String
        switch root.kind {
        case .array:
            contentValue = root
            prefix = "content"
        case .object:
            for (key, keyPath) in [("title", \TemplateFields.title), ("sign_name", \.signName), ("purpose", \.purpose)] {
                guard let value = root[key] else { continue }
                if let text = value.stringValue {
                    fields[keyPath: keyPath] = text
                } else {
                    problems.append(diagnostic(.error, "\(key) must be a string, not \(value.typeDescription)", at: value, path: key, ruleID: "field-type"))
                }
            }
            guard let content = root["content"] else {
                let hint = root["template_id"] != nil ? "; this body sends template_id, which has no content to read" : ""
                throw ContentError(diagnostics: problems + [
                    diagnostic(.error, "the object has no \"content\" frame array\(hint)", at: root, path: "$", ruleID: "content-shape")
                ])
            }
            contentValue = content
            prefix = "content"
        default:
            throw ContentError(diagnostics: [
                diagnostic(.error, "expected a frame array or a request body object, found \(root.typeDescription)", at: root, path: "$", ruleID: "content-shape")
            ])
        }
        let (content, items) = decodeContent(contentValue, path: prefix, problems: &problems)
        guard let content, !problems.containsErrors else {
            throw ContentError(diagnostics: problems.sortedByLocation())
        }
        return ContentAnalysis(content: content, fields: fields, items: items, diagnostics: problems.sortedByLocation())
    }

    private struct PendingMedia: Sendable {
        var value: JSONValue
        var path: String
        var declared: MediaExtension
        var text: String
    }

    private struct CheckedMedia: Sendable {
        var data: Data?
        var media: SniffedMedia?
        var problems: [Diagnostic]
    }

    private func decodeContent(_ value: JSONValue, path: String, problems: inout [Diagnostic]) -> (MMSContent?, [AnalyzedItem]) {
        guard let frameValues = value.arrayValue else {
            problems.append(diagnostic(.error, "content must be an array of frames, not \(value.typeDescription)", at: value, path: path, ruleID: "content-shape"))
            return (nil, [])
        }
        if frameValues.isEmpty {
            problems.append(diagnostic(.error, "content has no frames; add at least one frame", at: value, path: path, ruleID: "content-empty"))
        }
        // First pass: shapes, types and text; media are collected to be checked in parallel.
        enum Slot {
            case text(String)
            case media(Int)
        }
        var slots: [[Slot]] = []
        var pending: [PendingMedia] = []
        for (frameIndex, frameValue) in frameValues.enumerated() {
            let framePath = "\(path)[\(frameIndex)]"
            var frameSlots: [Slot] = []
            guard let itemValues = frameValue.arrayValue else {
                problems.append(diagnostic(.error, "a frame must be an array of items, not \(frameValue.typeDescription)", at: frameValue, path: framePath, ruleID: "frame-shape"))
                slots.append([])
                continue
            }
            if itemValues.isEmpty {
                problems.append(diagnostic(.error, "frame \(frameIndex + 1) is empty; remove it or add an item", at: frameValue, path: framePath, ruleID: "frame-empty"))
            }
            var textCount = 0
            var mediaCount = 0
            for (itemIndex, itemValue) in itemValues.enumerated() {
                let itemPath = "\(framePath)[\(itemIndex)]"
                guard let item = decodeItemShape(itemValue, path: itemPath, problems: &problems) else { continue }
                if item.contentType == .text {
                    textCount += 1
                    if let text = item.data.stringValue {
                        if text.isEmpty {
                            problems.append(diagnostic(.error, "the text is empty; write the text or remove the item", at: item.data, path: "\(itemPath).data", ruleID: "text-empty"))
                        }
                        frameSlots.append(.text(text))
                    }
                } else {
                    mediaCount += 1
                    if let declared = item.declared {
                        frameSlots.append(.media(pending.count))
                        pending.append(PendingMedia(value: item.data, path: "\(itemPath).data", declared: declared, text: item.extText))
                    }
                }
            }
            if textCount > 1 {
                problems.append(diagnostic(.error, "frame \(frameIndex + 1) has \(textCount) text items; a frame holds one text — merge them or move one to another frame", at: frameValue, path: framePath, ruleID: "frame-items"))
            }
            if mediaCount > 1 {
                problems.append(diagnostic(.error, "frame \(frameIndex + 1) has \(mediaCount) media items; a frame holds one image, audio or video — give each its own frame", at: frameValue, path: framePath, ruleID: "frame-items"))
            }
            slots.append(frameSlots)
        }
        let file = self.file
        let sniffer = self.sniffer
        let checked = pending.parallelMap { media in Self.check(media, file: file, sniffer: sniffer) }
        for result in checked { problems.append(contentsOf: result.problems) }
        guard !problems.containsErrors else { return (nil, []) }

        var frames: [Frame] = []
        var items: [AnalyzedItem] = []
        for (frameIndex, frameSlots) in slots.enumerated() {
            var frameItems: [FrameItem] = []
            for (position, slot) in frameSlots.enumerated() {
                let item: FrameItem
                let source: String
                var sniffed: SniffedMedia?
                switch slot {
                case .text(let text):
                    item = .text(text)
                    source = "\(path)[\(frameIndex)][\(position)]"
                case .media(let index):
                    item = .media(MediaItem(extType: pending[index].declared, data: checked[index].data!))
                    source = String(pending[index].path.dropLast(".data".count))
                    sniffed = checked[index].media
                }
                frameItems.append(item)
                items.append(ContentBuilder.analyzedItem(item, frame: frameIndex + 1, position: position + 1, source: source, media: sniffed))
            }
            guard let frame = try? Frame(items: frameItems) else { return (nil, []) }
            frames.append(frame)
        }
        return (MMSContent(frames: frames), items)
    }

    private struct ItemShape {
        var contentType: ContentType
        var declared: MediaExtension?
        var extText: String
        var data: JSONValue
    }

    private func decodeItemShape(_ value: JSONValue, path: String, problems: inout [Diagnostic]) -> ItemShape? {
        guard let members = value.objectValue else {
            problems.append(diagnostic(.error, "an item must be an object {con_type, ext_type, data}, not \(value.typeDescription)", at: value, path: path, ruleID: "item-shape"))
            return nil
        }
        var ok = true
        for member in members where !["con_type", "ext_type", "data"].contains(member.key) {
            problems.append(Diagnostic(.warning, "unknown field \"\(member.key)\" in an item; the provider ignores it", location: member.keyPosition.location(in: file), path: "\(path).\(member.key)", ruleID: "unknown-field"))
        }
        func string(_ key: String) -> (String, JSONValue)? {
            guard let field = value[key] else {
                problems.append(diagnostic(.error, "the item has no \"\(key)\"", at: value, path: path, ruleID: "item-shape"))
                ok = false
                return nil
            }
            guard let text = field.stringValue else {
                problems.append(diagnostic(.error, "\(key) must be a string, not \(field.typeDescription)", at: field, path: "\(path).\(key)", ruleID: "item-shape"))
                ok = false
                return nil
            }
            return (text, field)
        }
        let conType = string("con_type")
        let extType = string("ext_type")
        let data = value["data"]
        if data == nil {
            problems.append(diagnostic(.error, "the item has no \"data\"", at: value, path: path, ruleID: "item-shape"))
            ok = false
        } else if data?.stringValue == nil {
            problems.append(diagnostic(.error, "data must be a string, not \(data!.typeDescription)", at: data!, path: "\(path).data", ruleID: "item-shape"))
            ok = false
        }
        guard let (conText, conValue) = conType else { return nil }
        guard let contentType = ContentType(rawValue: conText) else {
            problems.append(diagnostic(.error, "con_type \"\(conText)\" is unknown; use text, image, audio or video", at: conValue, path: "\(path).con_type", ruleID: "con-type"))
            return nil
        }
        guard let (extText, extValue) = extType, ok, let data else { return nil }
        if contentType == .text {
            if extText != "txt" {
                problems.append(diagnostic(.error, "a text item's ext_type must be \"txt\", not \"\(extText)\"", at: extValue, path: "\(path).ext_type", ruleID: "ext-type"))
                return nil
            }
            return ItemShape(contentType: .text, declared: nil, extText: extText, data: data)
        }
        guard let declared = MediaExtension(rawValue: extText) else {
            problems.append(diagnostic(.error, "ext_type \"\(extText)\" is not accepted; MMS media are \(MediaExtension.acceptedList)", at: extValue, path: "\(path).ext_type", ruleID: "ext-type"))
            return ItemShape(contentType: contentType, declared: nil, extText: extText, data: data)
        }
        guard declared.contentType == contentType else {
            problems.append(diagnostic(.error, "ext_type \"\(extText)\" does not go with con_type \"\(conText)\"; \(extText) is sent as con_type \(declared.contentType.rawValue)", at: extValue, path: "\(path).ext_type", ruleID: "ext-type"))
            return ItemShape(contentType: contentType, declared: nil, extText: extText, data: data)
        }
        return ItemShape(contentType: contentType, declared: declared, extText: extText, data: data)
    }

    private static func check(_ pending: PendingMedia, file: String, sniffer: MediaSniffer) -> CheckedMedia {
        let location = pending.value.position.location(in: file)
        var text = pending.value.stringValue ?? ""
        let decoded: Data
        do {
            decoded = try text.withUTF8 { (bytes) throws(Base64Error) in try Base64.decode(UnsafeRawBufferPointer(bytes)) }
        } catch {
            return CheckedMedia(data: nil, media: nil, problems: [
                Diagnostic(.error, "data is not strict base64: \(error); encode the file with standard base64, no line breaks", location: location, path: pending.path, ruleID: "data-base64")
            ])
        }
        if decoded.isEmpty {
            return CheckedMedia(data: nil, media: nil, problems: [
                Diagnostic(.error, "data is empty; a media item needs the file's bytes in base64", location: location, path: pending.path, ruleID: "data-base64")
            ])
        }
        let outcome = decoded.withUnsafeBytes { bytes in
            MediaVerdict.check(bytes, declared: pending.declared, declaredText: pending.text, subject: .jsonItem, sniffer: sniffer)
        }
        let problems = outcome.problems.map {
            Diagnostic($0.severity, $0.message, location: location, path: pending.path, ruleID: $0.ruleID)
        }
        return CheckedMedia(data: decoded, media: outcome.media, problems: problems)
    }

    private func diagnostic(_ severity: Diagnostic.Severity, _ message: String, at value: JSONValue, path: String, ruleID: String) -> Diagnostic {
        Diagnostic(severity, message, location: value.position.location(in: file), path: path, ruleID: ruleID)
    }
}
