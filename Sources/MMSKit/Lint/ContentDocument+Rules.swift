extension ContentDocument {
    /// Whether this is a built media directory rather than JSON.
    public var isDirectory: Bool { root == nil }

    /// Whether the document carries content (a batch that only names a template_id does not).
    var carriesContent: Bool { kind != .batch || contentValue != nil }

    /// Whether title and sign_name must be present: templates always; batch bodies when they send content
    /// rather than a template_id (the ihuyi document: "when no template_id").
    var needsMessageFields: Bool {
        switch kind {
        case .template: true
        case .batch: fields["template_id"] == nil
        case .content, .directory: false
        }
    }

    /// Location for a document-level finding about a missing field: the top-level object.
    var rootLocation: Diagnostic.Location {
        root.map { $0.position.location(in: file) }
            ?? Diagnostic.Location(file: isDirectory ? "\(file)/mms.yaml" : file)
    }

    /// Raw bytes of an item: text as UTF-8, media decoded.
    func rawBytes(of item: DocumentItem) -> Int {
        if let text = item.text { return text.utf8.count }
        return item.media?.bytes?.count ?? 0
    }
}

/// A valid templateCreate body used as the non-triggering example of most rules.
enum RuleExamples {
    static let validTemplate = #"""
        {"title": "春季新品", "sign_name": "【星河咖啡】", "purpose": "会员新品推荐",
         "content": [[{"con_type": "image", "ext_type": "png", "data": "«png»"},
                      {"con_type": "text", "ext_type": "txt", "data": "春季新品上市，到店立减5元。回T退订"}]]}
        """#

    /// A valid batchSend body sending content.
    static let validBatch = #"""
        {"product_id": 1018, "phone": ["13800138000", "+86 139-0013-9000"], "sign_name": "【星河咖啡】",
         "title": "春季新品",
         "content": [[{"con_type": "image", "ext_type": "jpg", "data": "«jpg»"},
                      {"con_type": "text", "ext_type": "txt", "data": "春季新品上市。回T退订"}]]}
        """#

    /// `text` with a `↓` marker (where a triggering example's diagnostic must point) before the first `anchor`.
    static func marking(_ text: String, before anchor: String) -> String {
        guard let range = text.range(of: anchor) else { preconditionFailure("\(anchor) is not in the example") }
        return text.replacingCharacters(in: range, with: "\(LintExample.marker)\(anchor)")
    }

    /// `validTemplate` with its content replaced.
    static func template(content: String) -> String {
        #"{"title": "春季新品", "sign_name": "【星河咖啡】", "purpose": "会员新品推荐", "content": "# + content + "}"
    }

    /// `validBatch` with some fields replaced: `fields` is the JSON text of the other members.
    static func batch(_ fields: String) -> String {
        #"{"# + fields
            + #", "content": [[{"con_type": "text", "ext_type": "txt", "data": "新品上市。回T退订"}, {"con_type": "image", "ext_type": "gif", "data": "«gif»"}]]}"#
    }
}

extension ContentDocument {
    /// Where a finding about an item's data points: the `data` value, or the item's file in a directory.
    func dataLocation(of item: DocumentItem) -> Diagnostic.Location {
        item.location(of: "data", in: file)
    }

    /// The JSON path of an item's data (`content[1][0].data`); none in a directory, whose location is the file.
    func dataPath(of item: DocumentItem) -> String? {
        isDirectory ? nil : "\(item.path).data"
    }

    /// The JSON path of the frame array; none in a directory.
    var contentPath: String? { isDirectory ? nil : "content" }
}
