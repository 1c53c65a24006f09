/// The machine-readable summary `mmskit inspect --json` prints: every item, its sizes, and the totals.
public struct ContentReport: Sendable, Codable {
    public struct Totals: Sendable, Codable {
        public var frames: Int
        public var items: Int
        /// Bytes before base64.
        public var rawBytes: Int
        /// Bytes of the `data` values on the wire.
        public var wireBytes: Int
        /// Bytes of the content array as JSON (what the `content` field weighs in a request).
        public var contentJSONBytes: Int
    }

    public var source: String
    public var fields: TemplateFields
    public var items: [AnalyzedItem]
    public var totals: Totals
    public var diagnostics: [Diagnostic]

    public init(source: String, analysis: ContentAnalysis) {
        self.source = source
        fields = analysis.fields
        items = analysis.items
        totals = Totals(
            frames: analysis.content.frames.count, items: analysis.items.count, rawBytes: analysis.rawBytes,
            wireBytes: analysis.wireBytes, contentJSONBytes: analysis.contentJSONBytes)
        diagnostics = analysis.diagnostics
    }
}
