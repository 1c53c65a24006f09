/// The machine-readable summary `mmskit inspect --json` prints: every item, its sizes, and the totals.
public struct ContentReport: Sendable, Codable {
    /// The sizes of the whole message, summed over its items.
    public struct Totals: Sendable, Codable {
        /// How many frames the content has.
        public var frames: Int
        /// How many items (texts and media) the frames hold in all.
        public var items: Int
        /// Bytes before base64.
        public var rawBytes: Int
        /// Bytes of the `data` values on the wire.
        public var wireBytes: Int
        /// Bytes of the content array as JSON (what the `content` field weighs in a request).
        public var contentJSONBytes: Int
    }

    /// The JSON file or media directory the report is about, as the user named it.
    public var source: String
    /// The template fields found with the content (manifest or JSON body, merged with flags by the CLI).
    public var fields: TemplateFields
    /// Every item, frame by frame, with its sizes and sniffed media facts.
    public var items: [AnalyzedItem]
    /// The frame and item counts and the byte sizes of the whole message.
    public var totals: Totals
    /// What the analysis found wrong or worth noting, in the one diagnostic order.
    public var diagnostics: [Diagnostic]

    /// The report of `analysis`, which was made from `source`.
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
