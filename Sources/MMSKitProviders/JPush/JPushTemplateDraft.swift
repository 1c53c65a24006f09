import Foundation

/// A template to submit for review (create or update), checked against the JSMS rules before it is sent.
public struct JPushTemplateDraft: Encodable, Sendable, Hashable {
    /// The most characters JSMS accepts in a template.
    public static let maximumLength = 500
    /// The longest validity, in seconds, of a verification code.
    public static let maximumTTL = 86_400

    /// The template text; variables are written `{{name}}`.
    public var text: String
    /// What the template is for.
    public var type: JPushTemplateType
    /// Seconds a verification code stays valid: required for, and only meaningful to, verification codes.
    public var ttl: Int?
    /// A note for the reviewers; required when the text has a `{{url}}` link.
    public var remark: String?

    enum CodingKeys: String, CodingKey {
        case text = "template"
        case type
        case ttl
        case remark
    }

    /// A draft; `validate()` checks it against JSMS's rules before it is sent.
    public init(text: String, type: JPushTemplateType, ttl: Int? = nil, remark: String? = nil) {
        self.text = text
        self.type = type
        self.ttl = ttl
        self.remark = remark
    }

    /// The names of the `{{variables}}` in the text, in order of appearance, repeats included.
    public var variables: [String] { variableOccurrences.map(\.name) }

    /// Checks the rules JSMS would otherwise reject the draft for (length, ttl, variables, 【】, link remark).
    /// - Throws: `JPushError.invalidDraft` naming the first rule broken.
    public func validate() throws(JPushError) {
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw .invalidDraft("the template text is empty")
        }
        if text.count > Self.maximumLength {
            throw .invalidDraft(
                "the template text is \(text.count) characters; JSMS accepts at most \(Self.maximumLength)")
        }
        if text.contains("【") || text.contains("】") {
            throw .invalidDraft(
                "the template text contains 【】, which JSMS rejects: the sign is added by JSMS, remove them")
        }
        let occurrences = variableOccurrences
        if type == .verificationCode {
            guard let ttl else {
                throw .invalidDraft("a verification-code template needs a ttl (1...\(Self.maximumTTL) seconds)")
            }
            guard ttl > 0, ttl <= Self.maximumTTL else {
                throw .invalidDraft(
                    "ttl \(ttl) is out of range: a verification code lives 1...\(Self.maximumTTL) seconds")
            }
            let others = Set(occurrences.map(\.name)).subtracting(["code"]).sorted()
            guard others.isEmpty else {
                let names = others.map { "{{\($0)}}" }.joined(separator: ", ")
                throw .invalidDraft("a verification-code template may only use {{code}}, not \(names)")
            }
            guard occurrences.contains(where: { $0.name == "code" }) else {
                throw .invalidDraft("a verification-code template must contain {{code}}")
            }
        }
        if let link = occurrences.first(where: { $0.isLink && $0.name != "url" }) {
            throw .invalidDraft("the link variable {{\(link.name)}} must be named {{url}}")
        }
        if occurrences.contains(where: { $0.name == "url" }),
            (remark ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        {
            throw .invalidDraft("a template with the {{url}} link variable needs a remark describing the link")
        }
    }

    /// Each `{{name}}` in the text, and whether it stands for (part of) a link.
    private var variableOccurrences: [(name: String, isLink: Bool)] {
        var found: [(name: String, isLink: Bool)] = []
        var rest = text[...]
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            let word = text[..<open.lowerBound].reversed().prefix { !$0.isWhitespace && $0.isASCII }
            let lead = String(word.reversed()).lowercased()
            let insideURL = lead.contains("://") || lead.hasPrefix("www.")
            let lowered = name.lowercased()
            let namedLikeLink =
                ["url", "link"].contains { lowered.hasPrefix($0) || lowered.hasSuffix($0) }
                || ["href", "uri", "website"].contains(lowered)
            found.append((name, insideURL || namedLikeLink))
            rest = rest[close.upperBound...]
        }
        return found
    }
}
