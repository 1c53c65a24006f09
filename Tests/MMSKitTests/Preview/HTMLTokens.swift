/// A strict little reading of a preview page as the tags and the text between them. The renderer escapes every
/// `<`, `>`, `"` and `'` of untrusted text, so splitting at `<` and `>` finds exactly the markup the renderer
/// wrote: markup smuggled in through the content would show up here as a tag or an attribute.
struct HTMLTokens {
    struct Tag {
        var name: String
        var attributes: [(name: String, value: String?)]
        var isClosing: Bool
    }

    var tags: [Tag] = []
    /// Text between tags (the style sheet included), still escaped.
    var texts: [String] = []

    init(_ html: String) {
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            texts.append(String(rest[..<open]))
            guard let close = rest[open...].firstIndex(of: ">") else {
                texts.append(String(rest[open...]))
                return
            }
            tags.append(Self.tag(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        texts.append(String(rest))
    }

    private static func tag(_ body: Substring) -> Tag {
        var body = body
        let isClosing = body.first == "/"
        if isClosing { body = body.dropFirst() }
        let name = body.prefix { !$0.isWhitespace }
        var rest = body.dropFirst(name.count)
        var attributes: [(name: String, value: String?)] = []
        while true {
            rest = rest.drop { $0.isWhitespace }
            guard !rest.isEmpty else { break }
            let attributeName = rest.prefix { !$0.isWhitespace && $0 != "=" }
            rest = rest.dropFirst(attributeName.count)
            var value: String?
            if rest.first == "=" {
                rest = rest.dropFirst()
                if let quote = rest.first, quote == "\"" || quote == "'" {
                    let inner = rest.dropFirst().prefix { $0 != quote }
                    value = String(inner)
                    rest = rest.dropFirst(inner.count + 2)
                } else {
                    let inner = rest.prefix { !$0.isWhitespace }
                    value = String(inner)
                    rest = rest.dropFirst(inner.count)
                }
            }
            attributes.append((String(attributeName).lowercased(), value))
        }
        return Tag(name: String(name).lowercased(), attributes: attributes, isClosing: isClosing)
    }

    /// The opening tags named `name`.
    func opening(_ name: String) -> [Tag] {
        tags.filter { $0.name == name && !$0.isClosing }
    }
}

extension HTMLTokens.Tag {
    func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value ?? nil
    }
}
