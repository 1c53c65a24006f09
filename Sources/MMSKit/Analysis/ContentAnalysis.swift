/// Content together with what was learned while building or reading it: per-item facts and any warnings.
public struct ContentAnalysis: Sendable {
    /// The content itself, ready to encode or send.
    public var content: MMSContent
    /// Template fields from the manifest or the JSON body (and flags, where the CLI merges them).
    public var fields: TemplateFields
    /// One entry per item, frame by frame, in display order.
    public var items: [AnalyzedItem]
    /// Warnings and notes found on the way (errors are thrown, never returned here).
    public var diagnostics: [Diagnostic]

    /// An analysis of `content` with its fields, per-item facts and non-error diagnostics.
    public init(content: MMSContent, fields: TemplateFields, items: [AnalyzedItem], diagnostics: [Diagnostic]) {
        self.content = content
        self.fields = fields
        self.items = items
        self.diagnostics = diagnostics
    }

    /// Bytes before base64, all items.
    public var rawBytes: Int { items.reduce(0) { $0 + $1.rawBytes } }
    /// Bytes of all `data` values on the wire.
    public var wireBytes: Int { items.reduce(0) { $0 + $1.wireBytes } }
    /// Bytes of the whole content array as JSON.
    public var contentJSONBytes: Int { ContentJSON(content: content).byteCount }
}
